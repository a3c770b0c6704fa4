/**
 * The articles repository: the META item (the article, its ingest state and lease), the text and layout in chunks,
 * the article list on the index. Pure command builders (`…Input`) and the calls that send them.
 */
import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
  type GetCommandInput,
  type PutCommandInput,
  type QueryCommandInput,
  type TransactWriteCommandInput,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ArticleSummary, type Article } from '../../schemas/article.js';
import type { Claim, Segment } from '../../schemas/claim.js';
import { getAll } from './batch.js';
import { decodeSegments, encodeSegments, splitText } from './chunks.js';
import { articleClaimsInput, claimItem, QUEUE_KEY_NAMES, queueKeys, toClaim } from './claims.js';
import { guarded, queryAll, type Storage } from './client.js';
import { allowed, returnedItem, stamped, type Item } from './items.js';
import * as keys from './keys.js';
import { isLinkItem, putInParallel, toLink, type StoredLink } from './matches.js';
import { articleDelta, fullCounts, statsUpdate } from './stats.js';

/**
 * Archiving moves through these states, all with `archived: true` on META (readers honour that alone):
 * `archiving` (claims leaving the queues), `archived` (done), `restoring` (claims coming back; restore ends by
 * removing `archived`). A crash leaves the state where it was; running the same operation again completes it.
 */
export type ArchiveState = 'archiving' | 'archived' | 'restoring';

/** The article as stored: the API's summary plus the state of its ingest and of its archiving. */
export interface ArticleRecord extends ArticleSummary {
  state: 'ingesting' | 'complete';
  /** Held by the request writing the article, until `leaseUntil` (ms since the epoch). */
  leaseToken?: string;
  leaseUntil?: number;
  /** The lease token of the request that completed the ingest. */
  completedBy?: string;
  /** Archived (or being archived or restored): out of every list, queue, count and search. */
  archived?: boolean;
  archiveState?: ArchiveState;
  archivedAt?: string;
  archivedBy?: string;
  /** Its claims' links are summarised (REPEATS#<seq>, lib/store/matches.ts): set on every article stored since. */
  linkSummaries?: boolean;
}

/** The article as the API shows it; every status has a count, also on articles stored before a status existed. */
export function toSummary(item: Item): ArticleSummary {
  return { ...allowed(ArticleSummary, item), statusCounts: fullCounts(item.statusCounts) };
}

export function toRecord(item: Item): ArticleRecord {
  const record: ArticleRecord = { ...toSummary(item), state: item.state === 'complete' ? 'complete' : 'ingesting' };
  if (typeof item.leaseToken === 'string') record.leaseToken = item.leaseToken;
  if (typeof item.leaseUntil === 'number') record.leaseUntil = item.leaseUntil;
  if (typeof item.completedBy === 'string') record.completedBy = item.completedBy;
  if (item.archived === true) record.archived = true;
  if (item.archiveState === 'archiving' || item.archiveState === 'archived' || item.archiveState === 'restoring') record.archiveState = item.archiveState;
  if (typeof item.archivedAt === 'string') record.archivedAt = item.archivedAt;
  if (typeof item.archivedBy === 'string') record.archivedBy = item.archivedBy;
  if (item.linkSummaries === true) record.linkSummaries = true;
  return record;
}

/**
 * The predicate every feature uses to decide whether an article (and so each of its claims) may be shown, queued,
 * counted, searched or matched: completely stored and not archived.
 */
export const isListed = (record: Pick<ArticleRecord, 'state' | 'archived'> | undefined): boolean =>
  record?.state === 'complete' && record.archived !== true;

export function metaItem(record: ArticleRecord): Item {
  return stamped('article', { PK: keys.articlePk(record.articleId), SK: keys.META }, record);
}

/** The text and the layout, in chunks that each fit an item. */
export function contentItems(articleId: string, text: string, segments: Segment[]): Item[] {
  const PK = keys.articlePk(articleId);
  return [
    ...splitText(text).map((text, n) => stamped('body', { PK, SK: keys.bodySk(n) }, { text })),
    ...splitText(encodeSegments(segments)).map((segments, n) => stamped('layout', { PK, SK: keys.layoutSk(n) }, { segments })),
  ];
}

/** Claims the article for a writer: only if nobody has, or the last writer's lease ran out before `nowMs`. */
export function claimIngestInput(tableName: string, record: ArticleRecord, nowMs: number): PutCommandInput {
  return {
    TableName: tableName,
    Item: metaItem(record),
    ConditionExpression: 'attribute_not_exists(PK) OR (#state = :ingesting AND leaseUntil < :now)',
    ExpressionAttributeNames: { '#state': 'state' },
    ExpressionAttributeValues: { ':ingesting': 'ingesting', ':now': nowMs },
    ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
  };
}

type CompletedRecord = Pick<ArticleRecord, 'articleId' | 'createdAt' | 'claimCount' | 'statusCounts'>;

/**
 * Marks the article complete and lists it, only while `leaseToken` still holds the lease, and adds it to the desk's
 * counts in the same transaction. The lease token doubles as the idempotency token, so a re-sent copy never counts twice.
 */
export function completeIngestInput(
  tableName: string,
  record: CompletedRecord,
  leaseToken: string,
  attempt = 1,
  also: NonNullable<TransactWriteCommandInput['TransactItems']> = [],
): TransactWriteCommandInput {
  return {
    // Each attempt after a conflict is a new request: it gets its own token (at most 36 characters).
    ClientRequestToken: (attempt === 1 ? leaseToken : `${attempt}-${leaseToken}`).slice(0, 36),
    TransactItems: [
      {
        Update: {
          TableName: tableName,
          Key: { PK: keys.articlePk(record.articleId), SK: keys.META },
          UpdateExpression: 'SET #state = :complete, GSI1PK = :listPk, GSI1SK = :listSk, completedBy = :token REMOVE leaseToken, leaseUntil',
          ConditionExpression: 'leaseToken = :token',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':complete': 'complete',
            ':listPk': keys.ARTICLE_LIST_PK,
            ':listSk': keys.articleListSk(record.createdAt, record.articleId),
            ':token': leaseToken,
          },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      statsUpdate(tableName, record.articleId, articleDelta(record.claimCount, record.statusCounts, 1)),
      ...also,
    ],
  };
}

export function recordInput(tableName: string, articleId: string): GetCommandInput {
  return { TableName: tableName, Key: { PK: keys.articlePk(articleId), SK: keys.META }, ConsistentRead: true };
}

/** The article's META, text, layout and claims: one range of its partition (review events sort after META). */
export function articleItemsInput(tableName: string, articleId: string): QueryCommandInput {
  return {
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.articlePk(articleId), ':from': keys.FIRST_ARTICLE_SK, ':to': keys.META },
  };
}

/** Every item of an article's partition: META, text, layout, claims and review events (archive, restore, checks). */
export function partitionInput(tableName: string, articleId: string): QueryCommandInput {
  return { TableName: tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.articlePk(articleId) } };
}

/** Listed (complete) articles, or archived ones, newest first. */
export function articleListInput(tableName: string, limit: number, startKey: Item | undefined, archived = false): QueryCommandInput {
  return {
    TableName: tableName,
    IndexName: keys.INDEX,
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': archived ? keys.ARCHIVED_LIST_PK : keys.ARTICLE_LIST_PK },
    ScanIndexForward: false,
    Limit: limit,
    ...(startKey ? { ExclusiveStartKey: startKey } : {}),
  };
}

export const metaKey = (articleId: string): Item => ({ PK: keys.articlePk(articleId), SK: keys.META });

/** A conditional write either happened, or did not and hands back the article as it is stored. */
export type ConditionalOutcome = { written: true } | { written: false; current: ArticleRecord | undefined };

async function conditional(send: () => Promise<unknown>): Promise<ConditionalOutcome> {
  try {
    await guarded(send);
    return { written: true };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const stored = returnedItem(error.Item);
    return { written: false, current: stored ? toRecord(stored) : undefined };
  }
}

export function claimIngest(storage: Storage, record: ArticleRecord, nowMs: number): Promise<ConditionalOutcome> {
  return conditional(() => storage.db.send(new PutCommand(claimIngestInput(storage.tableName, record, nowMs))));
}

/** A completion either happened, or lost the lease (the stored article comes back), or collided and may be retried. */
export type CompletionOutcome = ConditionalOutcome | { written: false; conflict: true };

export async function completeIngest(
  storage: Storage,
  record: CompletedRecord,
  leaseToken: string,
  attempt = 1,
  also: NonNullable<TransactWriteCommandInput['TransactItems']> = [],
): Promise<CompletionOutcome> {
  try {
    await guarded(() => storage.db.send(new TransactWriteCommand(completeIngestInput(storage.tableName, record, leaseToken, attempt, also))));
    return { written: true };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const [metaReason] = error.CancellationReasons ?? [];
    // Another transaction on the same counts shard (or META) was in flight: nothing was written.
    if (metaReason?.Code !== 'ConditionalCheckFailed') return { written: false, conflict: true };
    const stored = returnedItem(metaReason.Item as Record<string, unknown> | undefined);
    return { written: false, current: stored ? toRecord(stored) : undefined };
  }
}

/**
 * Writes the text, layout and claims of an article, and `extra` items that go with them (its claims' index entries and
 * links), several batches at a time (idempotent: a writer taking over writes the same items).
 */
export function putContent(storage: Storage, articleId: string, text: string, segments: Segment[], claims: Claim[], extra: Item[] = []): Promise<void> {
  return putInParallel(storage, [...contentItems(articleId, text, segments), ...claims.map((claim) => claimItem(claim)), ...extra]);
}

export async function readRecord(storage: Storage, articleId: string): Promise<ArticleRecord | undefined> {
  const answer = await guarded(() => storage.db.send(new GetCommand(recordInput(storage.tableName, articleId))));
  return answer.Item ? toRecord(answer.Item) : undefined;
}

/** The stored article with its text, layout and claims in text order; undefined when there is no META item. */
export async function readStored(storage: Storage, articleId: string): Promise<StoredArticle | undefined> {
  const items = await queryAll(storage, articleItemsInput(storage.tableName, articleId));
  return assemble(items);
}

/** An article as stored; `links` are its claims' links to claims of other articles (MATCH# items sort before META). */
export interface StoredArticle {
  record: ArticleRecord;
  article: Article;
  claims: Claim[];
  links: StoredLink[];
}

/** Puts an article back together from the items of its partition (in sort-key order). */
export function assemble(items: Item[]): StoredArticle | undefined {
  const meta = items.find((item) => item.entity === 'article');
  if (!meta) return undefined;
  const of = (entity: string) => items.filter((item) => item.entity === entity);
  const text = of('body').map((item) => String(item.text)).join('');
  const layout = of('layout').map((item) => String(item.segments)).join('');
  const article: Article = { ...toSummary(meta), text, segments: decodeSegments(layout) };
  return { record: toRecord(meta), article, claims: of('claim').map(toClaim), links: items.filter(isLinkItem).map(toLink) };
}

/** The article, claims and links exactly as `readStored` would read them back, from the items an ingest just wrote. */
export function asStored(record: ArticleRecord, text: string, segments: Segment[], claims: Claim[], extra: Item[] = []): Omit<StoredArticle, 'record'> {
  const pk = keys.articlePk(record.articleId);
  const own = extra.filter((item) => item.PK === pk);
  const stored = assemble([...contentItems(record.articleId, text, segments), ...claims.map((claim) => claimItem(claim)), ...own, metaItem(record)])!;
  return { article: stored.article, claims: stored.claims, links: stored.links };
}

export function readPartition(storage: Storage, articleId: string): Promise<Item[]> {
  return queryAll(storage, partitionInput(storage.tableName, articleId));
}

export async function listPage(
  storage: Storage,
  limit: number,
  startKey: Item | undefined,
  archived = false,
): Promise<{ items: ArticleSummary[]; lastKey: Item | undefined }> {
  const page = await guarded(() => storage.db.send(new QueryCommand(articleListInput(storage.tableName, limit, startKey, archived))));
  return { items: (page.Items ?? []).map(toSummary), lastKey: page.LastEvaluatedKey };
}

/**
 * Which of these articles are listed (complete and not archived: `isListed`), with their titles: one BatchGet of
 * their META items. Features that find claims through an index (queues, similar-claim search) drop the others.
 */
export async function listedArticles(storage: Storage, articleIds: string[]): Promise<Map<string, { title: string }>> {
  // Strongly consistent: an article archived a moment ago is already out of the page.
  const items = await getAll(storage, articleIds.map(metaKey), ['articleId', 'state', 'archived', 'title'], { consistent: true });
  const listed = new Map<string, { title: string }>();
  for (const item of items) {
    if (isListed({ state: item.state === 'complete' ? 'complete' : 'ingesting', archived: item.archived === true })) {
      listed.set(String(item.articleId), { title: String(item.title ?? '') });
    }
  }
  return listed;
}

/** Which of these articles are listed (complete and not archived). */
export async function completeArticleIds(storage: Storage, articleIds: string[]): Promise<Set<string>> {
  return new Set((await listedArticles(storage, articleIds)).keys());
}

// ---- Archiving -------------------------------------------------------------------------------------------------

/** Claims moved in one transaction, with a check that the archive operation still holds the article. */
export const ARCHIVE_CHUNK = 50;

/** The article's counts are still those read: a review landing in between would make the desk's counts drift. */
function countsUnchanged(counts: ArticleRecord['statusCounts']): { expression: string; names: Record<string, string>; values: Record<string, unknown> } {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const terms = Object.entries(counts).map(([status, n], i) => {
    names[`#s${i}`] = status;
    values[`:s${i}`] = n;
    // An article stored before a status existed has no count for it: absent means 0.
    return n === 0 ? `(attribute_not_exists(statusCounts.#s${i}) OR statusCounts.#s${i} = :s${i})` : `statusCounts.#s${i} = :s${i}`;
  });
  return { expression: terms.join(' AND '), names, values };
}

/**
 * Archive, step 1: mark META archived (readers honour this at once), move it to the archived list and take its
 * counts out of the desk's, in one transaction; only if it is complete, not archived and its counts are as read.
 */
export function archiveStartInput(tableName: string, record: ArticleRecord, at: string, by: string): TransactWriteCommandInput {
  const counts = countsUnchanged(record.statusCounts);
  return {
    TransactItems: [
      {
        Update: {
          TableName: tableName,
          Key: metaKey(record.articleId),
          UpdateExpression: 'SET archived = :true, archiveState = :archiving, archivedAt = :at, archivedBy = :by, GSI1PK = :archivedPk',
          ConditionExpression: `#state = :complete AND attribute_not_exists(archived) AND ${counts.expression}`,
          ExpressionAttributeNames: { '#state': 'state', ...counts.names },
          ExpressionAttributeValues: {
            ':true': true, ':archiving': 'archiving', ':at': at, ':by': by, ':archivedPk': keys.ARCHIVED_LIST_PK, ':complete': 'complete', ...counts.values,
          },
        },
      },
      statsUpdate(tableName, record.articleId, articleDelta(record.claimCount, record.statusCounts, -1)),
    ],
  };
}

/** Moves an archived article from one archive state to another (taking over an operation that did not finish). */
export function archiveStateInput(tableName: string, articleId: string, from: ArchiveState, to: ArchiveState): UpdateCommandInput {
  return {
    TableName: tableName,
    Key: metaKey(articleId),
    UpdateExpression: 'SET archiveState = :to',
    ConditionExpression: 'archived = :true AND archiveState = :from',
    ExpressionAttributeValues: { ':true': true, ':from': from, ':to': to },
  };
}

/**
 * Takes a chunk of claims out of the queues (archive) or puts them back where they were (restore: the keys follow from
 * the claim's own fields, which cannot change while archived); only while the operation `state` still holds the article.
 */
export function moveClaimsInput(tableName: string, articleId: string, claims: Claim[], state: 'archiving' | 'restoring'): TransactWriteCommandInput {
  return {
    TransactItems: [
      {
        ConditionCheck: {
          TableName: tableName,
          Key: metaKey(articleId),
          ConditionExpression: 'archived = :true AND archiveState = :state',
          ExpressionAttributeValues: { ':true': true, ':state': state },
        },
      },
      ...claims.map((claim) => {
        const Key = { PK: keys.articlePk(articleId), SK: keys.claimSk(claim.seq) };
        if (state === 'archiving') {
          return { Update: { TableName: tableName, Key, UpdateExpression: `REMOVE ${QUEUE_KEY_NAMES.join(', ')}`, ConditionExpression: 'attribute_exists(PK)' } };
        }
        const queue = queueKeys(claim);
        return {
          Update: {
            TableName: tableName,
            Key,
            UpdateExpression: `SET ${QUEUE_KEY_NAMES.map((name) => `${name} = :${name}`).join(', ')}`,
            ConditionExpression: 'attribute_exists(PK)',
            ExpressionAttributeValues: Object.fromEntries(QUEUE_KEY_NAMES.map((name) => [`:${name}`, queue[name]])),
          },
        };
      }),
    ],
  };
}

/** Restore, last step: META back on the article list and its counts back in the desk's, in one transaction. */
export function restoreEndInput(tableName: string, record: ArticleRecord): TransactWriteCommandInput {
  const counts = countsUnchanged(record.statusCounts);
  return {
    TransactItems: [
      {
        Update: {
          TableName: tableName,
          Key: metaKey(record.articleId),
          UpdateExpression: 'SET GSI1PK = :listPk, GSI1SK = :listSk REMOVE archived, archiveState, archivedAt, archivedBy',
          ConditionExpression: `archived = :true AND archiveState = :restoring AND ${counts.expression}`,
          ExpressionAttributeNames: counts.names,
          ExpressionAttributeValues: {
            ':true': true, ':restoring': 'restoring', ':listPk': keys.ARTICLE_LIST_PK, ':listSk': keys.articleListSk(record.createdAt, record.articleId), ...counts.values,
          },
        },
      },
      statsUpdate(tableName, record.articleId, articleDelta(record.claimCount, record.statusCounts, 1)),
    ],
  };
}

export function setArchiveState(storage: Storage, articleId: string, from: ArchiveState, to: ArchiveState): Promise<ConditionalOutcome> {
  return conditional(() => storage.db.send(new UpdateCommand(archiveStateInput(storage.tableName, articleId, from, to))));
}

/** The article's claims as stored, with whether each is in the queues now. */
export async function claimsWithQueueState(storage: Storage, articleId: string): Promise<{ claim: Claim; queued: boolean }[]> {
  const items = await queryAll(storage, articleClaimsInput(storage.tableName, articleId));
  return items.map((item) => ({ claim: toClaim(item), queued: item.GSI1PK !== undefined }));
}
