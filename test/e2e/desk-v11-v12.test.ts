/**
 * API v1.1 (statuses and ratings, filters and counts) and v1.2 (bounded responses, archiving) over HTTP through
 * serverless-offline and DynamoDB Local, with the roles API.md gives each route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.js';
import { client, isProblem } from '../support/http.js';
import { DEMO_TEXT } from '../support/desk.js';
import { articleWithClaims, MIXED_TYPES } from '../support/articles.js';

let stack: Stack;
let editor: ReturnType<typeof client>;
let reviewer: ReturnType<typeof client>;
let admin: ReturnType<typeof client>;
let reader: ReturnType<typeof client>;
let demo: { article: any; claims: any[] };
let mixed: { article: any; claims: any[] };

const STATUSES = ['pending', 'verified', 'disputed', 'sourced', 'dismissed'];

beforeAll(async () => {
  stack = await startStack();
  editor = client(stack.baseUrl, await stack.token('eve', ['editor']));
  reviewer = client(stack.baseUrl, await stack.token('alice', ['reviewer']));
  admin = client(stack.baseUrl, await stack.token('ada', ['admin']));
  reader = client(stack.baseUrl, await stack.token('rita', []));
  demo = (await editor('POST', '/articles', { body: { text: DEMO_TEXT, title: 'NATO talks' } })).body;
  mixed = (await editor('POST', '/articles', { body: { text: MIXED_TYPES } })).body;
  expect(demo.claims.length).toBeGreaterThan(10);
});
afterAll(async () => stack?.stop());

async function allPages(path: string, limit: number): Promise<any[][]> {
  const pages: any[][] = [];
  let cursor: string | undefined;
  do {
    const answer = await reader('GET', `${path}${path.includes('?') ? '&' : '?'}limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(answer.status, answer.text).toBe(200);
    pages.push(answer.body.items);
    cursor = answer.body.nextCursor;
  } while (cursor);
  return pages;
}

async function recount() {
  const articles = (await allPages('/articles', 200)).flat();
  const statusCounts = Object.fromEntries(STATUSES.map((s) => [s, 0]));
  for (const article of articles) for (const s of STATUSES) statusCounts[s] += article.statusCounts[s];
  return { claims: articles.reduce((sum, a) => sum + a.claimCount, 0), articles: articles.length, statusCounts };
}

describe('statuses and ratings', () => {
  it('dismisses and rates with If-Match; a rating needs a verdict (409); history records the rating; five counts', async () => {
    const id = demo.claims[0].claimId;
    expect(isProblem(await reviewer('PATCH', `/claims/${id}`, { body: { rating: 'true' }, headers: { 'If-Match': '"1"' } }), 409)).toBe(true);
    expect(isProblem(await reviewer('PATCH', `/claims/${id}`, { body: { rating: 'maybe' }, headers: { 'If-Match': '"1"' } }), 400)).toBe(true);
    const rated = await reviewer('PATCH', `/claims/${id}`, { body: { status: 'verified', rating: 'mostly-true' }, headers: { 'If-Match': '"1"' } });
    expect(rated.status).toBe(200);
    expect(rated.body.claim).toMatchObject({ status: 'verified', rating: 'mostly-true', version: 2 });
    const dismissed = await reviewer('PATCH', `/claims/${id}`, { body: { status: 'dismissed' }, headers: { 'If-Match': '"2"' } });
    expect(dismissed.body.claim.status).toBe('dismissed');
    expect(dismissed.body.claim.rating).toBeUndefined();
    const history = await reader('GET', `/claims/${id}/history`);
    expect(history.body.items.map((e: any) => [e.to, e.rating])).toEqual([['verified', 'mostly-true'], ['dismissed', null]]);
    const article = (await reader('GET', `/articles/${demo.article.articleId}`)).body.article;
    expect(Object.keys(article.statusCounts).sort()).toEqual([...STATUSES].sort());
    expect(article.statusCounts.dismissed).toBe(1);
    expect((await reader('GET', '/claims?status=dismissed')).body.items.map((c: any) => c.claimId)).toEqual([id]);
  });
});

describe('filters and counts', () => {
  it('narrows the queue by type and article, in queue order, every page full but the last; bad filters are 400', async () => {
    const all = (await allPages('/claims?status=pending', 200)).flat();
    for (const filter of ['type=other', 'type=quantity', `articleId=${mixed.article.articleId}`, `articleId=${demo.article.articleId}&type=other`]) {
      const expected = all.filter((c) => filter.split('&').every((part) => { const [k, v] = part.split('='); return c[k!] === v; }));
      expect(expected.length, filter).toBeGreaterThan(0);
      const pages = await allPages(`/claims?status=pending&${filter}`, 3);
      for (const page of pages.slice(0, -1)) expect(page).toHaveLength(3);
      expect(pages.flat().map((c) => c.claimId), filter).toEqual(expected.map((c) => c.claimId));
      expect(pages.flat().every((c) => typeof c.articleTitle === 'string')).toBe(true);
    }
    expect(isProblem(await reader('GET', '/claims?type=opinion'), 400)).toBe(true);
    expect(isProblem(await reader('GET', '/claims?articleId=../x'), 400)).toBe(true);
  });

  it('GET /stats (any role) equals a recount of the listed articles', async () => {
    const stats = await reader('GET', '/stats');
    expect(stats.status).toBe(200);
    expect(stats.body).toEqual(await recount());
    expect(isProblem(await client(stack.baseUrl)('GET', '/stats'), 401)).toBe(true);
  });
});

describe('bounded responses', () => {
  it('refuses an article of more than 1,000 claims: 413 too-many-claims, nothing stored', async () => {
    const before = await reader('GET', '/stats');
    const answer = await editor('POST', '/articles', { body: { text: articleWithClaims(1001) } });
    expect(isProblem(answer, 413)).toBe(true);
    expect(answer.body.type).toMatch(/too-many-claims$/);
    expect(answer.body.detail).toMatch(/1,001 claims.*at most 1,000/);
    expect((await reader('GET', '/stats')).body).toEqual(before.body);
  });

  it('claims carry no article title except in the queue; GET /claims/{id} has historyTruncated; history pages', async () => {
    const id = mixed.claims[0].claimId;
    expect(mixed.claims.every((c: any) => c.articleTitle === undefined)).toBe(true);
    for (let v = 1; v <= 4; v++) {
      expect((await reviewer('PATCH', `/claims/${id}`, { body: { note: `n${v}` }, headers: { 'If-Match': `"${v}"` } })).status).toBe(200);
    }
    const read = await reader('GET', `/claims/${id}`);
    expect(read.body).toMatchObject({ historyTruncated: false });
    expect(read.body.claim.articleTitle).toBeUndefined();
    expect(read.body.history.map((e: any) => e.version)).toEqual([2, 3, 4, 5]);
    const pages = await allPages(`/claims/${id}/history`, 3);
    expect(pages.map((p) => p.map((e) => e.version))).toEqual([[2, 3, 4], [5]]);
    expect(isProblem(await reader('GET', `/claims/${id}/history?limit=201`), 400)).toBe(true);
  });
});

describe('archiving', () => {
  it('is for admins; archives out of lists, queues and counts with 410 on reads; again 204; restores exactly', async () => {
    const { articleId } = demo.article;
    const claimId = demo.claims[1].claimId;
    for (const who of [editor, reviewer, reader]) {
      expect(isProblem(await who('DELETE', `/articles/${articleId}`), 403)).toBe(true);
      expect(isProblem(await who('POST', `/articles/${articleId}/restore`), 403)).toBe(true);
      expect(isProblem(await who('GET', '/articles?archived=true'), 403)).toBe(true);
    }
    expect(isProblem(await admin('DELETE', '/articles/000000000000000000000000'), 404)).toBe(true);
    const before = {
      article: (await reader('GET', `/articles/${articleId}`)).body,
      claim: (await reader('GET', `/claims/${claimId}`)).body,
      queue: (await allPages('/claims?status=pending', 200)).flat().map((c) => c.claimId),
      stats: (await reader('GET', '/stats')).body,
    };

    const archived = await admin('DELETE', `/articles/${articleId}`);
    expect(archived.status).toBe(204);
    expect(archived.text).toBe('');
    expect(isProblem(await reader('GET', `/articles/${articleId}`), 410)).toBe(true);
    expect(isProblem(await reader('GET', `/claims/${claimId}`), 410)).toBe(true);
    expect(isProblem(await reviewer('PATCH', `/claims/${claimId}`, { body: { status: 'verified' }, headers: { 'If-Match': '"1"' } }), 410)).toBe(true);
    expect((await allPages('/claims?status=pending', 200)).flat().map((c) => c.claimId)).toEqual(before.queue.filter((id: string) => !id.startsWith(articleId)));
    expect((await allPages('/articles', 200)).flat().map((a) => a.articleId)).not.toContain(articleId);
    expect((await admin('GET', '/articles?archived=true')).body.items.map((a: any) => a.articleId)).toEqual([articleId]);
    const stats = (await reader('GET', '/stats')).body;
    expect(stats).toEqual(await recount());
    expect(stats.claims).toBe(before.stats.claims - demo.claims.length);
    expect((await admin('DELETE', `/articles/${articleId}`)).status).toBe(204);
    const again = await editor('POST', '/articles', { body: { text: DEMO_TEXT } });
    expect(isProblem(again, 409)).toBe(true);
    expect(again.body.detail).toContain(articleId);

    const restored = await admin('POST', `/articles/${articleId}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body).toEqual(before.article);
    expect((await reader('GET', `/claims/${claimId}`)).body).toEqual(before.claim);
    expect((await allPages('/claims?status=pending', 200)).flat().map((c) => c.claimId)).toEqual(before.queue);
    expect((await reader('GET', '/stats')).body).toEqual(before.stats);
    expect((await admin('GET', '/articles?archived=true')).body.items).toEqual([]);
  });
});
