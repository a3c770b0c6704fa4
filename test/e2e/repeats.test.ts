/**
 * Repeated claims over HTTP (issue #10), through serverless-offline and DynamoDB Local: the demo article, then a
 * rewritten copy → reworded claims link `same`, changed ones `related` (never `same`), new ones nothing; the original's
 * claims link back; /claims/similar finds the original from a paraphrase (and is not taken for a claim id); basedOn
 * copies a verdict and the history shows it; a pasted-twice article yields each claim once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startStack, type Stack } from '../support/stack.js';
import { client, isProblem } from '../support/http.js';
import { DEMO_TEXT } from '../support/desk.js';
import { CHANGED, COPY_TEXT, NEW, PARAPHRASE, REWORDED } from '../support/repeats.js';

let stack: Stack;
let editor: ReturnType<typeof client>;
let reviewer: ReturnType<typeof client>;
let reader: ReturnType<typeof client>;
let demo: any[];
let copy: any[];

const demoClaim = (needle: string) => demo.find((claim) => claim.text.includes(needle))!;
const copyClaim = (text: string) => copy.find((claim) => claim.text === text)!;

beforeAll(async () => {
  stack = await startStack();
  editor = client(stack.baseUrl, await stack.token('eve', ['editor']));
  reviewer = client(stack.baseUrl, await stack.token('alice', ['reviewer']));
  reader = client(stack.baseUrl, await stack.token('rita', []));
  const first = await editor('POST', '/articles', { body: { text: DEMO_TEXT, title: 'NATO talks' } });
  expect(first.status).toBe(201);
  demo = first.body.claims;
  const second = await editor('POST', '/articles', { body: { text: COPY_TEXT } });
  expect(second.status).toBe(201);
  copy = second.body.claims;
});
afterAll(async () => stack?.stop());

describe('matches at ingest', () => {
  it('links reworded claims same, changed ones related (never same), new ones not at all', () => {
    for (const { original, copy: text } of REWORDED) {
      expect(copyClaim(text).matches[0]).toMatchObject({ claimId: demoClaim(original).claimId, articleId: demoClaim(original).articleId, relation: 'same', status: 'pending' });
    }
    for (const { original, copy: text } of CHANGED) {
      const claim = copyClaim(text);
      expect(claim.matches.find((m: any) => m.claimId === demoClaim(original).claimId)).toMatchObject({ relation: 'related', differences: { changed: expect.any(Array) } });
      expect(claim.matches.filter((m: any) => m.relation === 'same')).toEqual([]);
    }
    for (const text of NEW) expect(copyClaim(text).matches).toBeUndefined();
  });

  it("links back: the original's claims carry the copy's, on GET /claims/{id} with the status now, and on GET /articles/{id}", async () => {
    const original = demoClaim(REWORDED[0]!.original);
    const target = copyClaim(REWORDED[0]!.copy);
    const read = await reader('GET', `/claims/${original.claimId}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('etag')).toBe('"1"'); // linking did not change the version
    expect(read.body.claim.matches[0]).toMatchObject({ claimId: target.claimId, articleId: target.articleId, relation: 'same', status: 'pending' });
    const article = await reader('GET', `/articles/${original.articleId}`);
    const linked = article.body.claims.filter((c: any) => c.matches?.some((m: any) => m.articleId === target.articleId));
    expect(linked.length).toBeGreaterThanOrEqual(REWORDED.length + CHANGED.length);
  });
});

describe('the queue', () => {
  it('carries each claim\'s matches, so repeats can be grouped', async () => {
    const queue = await reader('GET', '/claims?status=pending&limit=200');
    expect(queue.status).toBe(200);
    const target = copyClaim(REWORDED[1]!.copy);
    const item = queue.body.items.find((c: any) => c.claimId === target.claimId);
    expect(item.matches[0]).toMatchObject({ claimId: demoClaim(REWORDED[1]!.original).claimId, relation: 'same' });
    expect(queue.body.items.find((c: any) => c.text === NEW[0]).matches).toBeUndefined();
  });
});

describe('GET /claims/similar', () => {
  it('finds the original from a paraphrase (the route is not taken for a claim id)', async () => {
    const answer = await reader('GET', `/claims/similar?text=${encodeURIComponent(PARAPHRASE.text)}`);
    expect(answer.status).toBe(200);
    expect(answer.body.items[0]).toMatchObject({ claim: { claimId: demoClaim(PARAPHRASE.original).claimId }, relation: expect.stringMatching(/^(same|related)$/) });
    for (const item of answer.body.items) expect(item.similarity).toBeGreaterThanOrEqual(0.5);
  });

  it('ranks most similar first and honours limit', async () => {
    const text = REWORDED[0]!.copy;
    const all = await reader('GET', `/claims/similar?text=${encodeURIComponent(text)}`);
    expect(all.body.items.slice(0, 2)).toMatchObject([
      { claim: { claimId: copyClaim(text).claimId }, relation: 'same', similarity: 1 },
      { claim: { claimId: demoClaim(REWORDED[0]!.original).claimId }, relation: 'same' },
    ]);
    expect(all.body.items[1].similarity).toBeLessThan(1);
    const one = await reader('GET', `/claims/similar?limit=1&text=${encodeURIComponent(text)}`);
    expect(one.status).toBe(200);
    expect(one.body.items).toEqual(all.body.items.slice(0, 1));
  });

  it('refuses text under 3 or over 2,000 characters and limit over 50 (400), and needs a token (401)', async () => {
    expect(isProblem(await reader('GET', '/claims/similar?text=ab'), 400)).toBe(true);
    expect(isProblem(await reader('GET', '/claims/similar'), 400)).toBe(true);
    expect(isProblem(await reader('GET', `/claims/similar?text=${'a'.repeat(2001)}`), 400)).toBe(true);
    expect(isProblem(await reader('GET', '/claims/similar?text=abc&limit=51'), 400)).toBe(true);
    expect((await reader('GET', '/claims/similar?text=abc&limit=50')).body).toEqual({ items: [] });
    expect(isProblem(await client(stack.baseUrl)('GET', '/claims/similar?text=abc'), 401)).toBe(true);
  });
});

describe('verdict reuse', () => {
  it('basedOn copies status and sources under If-Match; the history records it', async () => {
    const original = demoClaim(REWORDED[2]!.original);
    const marked = await reviewer('PATCH', `/claims/${original.claimId}`, {
      headers: { 'If-Match': '"1"' },
      body: { status: 'sourced', addSources: [{ url: 'https://www.nato.int/', title: 'NATO' }] },
    });
    expect(marked.status).toBe(200);
    const target = copyClaim(REWORDED[2]!.copy);
    const reused = await reviewer('PATCH', `/claims/${target.claimId}`, { headers: { 'If-Match': '"1"' }, body: { basedOn: original.claimId } });
    expect(reused.status).toBe(200);
    expect(reused.body.claim).toMatchObject({ status: 'sourced', version: 2, sources: [{ url: 'https://www.nato.int/', title: 'NATO', addedBy: 'alice' }] });
    const history = await reader('GET', `/claims/${target.claimId}/history`);
    expect(history.body.items.at(-1)).toMatchObject({ basedOn: original.claimId, from: 'pending', to: 'sourced', by: 'alice' });
    // the match on the original now shows the copy's new status
    const read = await reader('GET', `/claims/${original.claimId}`);
    expect(read.body.claim.matches.find((m: any) => m.claimId === target.claimId)).toMatchObject({ status: 'sourced' });
  });

  it('unknown claim 400 (field error), pending or same article 409, stale 412; nothing changes', async () => {
    const target = copyClaim(NEW[1]!);
    const unknown = await reviewer('PATCH', `/claims/${target.claimId}`, { headers: { 'If-Match': '"1"' }, body: { basedOn: 'ffffffffffffffffffffffff.9' } });
    expect(isProblem(unknown, 400)).toBe(true);
    expect(unknown.body.errors[0].path).toBe('basedOn');
    const pending = await reviewer('PATCH', `/claims/${target.claimId}`, { headers: { 'If-Match': '"1"' }, body: { basedOn: demoClaim('Kremlin now alleges').claimId } });
    expect(isProblem(pending, 409)).toBe(true);
    const sameArticle = await reviewer('PATCH', `/claims/${target.claimId}`, { headers: { 'If-Match': '"1"' }, body: { basedOn: copyClaim(REWORDED[2]!.copy).claimId } });
    expect(isProblem(sameArticle, 409)).toBe(true);
    const stale = await reviewer('PATCH', `/claims/${target.claimId}`, { headers: { 'If-Match': '"5"' }, body: { basedOn: demoClaim(REWORDED[2]!.original).claimId } });
    expect(isProblem(stale, 412)).toBe(true);
    expect((await reader('GET', `/claims/${target.claimId}`)).headers.get('etag')).toBe('"1"');
  });
});

describe('one article', () => {
  it('pasted twice yields each claim once', async () => {
    const answer = await editor('POST', '/articles', { body: { text: `${DEMO_TEXT}\n\n${DEMO_TEXT}` } });
    expect(answer.status).toBe(201);
    const texts = answer.body.claims.map((c: any) => c.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts).toEqual(expect.arrayContaining(demo.map((c) => c.text)));
  });
});
