/**
 * lib/store without a table: the command builders (what would be sent), the allow-list between items and API
 * objects, stamping, conditions that hand back the stored item, and the one backoff.
 */
import { describe, expect, it, vi } from 'vitest';
import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Claim, ReviewEvent } from '../../schemas/claim.js';
import * as articles from '../../lib/store/articles.js';
import { backoffMs, BATCH_BACKOFF, CONFLICT_BACKOFF } from '../../lib/store/backoff.js';
import * as claims from '../../lib/store/claims.js';
import type { Storage } from '../../lib/store/client.js';
import { SCHEMA_VERSION } from '../../lib/store/items.js';
import * as keys from '../../lib/store/keys.js';

const articleId = 'a'.repeat(24);
const claim: Claim = {
  seq: 3, text: 'Unemployment rose to 7.5%.', start: 10, end: 36, checkworthiness: 0.8, type: 'quantity',
  claimId: `${articleId}.3`, articleId, status: 'pending', version: 1, sources: [],
  createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};
const record: articles.ArticleRecord = {
  articleId, title: 'Jobs', createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'eve', contentHash: 'h', claimCount: 1,
  statusCounts: { pending: 1, verified: 0, disputed: 0, sourced: 0, dismissed: 0 }, state: 'ingesting', leaseToken: 'mine', leaseUntil: 99,
};
const event: ReviewEvent = { claimId: claim.claimId, version: 2, at: '2026-01-02T00:00:00.000Z', by: 'alice', from: 'pending', to: 'verified' };

describe('items ↔ API objects', () => {
  it('lets only the fields the schemas name through: a storage-only attribute never reaches a response', () => {
    const item = { ...claims.claimItem(claim), legacyScore: 4, lshBands: ['1#2'], matchOf: 'x' };
    expect(item).toMatchObject({ PK: keys.articlePk(articleId), GSI1PK: keys.queuePk('pending'), entity: 'claim', v: SCHEMA_VERSION });
    expect(claims.toClaim(item)).toEqual(claim);
    // a claim never stores its article's title, and never hands back one found in storage
    expect(claims.claimItem({ ...claim, articleTitle: 'Jobs' })).not.toHaveProperty('articleTitle');
    expect(claims.toClaim({ ...item, articleTitle: 'Old title' })).toEqual(claim);
    const meta = { ...articles.metaItem(record), GSI1PK: keys.ARTICLE_LIST_PK, completedBy: 'mine', archivedAt: 'x' };
    const summary = articles.toSummary(meta);
    expect(Object.keys(summary).sort()).toEqual(['articleId', 'claimCount', 'contentHash', 'createdAt', 'createdBy', 'statusCounts', 'title']);
    expect(claims.toReviewEvent({ ...claims.reviewItem(event), unknown: true })).toEqual(event);
  });

  it('stamps every item with its entity and schema version, keys out of reach of the fields', () => {
    const items = [
      articles.metaItem(record),
      ...articles.contentItems(articleId, 'Some text.', [{ start: 0, end: 10, kind: 'sentence', checkworthiness: 0.2 }]),
      claims.claimItem({ ...claim, PK: 'forged' } as Claim),
      claims.reviewItem(event),
    ];
    expect(items.map((item) => item.entity)).toEqual(['article', 'body', 'layout', 'claim', 'review']);
    expect(items.every((item) => item.v === SCHEMA_VERSION && keys.articleIdOfPk(item.PK) === articleId)).toBe(true);
    expect(items[4]!.SK).toBe(keys.reviewSk(3, 2));
  });

  it('puts an article back together from its items, whatever their order or extra attributes', () => {
    const text = 'x'.repeat(250_000);
    const items = [...articles.contentItems(articleId, text, []), claims.claimItem(claim), { ...articles.metaItem({ ...record, state: 'complete' }), extra: 1 }];
    const assembled = articles.assemble(items.reverse())!;
    expect(assembled.article.text).toBe(text);
    expect(assembled.claims).toEqual([claim]);
    expect(assembled.record.state).toBe('complete');
    expect(assembled.article).not.toHaveProperty('extra');
    expect(articles.assemble(articles.contentItems(articleId, text, []))).toBeUndefined();
  });
});

describe('command builders', () => {
  it('claims an ingest only when free or its lease ran out, and asks for the stored item when not', () => {
    const input = articles.claimIngestInput('t', record, 1234);
    expect(input).toMatchObject({ TableName: 't', ReturnValuesOnConditionCheckFailure: 'ALL_OLD', ExpressionAttributeValues: { ':now': 1234 } });
    expect(input.ConditionExpression).toContain('leaseUntil < :now');
    expect(input.Item).toMatchObject({ PK: keys.articlePk(articleId), SK: keys.META, leaseToken: 'mine' });
    const complete = articles.completeIngestInput('t', record, 'mine');
    const [meta, stats] = complete.TransactItems!;
    expect(complete.ClientRequestToken).toBe('mine');
    expect(meta!.Update).toMatchObject({ ConditionExpression: 'leaseToken = :token', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
    expect(meta!.Update!.ExpressionAttributeValues).toMatchObject({ ':listPk': keys.ARTICLE_LIST_PK, ':listSk': keys.articleListSk(record.createdAt, articleId), ':token': 'mine' });
    // the desk's counts grow by the article in the same transaction
    expect(stats!.Update!.Key).toEqual(keys.statsKey(keys.statsShardOf(articleId)));
    expect(Object.values(stats!.Update!.ExpressionAttributeValues!)).toEqual(expect.arrayContaining([1]));
  });

  it('reads queues and the article list on the index, from a position only when given one', () => {
    const first = claims.queuePageInput('t', { status: 'disputed' }, 7, undefined);
    expect(first).toEqual({ TableName: 't', IndexName: keys.INDEX, KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': keys.queuePk('disputed') }, Limit: 7 });
    const position = keys.indexPosition(claims.claimItem(claim));
    expect(Object.keys(position).sort()).toEqual(['GSI1PK', 'GSI1SK', 'PK', 'SK']);
    expect(claims.queuePageInput('t', { status: 'pending' }, 7, position).ExclusiveStartKey).toEqual(position);
    // a type has its own index, in the same order
    const byType = claims.queuePageInput('t', { status: 'pending', type: 'quantity' }, 7, undefined);
    expect(byType).toMatchObject({ IndexName: keys.TYPE_INDEX, KeyConditionExpression: 'GSI2PK = :pk', ExpressionAttributeValues: { ':pk': keys.typeQueuePk('pending', 'quantity') } });
    const item = claims.claimItem(claim);
    expect(item.GSI2SK).toBe(item.GSI1SK);
    expect(articles.articleListInput('t', 5, undefined)).toMatchObject({ IndexName: keys.INDEX, ScanIndexForward: false, Limit: 5 });
  });

  it('writes a review as one transaction: the claim on its version, the event once, the counts when the status moves', () => {
    const next: Claim = { ...claim, status: 'verified', version: 2, updatedBy: 'alice' };
    const moved = claims.reviewInput('t', claim, next, event).TransactItems!;
    expect(moved).toHaveLength(4);
    expect(moved[0]!.Put).toMatchObject({ ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': 1 }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
    expect(moved[0]!.Put!.Item).toMatchObject({ GSI1PK: keys.queuePk('verified'), version: 2 });
    expect(moved[1]!.Put).toMatchObject({ Item: { SK: keys.reviewSk(3, 2), entity: 'review' }, ConditionExpression: 'attribute_not_exists(PK)' });
    expect(moved[2]!.Update).toMatchObject({ Key: { PK: keys.articlePk(articleId), SK: keys.META }, ExpressionAttributeNames: { '#from': 'pending', '#to': 'verified' } });
    // counts stored before a status existed are missing it: if_not_exists, and never on an archived article
    expect(moved[2]!.Update!.UpdateExpression).toContain('if_not_exists(statusCounts.#to, :zero)');
    expect(moved[2]!.Update!.ConditionExpression).toContain('attribute_not_exists(archived)');
    expect(moved[3]!.Update!.Key).toEqual(keys.statsKey(keys.statsShardOf(articleId)));
    expect(moved[3]!.Update!.ExpressionAttributeNames).toMatchObject({ '#c0': 'pending', '#c1': 'verified' });
    expect(moved[3]!.Update!.ExpressionAttributeValues).toMatchObject({ ':c0': -1, ':c1': 1 });
    const kept = claims.reviewInput('t', claim, { ...next, status: 'pending' }, { ...event, to: 'pending' }).TransactItems!;
    expect(kept).toHaveLength(3);
    expect(kept[2]!.ConditionCheck!.ConditionExpression).toContain('attribute_not_exists(archived)');
  });
});

describe('a failed condition hands back the stored item, without a second read', () => {
  it('a lost ingest lease answers with the writer holding it', async () => {
    const theirs = articles.metaItem({ ...record, leaseToken: 'theirs' });
    const send = vi.fn().mockRejectedValue(new ConditionalCheckFailedException({ message: 'failed', $metadata: {}, Item: marshall(theirs) }));
    const outcome = await articles.claimIngest({ db: { send }, tableName: 't' } as unknown as Storage, record, 1);
    expect(outcome).toEqual({ written: false, current: { ...record, leaseToken: 'theirs' } });
    expect(send).toHaveBeenCalledTimes(1);
  });

  it('a stale review answers with the claim as stored; a conflict says so', async () => {
    const stored = claims.claimItem({ ...claim, status: 'disputed', version: 2, updatedBy: 'bob' });
    const cancelled = (reasons: object[]) => new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: reasons });
    const next: Claim = { ...claim, status: 'verified', version: 2 };
    const send = vi.fn().mockRejectedValueOnce(cancelled([{ Code: 'ConditionalCheckFailed', Item: marshall(stored) }, { Code: 'None' }, { Code: 'None' }]));
    const storage = { db: { send }, tableName: 't' } as unknown as Storage;
    expect(await claims.recordReview(storage, claim, next, event)).toEqual({ outcome: 'stale', current: { ...claim, status: 'disputed', version: 2, updatedBy: 'bob' } });
    expect(send).toHaveBeenCalledTimes(1);
    send.mockRejectedValueOnce(cancelled([{ Code: 'None' }, { Code: 'TransactionConflict' }]));
    expect(await claims.recordReview(storage, claim, next, event)).toEqual({ outcome: 'conflict' });
  });
});

describe('completing an ingest', () => {
  it('tells a lost lease (with the stored article) from a passing conflict on the counts, and retries with a new token', async () => {
    const cancelled = (reasons: object[]) => new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: reasons });
    const theirs = articles.metaItem({ ...record, leaseToken: 'theirs' });
    const send = vi.fn()
      .mockRejectedValueOnce(cancelled([{ Code: 'None' }, { Code: 'TransactionConflict' }]))
      .mockRejectedValueOnce(cancelled([{ Code: 'ConditionalCheckFailed', Item: marshall(theirs) }, { Code: 'None' }]))
      .mockResolvedValueOnce({});
    const storage = { db: { send }, tableName: 't' } as unknown as Storage;
    expect(await articles.completeIngest(storage, record, 'mine')).toEqual({ written: false, conflict: true });
    expect(await articles.completeIngest(storage, record, 'mine', 2)).toEqual({ written: false, current: { ...record, leaseToken: 'theirs' } });
    expect(await articles.completeIngest(storage, record, 'mine', 3)).toEqual({ written: true });
    expect(send.mock.calls.map(([command]) => command.input.ClientRequestToken)).toEqual(['mine', '2-mine', '3-mine']);
  });
});

describe('backoff', () => {
  it('grows exponentially up to its cap, with half of each wait random', () => {
    for (const options of [BATCH_BACKOFF, CONFLICT_BACKOFF]) {
      for (let retry = 1; retry <= 12; retry++) {
        const ceiling = Math.min(options.capMs, options.baseMs * 2 ** (retry - 1));
        expect(backoffMs(retry, options, () => 0)).toBe(ceiling / 2);
        expect(backoffMs(retry, options, () => 1)).toBe(ceiling);
        const random = backoffMs(retry, options);
        expect(random).toBeGreaterThanOrEqual(ceiling / 2);
        expect(random).toBeLessThanOrEqual(ceiling);
      }
      expect(backoffMs(30, options, () => 1)).toBe(options.capMs);
    }
  });
});
