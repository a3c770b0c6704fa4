/**
 * The articles repository: the META item (the article, its ingest state and lease), the text and layout in chunks,
 * the article list on the index. Pure command builders (`…Input`) and the calls that send them.
 */
import { GetCommand, PutCommand, QueryCommand, UpdateCommand, type GetCommandInput, type PutCommandInput, type QueryCommandInput, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ArticleSummary, type Article } from '../../schemas/article.js';
import type { Claim, Segment } from '../../schemas/claim.js';
import { getAll } from './batch.js';
import { decodeSegments, encodeSegments, splitText } from './chunks.js';
import { claimItem, toClaim } from './claims.js';
import { guarded, queryAll, type Storage } from './client.js';
import { allowed, returnedItem, stamped, type Item } from './items.js';
import * as keys from './keys.js';
import { isLinkItem, putInParallel, toLink, type StoredLink } from './matches.js';

/** The article as stored: the API's summary plus the state of its ingest. */
export interface ArticleRecord extends ArticleSummary {
  state: 'ingesting' | 'complete';
  /** Held by the request writing the article, until `leaseUntil` (ms since the epoch). */
  leaseToken?: string;
  leaseUntil?: number;
  /** The lease token of the request that completed the ingest. */
  completedBy?: string;
}

export const toSummary = (item: Item): ArticleSummary => allowed(ArticleSummary, item);

export function toRecord(item: Item): ArticleRecord {
  const record: ArticleRecord = { ...toSummary(item), state: item.state === 'complete' ? 'complete' : 'ingesting' };
  if (typeof item.leaseToken === 'string') record.leaseToken = item.leaseToken;
  if (typeof item.leaseUntil === 'number') record.leaseUntil = item.leaseUntil;
  if (typeof item.completedBy === 'string') record.completedBy = item.completedBy;
  return record;
}

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

/** Marks the article complete and lists it, only while `leaseToken` still holds the lease. */
export function completeIngestInput(tableName: string, record: Pick<ArticleRecord, 'articleId' | 'createdAt'>, leaseToken: string): UpdateCommandInput {
  return {
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

/** Listed (complete) articles, newest first. */
export function articleListInput(tableName: string, limit: number, startKey: Item | undefined): QueryCommandInput {
  return {
    TableName: tableName,
    IndexName: keys.INDEX,
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.ARTICLE_LIST_PK },
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

export function completeIngest(storage: Storage, record: Pick<ArticleRecord, 'articleId' | 'createdAt'>, leaseToken: string): Promise<ConditionalOutcome> {
  return conditional(() => storage.db.send(new UpdateCommand(completeIngestInput(storage.tableName, record, leaseToken))));
}

/**
 * Writes the text, layout and claims of an article, and `extra` items that go with them (its claims' index entries and
 * links), several batches at a time (idempotent: a writer taking over writes the same items).
 */
export function putContent(storage: Storage, articleId: string, text: string, segments: Segment[], claims: Claim[], extra: Item[] = []): Promise<void> {
  return putInParallel(storage, [...contentItems(articleId, text, segments), ...claims.map(claimItem), ...extra]);
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
  const stored = assemble([...contentItems(record.articleId, text, segments), ...claims.map(claimItem), ...own, metaItem(record)])!;
  return { article: stored.article, claims: stored.claims, links: stored.links };
}

export function readPartition(storage: Storage, articleId: string): Promise<Item[]> {
  return queryAll(storage, partitionInput(storage.tableName, articleId));
}

export async function listPage(storage: Storage, limit: number, startKey: Item | undefined): Promise<{ items: ArticleSummary[]; lastKey: Item | undefined }> {
  const page = await guarded(() => storage.db.send(new QueryCommand(articleListInput(storage.tableName, limit, startKey))));
  return { items: (page.Items ?? []).map(toSummary), lastKey: page.LastEvaluatedKey };
}

/** Which of these articles are completely stored and not archived (META's `archived` flag). */
export async function completeArticleIds(storage: Storage, articleIds: string[]): Promise<Set<string>> {
  const items = await getAll(storage, articleIds.map(metaKey), ['articleId', 'state', 'archived']);
  return new Set(items.filter((item) => item.state === 'complete' && item.archived !== true).map((item) => String(item.articleId)));
}
