/**
 * Storage faults: DynamoDB Local (file-backed, so its data survives) is stopped while ingests and reviews are in
 * flight. Every answer is then a success or a 503 problem+json with Retry-After (never a 500, never internals); after
 * a restart, retrying the same requests succeeds, and the data is whole: no article without its claims, no claim
 * change without its history event, and no change applied twice.
 */
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { contentHash, normaliseArticleText } from '../../../lib/text.js';
import { startReliabilityStack, type ReliabilityStack } from '../../support/reliability-stack.js';
import { freezeProcess, listenerPids, threadStates } from '../../../scripts/local/processes.js';
import {
  call,
  expectProblem,
  inParallel,
  recordFigures,
  syntheticArticle,
  tableSnapshot,
  tally,
  warmUp,
  wholenessViolations,
  type Answer,
  type CallOptions,
} from '../../support/reliability.js';

const INGESTS = 12;
const REVIEW_CLIENTS = 10;
const REVIEWS_PER_CLIENT = 12;

let stack: ReliabilityStack;
let editor: string;

beforeAll(async () => {
  stack = await startReliabilityStack({ persistent: true });
  editor = await stack.token('eve', ['editor']);
});
afterAll(async () => stack?.stop());

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The outage test's own bounds: up to 60 s for requests to land before the plug is pulled, then retries for up to
 * 150 s after storage is back (a cut-off ingest holds its lease for 35 s), on a machine that may be busy.
 */
const OUTAGE_TEST_MS = 480_000;

/** Retries a request the way a careful client does: on 503 and 409, after Retry-After, until `deadline`. */
async function retried(method: string, path: string, options: () => CallOptions, deadline: number): Promise<{ answer: Answer; attempts: number }> {
  for (let attempts = 1; ; attempts++) {
    const answer = await call(stack.baseUrl, method, path, options());
    if ((answer.status !== 503 && answer.status !== 409) || Date.now() > deadline) return { answer, attempts };
    if (answer.status === 409 && answer.json?.claim) return { answer, attempts }; // a real conflict, not a busy article
    await sleep(Number(answer.headers.get('retry-after') ?? '1') * 1000);
  }
}

function expectUnavailable(answer: Answer, label: string): void {
  expectProblem(answer, 503, label);
  expect(Number(answer.headers.get('retry-after')), `${label}: Retry-After`).toBeGreaterThan(0);
}

describe('storage faults', () => {
  it('storage stopped in the middle of ingests and reviews: 503 or success, then retries make the data whole', async () => {
    const started = Date.now();
    // A failed (or timed-out) run stops its clients, so none of its requests land in the tests after it.
    let abandoned = false;
    onTestFailed(() => {
      abandoned = true;
    });
    // Reviews: each client works on claims of its own, so every retry's outcome is known exactly.
    const setup = await call(stack.baseUrl, 'POST', '/articles', { token: editor, body: { text: syntheticArticle(500, REVIEW_CLIENTS * 2) } });
    expect(setup.status).toBe(201);
    const claimIds: string[] = setup.json.claims.map((claim: { claimId: string }) => claim.claimId);
    expect(claimIds.length).toBeGreaterThanOrEqual(REVIEW_CLIENTS * 2);
    // Long articles (two BatchWrite chunks of claims and more), so some are half-written when the plug is pulled.
    const texts = Array.from({ length: INGESTS }, (_, i) => syntheticArticle(600 + i, 20 + (i % 6)));
    await warmUp(stack.baseUrl, '/articles?limit=1', editor, 10);
    const phase = (what: string) => console.log(`[faults] +${((Date.now() - started) / 1000).toFixed(1)} s ${what}`);

    interface Sent {
      kind: 'ingest' | 'review';
      path: string;
      options: CallOptions;
      first?: Answer;
      answer?: Answer;
      attempts: number;
      busy409: number;
      by?: string;
      note?: string;
    }
    const sent: Sent[] = [];
    let stopAt = 0;
    let restartedAt = 0;
    let halfWrittenAtRestart = 0;
    const succeeded = (kind: Sent['kind']) => sent.filter((s) => s.kind === kind && s.first && s.first.status < 300).length;
    const stopped = (async () => {
      // let some requests of each kind land, then pull the plug while the rest are in flight
      const latest = Date.now() + 60_000;
      while ((succeeded('ingest') < 2 || succeeded('review') < 10) && Date.now() < latest) await sleep(10);
      stopAt = Date.now();
      phase('stopping storage');
      await stack.stopStorage();
      phase('storage stopped');
    })();
    const restarted = (async () => {
      await stopped;
      await sleep(1500); // an outage of a second and a half (plus DynamoDB Local's start), requests arriving all along
      await stack.startStorageAgain();
      restartedAt = Date.now();
      phase('storage back');
      // articles whose writer was cut off after claiming them: not listed, not readable, until a retry takes them over
      halfWrittenAtRestart = (await tableSnapshot(stack.storage)).filter((item) => item.entity === 'article' && item.state === 'ingesting').length;
    })();
    const tokens = await Promise.all(Array.from({ length: REVIEW_CLIENTS }, (_, c) => stack.token(`reviewer-${c}`, ['reviewer'])));

    /** Sends a request; after a 503 a careful client waits for storage to be back and retries that very request. */
    async function send(request: Sent): Promise<Answer> {
      sent.push(request);
      request.first = await call(stack.baseUrl, request.kind === 'review' ? 'PATCH' : 'POST', request.path, request.options);
      request.answer = request.first;
      request.attempts = 1;
      if (request.first.status !== 503) return request.first;
      // A 503 before the plug is pulled (storage slow on a busy machine) is retried like any other, without waiting
      // for an outage that may not have started; one during the outage waits for storage to be back.
      if (stopAt > 0) await restarted;
      // an ingest cut off after claiming its article holds the lease for 35 s: retries answer 409 until it runs out.
      // 150 s counted from when storage is back (or from now, if later): a 503 from before the outage keeps retrying
      // through it, and must not run out of time while storage is still down.
      const retryFrom = Date.now();
      const outOfTime = () => Date.now() > Math.max(retryFrom, restartedAt || Infinity) + 150_000;
      while (!abandoned) {
        const answer = await call(stack.baseUrl, request.kind === 'review' ? 'PATCH' : 'POST', request.path, request.options);
        request.attempts += 1;
        request.answer = answer;
        if (answer.status === 409 && request.kind === 'ingest') request.busy409 += 1;
        const again = answer.status === 503 || (answer.status === 409 && request.kind === 'ingest');
        if (!again || outOfTime()) return answer;
        // Retry-After, plus up to as much again at random: ten clients told "1 s" together must not come back together
        // (on a busy machine, in step, they time out together against a slow store, round after round).
        await sleep(Number(answer.headers.get('retry-after') ?? '1') * 1000 * (1 + Math.random()));
      }
      return request.answer;
    }

    let nextText = 0;
    await Promise.all([
      inParallel(10, async () => {
        while (nextText < texts.length && !abandoned) {
          const text = texts[nextText++]!;
          await send({ kind: 'ingest', path: '/articles', options: { token: editor, body: { text } }, attempts: 0, busy409: 0 });
        }
      }),
      inParallel(REVIEW_CLIENTS, async (client) => {
        const mine = [claimIds[client * 2]!, claimIds[client * 2 + 1]!];
        const version = new Map(mine.map((id) => [id, 1]));
        // at least REVIEWS_PER_CLIENT reviews each, and on until storage is back, so reviews are in flight throughout
        for (let k = 0; (k < REVIEWS_PER_CLIENT || (!restartedAt && k < 200)) && !abandoned; k++) {
          if (k > 0) await sleep(100);
          const claimId = mine[k % 2]!;
          const note = `change ${client}-${k}`;
          const by = `reviewer-${client}`;
          const body = { status: (['verified', 'disputed', 'pending'] as const)[k % 3], note };
          const answer = await send({
            kind: 'review',
            path: `/claims/${claimId}`,
            by,
            note,
            options: { token: tokens[client], body, headers: { 'If-Match': `"${version.get(claimId)!}"` } },
            attempts: 0,
            busy409: 0,
          });
          // 200: accepted. 412 carrying this very change: the first attempt had landed and only its answer was lost.
          if (answer.status === 200 || (answer.status === 412 && answer.json.claim.note === note && answer.json.claim.updatedBy === by)) {
            version.set(claimId, answer.json.claim.version);
          }
        }
      }),
      restarted,
    ]);
    phase('all clients done');
    expect(stopAt).toBeGreaterThan(0);
    expect(restartedAt).toBeGreaterThan(stopAt);

    // During the outage: every answer a success or a clean 503 with Retry-After; never a 500, never internals.
    for (const request of sent) {
      const first = request.first!;
      if (first.status === 503) expectUnavailable(first, `${request.kind} during the outage`);
      else expect(request.kind === 'ingest' ? [200, 201] : [200], `${request.kind}: ${first.status} ${first.text.slice(0, 300)}`).toContain(first.status);
    }
    // After the restart, retrying the same request succeeded.
    for (const request of sent) {
      const answer = request.answer!;
      const story = `first ${request.first!.status}, ${request.attempts} attempts (${request.busy409} busy 409s); outage +${stopAt - started}..+${restartedAt - started} ms, done +${Date.now() - started} ms`;
      if (request.kind === 'ingest') expect([200, 201], `ingest after retries: ${answer.status} ${answer.text.slice(0, 200)}; ${story}`).toContain(answer.status);
      else if (answer.status !== 200) {
        expect(answer.status, `review after retries: ${answer.text.slice(0, 200)}`).toBe(412);
        expect(answer.json.claim).toMatchObject({ note: request.note, updatedBy: request.by });
      }
    }

    // The data is whole: every article there with all its claims, every change in the history exactly once.
    const snapshot = await tableSnapshot(stack.storage);
    expect(wholenessViolations(snapshot)).toEqual([]);
    for (const text of texts) {
      const articleId = contentHash(normaliseArticleText(text)).slice(0, 24);
      const meta = snapshot.find((item) => item.entity === 'article' && item.articleId === articleId);
      const request = sent.find((s) => s.kind === 'ingest' && (s.options.body as { text: string }).text === text)!;
      const story = `${articleId}: first ${request.first!.status} in ${request.first!.ms} ms, last ${request.answer!.status} after ${request.attempts} attempts; stopped at +${stopAt - started} ms, back at +${restartedAt - started} ms`;
      expect(meta?.state, story).toBe('complete');
    }
    const reviews = snapshot.filter((item) => item.entity === 'review');
    for (const request of sent.filter((s) => s.kind === 'review')) {
      expect(reviews.filter((event) => event.note === request.note), request.note).toHaveLength(1);
    }

    const of = (kind: Sent['kind']) => sent.filter((s) => s.kind === kind);
    await recordFigures('storageFault', {
      sent: sent.length,
      outageMs: restartedAt - stopAt,
      halfWrittenAtRestart,
      ingests: { sent: of('ingest').length, firstAnswers: tally(of('ingest').map((s) => s.first!.status)), retried: of('ingest').filter((s) => s.attempts > 1).length, retryAttempts: of('ingest').reduce((n, s) => n + s.attempts - 1, 0), busy409WhileRetrying: of('ingest').reduce((n, s) => n + s.busy409, 0), finalAnswers: tally(of('ingest').map((s) => s.answer!.status)) },
      reviews: { sent: of('review').length, firstAnswers: tally(of('review').map((s) => s.first!.status)), retried: of('review').filter((s) => s.attempts > 1).length, finalAnswers: tally(of('review').map((s) => s.answer!.status)) },
      fivexxOtherThan503: sent.filter((s) => s.first!.status >= 500 && s.first!.status !== 503).length,
      lost: 0,
      halfWrittenAfterRetries: 0,
    });
  }, OUTAGE_TEST_MS);

  it('answers 503 problem+json with Retry-After on every route while storage is down, and recovers after', async () => {
    const seeded = await call(stack.baseUrl, 'POST', '/articles', { token: editor, body: { text: syntheticArticle(1, 4) } });
    expect(seeded.status).toBe(201);
    const claimId = seeded.json.claims[0].claimId;
    const reviewer = await stack.token('alice', ['reviewer']);
    const before = await tableSnapshot(stack.storage);

    await stack.stopStorage();
    const requests: [string, string, CallOptions][] = [
      ['GET', '/health', {}],
      ['GET', '/articles', { token: editor }],
      ['GET', `/articles/${seeded.json.article.articleId}`, { token: editor }],
      ['POST', '/articles', { token: editor, body: { text: syntheticArticle(2, 4) } }],
      ['POST', '/articles', { token: editor, body: { text: syntheticArticle(1, 4) } }], // already stored
      ['GET', '/claims', { token: reviewer }],
      ['GET', `/claims/${claimId}`, { token: reviewer }],
      ['GET', `/claims/${claimId}/history`, { token: reviewer }],
      ['PATCH', `/claims/${claimId}`, { token: reviewer, body: { status: 'verified' }, headers: { 'If-Match': '"1"' } }],
    ];
    const started = Date.now();
    for (const [method, path, options] of requests) expectUnavailable(await call(stack.baseUrl, method, path, options), `${method} ${path}`);
    const msPerRequest = (Date.now() - started) / requests.length; // a figure, not a check: timing belongs to the benchmarks
    // requests that need no storage still work
    expect((await call(stack.baseUrl, 'GET', '/claims', {})).status).toBe(401);

    await stack.startStorageAgain();
    expect(await tableSnapshot(stack.storage)).toEqual(before);
    const deadline = Date.now() + 30_000;
    for (const [method, path, options] of requests) {
      const { answer } = await retried(method, path, () => options, deadline);
      expect(answer.status, `${method} ${path} after the restart: ${answer.text.slice(0, 200)}`).toBeLessThan(300);
    }
    expect(wholenessViolations(await tableSnapshot(stack.storage))).toEqual([]);
    await recordFigures('storageDown', { requests: requests.length, answered503: requests.length, msPerRequest: Math.round(msPerRequest) });
  });

  // Freezes DynamoDB Local with SIGSTOP, every thread (resumed in `finally`); last in the file so nothing else runs on a frozen store.
  it('storage that hangs (frozen, connections open, no answers): 503 within the function timeout, then whole again', async () => {
    const seeded = await call(stack.baseUrl, 'POST', '/articles', { token: editor, body: { text: syntheticArticle(3, 4) } });
    expect(seeded.status).toBe(201);
    const claimId = seeded.json.claims[0].claimId;
    const reviewer = await stack.token('hana', ['reviewer']);
    const before = await tableSnapshot(stack.storage);
    const requests: [string, string, CallOptions][] = [
      ['GET', '/health', {}],
      ['GET', `/claims/${claimId}`, { token: reviewer }],
      ['PATCH', `/claims/${claimId}`, { token: reviewer, body: { status: 'disputed', note: 'frozen' }, headers: { 'If-Match': '"1"' } }],
      ['POST', '/articles', { token: editor, body: { text: syntheticArticle(4, 4) } }],
    ];
    const java = stack.storage.dynamo.child.process.pid!;
    // The process frozen must be the one the functions talk to: the only one listening on the storage port.
    const storagePort = Number(new URL(stack.storage.endpoint).port);
    expect(listenerPids(storagePort), `listeners on the storage port ${storagePort}; DynamoDB Local is pid ${java}`).toEqual([java]);
    let answers: Answer[];
    let threadsAtAnswer: string;
    try {
      // like a storage brownout: TCP connects, nothing answers. Not kill() alone: the JVM's threads run on, and answer,
      // until the one thread the kernel woke to take SIGSTOP is scheduled (up to 50 ms seen at load 4–5).
      const frozenAt = Date.now();
      await freezeProcess(java);
      const frozenMs = Date.now() - frozenAt;
      answers = await Promise.all(requests.map(([method, path, options]) => call(stack.baseUrl, method, path, options)));
      const states = [...(threadStates(java)?.values() ?? [])];
      threadsAtAnswer = `frozen in ${frozenMs} ms, ${states.filter((state) => state === 'T').length} of ${states.length} threads still stopped at the last answer`;
    } finally {
      process.kill(java, 'SIGCONT');
    }
    requests.forEach(([method, path], i) => {
      // A function that outlived its timeout (15 s) would answer LambdaTimeoutError, counted as 504 by call(): so a
      // 503 problem with Retry-After is also the proof that the function gave up in time (the time is a figure).
      expectUnavailable(answers[i]!, `${method} ${path} while storage hangs (answered after ${answers[i]!.ms} ms; DynamoDB Local pid ${java}: ${threadsAtAnswer})`);
    });
    expect(await tableSnapshot(stack.storage)).toEqual(before);
    const deadline = Date.now() + 30_000;
    for (const [method, path, options] of requests) {
      const { answer } = await retried(method, path, () => options, deadline);
      expect(answer.status, `${method} ${path} once storage answers: ${answer.text.slice(0, 200)}`).toBeLessThan(300);
    }
    expect(wholenessViolations(await tableSnapshot(stack.storage))).toEqual([]);
    await recordFigures('storageHangs', { requests: requests.length, answered503: answers.filter((a) => a.status === 503).length, maxMs: Math.max(...answers.map((a) => a.ms)) });
  });
});
