/**
 * API v1.1 statuses and ratings, filters and counts, and v1.2 bounded responses, against a real DynamoDB Local:
 * dismissed and rating rules, counts on articles stored before `dismissed`, narrowed queues that stay full and cheap,
 * the desk's counts, too many claims, history pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { listArticles, readArticle, submitArticle } from '../../lib/articles.js';
import { claimHistory, deskStats, markClaim, readClaim, readClaimHistory, reviewQueue } from '../../lib/claims.js';
import type { Desk } from '../../lib/desk.js';
import { readRecord } from '../../lib/store/articles.js';
import * as keys from '../../lib/store/keys.js';
import { contentHash, normaliseArticleText } from '../../lib/text.js';
import { ClaimStatus, type Claim } from '../../schemas/claim.js';
import { startStorage, type Storage } from '../support/stack.js';
import { DEMO_TEXT, deskOn, problem } from '../support/desk.js';
import { articleWithClaims, MIXED_TYPES } from '../support/articles.js';

const editor = { name: 'eve', roles: ['editor' as const] };
const alice = { name: 'alice', roles: ['reviewer' as const] };

let storage: Storage;
let desk: Desk;

beforeAll(async () => {
  storage = await startStorage();
  desk = deskOn(storage);
});
afterAll(async () => storage?.stop());

/** Every command the desk sends, and the items each answer carried. */
function spy(target: Desk): { commands: { name: string; input: Record<string, any>; items: number }[] } {
  const log = { commands: [] as { name: string; input: Record<string, any>; items: number }[] };
  const send = target.storage.db.send.bind(target.storage.db) as (command: unknown) => Promise<any>;
  (target.storage.db as { send: unknown }).send = async (command: { constructor: { name: string }; input: Record<string, any> }) => {
    const answer = await send(command);
    const items = answer?.Items?.length ?? Object.values(answer?.Responses ?? {}).flat().length ?? 0;
    log.commands.push({ name: command.constructor.name, input: command.input, items });
    return answer;
  };
  return log;
}

/** Every page of a queue, following cursors. */
async function pages(query: Parameters<typeof reviewQueue>[1]): Promise<Claim[][]> {
  const out: Claim[][] = [];
  let cursor: string | undefined;
  do {
    const page = await reviewQueue(desk, { ...query, cursor });
    out.push(page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** The desk's counts recounted the slow way: every listed article's META. */
async function recount() {
  const total = { claims: 0, articles: 0, statusCounts: Object.fromEntries(ClaimStatus.options.map((s) => [s, 0])) as Record<ClaimStatus, number> };
  let cursor: string | undefined;
  do {
    const page = await listArticles(desk, { limit: 200, cursor });
    for (const article of page.items) {
      total.articles += 1;
      total.claims += article.claimCount;
      for (const status of ClaimStatus.options) total.statusCounts[status] += article.statusCounts[status];
    }
    cursor = page.nextCursor;
  } while (cursor);
  return total;
}

describe('dismissed and ratings', () => {
  it('stores dismissed like any status: If-Match, history, counts, its own queue', async () => {
    const { article, claims } = await submitArticle(desk, { text: DEMO_TEXT }, editor);
    const target = claims[0]!;
    const dismissed = await markClaim(desk, target.claimId, '"1"', { status: 'dismissed', note: 'Not checkable' }, alice);
    expect(dismissed).toMatchObject({ status: 'dismissed', version: 2 });
    expect((await problem(() => markClaim(desk, target.claimId, '"1"', { status: 'verified' }, alice))).status).toBe(412);
    expect(await claimHistory(desk, target.claimId)).toEqual([expect.objectContaining({ from: 'pending', to: 'dismissed', by: 'alice' })]);
    const after = (await readArticle(desk, article.articleId)).article;
    expect(after.statusCounts).toMatchObject({ dismissed: article.statusCounts.dismissed + 1, pending: article.statusCounts.pending - 1 });
    const queue = await reviewQueue(desk, { status: 'dismissed', limit: 200 });
    expect(queue.items.map((c) => c.claimId)).toContain(target.claimId);
    expect((await reviewQueue(desk, { status: 'pending', limit: 200 })).items.map((c) => c.claimId)).not.toContain(target.claimId);
  });

  it('rates only a verdict (409 otherwise, nothing changed), clears on pending, dismissed or null, and records each change', async () => {
    const { claims } = await submitArticle(desk, { text: DEMO_TEXT }, editor);
    const id = claims[1]!.claimId;
    // pending: no rating
    expect((await problem(() => markClaim(desk, id, '"1"', { rating: 'true' }, alice))).status).toBe(409);
    expect((await problem(() => markClaim(desk, id, '"1"', { status: 'dismissed', rating: 'false' }, alice))).status).toBe(409);
    expect((await readClaim(desk, id)).claim.version).toBe(1);
    let claim = await markClaim(desk, id, '"1"', { status: 'disputed', rating: 'mostly-false' }, alice);
    expect(claim).toMatchObject({ status: 'disputed', rating: 'mostly-false', version: 2 });
    claim = await markClaim(desk, id, '"2"', { note: 'More context' }, alice); // a note alone keeps the rating
    expect(claim.rating).toBe('mostly-false');
    claim = await markClaim(desk, id, '"3"', { rating: 'false' }, alice);
    expect(claim.rating).toBe('false');
    claim = await markClaim(desk, id, '"4"', { rating: null }, alice);
    expect(claim).not.toHaveProperty('rating');
    claim = await markClaim(desk, id, '"5"', { status: 'verified', rating: 'true' }, alice);
    claim = await markClaim(desk, id, '"6"', { status: 'pending' }, alice);
    expect(claim).not.toHaveProperty('rating');
    expect((await problem(() => markClaim(desk, id, '"7"', { rating: 'mixed' }, alice))).status).toBe(409);
    claim = await markClaim(desk, id, '"7"', { status: 'verified', rating: 'unproven' }, alice);
    claim = await markClaim(desk, id, '"8"', { status: 'dismissed' }, alice);
    expect(claim).not.toHaveProperty('rating');
    const history = await claimHistory(desk, id);
    expect(history.map((event) => event.rating)).toEqual(['mostly-false', undefined, 'false', null, 'true', null, 'unproven', null]);
    expect((await readClaim(desk, id)).claim).toEqual(claim);
  });

  it('keeps counting on articles stored before dismissed existed, and shows them all five counts', async () => {
    const { article, claims } = await submitArticle(desk, { text: MIXED_TYPES }, editor);
    // As an article stored by v1 looks: statusCounts without dismissed.
    await desk.storage.db.send(new UpdateCommand({
      TableName: storage.tableName, Key: { PK: keys.articlePk(article.articleId), SK: keys.META }, UpdateExpression: 'REMOVE statusCounts.dismissed',
    }));
    const old = (await readArticle(desk, article.articleId)).article;
    expect(old.statusCounts).toEqual({ pending: claims.length, verified: 0, disputed: 0, sourced: 0, dismissed: 0 });
    await markClaim(desk, claims[0]!.claimId, '"1"', { status: 'dismissed' }, alice);
    await markClaim(desk, claims[1]!.claimId, '"1"', { status: 'verified' }, alice);
    await markClaim(desk, claims[0]!.claimId, '"2"', { status: 'disputed' }, alice);
    const after = (await readArticle(desk, article.articleId)).article;
    expect(after.statusCounts).toEqual({ pending: claims.length - 2, verified: 1, disputed: 1, sourced: 0, dismissed: 0 });
  });
});

describe('filters', () => {
  it('narrows the queue by type, by article and by both: most check-worthy first, every page full but the last', async () => {
    await submitArticle(desk, { text: DEMO_TEXT }, editor);
    const mixed = await submitArticle(desk, { text: MIXED_TYPES }, editor);
    const many = await submitArticle(desk, { text: articleWithClaims(40) }, editor);
    const all = (await pages({ status: 'pending', limit: 200 })).flat();
    const types = [...new Set(all.map((c) => c.type))];
    expect(types.length).toBeGreaterThanOrEqual(3);
    const cases = [
      ...types.map((type) => ({ type, expected: all.filter((c) => c.type === type) })),
      { articleId: many.article.articleId, expected: all.filter((c) => c.articleId === many.article.articleId) },
      { articleId: mixed.article.articleId, expected: all.filter((c) => c.articleId === mixed.article.articleId) },
      { articleId: many.article.articleId, type: 'quantity' as const, expected: all.filter((c) => c.articleId === many.article.articleId && c.type === 'quantity') },
      { articleId: mixed.article.articleId, type: 'prediction' as const, expected: [] },
      { articleId: 'f'.repeat(24), expected: [] },
    ];
    for (const { expected, ...filter } of cases) {
      for (const limit of [1, 3, 7, 200]) {
        const got = await pages({ status: 'pending', limit, ...filter });
        for (const page of got.slice(0, -1)) expect(page).toHaveLength(limit);
        expect(got.at(-1)!.length).toBeLessThanOrEqual(limit);
        // the same claims in the same order as the whole queue narrowed by hand
        expect(got.flat().map((c) => c.claimId), JSON.stringify(filter)).toEqual(expected.map((c) => c.claimId));
        expect(got.flat().every((c) => c.articleTitle !== undefined && c.entities === undefined)).toBe(true);
      }
    }
    // a cursor belongs to its filter
    const first = await reviewQueue(desk, { status: 'pending', limit: 1, type: 'quantity' });
    expect((await problem(() => reviewQueue(desk, { status: 'pending', limit: 1, type: 'other', cursor: first.nextCursor }))).status).toBe(400);
  });

  it('never Scans, and a type filter reads only that type even behind hundreds of claims of another', async () => {
    await submitArticle(desk, { text: articleWithClaims(400, 'Four hundred quantity claims') }, editor);
    const watched = deskOn(storage);
    const log = spy(watched);
    const page = await reviewQueue(watched, { status: 'pending', type: 'causation', limit: 5 });
    expect(page.items.length).toBeGreaterThan(0);
    expect(log.commands.some((c) => c.name === ScanCommand.name)).toBe(false);
    const queries = log.commands.filter((c) => c.name === QueryCommand.name);
    expect(queries.every((c) => c.input.IndexName === keys.TYPE_INDEX)).toBe(true);
    expect(queries.reduce((sum, c) => sum + c.items, 0)).toBeLessThanOrEqual(6);
    // an article's queue reads its own partition, whatever the rest of the table holds
    log.commands.length = 0;
    const one = (await listArticles(desk, { limit: 1 })).items[0]!;
    await reviewQueue(watched, { status: 'pending', articleId: one.articleId, limit: 5 });
    expect(log.commands.every((c) => c.name !== ScanCommand.name && (c.input.IndexName === undefined))).toBe(true);
    expect(log.commands.filter((c) => c.name === QueryCommand.name).every((c) => c.input.ExpressionAttributeValues[':pk'] === keys.articlePk(one.articleId))).toBe(true);
  });
});

describe('the desk\'s counts', () => {
  it('equal a recount of every listed article after ingests and reviews, read in one request', async () => {
    const { claims } = await submitArticle(desk, { text: articleWithClaims(12, 'Counted') }, editor);
    await markClaim(desk, claims[0]!.claimId, '"1"', { status: 'verified' }, alice);
    await markClaim(desk, claims[1]!.claimId, '"1"', { status: 'dismissed' }, alice);
    await markClaim(desk, claims[1]!.claimId, '"2"', { status: 'pending' }, alice);
    const watched = deskOn(storage);
    const log = spy(watched);
    const stats = await deskStats(watched);
    expect(log.commands).toHaveLength(1);
    expect(stats).toEqual(await recount());
    expect(stats.statusCounts.pending + stats.statusCounts.verified + stats.statusCounts.disputed + stats.statusCounts.sourced + stats.statusCounts.dismissed).toBe(stats.claims);
  });
});

describe('the desk\'s counts when an answer is lost', () => {
  it('counts an article once when the completing transaction is sent twice', async () => {
    const before = await deskStats(desk);
    const resending = deskOn(storage);
    const send = resending.storage.db.send.bind(resending.storage.db) as (command: unknown) => Promise<unknown>;
    (resending.storage.db as { send: unknown }).send = async (command: { input?: { TransactItems?: { Update?: { Key?: { SK?: string } } }[] } }) => {
      // the completion (META update + counts) is sent, and then sent again as if its answer was lost
      if (command.input?.TransactItems?.[0]?.Update?.Key?.SK === keys.META) await send(command);
      return send(command);
    };
    const { created, claims } = await submitArticle(resending, { text: articleWithClaims(5, 'Sent twice') }, editor);
    expect(created).toBe(true);
    const after = await deskStats(desk);
    expect(after.articles).toBe(before.articles + 1);
    expect(after.claims).toBe(before.claims + claims.length);
  });
});

describe('bounded responses', () => {
  it('refuses an article of more than 1,000 claims with 413 too-many-claims, storing nothing', async () => {
    const text = articleWithClaims(1001, 'Too many');
    const refused = await problem(() => submitArticle(desk, { text }, editor));
    expect(refused.status).toBe(413);
    expect(refused.slug).toBe('too-many-claims');
    expect(refused.detail).toMatch(/1,?001 claims/);
    expect(refused.detail).toMatch(/at most 1,?000/);
    const articleId = contentHash(normaliseArticleText(text)).slice(0, 24);
    expect(await readRecord(desk.storage, articleId)).toBeUndefined();
  });

  it('stores no article title on claims; the article and the claim read without it, queue items with it', async () => {
    const { article, claims } = await submitArticle(desk, { text: MIXED_TYPES, title: 'A title' }, editor);
    expect(claims.every((c) => c.articleTitle === undefined)).toBe(true);
    expect((await readArticle(desk, article.articleId)).claims.every((c) => c.articleTitle === undefined)).toBe(true);
    expect((await readClaim(desk, claims[0]!.claimId)).claim.articleTitle).toBeUndefined();
    const queue = await reviewQueue(desk, { status: 'pending', articleId: article.articleId, limit: 10 });
    expect(queue.items.every((c) => c.articleTitle === (article.title))).toBe(true);
  });

  it('shows the 50 most recent events with a claim, and pages the history oldest first', async () => {
    const { claims } = await submitArticle(desk, { text: articleWithClaims(3, 'Long history') }, editor);
    const id = claims[0]!.claimId;
    for (let v = 1; v <= 120; v++) await markClaim(desk, id, `"${v}"`, { note: `note ${v}` }, alice);
    const read = await readClaim(desk, id);
    expect(read.historyTruncated).toBe(true);
    expect(read.history.map((e) => e.version)).toEqual(Array.from({ length: 50 }, (_, i) => 72 + i));
    for (const [limit, sizes] of [[50, [50, 50, 20]], [60, [60, 60]], [200, [120]]] as const) {
      const got: number[][] = [];
      let cursor: string | undefined;
      do {
        const page = await readClaimHistory(desk, id, { limit, cursor });
        got.push(page.items.map((e) => e.version));
        cursor = page.nextCursor;
      } while (cursor);
      expect(got.map((p) => p.length)).toEqual(sizes);
      expect(got.flat()).toEqual(Array.from({ length: 120 }, (_, i) => i + 2));
    }
    const short = await readClaim(desk, claims[1]!.claimId);
    expect(short).toMatchObject({ history: [], historyTruncated: false });
  });

  it('refuses a claim\'s note and sources beyond their budget (413), and changes nothing', async () => {
    const { claims } = await submitArticle(desk, { text: articleWithClaims(2, 'Budget') }, editor);
    const id = claims[0]!.claimId;
    const addSources = Array.from({ length: 20 }, (_, i) => ({ url: `https://example.org/${'x'.repeat(400)}/${i}`, title: 't'.repeat(200) }));
    const refused = await problem(() => markClaim(desk, id, '"1"', { note: 'n'.repeat(4000), addSources }, alice));
    expect(refused.status).toBe(413);
    expect((await readClaim(desk, id)).claim.version).toBe(1);
    await markClaim(desk, id, '"1"', { note: 'n'.repeat(4000), addSources: addSources.slice(0, 5) }, alice);
  });
});
