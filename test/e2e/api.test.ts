/** Every row and every error of API.md, over HTTP through serverless-offline and DynamoDB Local. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.js';
import { client, isProblem } from '../support/http.js';
import { DEMO_TEXT } from '../support/desk.js';

let stack: Stack;
let editor: ReturnType<typeof client>;
let reviewer: ReturnType<typeof client>;
let reader: ReturnType<typeof client>;
let anonymous: ReturnType<typeof client>;
let demo: { article: any; claims: any[] };

beforeAll(async () => {
  stack = await startStack();
  editor = client(stack.baseUrl, await stack.token('eve', ['editor']));
  reviewer = client(stack.baseUrl, await stack.token('alice', ['reviewer']));
  reader = client(stack.baseUrl, await stack.token('rita', []));
  anonymous = client(stack.baseUrl);
  const created = await editor('POST', '/articles', { body: { text: DEMO_TEXT, title: 'NATO talks', source: 'ABC News', url: 'https://abcnews.go.com/x', publishedAt: '2022-01-12T16:53:00-05:00' } });
  expect(created.status).toBe(201);
  demo = created.body;
});
afterAll(async () => stack?.stop());

describe('health', () => {
  it('answers 200 without a token once storage answers', async () => {
    const answer = await anonymous('GET', '/health');
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ok' });
  });
});

describe('articles', () => {
  it('stores the demo with claims in text order, each claim the exact slice of the stored text', async () => {
    const { article, claims } = demo;
    expect(article).toMatchObject({ title: 'NATO talks', source: 'ABC News', createdBy: 'eve', claimCount: claims.length });
    expect(article.statusCounts).toEqual({ pending: claims.length, verified: 0, disputed: 0, sourced: 0, dismissed: 0 });
    expect(claims.length).toBeGreaterThanOrEqual(15);
    for (const claim of claims) expect(claim.text).toBe(article.text.slice(claim.start, claim.end));
    const read = await reader('GET', `/articles/${article.articleId}`);
    expect(read.status).toBe(200);
    expect(read.body.claims.map((c: any) => c.seq)).toEqual(claims.map((_: unknown, i: number) => i + 1));
    expect(read.body.article.text).toBe(article.text);
  });

  it('answers the same text again with 200 and the same articleId', async () => {
    const again = await editor('POST', '/articles', { body: { text: `  ${DEMO_TEXT.replace(/\n\n/g, '\n')}\n\n` } });
    expect(again.status).toBe(200);
    expect(again.body.article.articleId).toBe(demo.article.articleId);
    expect(again.body.claims).toHaveLength(demo.claims.length);
  });

  it('lists articles newest first without their text, paging with a cursor', async () => {
    for (const n of [1, 2, 3]) {
      const answer = await editor('POST', '/articles', { body: { text: `Article ${n}\n\nThe council said it spent $${n} million on roads in 2021.` } });
      expect(answer.status).toBe(201);
    }
    const first = await reader('GET', '/articles?limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0].text).toBeUndefined();
    expect(first.body.items[0].title).toBe('Article 3');
    const second = await reader('GET', `/articles?limit=2&cursor=${first.body.nextCursor}`);
    const ids = [...first.body.items, ...second.body.items].map((a: any) => a.articleId);
    expect(new Set(ids).size).toBe(4);
    expect(ids).toContain(demo.article.articleId);
    const created = [...first.body.items, ...second.body.items].map((a: any) => a.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
  });

  it('refuses bad submissions with problem+json and stores nothing', async () => {
    const before = (await reader('GET', '/articles?limit=200')).body.items.length;
    expect(isProblem(await editor('POST', '/articles', { raw: '{"text":', headers: { 'Content-Type': 'application/json' } }), 400)).toBe(true);
    const invalid = await editor('POST', '/articles', { body: { text: 42, colour: 'red' } });
    expect(isProblem(invalid, 400)).toBe(true);
    expect(invalid.body.errors.map((e: any) => e.path)).toEqual(expect.arrayContaining(['text']));
    expect(isProblem(await editor('POST', '/articles', { body: { text: 'a', html: '<p>a</p>' } }), 400)).toBe(true);
    expect(isProblem(await editor('POST', '/articles', { body: { text: '   ' } }), 400)).toBe(true);
    expect(isProblem(await editor('POST', '/articles', { body: { text: 'word '.repeat(40_001) } }), 413)).toBe(true);
    expect(isProblem(await editor('POST', '/articles', { raw: 'x'.repeat(1024 * 1024 + 1), headers: { 'Content-Type': 'application/json' } }), 413)).toBe(true);
    expect(isProblem(await editor('POST', '/articles', { raw: 'text=hello', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }), 415)).toBe(true);
    expect(isProblem(await reviewer('POST', '/articles', { body: { text: 'Reviewers cannot submit.' } }), 403)).toBe(true);
    expect(isProblem(await anonymous('POST', '/articles', { body: { text: 'Nobody cannot submit.' } }), 401)).toBe(true);
    expect((await reader('GET', '/articles?limit=200')).body.items.length).toBe(before);
  });

  it('answers unknown ids with 404 and bad list queries with 400', async () => {
    expect(isProblem(await reader('GET', '/articles/000000000000000000000000'), 404)).toBe(true);
    expect(isProblem(await reader('GET', '/articles/..%2Fetc'), 404)).toBe(true);
    expect(isProblem(await reader('GET', '/articles?limit=0'), 400)).toBe(true);
    expect(isProblem(await reader('GET', '/articles?limit=201'), 400)).toBe(true);
    expect(isProblem(await reader('GET', '/articles?cursor=bm90LWEtY3Vyc29y'), 400)).toBe(true);
  });
});

describe('claims', () => {
  it('serves the queue most check-worthy first with article titles, paging without repeats or gaps', async () => {
    const all = await reader('GET', '/claims?limit=200');
    expect(all.status).toBe(200);
    const scores = all.body.items.map((c: any) => c.checkworthiness);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(all.body.items.every((c: any) => c.status === 'pending' && typeof c.articleTitle === 'string')).toBe(true);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await reader('GET', `/claims?status=pending&limit=5${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.status).toBe(200);
      paged.push(...page.body.items.map((c: any) => c.claimId));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.body.items.map((c: any) => c.claimId));
    expect(isProblem(await reader('GET', '/claims?status=maybe'), 400)).toBe(true);
    const verifiedCursor = (await reader('GET', '/claims?limit=1')).body.nextCursor;
    expect(isProblem(await reader('GET', `/claims?status=verified&cursor=${verifiedCursor}`), 400)).toBe(true);
  });

  it('reviews with If-Match: 200, version + 1, new ETag, one history event by the token sub', async () => {
    const target = demo.claims[0];
    const read = await reader('GET', `/claims/${target.claimId}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"');
    expect(read.body.history).toEqual([]);
    const marked = await reviewer('PATCH', `/claims/${target.claimId}`, {
      body: { status: 'verified', note: 'Matches the NATO transcript' },
      headers: { 'If-Match': '"1"' },
    });
    expect(marked.status).toBe(200);
    expect(marked.headers.get('etag')).toBe('"2"');
    expect(marked.body.claim).toMatchObject({ status: 'verified', version: 2, updatedBy: 'alice', note: 'Matches the NATO transcript' });
    const history = await reader('GET', `/claims/${target.claimId}/history`);
    expect(history.body.items).toEqual([expect.objectContaining({ version: 2, by: 'alice', from: 'pending', to: 'verified' })]);
    const article = await reader('GET', `/articles/${demo.article.articleId}`);
    expect(article.body.article.statusCounts).toMatchObject({ verified: 1, pending: demo.claims.length - 1 });
    const queue = await reader('GET', '/claims?status=verified');
    expect(queue.body.items.map((c: any) => c.claimId)).toContain(target.claimId);
  });

  it('records the token subject, never a reviewer named in the body', async () => {
    const target = demo.claims[5];
    const sneaky = await reviewer('PATCH', `/claims/${target.claimId}`, { body: { status: 'disputed', by: 'mallory' }, headers: { 'If-Match': '"1"' } });
    expect(isProblem(sneaky, 400)).toBe(true);
    const fine = await reviewer('PATCH', `/claims/${target.claimId}`, { body: { status: 'disputed' }, headers: { 'If-Match': '"1"' } });
    expect(fine.body.claim.updatedBy).toBe('alice');
  });

  it('answers a stale If-Match with 412 and the current claim, a missing one with 428, and changes nothing', async () => {
    const target = demo.claims[1];
    expect((await reviewer('PATCH', `/claims/${target.claimId}`, { body: { status: 'disputed' }, headers: { 'If-Match': '"1"' } })).status).toBe(200);
    const before = await reader('GET', `/claims/${target.claimId}`);
    const stale = await reviewer('PATCH', `/claims/${target.claimId}`, { body: { status: 'verified' }, headers: { 'If-Match': '"1"' } });
    expect(isProblem(stale, 412)).toBe(true);
    expect(stale.body.claim).toMatchObject({ version: 2, status: 'disputed' });
    expect(stale.headers.get('etag')).toBe('"2"');
    expect(isProblem(await reviewer('PATCH', `/claims/${target.claimId}`, { body: { status: 'verified' } }), 428)).toBe(true);
    expect((await reader('GET', `/claims/${target.claimId}`)).body).toEqual(before.body);
  });

  it('lets exactly one of two racing PATCHes on the same version through', async () => {
    const target = demo.claims[2];
    const other = client(stack.baseUrl, await stack.token('bob', ['reviewer']));
    const [a, b] = await Promise.all([
      reviewer('PATCH', `/claims/${target.claimId}`, { body: { status: 'verified' }, headers: { 'If-Match': '"1"' } }),
      other('PATCH', `/claims/${target.claimId}`, { body: { status: 'disputed' }, headers: { 'If-Match': '"1"' } }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 412]);
    expect((await reader('GET', `/claims/${target.claimId}/history`)).body.items).toHaveLength(1);
  });

  it('refuses sourced without a source (409), accepts it with one, and refuses non-http sources (400)', async () => {
    const target = demo.claims[3];
    const url = `/claims/${target.claimId}`;
    expect(isProblem(await reviewer('PATCH', url, { body: { status: 'sourced' }, headers: { 'If-Match': '"1"' } }), 409)).toBe(true);
    expect(isProblem(await reviewer('PATCH', url, { body: { status: 'sourced', addSources: [{ url: 'javascript:alert(1)' }] }, headers: { 'If-Match': '"1"' } }), 400)).toBe(true);
    const sourced = await reviewer('PATCH', url, {
      body: { status: 'sourced', addSources: [{ url: 'https://www.nato.int/cps/en/natohq/news.htm', title: 'NATO' }] },
      headers: { 'If-Match': '"1"' },
    });
    expect(sourced.status).toBe(200);
    expect(sourced.body.claim.sources).toEqual([expect.objectContaining({ url: 'https://www.nato.int/cps/en/natohq/news.htm', title: 'NATO', addedBy: 'alice' })]);
  });

  it('keeps roles: readers cannot review (403), nobody without a token can read (401), unknown claims are 404', async () => {
    const target = demo.claims[4];
    expect(isProblem(await reader('PATCH', `/claims/${target.claimId}`, { body: { status: 'verified' }, headers: { 'If-Match': '"1"' } }), 403)).toBe(true);
    expect(isProblem(await editor('PATCH', `/claims/${target.claimId}`, { body: { status: 'verified' }, headers: { 'If-Match': '"1"' } }), 403)).toBe(true);
    expect(isProblem(await anonymous('GET', `/claims/${target.claimId}`), 401)).toBe(true);
    expect(isProblem(await reader('GET', `/claims/${target.claimId}`, { token: 'abc.def.ghi' }), 401)).toBe(true);
    expect(isProblem(await reader('GET', `/claims/${demo.article.articleId}.999`), 404)).toBe(true);
    expect(isProblem(await reader('GET', `/claims/${demo.article.articleId}.999/history`), 404)).toBe(true);
    expect(isProblem(await reviewer('PATCH', `/claims/${demo.article.articleId}.999`, { body: { status: 'verified' }, headers: { 'If-Match': '"1"' } }), 404)).toBe(true);
    expect(isProblem(await reviewer('PATCH', `/claims/${target.claimId}`, { raw: 'status=verified', headers: { 'If-Match': '"1"', 'Content-Type': 'text/plain' } }), 415)).toBe(true);
    expect((await reader('GET', `/claims/${target.claimId}`)).body.claim.version).toBe(1);
  });
});
