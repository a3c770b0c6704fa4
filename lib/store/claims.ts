/**
 * The claims repository: claim items, the review queue on the index and review events. Pure command builders
 * (`…Input`, unit-tested without sending anything) and the calls that send them.
 */
import { QueryCommand, TransactWriteCommand, type GetCommandInput, type QueryCommandInput, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { Claim, ReviewEvent, type ClaimStatus, type ClaimType } from '../../schemas/claim.js';
import { getAll } from './batch.js';
import { guarded, queryAll, type Storage } from './client.js';
import { allowed, returnedItem, stamped, type Item } from './items.js';
import * as keys from './keys.js';
import { statsUpdate } from './stats.js';

/** API objects from stored items: only the fields the schemas name (a stored claim never carries its article's title). */
export function toClaim(item: Item): Claim {
  const claim = allowed(Claim, item);
  delete claim.articleTitle;
  return claim;
}
export const toReviewEvent = (item: Item): ReviewEvent => allowed(ReviewEvent, item);

/** Where a claim sits in the queues: by status (GSI1) and by status and type (GSI2), most check-worthy first. */
export function queueKeys(claim: Pick<Claim, 'articleId' | 'seq' | 'status' | 'type' | 'checkworthiness' | 'createdAt'>): Item {
  const sk = keys.queueSk(claim.checkworthiness, claim.createdAt, claim.articleId, claim.seq);
  return { GSI1PK: keys.queuePk(claim.status), GSI1SK: sk, GSI2PK: keys.typeQueuePk(claim.status, claim.type), GSI2SK: sk };
}
export const QUEUE_KEY_NAMES = ['GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK'] as const;

/**
 * A claim as stored: in its article's partition, and in the queues of its status unless its article is archived.
 * The article's title is not stored on it (queue pages join it at read time).
 */
export function claimItem(claim: Claim, options: { archived?: boolean } = {}): Item {
  const { articleId, seq } = claim;
  const { articleTitle: _title, ...fields } = claim;
  return stamped(
    'claim',
    { PK: keys.articlePk(articleId), SK: keys.claimSk(seq), ...(options.archived ? {} : queueKeys(claim)) },
    fields,
  );
}

export function reviewItem(event: ReviewEvent): Item {
  const { articleId, seq } = keys.parseClaimId(event.claimId);
  return stamped('review', { PK: keys.articlePk(articleId), SK: keys.reviewSk(seq, event.version) }, event);
}

/** One queue: by status on GSI1, or by status and type on GSI2 (the same order, without reading other types). */
export interface QueueName {
  status: ClaimStatus;
  type?: ClaimType | undefined;
}

export function queuePageInput(tableName: string, queue: QueueName, limit: number, startKey: Item | undefined): QueryCommandInput {
  const byType = queue.type !== undefined;
  return {
    TableName: tableName,
    IndexName: byType ? keys.TYPE_INDEX : keys.INDEX,
    KeyConditionExpression: byType ? 'GSI2PK = :pk' : 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': byType ? keys.typeQueuePk(queue.status, queue.type!) : keys.queuePk(queue.status) },
    Limit: limit,
    ...(startKey ? { ExclusiveStartKey: startKey } : {}),
  };
}

/** Every claim of one article (at most 1,000), from its own partition, in text order. */
export function articleClaimsInput(tableName: string, articleId: string): QueryCommandInput {
  return {
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.articlePk(articleId), ':prefix': keys.CLAIM_PREFIX },
  };
}

export function claimInput(tableName: string, claimId: string): GetCommandInput {
  const { articleId, seq } = keys.parseClaimId(claimId);
  return { TableName: tableName, Key: { PK: keys.articlePk(articleId), SK: keys.claimSk(seq) }, ConsistentRead: true };
}

/** Whether the claim's article is completely stored and not archived (its META item), read alongside the claim. */
export function articleStateInput(tableName: string, articleId: string): GetCommandInput {
  return {
    TableName: tableName,
    Key: { PK: keys.articlePk(articleId), SK: keys.META },
    ProjectionExpression: '#state, archived',
    ExpressionAttributeNames: { '#state': 'state' },
    ConsistentRead: true,
  };
}

/**
 * One page of a claim's review events: oldest first from `startKey`, or (newest) the `limit` most recent, read
 * backwards. Sort keys carry the version zero-padded, so key order is version order.
 */
export function historyInput(
  tableName: string,
  claimId: string,
  page: { limit?: number; startKey?: Item | undefined; newest?: boolean } = {},
): QueryCommandInput {
  const { articleId, seq } = keys.parseClaimId(claimId);
  return {
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.articlePk(articleId), ':prefix': keys.reviewPrefix(seq) },
    ConsistentRead: true,
    ...(page.limit !== undefined ? { Limit: page.limit } : {}),
    ...(page.newest ? { ScanIndexForward: false } : {}),
    ...(page.startKey ? { ExclusiveStartKey: page.startKey } : {}),
  };
}

/** How a review changes the bytes of its article's notes and sources, and how many there may be before it. */
export interface AnnotationBudget {
  delta: number;
  room: number;
}

/** The article may be reviewed: it exists and is not archived (nor being archived or restored). */
const REVIEWABLE_ARTICLE = 'attribute_exists(PK) AND attribute_not_exists(archived)';

/**
 * One review as one transaction: the claim (only if it is still at `current.version`; if not, the stored claim comes
 * back with the cancellation), its review event, and the article: its status counts (and the desk's) when the status
 * changes, otherwise a check; either way only while the article is not archived.
 * Counts use if_not_exists: articles stored before a status existed have no count for it.
 */
export function reviewInput(
  tableName: string,
  current: Claim,
  next: Claim,
  event: ReviewEvent,
  budget: AnnotationBudget = { delta: 0, room: 0 },
): TransactWriteCommandInput {
  const metaKey = { PK: keys.articlePk(current.articleId), SK: keys.META };
  const moved = next.status !== current.status;
  const counts = moved
    ? ['statusCounts.#from = if_not_exists(statusCounts.#from, :zero) - :one', 'statusCounts.#to = if_not_exists(statusCounts.#to, :zero) + :one']
    : [];
  // Growing notes and sources must stay inside the article's budget; shrinking or keeping them always may.
  const grows = budget.delta > 0;
  return {
    TransactItems: [
      {
        Put: {
          TableName: tableName,
          Item: claimItem(next),
          ConditionExpression: 'version = :expected',
          ExpressionAttributeValues: { ':expected': current.version },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        },
      },
      { Put: { TableName: tableName, Item: reviewItem(event), ConditionExpression: 'attribute_not_exists(PK)' } },
      moved || budget.delta !== 0
        ? {
            Update: {
              TableName: tableName,
              Key: metaKey,
              UpdateExpression: [
                counts.length ? `SET ${counts.join(', ')}` : '',
                budget.delta !== 0 ? 'ADD annotationBytes :delta' : '',
              ].filter(Boolean).join(' '),
              ConditionExpression: grows
                ? `${REVIEWABLE_ARTICLE} AND (attribute_not_exists(annotationBytes) OR annotationBytes <= :room)`
                : REVIEWABLE_ARTICLE,
              ...(moved ? { ExpressionAttributeNames: { '#from': current.status, '#to': next.status } } : {}),
              ExpressionAttributeValues: {
                ...(moved ? { ':one': 1, ':zero': 0 } : {}),
                ...(budget.delta !== 0 ? { ':delta': budget.delta } : {}),
                ...(grows ? { ':room': budget.room } : {}),
              },
            },
          }
        : { ConditionCheck: { TableName: tableName, Key: metaKey, ConditionExpression: REVIEWABLE_ARTICLE } },
      ...(moved ? [statsUpdate(tableName, current.articleId, { statusCounts: { [current.status]: -1, [next.status]: 1 } })] : []),
    ],
  };
}

export interface QueueEntry {
  claim: Claim;
  /** Where the queue continues after this claim (a cursor position). */
  position: Item;
}

/** Up to `limit` entries of one queue from `startKey`, and where DynamoDB stopped (none: the queue ended). */
export async function queuePage(
  storage: Storage,
  queue: ClaimStatus | QueueName,
  limit: number,
  startKey: Item | undefined,
): Promise<{ entries: QueueEntry[]; lastKey: Item | undefined }> {
  const name = typeof queue === 'string' ? { status: queue } : queue;
  const page = await guarded(() => storage.db.send(new QueryCommand(queuePageInput(storage.tableName, name, limit, startKey))));
  const index = name.type !== undefined ? 'GSI2' : 'GSI1';
  const entries = (page.Items ?? []).map((item) => ({ claim: toClaim(item), position: keys.indexPosition(item, index) }));
  return { entries, lastKey: page.LastEvaluatedKey };
}

/** Every claim of one article, from its partition (bounded: an article holds at most 1,000 claims). */
export async function readArticleClaims(storage: Storage, articleId: string): Promise<Claim[]> {
  return (await queryAll(storage, articleClaimsInput(storage.tableName, articleId))).map(toClaim);
}

/** What a reader needs to know of the claim's article: completely stored, archived. */
export interface ClaimArticleState {
  articleComplete: boolean;
  articleArchived: boolean;
}

/** The claim, and its article's state: both items in one strongly consistent BatchGetItem. */
export async function readClaim(storage: Storage, claimId: string): Promise<{ claim: Claim | undefined } & ClaimArticleState> {
  const { articleId } = keys.parseClaimId(claimId);
  const claimKey = claimInput(storage.tableName, claimId).Key!;
  const metaKey = articleStateInput(storage.tableName, articleId).Key!;
  const items = await getAll(storage, [claimKey, metaKey], undefined, { consistent: true });
  const claim = items.find((item) => item.SK === claimKey.SK);
  const meta = items.find((item) => item.SK === metaKey.SK);
  return { claim: claim ? toClaim(claim) : undefined, articleComplete: meta?.state === 'complete', articleArchived: meta?.archived === true };
}

/** Every review event of a claim, oldest first (tests and tools; the API pages it). */
export async function readHistory(storage: Storage, claimId: string): Promise<ReviewEvent[]> {
  return (await queryAll(storage, historyInput(storage.tableName, claimId))).map(toReviewEvent);
}

/** Up to `limit` events oldest first from `startKey`, and where the next page starts (none: no more). */
export async function historyPage(
  storage: Storage,
  claimId: string,
  limit: number,
  startKey: Item | undefined,
): Promise<{ events: ReviewEvent[]; lastKey: Item | undefined }> {
  // One more than asked: finding it tells whether another page follows, so a last full page has no cursor.
  const page = await guarded(() => storage.db.send(new QueryCommand(historyInput(storage.tableName, claimId, { limit: limit + 1, startKey }))));
  const items = page.Items ?? [];
  const shown = items.slice(0, limit);
  // Fewer than asked with a LastEvaluatedKey: DynamoDB stopped at 1 MB, so more may follow.
  const more = items.length > limit || page.LastEvaluatedKey !== undefined;
  const last = shown.at(-1);
  return { events: shown.map(toReviewEvent), lastKey: more && last ? { PK: last.PK, SK: last.SK } : undefined };
}

/** The `limit` most recent events, oldest first, and whether older ones exist. */
export async function recentHistory(storage: Storage, claimId: string, limit: number): Promise<{ events: ReviewEvent[]; truncated: boolean }> {
  const page = await guarded(() => storage.db.send(new QueryCommand(historyInput(storage.tableName, claimId, { limit: limit + 1, newest: true }))));
  const items = page.Items ?? [];
  return { events: items.slice(0, limit).reverse().map(toReviewEvent), truncated: items.length > limit };
}

export type ReviewOutcome =
  | { outcome: 'saved' }
  /** Someone else's change landed first; `current` is their claim when DynamoDB handed it back. */
  | { outcome: 'stale'; current: Claim | undefined }
  /** The article refused it (archived meanwhile, or its notes and sources budget is spent); nothing was written. */
  | { outcome: 'article' }
  /** Another transaction on the same article collided with this one; nothing was written. */
  | { outcome: 'conflict' };

export async function recordReview(
  storage: Storage,
  current: Claim,
  next: Claim,
  event: ReviewEvent,
  budget?: AnnotationBudget,
): Promise<ReviewOutcome> {
  try {
    await guarded(() => storage.db.send(new TransactWriteCommand(reviewInput(storage.tableName, current, next, event, budget))));
    return { outcome: 'saved' };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const [claimReason, eventReason, articleReason] = error.CancellationReasons ?? [];
    if (claimReason?.Code === 'ConditionalCheckFailed' || eventReason?.Code === 'ConditionalCheckFailed') {
      const stored = returnedItem(claimReason?.Item);
      return { outcome: 'stale', current: stored ? toClaim(stored) : undefined };
    }
    if (articleReason?.Code === 'ConditionalCheckFailed') return { outcome: 'article' };
    return { outcome: 'conflict' };
  }
}
