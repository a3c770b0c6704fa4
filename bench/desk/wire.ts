/**
 * 2. A day of wire copy: seeded articles through POST /articles with a fixed number of concurrent clients, and the
 * same through the batch ingest command (scripts/ingest.ts) when this build has it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, wireArticle } from './corpus.js';
import { median, p99, pool } from './stats.js';

export interface WireResult {
  articles: number;
  clients: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p99: number;
  errors: number;
  statuses: Record<string, number>;
  claims: number;
  firstError?: string;
  /** What the functions logged behind their 503s ("storage did not answer"), by cause. */
  causes?: Record<string, number>;
}

/** The causes of the 503s in serverless-offline's output (lib/problems storageUnavailable's log line), counted. */
export function storageCauses(output: string): Record<string, number> {
  const causes: Record<string, number> = {};
  for (const line of output.split('\n')) {
    if (!line.includes('storage did not answer')) continue;
    const cause = /"cause":(\{[^}]*\}|"[^"]*")/.exec(line)?.[1] ?? '?';
    const text = cause.startsWith('{') ? cause.replace(/^\{"name":"([^"]*)","message":"([^"]{0,120})[^}]*\}$/, '$1: $2') : cause.slice(1, -1);
    causes[text] = (causes[text] ?? 0) + 1;
  }
  return causes;
}

export async function wireCopy(baseUrl: string, token: string, options: { articles: number; clients: number; seed: number }): Promise<WireResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let claims = 0;
  let firstError: string | undefined;
  const t0 = performance.now();
  await pool(options.articles, options.clients, async (i) => {
    const a = wireArticle(options.seed, i);
    const started = performance.now();
    const response = await fetch(`${baseUrl}/articles`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(a),
    });
    const text = await response.text();
    latencies.push(performance.now() - started);
    let stored: { claims?: unknown[] } | undefined;
    try {
      stored = JSON.parse(text) as { claims?: unknown[] };
    } catch {
      stored = undefined;
    }
    // serverless-offline answers a handler timeout with 200 and an error body: only an article with its claims counts
    const ok = (response.status === 201 || response.status === 200) && Array.isArray(stored?.claims);
    const key = ok ? String(response.status) : `${response.status}${response.status < 300 ? ' (no article)' : ''}`;
    statuses[key] = (statuses[key] ?? 0) + 1;
    if (ok) claims += stored!.claims!.length;
    else firstError ??= `${response.status} ${text.slice(0, 300)}`;
  });
  const seconds = (performance.now() - t0) / 1000;
  const errors = Object.entries(statuses).filter(([s]) => s !== '201' && s !== '200').reduce((n, [, c]) => n + c, 0);
  return {
    articles: options.articles,
    clients: options.clients,
    seconds,
    perSecond: options.articles / seconds,
    p50: median(latencies),
    p99: p99(latencies),
    errors,
    statuses,
    claims,
    ...(firstError ? { firstError } : {}),
  };
}

export type BatchIngestResult =
  | { available: false; why: string }
  | { available: true; articles: number; concurrency: number; seconds: number; perSecond: number; exitCode: number | null; summary: string };

/** The batch ingest command over a folder of seeded articles, timed from start to exit. */
export async function batchIngest(baseUrl: string, token: string, options: { articles: number; concurrency: number; seed: number }): Promise<BatchIngestResult> {
  const script = join(ROOT, 'scripts/ingest.ts');
  if (!existsSync(script)) return { available: false, why: 'scripts/ingest.ts is not in this build' };
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-bench-wire-'));
  try {
    for (let i = 0; i < options.articles; i++) {
      const a = wireArticle(options.seed, i);
      writeFileSync(join(dir, `${String(i).padStart(5, '0')}.txt`), `${a.title}\n\n${a.text}\n`);
    }
    const tsx = join(ROOT, 'node_modules/tsx/dist/cli.mjs');
    const t0 = performance.now();
    const { code, stdout } = await new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [tsx, script, '--api', baseUrl, '--token', token, '--concurrency', String(options.concurrency), dir], {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'ignore'],
        env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
      });
      let out = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.once('error', reject);
      child.once('exit', (exitCode) => resolve({ code: exitCode, stdout: out }));
    });
    const seconds = (performance.now() - t0) / 1000;
    const summary = stdout.trim().split('\n').pop() ?? '';
    return { available: true, articles: options.articles, concurrency: options.concurrency, seconds, perSecond: options.articles / seconds, exitCode: code, summary: summary.slice(0, 300) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
