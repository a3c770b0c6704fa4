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
  claimId: `${articleId}.3`, articleId, articleTitle: 'Jobs', status: 'pending', version: 1, sources: [],
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
    expect(complete).toMatchObject({ ConditionExpression: 'leaseToken = :token', ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
    expect(complete.ExpressionAttributeValues).toMatchObject({ ':listPk': keys.ARTICLE_LIST_PK, ':listSk': keys.articleListSk(record.createdAt, articleId), ':token': 'mine' });
  });

  it('reads queues and the article list on the index, from a position only when given one', () => {
    const first = claims.queuePageInput('t', 'disputed', 7, undefined);
    expect(first).toEqual({ TableName: 't', IndexName: keys.INDEX, KeyConditionExpression: 'GSI1PK = :pk', ExpressionAttributeValues: { ':pk': keys.queuePk('disputed') }, Limit: 7 });
    const position = keys.indexPosition(claims.claimItem(claim));
    expect(Object.keys(position).sort()).toEqual(['GSI1PK', 'GSI1SK', 'PK', 'SK']);
    expect(claims.queuePageInput('t', 'pending', 7, position).ExclusiveStartKey).toEqual(position);
    expect(articles.articleListInput('t', 5, undefined)).toMatchObject({ IndexName: keys.INDEX, ScanIndexForward: false, Limit: 5 });
  });

  it('writes a review as one transaction: the claim on its version, the event once, the counts when the status moves', () => {
    const next: Claim = { ...claim, status: 'verified', version: 2, updatedBy: 'alice' };
    const moved = claims.reviewInput('t', claim, next, event).TransactItems!;
    expect(moved).toHaveLength(3);
    expect(moved[0]!.Put).toMatchObject({ ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': 1 }, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' });
    expect(moved[0]!.Put!.Item).toMatchObject({ GSI1PK: keys.queuePk('verified'), version: 2 });
    expect(moved[1]!.Put).toMatchObject({ Item: { SK: keys.reviewSk(3, 2), entity: 'review' }, ConditionExpression: 'attribute_not_exists(PK)' });
    expect(moved[2]!.Update).toMatchObject({ Key: { PK: keys.articlePk(articleId), SK: keys.META }, ExpressionAttributeNames: { '#from': 'pending', '#to': 'verified' } });
    expect(claims.reviewInput('t', claim, { ...next, status: 'pending' }, { ...event, to: 'pending' }).TransactItems).toHaveLength(2);
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
