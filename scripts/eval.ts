/**
 * npm run eval — how good the extractor is, measured through the binding CLI (API.md):
 *  1. P/R/F1 of the Yes class on dev and dev-test, by piping each file's sentences (one per line) through
 *     `extract --per-line` and reading its `claim` flags;
 *  2. the demo article's claims as a table (type, score, speaker, standalone), through `extract FILE`;
 *  3. throughput of analyseArticle on article text (in-process).
 * Writes bench/EVAL.md (and prints the same). dev-test is only measured here, never used for choices.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyseArticle, defaultExtractor } from '../lib/extract/index.js';
import { parseCheckworthyTsv } from './training/data.js';
import { normaliseArticleText } from '../lib/text.js';
import type { ExtractedClaim } from '../schemas/claim.js';
import { prf, type PRF } from './stats.js';

const root = new URL('..', import.meta.url).pathname;
const DEMO = join(root, 'data/articles/nato-russia-talks-2022-01-12.txt');
const tsx = join(root, 'node_modules/.bin/tsx');
const cli = join(root, 'scripts/extract.ts');

function runCli(args: string[], input?: string): string {
  return execFileSync(tsx, [cli, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, input });
}


function evalSplit(name: string): PRF & { n: number } {
  const data = parseCheckworthyTsv(readFileSync(join(root, `data/checkworthiness/CT24_checkworthy_english_${name}.tsv`), 'utf8'));
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-eval-'));
  const file = join(dir, `${name}.txt`);
  writeFileSync(file, data.map((d) => d.text.replace(/[\r\n]+/g, ' ')).join('\n') + '\n');
  const out = runCli(['--per-line', file]).trim().split('\n').map((l) => JSON.parse(l) as { line: number; claim: boolean });
  if (out.length !== data.length) throw new Error(`${name}: ${out.length} results for ${data.length} lines`);
  out.forEach((r, i) => {
    if (r.line !== i + 1) throw new Error(`line numbers out of order at ${i + 1}`);
  });
  return { ...prf(out.map((r) => r.claim), data.map((d) => d.label === 1)), n: data.length };
}

function throughput(text: string): { mbPerSec: number; ms: number } {
  const bytes = Buffer.byteLength(text, 'utf8');
  for (let i = 0; i < 3; i++) analyseArticle(text, defaultExtractor());
  const reps = Math.max(5, Math.ceil((4 * 1024 * 1024) / bytes));
  const t0 = process.hrtime.bigint();
  for (let i = 0; i < reps; i++) analyseArticle(text, defaultExtractor());
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { mbPerSec: (bytes * reps) / 1e6 / (ms / 1000), ms: ms / reps };
}

const f3 = (x: number) => x.toFixed(3);
const cell = (s: string | undefined) => (s ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');

function main(): void {
  const lines: string[] = [];
  const log = (s = '') => {
    lines.push(s);
    process.stdout.write(s + '\n');
  };
  log('# Extractor evaluation');
  log();
  log('Produced by `npm run eval` (scripts/eval.ts). Classification goes through `npm run --silent extract -- --per-line FILE`.');
  log();
  log('## Check-worthiness: F1 of the Yes class');
  log();
  log('| split | sentences | precision | recall | F1 | tp | fp | fn |');
  log('|---|---|---|---|---|---|---|---|');
  for (const split of ['dev', 'dev-test']) {
    const r = evalSplit(split);
    log(`| ${split} | ${r.n} | ${f3(r.precision)} | ${f3(r.recall)} | **${f3(r.f1)}** | ${r.tp} | ${r.fp} | ${r.fn} |`);
  }
  log();
  log('Reference points on dev-test (data/README.md): all-Yes ≈ 0.51, bag-of-words logistic regression ≈ 0.70.');
  log();
  const demo = JSON.parse(runCli([DEMO])) as { claims: ExtractedClaim[] };
  log(`## Demo article: ${demo.claims.length} claims`);
  log();
  log('`data/articles/nato-russia-talks-2022-01-12.txt` through `npm run --silent extract -- FILE`.');
  log();
  log('| # | type | score | speaker | claim | standalone |');
  log('|---|---|---|---|---|---|');
  for (const c of demo.claims) {
    log(`| ${c.seq} | ${c.type} | ${c.checkworthiness.toFixed(2)} | ${cell(c.speaker)} | ${cell(c.text)} | ${cell(c.standalone)} |`);
  }
  log();
  const text = normaliseArticleText(readFileSync(DEMO, 'utf8'));
  const big = Array.from({ length: 20 }, () => text).join('\n\n');
  const tp = throughput(big);
  log('## Throughput');
  log();
  log(`analyseArticle on the demo article repeated 20× (${(Buffer.byteLength(big) / 1024).toFixed(0)} KiB): **${tp.mbPerSec.toFixed(2)} MB/s** on one core (${tp.ms.toFixed(1)} ms per call). See bench/BENCHMARKS.md (\`npm run bench:extract\`) for the ratio against wink-nlp and the cold start.`);
  writeFileSync(join(root, 'bench/EVAL.md'), lines.join('\n') + '\n');
}

main();
