/**
 * The claims repository: claim items, the review queue on the index and review events. Pure command builders
 * (`…Input`, unit-tested without sending anything) and the calls that send them.
 */
import { QueryCommand, TransactWriteCommand, type GetCommandInput, type QueryCommandInput, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { Claim, ReviewEvent, type ClaimStatus } from '../../schemas/claim.js';
import { getAll } from './batch.js';
import { guarded, queryAll, type Storage } from './client.js';
import { allowed, returnedItem, stamped, type Item } from './items.js';
import * as keys from './keys.js';

/** API objects from stored items: only the fields the schemas name. */
export const toClaim = (item: Item): Claim => allowed(Claim, item);
export const toReviewEvent = (item: Item): ReviewEvent => allowed(ReviewEvent, item);

/** A claim as stored: in its article's partition, and in the queue of its status. */
export function claimItem(claim: Claim): Item {
  const { articleId, seq } = claim;
  return stamped(
    'claim',
    {
      PK: keys.articlePk(articleId),
      SK: keys.claimSk(seq),
      GSI1PK: keys.queuePk(claim.status),
      GSI1SK: keys.queueSk(claim.checkworthiness, claim.createdAt, articleId, seq),
    },
    claim,
  );
}

export function reviewItem(event: ReviewEvent): Item {
  const { articleId, seq } = keys.parseClaimId(event.claimId);
  return stamped('review', { PK: keys.articlePk(articleId), SK: keys.reviewSk(seq, event.version) }, event);
}

export function queuePageInput(tableName: string, status: ClaimStatus, limit: number, startKey: Item | undefined): QueryCommandInput {
  return {
    TableName: tableName,
    IndexName: keys.INDEX,
    KeyConditionExpression: 'GSI1PK = :pk',
    ExpressionAttributeValues: { ':pk': keys.queuePk(status) },
    Limit: limit,
    ...(startKey ? { ExclusiveStartKey: startKey } : {}),
  };
}

export function claimInput(tableName: string, claimId: string): GetCommandInput {
  const { articleId, seq } = keys.parseClaimId(claimId);
  return { TableName: tableName, Key: { PK: keys.articlePk(articleId), SK: keys.claimSk(seq) }, ConsistentRead: true };
}

/** Whether the claim's article is completely stored (its META item's state), read alongside the claim. */
export function articleStateInput(tableName: string, articleId: string): GetCommandInput {
  return {
    TableName: tableName,
    Key: { PK: keys.articlePk(articleId), SK: keys.META },
    ProjectionExpression: '#state',
    ExpressionAttributeNames: { '#state': 'state' },
    ConsistentRead: true,
  };
}

export function historyInput(tableName: string, claimId: string): QueryCommandInput {
  const { articleId, seq } = keys.parseClaimId(claimId);
  return {
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.articlePk(articleId), ':prefix': keys.reviewPrefix(seq) },
  };
}

/**
 * One review as one transaction: the claim (only if it is still at `current.version`; if not, the stored claim comes
 * back with the cancellation), its review event, and the article's status counts when the status changes.
 */
export function reviewInput(tableName: string, current: Claim, next: Claim, event: ReviewEvent): TransactWriteCommandInput {
  const pk = keys.articlePk(current.articleId);
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
      ...(next.status !== current.status
        ? [
            {
              Update: {
                TableName: tableName,
                Key: { PK: pk, SK: keys.META },
                UpdateExpression: 'SET statusCounts.#from = statusCounts.#from - :one, statusCounts.#to = statusCounts.#to + :one',
                ConditionExpression: 'attribute_exists(PK)',
                ExpressionAttributeNames: { '#from': current.status, '#to': next.status },
                ExpressionAttributeValues: { ':one': 1 },
              },
            },
          ]
        : []),
    ],
  };
}

export interface QueueEntry {
  claim: Claim;
  /** Where the queue continues after this claim (a cursor position). */
  position: Item;
}

/** Up to `limit` entries of one status's queue from `startKey`, and where DynamoDB stopped (none: the queue ended). */
export async function queuePage(
  storage: Storage,
  status: ClaimStatus,
  limit: number,
  startKey: Item | undefined,
): Promise<{ entries: QueueEntry[]; lastKey: Item | undefined }> {
  const page = await guarded(() => storage.db.send(new QueryCommand(queuePageInput(storage.tableName, status, limit, startKey))));
  const entries = (page.Items ?? []).map((item) => ({ claim: toClaim(item), position: keys.indexPosition(item) }));
  return { entries, lastKey: page.LastEvaluatedKey };
}

/** The claim, and whether its article is completely stored: both items in one strongly consistent BatchGetItem. */
export async function readClaim(storage: Storage, claimId: string): Promise<{ claim: Claim | undefined; articleComplete: boolean }> {
  const { articleId } = keys.parseClaimId(claimId);
  const claimKey = claimInput(storage.tableName, claimId).Key!;
  const metaKey = articleStateInput(storage.tableName, articleId).Key!;
  const items = await getAll(storage, [claimKey, metaKey], undefined, { consistent: true });
  const claim = items.find((item) => item.SK === claimKey.SK);
  const meta = items.find((item) => item.SK === metaKey.SK);
  return { claim: claim ? toClaim(claim) : undefined, articleComplete: meta?.state === 'complete' };
}

/** Every review event of a claim, oldest first. */
export async function readHistory(storage: Storage, claimId: string): Promise<ReviewEvent[]> {
  return (await queryAll(storage, historyInput(storage.tableName, claimId))).map(toReviewEvent);
}

export type ReviewOutcome =
  | { outcome: 'saved' }
  /** Someone else's change landed first; `current` is their claim when DynamoDB handed it back. */
  | { outcome: 'stale'; current: Claim | undefined }
  /** Another transaction on the same article collided with this one; nothing was written. */
  | { outcome: 'conflict' };

export async function recordReview(storage: Storage, current: Claim, next: Claim, event: ReviewEvent): Promise<ReviewOutcome> {
  try {
    await guarded(() => storage.db.send(new TransactWriteCommand(reviewInput(storage.tableName, current, next, event))));
    return { outcome: 'saved' };
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    const [claimReason, eventReason] = error.CancellationReasons ?? [];
    if (claimReason?.Code === 'ConditionalCheckFailed' || eventReason?.Code === 'ConditionalCheckFailed') {
      const stored = returnedItem(claimReason?.Item);
      return { outcome: 'stale', current: stored ? toClaim(stored) : undefined };
    }
    return { outcome: 'conflict' };
  }
}
