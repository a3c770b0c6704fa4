/**
 * Helpers for the reliability suite (test/e2e/reliability): an HTTP client for the stack, a snapshot of the whole
 * table, a check that stored data is whole, problem+json assertions, article generators and the figures file.
 */
import { closeSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { fileURLToPath } from 'node:url';
import { dirname } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { expect } from 'vitest';
import { ClaimStatus } from '../../schemas/claim.js';
import * as keys from '../../lib/store/keys.js';
import { contentHash } from '../../lib/text.js';

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, or undefined when it is not JSON. */
  json: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Milliseconds from sending to the whole answer. */
  ms: number;
}

export interface CallOptions {
  token?: string | undefined;
  /** A value to send as JSON, or a raw string / bytes sent as they are. */
  body?: unknown;
  raw?: string | Uint8Array;
  headers?: Record<string, string>;
  /** Send the path exactly as given (fetch would resolve `..` and `%2e%2e` segments before sending). */
  exactPath?: boolean;
}

/** One HTTP request to the stack; never throws on an error status. */
export async function call(baseUrl: string, method: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.Authorization ??= `Bearer ${options.token}`;
  let body: string | Uint8Array | undefined;
  if (options.raw !== undefined) body = options.raw;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  if (options.exactPath) return exactCall(baseUrl, method, path, headers, body);
  const started = Date.now();
  let response: Response;
  try {
    response = await fetch(`${baseUrl}${path}`, { method, headers, body: body as BodyInit | undefined, signal: AbortSignal.timeout(60_000) });
  } catch (error) {
    // no answer at all (a hang or a dropped connection): status 0, so the test reports which request it was
    const text = `no answer to ${method} ${path} after ${Date.now() - started} ms: ${(error as Error).name}`;
    return { status: 0, headers: new Headers(), text, json: undefined, ms: Date.now() - started };
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  // serverless-offline answers a function that outlived its timeout with status 200 and Lambda's error shape;
  // API Gateway answers 504. Count it as the 504 it is, so no test mistakes it for a success.
  const status = (json as { errorType?: unknown } | undefined)?.errorType === 'LambdaTimeoutError' ? 504 : response.status;
  return { status, headers: response.headers, text, json, ms: Date.now() - started };
}

function exactCall(baseUrl: string, method: string, path: string, headers: Record<string, string>, body: string | Uint8Array | undefined): Promise<Answer> {
  const url = new URL(baseUrl);
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const request = httpRequest({ host: url.hostname, port: url.port, method, path, headers, timeout: 60_000 }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: unknown;
        try {
          json = JSON.parse(text);
        } catch {
          json = undefined;
        }
        const answerHeaders = new Headers();
        for (const [name, value] of Object.entries(response.headers)) if (typeof value === 'string') answerHeaders.set(name, value);
        resolve({ status: response.statusCode ?? 0, headers: answerHeaders, text, json, ms: Date.now() - started });
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** Words that would betray internals in an answer: stack frames, file names, SDK and DynamoDB names. */
const INTERNALS = /\bat \S+ \(|\.ts:\d|\.m?js:\d|node_modules|Exception\b|DynamoDB|dynamodb|ConditionalCheck|TransactionCanceled|ECONNREFUSED|TypeError|ReferenceError|SyntaxError|\/work\/|stack/;

/** The answer is an RFC 9457 problem with this status, and shows no internals. */
export function expectProblem(answer: Answer, status: number, label = ''): void {
  const where = `${label} → ${answer.status} ${answer.text.slice(0, 300)}`;
  expect(answer.status, where).toBe(status);
  expect(answer.headers.get('content-type'), where).toMatch(/^application\/problem\+json/);
  expect(answer.json, where).toMatchObject({ type: expect.any(String), title: expect.any(String), status, detail: expect.any(String) });
  expect(answer.text, where).not.toMatch(INTERNALS);
  if (answer.json.errors !== undefined) {
    expect(Array.isArray(answer.json.errors), where).toBe(true);
    for (const error of answer.json.errors) expect(error, where).toMatchObject({ path: expect.any(String), message: expect.any(String) });
  }
}

export type Item = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Every item in the table, in key order (a Scan: fine in a test, never in lib/). */
export async function tableSnapshot(storage: { endpoint: string; tableName: string }): Promise<Item[]> {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: storage.endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
  );
  try {
    const items: Item[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(new ScanCommand({ TableName: storage.tableName, ExclusiveStartKey: startKey, ConsistentRead: true }));
      items.push(...((page.Items ?? []) as Item[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey);
    return items.sort((a, b) => `${a.PK}\u0000${a.SK}`.localeCompare(`${b.PK}\u0000${b.SK}`));
  } finally {
    client.destroy();
  }
}

const STATUSES = ClaimStatus.options;

export interface StoredArticle {
  meta: Item;
  text: string;
  claims: Item[];
  /** review events by claim seq, oldest first */
  reviews: Map<number, Item[]>;
}

/** The snapshot grouped by article. */
export function articlesIn(snapshot: Item[]): Map<string, StoredArticle> {
  const byArticle = new Map<string, Item[]>();
  for (const item of snapshot) {
    const id = keys.articleIdOfPk(item.PK);
    if (id === undefined) continue;
    byArticle.set(id, [...(byArticle.get(id) ?? []), item]);
  }
  const out = new Map<string, StoredArticle>();
  for (const [id, items] of byArticle) {
    const meta = items.find((item) => item.entity === 'article');
    const reviews = new Map<number, Item[]>();
    for (const item of items.filter((i) => i.entity === 'review')) {
      const { seq } = keys.parseClaimId(String(item.claimId));
      reviews.set(seq, [...(reviews.get(seq) ?? []), item]);
    }
    out.set(id, {
      meta: meta ?? {},
      text: items.filter((i) => i.entity === 'body').map((i) => String(i.text)).join(''),
      claims: items.filter((i) => i.entity === 'claim'),
      reviews,
    });
  }
  return out;
}

/**
 * Everything that must hold of stored data at rest, as a list of violations (empty when whole):
 * every listed article is complete with its text, layout and all its claims; statusCounts equal a recount;
 * every claim at version v has exactly the events 2..v, the last of which led to its status;
 * an article still being written is neither listed nor has reviews.
 */
export function wholenessViolations(snapshot: Item[]): string[] {
  const problems: string[] = [];
  for (const [id, article] of articlesIn(snapshot)) {
    const { meta } = article;
    if (meta.SK !== keys.META) {
      problems.push(`${id}: items without a META item`);
      continue;
    }
    if (meta.state !== 'complete') {
      if (meta.GSI1PK !== undefined) problems.push(`${id}: listed while ${meta.state}`);
      if (article.reviews.size > 0) problems.push(`${id}: reviews of an article that is not complete`);
      continue;
    }
    // An archived article is on the archived list, its claims in no queue (once its archive is done).
    const archived = meta.archived === true;
    if (meta.GSI1PK !== (archived ? keys.ARCHIVED_LIST_PK : keys.ARTICLE_LIST_PK)) problems.push(`${id}: complete but not on its list`);
    if (meta.leaseToken !== undefined) problems.push(`${id}: complete with a lease`);
    if (contentHash(article.text) !== meta.contentHash) problems.push(`${id}: body does not hash to contentHash (text ${article.text.length} chars)`);
    if (!snapshot.some((item) => item.PK === meta.PK && item.entity === 'layout')) problems.push(`${id}: no LAYOUT`);
    if (article.claims.length !== meta.claimCount) problems.push(`${id}: ${article.claims.length} claims stored, claimCount ${meta.claimCount}`);
    const recount = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<string, number>;
    for (const claim of article.claims) recount[claim.status] = (recount[claim.status] ?? 0) + 1;
    for (const status of STATUSES) {
      if (meta.statusCounts?.[status] !== recount[status]) {
        problems.push(`${id}: statusCounts ${JSON.stringify(meta.statusCounts)} but recount ${JSON.stringify(recount)}`);
        break;
      }
    }
    article.claims.forEach((claim, index) => {
      if (claim.seq !== index + 1) problems.push(`${claim.claimId}: seq ${claim.seq} at position ${index + 1}`);
      if (article.text.slice(claim.start, claim.end) !== claim.text) problems.push(`${claim.claimId}: text is not article.text.slice(start, end)`);
      const queue = archived ? (meta.archiveState === 'archived' ? undefined : claim.GSI1PK) : keys.queuePk(claim.status);
      if (claim.GSI1PK !== queue) problems.push(`${claim.claimId}: queued under ${claim.GSI1PK} with status ${claim.status}`);
      const events = article.reviews.get(claim.seq) ?? [];
      const versions = events.map((event) => event.version);
      const expected = Array.from({ length: claim.version - 1 }, (_, i) => i + 2);
      if (JSON.stringify(versions) !== JSON.stringify(expected)) {
        problems.push(`${claim.claimId}: version ${claim.version} with history versions [${versions.join(',')}]`);
      }
      const last = events.at(-1);
      if (last && (last.to !== claim.status || last.by !== claim.updatedBy)) problems.push(`${claim.claimId}: last event ${last.to} by ${last.by}, claim ${claim.status} by ${claim.updatedBy}`);
      for (let i = 1; i < events.length; i++) {
        if (events[i]!.from !== events[i - 1]!.to) problems.push(`${claim.claimId}: event v${events[i]!.version} from ${events[i]!.from} after ${events[i - 1]!.to}`);
      }
    });
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------
// Synthetic news articles: one claim per paragraph sentence, distinct per index.

const SUBJECTS = ['The finance ministry', 'Unemployment', 'The central bank', 'Inflation', 'The health service', 'Exports', 'The city council', 'Crime'];
const VERBS = ['rose to', 'fell to', 'reached', 'dropped to', 'climbed to'];
const MONTHS = ['January', 'March', 'May', 'July'];

/** A news-like article whose text is unique to `index`, with about `claims` check-worthy sentences. */
export function syntheticArticle(index: number, claims: number): string {
  const paragraphs = [`Figures for district ${index} published on Tuesday`];
  for (let k = 0; k < claims; k++) {
    const subject = SUBJECTS[(index + k) % SUBJECTS.length];
    const verb = VERBS[(index * 7 + k) % VERBS.length];
    paragraphs.push(
      `${subject} ${verb} ${((index * 13 + k * 7) % 90) + 1}.${k % 10}% in ${MONTHS[k % 4]} ${2000 + (index % 25)}, up from ${(k % 9) + 1}.${index % 10}% a year earlier, the statistics office said in report ${index}-${k}.`,
    );
  }
  return paragraphs.join('\n\n');
}

/** Deterministic pseudo-random numbers, so a failing run can be repeated. */
export { seededRandom } from '../../scripts/stats.js';

/** Runs `worker(clientIndex)` for `clients` clients at once and waits for all. */
export async function inParallel(clients: number, worker: (client: number) => Promise<void>): Promise<void> {
  await Promise.all(Array.from({ length: clients }, (_, client) => worker(client)));
}

/**
 * serverless-offline runs each concurrent request of a function in its own worker thread, cold-started on demand
 * (importing a 1–2 MB bundle). Load tests bring the pool up a few instances at a time before measuring, so the figures
 * measure the desk rather than a burst of cold starts on two cores.
 */
export async function warmUp(baseUrl: string, path: string, token: string, concurrency: number, step = 5): Promise<void> {
  for (let wave = Math.min(step, concurrency); ; wave = Math.min(concurrency, wave + step)) {
    await Promise.all(Array.from({ length: wave }, () => call(baseUrl, 'GET', path, { token })));
    if (wave === concurrency) return;
  }
}

/** serverless-offline's own answer when a function outlived its timeout (status 200, Lambda's error shape). */
export const isEmulatorTimeout = (answer: Answer) => answer.json?.errorType === 'LambdaTimeoutError';

/** Latency figures of a set of answers, in milliseconds. */
export function latency(answers: Answer[]): { p50: number; p95: number; max: number } {
  const ms = answers.map((answer) => answer.ms).sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))] ?? 0;
  return { p50: at(0.5), p95: at(0.95), max: ms.at(-1) ?? 0 };
}

/** Counts answers by status. */
export function tally(statuses: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const status of statuses) out[status] = (out[status] ?? 0) + 1;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Figures: each test file adds its section to test/artifacts/reliability.json (files run in parallel: a lock file).

export const FIGURES_FILE = fileURLToPath(new URL('../artifacts/reliability.json', import.meta.url));

export async function recordFigures(section: string, figures: Record<string, unknown>): Promise<void> {
  mkdirSync(dirname(FIGURES_FILE), { recursive: true });
  const lock = `${FIGURES_FILE}.lock`;
  for (let attempt = 0; ; attempt++) {
    try {
      closeSync(openSync(lock, 'wx'));
      break;
    } catch {
      if (attempt > 100) rmSync(lock, { force: true }); // a stale lock from a killed run
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
  try {
    let all: Record<string, unknown> = {};
    try {
      all = JSON.parse(readFileSync(FIGURES_FILE, 'utf8')) as Record<string, unknown>;
    } catch {
      /* first section of this run */
    }
    all[section] = { ...figures, recordedAt: new Date().toISOString() };
    writeFileSync(`${FIGURES_FILE}.tmp`, `${JSON.stringify(all, null, 2)}\n`);
    renameSync(`${FIGURES_FILE}.tmp`, FIGURES_FILE);
  } finally {
    rmSync(lock, { force: true });
  }
}
