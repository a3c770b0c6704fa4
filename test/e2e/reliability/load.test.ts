/**
 * Concurrent reviewers and concurrent ingest, over HTTP against the real local stack (serverless-offline + DynamoDB Local).
 *
 * Reviews: 50 clients send 2,000 PATCHes to 100 claims, each with the If-Match it last saw (some stale). Afterwards every
 * accepted change is in the history exactly once, by the person whose token made it, versions have no gaps, each claim
 * is its last accepted change, statusCounts equal a recount, and nothing answered 5xx.
 * Ingest: 20 clients post 200 articles (some the same text): one article per distinct text, whole, none half-written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash, normaliseArticleText } from '../../../lib/text.js';
import { startReliabilityStack, type ReliabilityStack } from '../../support/reliability-stack.js';
import {
  call,
  expectProblem,
  inParallel,
  recordFigures,
  seededRandom,
  syntheticArticle,
  tableSnapshot,
  tally,
  wholenessViolations,
  isEmulatorTimeout,
  latency,
  warmUp,
  type Answer,
} from '../../support/reliability.js';

const ARTICLES = 10;
const CLAIMS_PER_ARTICLE = 10;
const REVIEW_CLIENTS = 50;
const PATCHES = 2_000;
const INGEST_CLIENTS = 20;
const INGEST_POSTS = 200;
const INGEST_DISTINCT = 140;

let stack: ReliabilityStack;
let editor: string;

beforeAll(async () => {
  stack = await startReliabilityStack();
  editor = await stack.token('eve', ['editor']);
});
afterAll(async () => stack?.stop());

interface Accepted {
  claimId: string;
  version: number;
  by: string;
  claim: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('concurrent reviewers', () => {
  it(`${REVIEW_CLIENTS} clients, ${PATCHES} PATCHes on ${ARTICLES * CLAIMS_PER_ARTICLE} claims: no verdict lost, none invented`, async () => {
    // 100 claims in 10 articles: reviews of one article's claims race on its statusCounts as well as on each claim.
    const claimIds: string[] = [];
    const articleIds: string[] = [];
    for (let a = 0; a < ARTICLES; a++) {
      const answer = await call(stack.baseUrl, 'POST', '/articles', { token: editor, body: { text: syntheticArticle(a, CLAIMS_PER_ARTICLE + 2) } });
      expect(answer.status, answer.text).toBe(201);
      articleIds.push(answer.json.article.articleId);
      claimIds.push(...answer.json.claims.slice(0, CLAIMS_PER_ARTICLE).map((claim: { claimId: string }) => claim.claimId));
    }
    expect(claimIds).toHaveLength(ARTICLES * CLAIMS_PER_ARTICLE);

    await warmUp(stack.baseUrl, `/claims/${claimIds[0]}`, editor, REVIEW_CLIENTS);
    const tokens = await Promise.all(Array.from({ length: REVIEW_CLIENTS }, (_, c) => stack.token(`reviewer-${c}`, ['reviewer'])));
    const accepted: Accepted[] = [];
    const answers: Answer[] = [];
    const unexpected: string[] = [];
    let next = 0;
    let reads = 0;
    const started = Date.now();

    await inParallel(REVIEW_CLIENTS, async (client) => {
      const random = seededRandom(1000 + client);
      const seen = new Map<string, number>(claimIds.map((id) => [id, 1]));
      const by = `reviewer-${client}`;
      for (let k = 0; next < PATCHES; k++) {
        next += 1;
        const claimId = claimIds[Math.floor(random() * claimIds.length)]!;
        const roll = random();
        const url = `https://example.org/evidence/${client}/${k}`;
        const body =
          roll < 0.4 ? { status: (['verified', 'disputed', 'pending'] as const)[Math.floor(random() * 3)] }
          : roll < 0.6 ? { note: `checked by ${by}, pass ${k}` }
          : roll < 0.75 ? { status: 'sourced', addSources: [{ url, title: `Evidence ${k}` }] }
          : roll < 0.85 ? { status: 'sourced' } // 409 unless the claim already has a source
          : { addSources: [{ url }], note: `source from ${by}` };
        // The version this client last saw: often it reads the claim first (GET, its ETag); otherwise it goes by what it
        // saw before, which others may have changed since (stale). Sometimes it sends a version it knows to be older.
        if (random() < 0.4) {
          const read = await call(stack.baseUrl, 'GET', `/claims/${claimId}`, { token: tokens[client] });
          reads += 1;
          if (read.status === 200) seen.set(claimId, Number(read.headers.get('etag')!.replace(/"/g, '')));
          else unexpected.push(`GET ${read.status} ${read.text.slice(0, 200)}`);
        }
        const known = seen.get(claimId)!;
        const version = random() < 0.1 && known > 1 ? known - 1 : known;
        const answer = await call(stack.baseUrl, 'PATCH', `/claims/${claimId}`, {
          token: tokens[client],
          body,
          headers: { 'If-Match': `"${version}"` },
        });
        answers.push(answer);
        if (answer.status === 200 && answer.json?.claim === undefined) {
          unexpected.push(`200 without a claim: ${JSON.stringify(answer.text.slice(0, 300))} ${JSON.stringify([...answer.headers])}`);
        } else if (answer.status === 200) {
          const claim = answer.json.claim;
          if (answer.headers.get('etag') !== `"${claim.version}"`) unexpected.push(`200 with ETag ${answer.headers.get('etag')} for version ${claim.version}`);
          if (claim.updatedBy !== by) unexpected.push(`200 for ${by} recorded as ${claim.updatedBy}`);
          accepted.push({ claimId, version: claim.version, by, claim });
          seen.set(claimId, claim.version);
        } else if (answer.status === 412) {
          expectProblem(answer, 412);
          expect(answer.json.claim.claimId).toBe(claimId);
          seen.set(claimId, answer.json.claim.version); // the client reads the current claim and goes on from there
        } else if (answer.status === 409) {
          expectProblem(answer, 409);
        } else {
          unexpected.push(`${answer.status} ${answer.text.slice(0, 200)}`);
        }
      }
    });
    const seconds = (Date.now() - started) / 1000;

    const statuses = tally(answers.map((answer) => answer.status));
    const timedOut = answers.filter(isEmulatorTimeout);
    expect(timedOut.length, `serverless-offline timed out ${timedOut.length} requests; latency ${JSON.stringify(latency(answers))}`).toBe(0);
    const fivexx = answers.filter((answer) => answer.status >= 500).length;
    expect(unexpected).toEqual([]);
    expect(fivexx).toBe(0);
    expect(answers).toHaveLength(PATCHES);

    // Per claim: the history is exactly the accepted answers, and the claim is the last of them.
    let lost = 0;
    let invented = 0;
    const reader = await stack.token('auditor', []);
    for (const claimId of claimIds) {
      const mine = accepted.filter((change) => change.claimId === claimId).sort((a, b) => a.version - b.version);
      const answer = await call(stack.baseUrl, 'GET', `/claims/${claimId}`, { token: reader });
      expect(answer.status).toBe(200);
      const { claim, history } = answer.json as { claim: Record<string, any>; history: Record<string, any>[] }; // eslint-disable-line @typescript-eslint/no-explicit-any
      expect(history.map((event) => event.version), claimId).toEqual(mine.map((change) => change.version));
      expect(mine.map((change) => change.version), claimId).toEqual(Array.from({ length: mine.length }, (_, i) => i + 2));
      expect(claim.version).toBe(1 + mine.length);
      expect(answer.headers.get('etag')).toBe(`"${claim.version}"`);
      for (const change of mine) {
        const event = history.find((e) => e.version === change.version);
        if (!event) lost += 1;
        else {
          expect(event.by, `${claimId} v${change.version}`).toBe(change.by);
          expect(event.to).toBe(change.claim.status);
        }
      }
      invented += history.filter((event) => !mine.some((change) => change.version === event.version)).length;
      // A read also carries the claim's matches (statuses as they are now); the rest is what the last review saved.
      const { matches: _matches, ...saved } = claim;
      if (mine.length > 0) expect(saved).toEqual(mine.at(-1)!.claim);
      else expect(claim).toMatchObject({ version: 1, status: 'pending' });
    }
    expect(lost).toBe(0);
    expect(invented).toBe(0);

    // statusCounts of each article equal a recount of its claims, over HTTP and in the table.
    for (const articleId of articleIds) {
      const { json } = await call(stack.baseUrl, 'GET', `/articles/${articleId}`, { token: reader });
      const recount = { pending: 0, verified: 0, disputed: 0, sourced: 0, dismissed: 0 };
      for (const claim of json.claims as { status: keyof typeof recount }[]) recount[claim.status] += 1;
      expect(json.article.statusCounts, articleId).toEqual(recount);
    }
    expect(wholenessViolations(await tableSnapshot(stack.storage))).toEqual([]);
    // The desk's counts, kept in the same transactions as every review, equal the sum of the articles' counts.
    const desk = { claims: 0, articles: 0, statusCounts: { pending: 0, verified: 0, disputed: 0, sourced: 0, dismissed: 0 } as Record<string, number> };
    for (const articleId of articleIds) {
      const { json } = await call(stack.baseUrl, 'GET', `/articles/${articleId}`, { token: reader });
      desk.articles += 1;
      desk.claims += json.article.claimCount;
      for (const [status, n] of Object.entries(json.article.statusCounts as Record<string, number>)) desk.statusCounts[status]! += n;
    }
    expect((await call(stack.baseUrl, 'GET', '/stats', { token: reader })).json).toEqual(desk);

    await recordFigures('reviews', {
      clients: REVIEW_CLIENTS,
      claims: claimIds.length,
      sent: answers.length,
      readsBetween: reads,
      accepted: statuses['200'] ?? 0,
      refusedStale412: statuses['412'] ?? 0,
      refusedConflict409: statuses['409'] ?? 0,
      lost,
      invented,
      fivexx,
      seconds,
      perSecond: Math.round(answers.length / seconds),
      latencyMs: latency(answers),
    });
  });
});

describe('concurrent ingest', () => {
  it(`${INGEST_CLIENTS} clients post ${INGEST_POSTS} articles (${INGEST_DISTINCT} distinct texts): one whole article per text`, async () => {
    const random = seededRandom(42);
    const texts = Array.from({ length: INGEST_DISTINCT }, (_, i) => syntheticArticle(1000 + i, 3 + (i % 6)));
    // The same text again: identical, or differing only in whitespace (one article either way).
    const submissions = [
      ...texts.map((text, index) => ({ index, text })),
      ...Array.from({ length: INGEST_POSTS - INGEST_DISTINCT }, () => {
        const index = Math.floor(random() * INGEST_DISTINCT);
        const text = random() < 0.5 ? texts[index]! : `  ${texts[index]!.replace(/\n\n/g, '\n\n\n').replace(/ /g, '  ')}\n`;
        return { index, text };
      }),
    ];
    for (let i = submissions.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [submissions[i], submissions[j]] = [submissions[j]!, submissions[i]!];
    }
    const expectedId = texts.map((text) => contentHash(normaliseArticleText(text)).slice(0, 24));

    await warmUp(stack.baseUrl, '/articles?limit=1', editor, INGEST_CLIENTS);
    const results: { index: number; answer: Answer }[] = [];
    let next = 0;
    const started = Date.now();
    await inParallel(INGEST_CLIENTS, async () => {
      while (next < submissions.length) {
        const submission = submissions[next++]!;
        const answer = await call(stack.baseUrl, 'POST', '/articles', { token: editor, body: { text: submission.text } });
        results.push({ index: submission.index, answer });
      }
    });
    const seconds = (Date.now() - started) / 1000;

    const statuses = tally(results.map(({ answer }) => answer.status));
    const timedOut = results.filter(({ answer }) => isEmulatorTimeout(answer));
    expect(timedOut.length, `serverless-offline timed out ${timedOut.length} requests; latency ${JSON.stringify(latency(results.map((r) => r.answer)))}`).toBe(0);
    expect(results.filter(({ answer }) => answer.status >= 500).map(({ answer }) => answer.text)).toEqual([]);
    expect(results.filter(({ answer }) => answer.status !== 200 && answer.status !== 201).map(({ answer }) => answer.text)).toEqual([]);
    // exactly one creation per distinct text, and every answer names that text's article, with all its claims
    const created = new Map<number, number>();
    for (const { index, answer } of results) {
      if (answer.status === 201) created.set(index, (created.get(index) ?? 0) + 1);
      expect(answer.json.article.articleId).toBe(expectedId[index]);
      expect(answer.json.claims.length).toBe(answer.json.article.claimCount);
      expect(answer.json.claims.length).toBeGreaterThan(0);
      expect(answer.json.article.text).toBe(normaliseArticleText(texts[index]!));
    }
    expect([...created.values()].every((count) => count === 1)).toBe(true);
    expect(created.size).toBe(INGEST_DISTINCT);

    const snapshot = await tableSnapshot(stack.storage);
    const metas = snapshot.filter((item) => item.entity === 'article' && expectedId.includes(item.articleId));
    expect(metas).toHaveLength(INGEST_DISTINCT);
    expect(metas.every((meta) => meta.state === 'complete')).toBe(true);
    expect(wholenessViolations(snapshot)).toEqual([]);

    await recordFigures('ingest', {
      clients: INGEST_CLIENTS,
      sent: results.length,
      distinctTexts: INGEST_DISTINCT,
      created201: statuses['201'] ?? 0,
      alreadyStored200: statuses['200'] ?? 0,
      articlesStored: metas.length,
      halfWritten: metas.filter((meta) => meta.state !== 'complete').length,
      fivexx: results.filter(({ answer }) => answer.status >= 500).length,
      seconds,
      latencyMs: latency(results.map((r) => r.answer)),
    });
  });
});
