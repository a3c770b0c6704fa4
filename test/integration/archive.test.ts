/**
 * Archiving an article (API v1.2) against a real DynamoDB Local: it and its claims leave every list, queue and count,
 * reads answer 410, history is kept, restore brings it back exactly as it was, and a run that died mid-way is
 * completed by running it again (readers never see it half-archived).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { archiveArticle, listArticles, readArticle, restoreArticle, submitArticle } from '../../lib/articles.js';
import { claimHistory, deskStats, markClaim, readClaim, readClaimHistory, reviewQueue } from '../../lib/claims.js';
import type { Desk } from '../../lib/desk.js';
import { isListed, readRecord, setArchiveState } from '../../lib/store/articles.js';
import { recordReview } from '../../lib/store/claims.js';
import * as keys from '../../lib/store/keys.js';
import { ClaimStatus, ClaimType, type Claim } from '../../schemas/claim.js';
import { startStorage, type Storage } from '../support/stack.js';
import { DEMO_TEXT, deskOn, partitionItems, problem } from '../support/desk.js';
import { articleWithClaims, MIXED_TYPES } from '../support/articles.js';

const editor = { name: 'eve', roles: ['editor' as const] };
const admin = { name: 'ada', roles: ['admin' as const] };
const alice = { name: 'alice', roles: ['reviewer' as const] };

let storage: Storage;
let desk: Desk;

beforeAll(async () => {
  storage = await startStorage();
  desk = deskOn(storage);
});
afterAll(async () => storage?.stop());

async function whole(query: Parameters<typeof reviewQueue>[1]): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await reviewQueue(desk, { ...query, cursor });
    ids.push(...page.items.map((c) => c.claimId));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

/** Everything a reader can see of the desk: every queue (by status and by type), the article list, the counts. */
async function view() {
  const queues: Record<string, string[]> = {};
  for (const status of ClaimStatus.options) {
    queues[status] = await whole({ status, limit: 7 });
    for (const type of ClaimType.options) queues[`${status}/${type}`] = await whole({ status, type, limit: 7 });
  }
  const articles = (await listArticles(desk, { limit: 200 })).items.map((a) => a.articleId);
  return { queues, articles, stats: await deskStats(desk) };
}

/** A desk whose storage "crashes" (throws) at the nth transaction that moves claims of an archive or restore. */
function crashingAt(n: number): Desk {
  const crashing = deskOn(storage);
  const send = crashing.storage.db.send.bind(crashing.storage.db) as (command: unknown) => Promise<unknown>;
  let moves = 0;
  (crashing.storage.db as { send: unknown }).send = async (command: { input?: { TransactItems?: { ConditionCheck?: { ExpressionAttributeValues?: Record<string, unknown> } }[] } }) => {
    const check = command instanceof TransactWriteCommand ? command.input?.TransactItems?.[0]?.ConditionCheck : undefined;
    if (check?.ExpressionAttributeValues?.[':state'] && ++moves === n) throw new Error('the function died here');
    return send(command);
  };
  return crashing;
}

/**
 * A desk whose first read of an article's record answers what it read only after `meanwhile` has run: the interleaving
 * of two runs at once where one reads, the other writes, and the first acts on what it read.
 */
function readingBefore(meanwhile: () => Promise<unknown>): Desk {
  const late = deskOn(storage);
  const send = late.storage.db.send.bind(late.storage.db) as (command: unknown) => Promise<unknown>;
  let first = true;
  (late.storage.db as { send: unknown }).send = async (command: unknown) => {
    const answer = await send(command);
    if (first && command instanceof GetCommand) {
      first = false;
      await meanwhile();
    }
    return answer;
  };
  return late;
}

describe('archive and restore', () => {
  it('takes the article and its claims out of every list, queue and count; 410 on reads; history kept; restore gives it all back', async () => {
    const { article, claims } = await submitArticle(desk, { text: DEMO_TEXT }, editor);
    await submitArticle(desk, { text: MIXED_TYPES }, editor);
    await markClaim(desk, claims[0]!.claimId, '"1"', { status: 'verified', rating: 'true', note: 'checked' }, alice);
    await markClaim(desk, claims[1]!.claimId, '"1"', { status: 'dismissed' }, alice);
    const before = await view();
    const articleBefore = await readArticle(desk, article.articleId);
    const claimBefore = await readClaim(desk, claims[0]!.claimId);
    const partitionBefore = await partitionItems(desk, article.articleId);

    await archiveArticle(desk, article.articleId, admin);
    const archived = await view();
    const mine = (id: string) => id.startsWith(`${article.articleId}.`);
    for (const [name, ids] of Object.entries(archived.queues)) expect(ids, name).toEqual(before.queues[name]!.filter((id) => !mine(id)));
    expect(archived.articles).toEqual(before.articles.filter((id) => id !== article.articleId));
    expect(archived.stats.articles).toBe(before.stats.articles - 1);
    expect(archived.stats.claims).toBe(before.stats.claims - claims.length);
    for (const status of ClaimStatus.options) {
      expect(archived.stats.statusCounts[status]).toBe(before.stats.statusCounts[status] - articleBefore.article.statusCounts[status]);
    }
    expect((await reviewQueue(desk, { status: 'pending', articleId: article.articleId, limit: 10 })).items).toEqual([]);
    expect((await problem(() => readArticle(desk, article.articleId))).status).toBe(410);
    expect((await problem(() => readClaim(desk, claims[0]!.claimId))).status).toBe(410);
    expect((await problem(() => readClaimHistory(desk, claims[0]!.claimId))).status).toBe(410);
    expect((await problem(() => markClaim(desk, claims[2]!.claimId, '"1"', { status: 'verified' }, alice))).status).toBe(410);
    expect(await claimHistory(desk, claims[0]!.claimId)).toHaveLength(1); // kept
    expect((await listArticles(desk, { limit: 50, archived: true })).items.map((a) => a.articleId)).toEqual([article.articleId]);
    expect(isListed(await readRecord(desk.storage, article.articleId))).toBe(false);
    // no claim of it is left in any queue index
    const items = await partitionItems(desk, article.articleId);
    expect(items.filter((i) => i.entity === 'claim').every((i) => i.GSI1PK === undefined && i.GSI2PK === undefined)).toBe(true);

    // archiving again changes nothing
    await archiveArticle(desk, article.articleId, admin);
    expect(await view()).toEqual(archived);

    // the same text again names the archived article
    const again = await problem(() => submitArticle(desk, { text: DEMO_TEXT }, editor));
    expect(again.status).toBe(409);
    expect(again.detail).toContain(article.articleId);

    const restored = await restoreArticle(desk, article.articleId);
    expect(restored).toEqual(articleBefore);
    expect(await view()).toEqual(before);
    expect(await readClaim(desk, claims[0]!.claimId)).toEqual(claimBefore);
    // every item of the article is exactly as it was (the archive leaves no trace on META either)
    expect(await partitionItems(desk, article.articleId)).toEqual(partitionBefore);
    expect((await listArticles(desk, { limit: 50, archived: true })).items).toEqual([]);
    // restoring again changes nothing; reviews work again
    expect(await restoreArticle(desk, article.articleId)).toEqual(articleBefore);
    await markClaim(desk, claims[2]!.claimId, '"1"', { status: 'verified' }, alice);
  });

  it('refuses a review that was read before the archive and written after it (nothing written)', async () => {
    const { article, claims } = await submitArticle(desk, { text: articleWithClaims(3, 'Late review') }, editor);
    const current = (await readClaim(desk, claims[0]!.claimId)).claim;
    await archiveArticle(desk, article.articleId, admin);
    const next: Claim = { ...current, status: 'verified', version: 2, updatedBy: 'alice' };
    const outcome = await recordReview(desk.storage, current, next, { claimId: current.claimId, version: 2, at: 'x', by: 'alice', from: 'pending', to: 'verified' });
    expect(outcome).toEqual({ outcome: 'article' });
    expect(await claimHistory(desk, current.claimId)).toEqual([]);
    await restoreArticle(desk, article.articleId);
    expect((await readClaim(desk, current.claimId)).claim.version).toBe(1);
  });

  it('completes an archive or a restore that died mid-way when run again; readers never see it half-done', async () => {
    const { article, claims } = await submitArticle(desk, { text: articleWithClaims(130, 'Crash mid-way') }, editor);
    const before = await view();
    const articleBefore = await readArticle(desk, article.articleId);

    await expect(archiveArticle(crashingAt(2), article.articleId, admin)).rejects.toThrow('the function died here');
    const items = await partitionItems(desk, article.articleId);
    const queued = items.filter((i) => i.entity === 'claim' && i.GSI1PK !== undefined).length;
    expect(queued).toBeGreaterThan(0); // really half-way: some claims still in the index …
    expect(queued).toBeLessThan(claims.length);
    const halfway = await view(); // … but nothing of it shows
    for (const [name, ids] of Object.entries(halfway.queues)) expect(ids.some((id) => id.startsWith(article.articleId))).toBe(false);
    expect(halfway.stats.claims).toBe(before.stats.claims - claims.length);
    expect((await problem(() => readArticle(desk, article.articleId))).status).toBe(410);
    await archiveArticle(desk, article.articleId, admin);
    expect((await readRecord(desk.storage, article.articleId))?.archiveState).toBe('archived');
    expect((await partitionItems(desk, article.articleId)).filter((i) => i.entity === 'claim' && i.GSI1PK !== undefined)).toEqual([]);
    expect(await view()).toEqual(halfway);

    await expect(restoreArticle(crashingAt(2), article.articleId)).rejects.toThrow('the function died here');
    expect((await problem(() => readArticle(desk, article.articleId))).status).toBe(410); // still archived until the end
    expect(await view()).toEqual(halfway);
    await restoreArticle(desk, article.articleId);
    expect(await view()).toEqual(before);
    expect(await readArticle(desk, article.articleId)).toEqual(articleBefore);
  });

  it('archives an article of 1,000 claims in a bounded number of requests (chunks of 50), and an article stored before dismissed', async () => {
    const { article, claims } = await submitArticle(desk, { text: articleWithClaims(1000, 'A thousand claims') }, editor);
    expect(claims).toHaveLength(1000);
    // Requests, not milliseconds, say it fits the function's timeout: timing belongs to the benchmarks.
    const counting = deskOn(storage);
    const send = counting.storage.db.send.bind(counting.storage.db) as (command: unknown) => Promise<unknown>;
    let requests = 0;
    (counting.storage.db as { send: unknown }).send = (command: unknown) => {
      requests++;
      return send(command);
    };
    const started = Date.now();
    await archiveArticle(counting, article.articleId, admin);
    const archiveRequests = requests;
    const archiveMs = Date.now() - started;
    await restoreArticle(counting, article.articleId);
    console.log(`archive of 1,000 claims: ${archiveRequests} requests, ${archiveMs} ms; restore: ${requests - archiveRequests} requests (DynamoDB Local)`);
    // a read, the start, the claims (a few Query pages), 20 chunks, the end; restore also reads the article back
    expect(archiveRequests).toBeLessThanOrEqual(Math.ceil(1000 / 50) + 8);
    expect(requests - archiveRequests).toBeLessThanOrEqual(Math.ceil(1000 / 50) + 12);

    const old = await submitArticle(desk, { text: articleWithClaims(4, 'Stored by v1') }, editor);
    await desk.storage.db.send(new UpdateCommand({
      TableName: storage.tableName, Key: { PK: keys.articlePk(old.article.articleId), SK: keys.META }, UpdateExpression: 'REMOVE statusCounts.dismissed',
    }));
    const statsBefore = await deskStats(desk);
    await archiveArticle(desk, old.article.articleId, admin);
    expect((await deskStats(desk)).claims).toBe(statsBefore.claims - 4);
    await restoreArticle(desk, old.article.articleId);
    expect(await deskStats(desk)).toEqual(statsBefore);
  });

  it('lets two archives (and then two restores) of the same article run at once: both succeed, counts exact', async () => {
    const { article } = await submitArticle(desk, { text: articleWithClaims(120, 'Twice at once') }, editor);
    const before = await view();
    await Promise.all([archiveArticle(desk, article.articleId, admin), archiveArticle(deskOn(storage), article.articleId, admin)]);
    expect((await readRecord(desk.storage, article.articleId))?.archiveState).toBe('archived');
    expect((await deskStats(desk)).claims).toBe(before.stats.claims - 120);
    await Promise.all([restoreArticle(desk, article.articleId), restoreArticle(deskOn(storage), article.articleId)]);
    expect(await view()).toEqual(before);
  });

  it('lets a run that read the record before another run started join it or find it done (the interleavings of running twice)', async () => {
    const { article } = await submitArticle(desk, { text: articleWithClaims(30, 'Read before the other run') }, editor);
    const before = await view();
    // Archive: the other run archives it completely between our read and our first write.
    await archiveArticle(readingBefore(() => archiveArticle(desk, article.articleId, admin)), article.articleId, admin);
    expect((await readRecord(desk.storage, article.articleId))?.archiveState).toBe('archived');
    // Restore: the other run has marked it restoring (and is still moving claims, or died) when we write.
    await restoreArticle(readingBefore(() => setArchiveState(desk.storage, article.articleId, 'archived', 'restoring')), article.articleId);
    expect(await view()).toEqual(before);
    // Restore: the other run restores it completely between our read and our first write.
    await archiveArticle(desk, article.articleId, admin);
    await restoreArticle(readingBefore(() => restoreArticle(desk, article.articleId)), article.articleId);
    expect(await view()).toEqual(before);
  });

  it('answers 404 for an unknown article', async () => {
    expect((await problem(() => archiveArticle(desk, '0'.repeat(24), admin))).status).toBe(404);
    expect((await problem(() => restoreArticle(desk, '0'.repeat(24)))).status).toBe(404);
  });
});
