/**
 * npm run bench:desk [-- --quick] — the whole desk on the real local stack (DynamoDB Local + serverless-offline):
 *  1. ingest cost (requests, capacity, the largest article), 2. a day of wire copy through POST /articles,
 *  3. queue and reads at many claims against few, 4. fifty reviewers (autocannon), 5. cold start per function.
 * The full run rewrites docs/BENCHMARKS.md; --quick (a smaller subset at 5,000 claims, ~2 minutes on a quiet machine) prints the
 * report and writes it to .data/bench-desk-quick.md. Benchmarks, not tests: nothing here fails on a slow machine;
 * the report says which targets are met. `--wire N [--clients C]` runs section 2 alone with N articles (8 clients) and
 * prints the 5xx log lines.
 */
import './env.js';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { startOffline } from '../../scripts/local/offline.js';
import { freePort } from '../../scripts/local/processes.js';
import { ensureTable } from '../../scripts/local/table.js';
import type { Desk } from '../../lib/desk.js';
import { listPage } from '../../lib/store/articles.js';
import { deskOn } from '../../test/support/desk.js';
import { startStack, type Storage } from '../../test/support/stack.js';
import { coldStarts } from './cold.js';
import { DEMO_TEXT, ROOT } from './corpus.js';
import { ingestCost } from './ingest-cost.js';
import { loadClaims } from './load.js';
import { readCosts } from './reads.js';
import { report } from './report.js';
import { reviewers } from './reviewers.js';
import { compareScale, deepCursor, type Probe, type Side } from './scale.js';
import { batchIngest, storageCauses, wireCopy } from './wire.js';

const quick = process.argv.includes('--quick');
/** `--wire N`: section 2 alone (N articles through POST /articles, 8 clients), its result and the 5xx log lines; no report. */
const wireOnly = process.argv.includes('--wire') ? Number(process.argv[process.argv.indexOf('--wire') + 1]) : undefined;
if (wireOnly !== undefined && !(wireOnly > 0)) throw new Error('--wire needs a number of articles');
/** `--clients N` with --wire: that many clients at once instead of 8 (how much headroom the 0 errors have). */
const wireClients = process.argv.includes('--clients') ? Number(process.argv[process.argv.indexOf('--clients') + 1]) : 8;
const plan = quick
  ? { costArticles: 3, wireArticles: 40, batchArticles: 20, smallClaims: 1_000, largeClaims: 5_000, rounds: 7, loadSeconds: 4, warmSeconds: 4, coldRuns: 3, pool: 40 }
  : { costArticles: 20, wireArticles: 1_000, batchArticles: 300, smallClaims: 1_000, largeClaims: 100_000, rounds: 21, loadSeconds: 15, warmSeconds: 15, coldRuns: 7, pool: 300 };

const started = Date.now();
const loads: { at: string; load: number[] }[] = [];
const note = (what: string) => {
  loads.push({ at: what, load: loadavg() });
  process.stderr.write(`[bench:desk ${((Date.now() - started) / 1000).toFixed(0)} s, load ${loadavg()[0]!.toFixed(1)}] ${what}\n`);
};

/** Claims in a desk's table: the claim counts of its listed articles. */
async function storedClaims(desk: Desk): Promise<number> {
  let total = 0;
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await listPage(desk.storage, 200, startKey);
    total += page.items.reduce((n, a) => n + a.claimCount, 0);
    startKey = page.lastKey;
  } while (startKey);
  return total;
}

// A local stage of serverless.yml (custom.localStages): its own table on the benchmark's in-memory DynamoDB Local.
const SMALL_STAGE = 'dev';
const tableOf = (stage: string) => `claimdesk-${stage}`;

async function main(): Promise<void> {
  note(`start (${quick ? 'quick' : 'full'})`);
  // The large side is the test stack's stage; the small side is a second stage on the same DynamoDB Local.
  // In process (one warm instance serving all requests, as the reliability tests run it): by default serverless-offline
  // cold-starts a worker thread per concurrent request, and fifty of those on two busy cores measure the emulator.
  const offlineFlags = ['--useInProcess', '--terminateIdleLambdaTime', '3600'];
  // --wire alone logs every request, so the report can count ingests whose matching was cut short
  const stack = await startStack({ offlineFlags, ...(wireOnly ? { env: { LOG_LEVEL: 'INFO' } } : {}) });
  note('DynamoDB Local and serverless-offline (large side) up');
  const editor = await stack.token('bench-editor', ['editor', 'reviewer']);
  const endpoint = stack.storage.endpoint;
  const storageOf = (tableName: string): Storage => ({ ...stack.storage, tableName });
  let smallOffline: Awaited<ReturnType<typeof startOffline>> | undefined;
  // The stacks run in their own process groups: Ctrl-C must stop them too, not leave them running.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`bench:desk: ${signal}, stopping the stacks\n`);
      void Promise.allSettled([smallOffline?.stop(), stack.stop()]).then(() => process.exit(130));
    });
  }
  try {
    // 2. a day of wire copy (timed first, with nothing else running) — it also fills the large side
    const wire = await wireCopy(stack.baseUrl, editor, { articles: wireOnly ?? plan.wireArticles, clients: wireOnly ? wireClients : 8, seed: 1 });
    wire.causes = storageCauses(stack.offline.child.output());
    note(`wire copy: ${wire.perSecond.toFixed(1)} articles/s, ${wire.errors} errors`);
    if (wireOnly !== undefined) {
      const lines = stack.offline.child.output().split('\n');
      const failures = lines.filter((line) => /did not answer|request failed|unexpected error/.test(line));
      const cut = lines.filter((line) => line.includes('"notLookedUp"'));
      const skipped = cut.reduce((n, line) => n + Number(/"notLookedUp":(\d+)/.exec(line)?.[1] ?? 0), 0);
      process.stdout.write(`${JSON.stringify(wire, null, 2)}\ningests whose matching was cut short: ${cut.length} (${skipped} claims not looked up)\n${failures.join('\n')}\n`);
      return;
    }
    const batch = await batchIngest(stack.baseUrl, editor, { articles: plan.batchArticles, concurrency: 8, seed: 3 });
    note(`batch ingest: ${batch.available ? `${batch.perSecond.toFixed(1)} articles/s` : batch.why}`);

    // untimed work side by side: the small side's serverless-offline starts while ingest costs are counted and claims load
    await ensureTable(endpoint, tableOf(SMALL_STAGE));
    await ensureTable(endpoint, tableOf('benchcost'));
    const smallStarting = (async () =>
      startOffline({
        port: await freePort(),
        lambdaPort: await freePort(),
        dynamodbEndpoint: endpoint,
        jwtSecret: stack.storage.secret,
        stage: SMALL_STAGE,
        env: { LOG_LEVEL: 'WARN', CLAIMDESK_WATCH: 'off' },
        flags: offlineFlags,
      }))();
    smallStarting.catch(() => undefined);
    const cost = await ingestCost(storageOf(tableOf('benchcost')), plan.costArticles);
    note('ingest cost counted');
    const largeDesk = deskOn(storageOf(stack.storage.tableName));
    const smallDesk = deskOn(storageOf(tableOf(SMALL_STAGE)));
    const smallLoad = await loadClaims(smallDesk, plan.smallClaims, { seed: 11, poolSize: plan.pool });
    const largeLoad = await loadClaims(largeDesk, Math.max(0, plan.largeClaims - (await storedClaims(largeDesk))), { seed: 12, poolSize: plan.pool });
    note(`loaded ${smallLoad.claims} claims (small) and ${largeLoad.claims} (large) in ${((smallLoad.ms + largeLoad.ms) / 1000).toFixed(0)} s`);
    smallOffline = await smallStarting;
    note('serverless-offline (small side) up');

    // the same demo article on both sides: the article read and the claim read ask for it
    const demo = await Promise.all(
      [smallOffline.baseUrl, stack.baseUrl].map(async (baseUrl) => {
        const r = await fetch(`${baseUrl}/articles`, { method: 'POST', headers: { Authorization: `Bearer ${editor}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ text: DEMO_TEXT, title: 'NATO talks' }) });
        return (await r.json()) as { article: { articleId: string }; claims: { claimId: string; text: string }[] };
      }),
    );
    const demoArticle = demo[1]!.article.articleId;
    const demoClaim = demo[1]!.claims[0]!;
    const small: Side = { name: `${plan.smallClaims.toLocaleString('en')} claims`, baseUrl: smallOffline.baseUrl, deepCursor: await deepCursor(smallOffline.baseUrl, editor, 10, 50) };
    const large: Side = { name: `${plan.largeClaims.toLocaleString('en')} claims`, baseUrl: stack.baseUrl, deepCursor: await deepCursor(stack.baseUrl, editor, 10, 50) };
    const probes: Probe[] = [
      { name: 'queue, first page (50)', path: () => '/claims?status=pending&limit=50' },
      { name: 'queue, deep page (after 500 claims)', path: (side) => (side.deepCursor ? `/claims?status=pending&limit=50&cursor=${side.deepCursor}` : undefined) },
      { name: 'queue filtered by type', path: () => '/claims?status=pending&type=quantity&limit=50', feature: 'type' },
      { name: 'queue filtered by article', path: () => `/claims?status=pending&articleId=${demoArticle}&limit=50`, feature: 'articleId' },
      { name: 'GET /claims/{id}', path: () => `/claims/${demoClaim.claimId}` },
      { name: 'GET /stats', path: () => '/stats' },
      { name: 'GET /articles/{id}', path: () => `/articles/${demoArticle}` },
      { name: 'GET /articles (first page)', path: () => '/articles?limit=50' },
      { name: 'GET /claims/similar', path: () => `/claims/similar?text=${encodeURIComponent(demoClaim.text.slice(0, 300))}&limit=10` },
      { name: 'CSV export, first page', path: () => '/claims/export.csv?status=pending', rows: (text) => parse(text, { columns: true }).length },
    ];
    note('section 3: reads at both sizes');
    const reads = await readCosts(
      { desk: smallDesk, deepCursor: small.deepCursor, articleId: demo[0]!.article.articleId, claimId: demo[0]!.claims[0]!.claimId },
      { desk: largeDesk, deepCursor: large.deepCursor, articleId: demoArticle, claimId: demoClaim.claimId },
    );
    const scale = await compareScale(small, large, probes, editor, plan.rounds);

    // 4. fifty reviewers, on the large side: claims of distinct articles so that no two reviews share an article's counts
    note('section 4: fifty reviewers');
    const targets: { claimId: string; version: number; status: string }[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    while (targets.length < 200) {
      const page = (await (await fetch(`${stack.baseUrl}/claims?status=pending&limit=200${cursor ? `&cursor=${cursor}` : ''}`, { headers: { Authorization: `Bearer ${editor}` } })).json()) as {
        items: { claimId: string; articleId: string; version: number; status: string }[];
        nextCursor?: string;
      };
      for (const c of page.items) if (!seen.has(c.articleId)) (seen.add(c.articleId), targets.push({ claimId: c.claimId, version: c.version, status: c.status }));
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    const load = await reviewers(stack.baseUrl, editor, { endpoint, tableName: stack.storage.tableName }, { offline: stack.offline.child.process.pid, dynamo: stack.storage.dynamo.child.process.pid }, targets, { connections: 50, seconds: plan.loadSeconds, warmSeconds: plan.warmSeconds });

    // 5. cold start per function
    note('section 5: cold starts');
    const cold = await coldStarts(
      {
        health: { routeKey: 'GET /health', path: '/health' },
        articles: { routeKey: 'POST /articles', path: '/articles', token: true, body: JSON.stringify({ text: `${DEMO_TEXT}\n\nCold start run {{unique}} was measured by the desk benchmark.` }) },
        claims: { routeKey: 'GET /claims', path: '/claims', query: { status: 'pending', limit: '50' }, token: true },
        exports: { routeKey: 'GET /claims/export.csv', path: '/claims/export.csv', query: { status: 'pending' }, token: true },
        web: { routeKey: 'GET /', path: '/' },
      },
      {
        TABLE_NAME: tableOf('benchcost'),
        DYNAMODB_ENDPOINT: endpoint,
        CLAIMDESK_JWT_SECRET: stack.storage.secret,
        IS_OFFLINE: 'true',
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
        POWERTOOLS_LOG_LEVEL: 'ERROR',
        LOG_LEVEL: 'ERROR',
        ALLOWED_ORIGINS: 'http://localhost:3000',
        // the local stages' token settings (serverless.yml params for dev and test)
        TOKEN_ISSUER: 'claimdesk-local',
        TOKEN_AUDIENCE: 'claimdesk',
        TOKEN_MAX_LIFETIME_SECONDS: '86400',
      },
      editor,
      plan.coldRuns,
    );
    note('done');

    const markdown = report({
      quick,
      plan,
      loads,
      machine: { cpus: cpus().length, model: cpus()[0]?.model ?? '?', memoryGiB: totalmem() / 2 ** 30, node: process.version },
      minutes: (Date.now() - started) / 60_000,
      cost,
      wire,
      batch,
      loaded: {
        smallTotal: await storedClaims(smallDesk),
        largeTotal: await storedClaims(largeDesk),
        smallName: small.name,
        largeName: large.name,
        loadSeconds: (smallLoad.ms + largeLoad.ms) / 1000,
        loadedClaims: smallLoad.claims + largeLoad.claims,
      },
      scale,
      reads,
      load,
      cold,
    });
    const out = quick ? join(ROOT, '.data/bench-desk-quick.md') : join(ROOT, 'docs/BENCHMARKS.md');
    mkdirSync(join(out, '..'), { recursive: true });
    writeFileSync(out, markdown);
    process.stdout.write(markdown);
    process.stderr.write(`written to ${out}\n`);
  } finally {
    await smallOffline?.stop();
    await stack.stop();
  }
}

await main();
