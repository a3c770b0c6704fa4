/**
 * npm run eval — how good the extractor is, measured through the binding CLI (API.md):
 *  1. per kind of copy (debates, tweets, news), P/R/F1 of the Yes class, average precision and the share of sentences
 *     flagged, by piping each set's sentences (one per line) through `extract --per-line` and reading its `claim` flags
 *     and `checkworthiness` scores;
 *  2. the demo article's claims as a table (type, score, speaker, standalone), through `extract FILE`;
 *  3. throughput of analyseArticle on article text (in-process).
 * Writes bench/EVAL.md (and prints the same). dev-test is only measured here, never used for choices.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyseArticle, defaultExtractor } from '../lib/extract/index.js';
import { articleOf, parseCheckworthyTsv, parseLabelledTsv, tweetAsText, type LabelledSentence } from './training/data.js';
import { normaliseArticleText } from '../lib/text.js';
import type { ExtractedClaim } from '../schemas/claim.js';
import { averagePrecision, meanAveragePrecision, prf, type PRF } from './stats.js';

const root = new URL('..', import.meta.url).pathname;
const DEMO = join(root, 'data/articles/nato-russia-talks-2022-01-12.txt');
const tsx = join(root, 'node_modules/.bin/tsx');
const cli = join(root, 'scripts/extract.ts');

function runCli(args: string[], input?: string): string {
  return execFileSync(tsx, [cli, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, input });
}


/** A labelled evaluation set of one kind of copy, and what it was used for. */
interface EvalSet {
  domain: string;
  name: string;
  use: string;
  load(): LabelledSentence[];
  /** The ids are `<transcript>:<line>`: report the mean over transcripts of their average precision, as CheckThat! ranks. */
  transcripts?: boolean;
}

const ct24 = (split: string) => () => parseCheckworthyTsv(readFileSync(join(root, `data/checkworthiness/CT24_checkworthy_english_${split}.tsv`), 'utf8'));
const extra = (file: string, as: (t: string) => string = (t) => t) => () =>
  parseLabelledTsv(readFileSync(join(root, 'data/checkworthiness/extra', file), 'utf8')).map((d) => ({ ...d, text: as(d.text) }));

const SETS: EvalSet[] = [
  { domain: 'debates', name: 'CT24 dev', use: 'threshold (mixed validation)', load: ct24('dev') },
  { domain: 'debates', name: 'CT24 dev-test', use: 'reported only', load: ct24('dev-test') },
  { domain: 'debates', name: 'CLEF 2021 1B dev (PolitiFact-checked lines)', use: 'reported only; sparse labels: read AP', load: extra('debates_clef2021_t1b_dev.tsv'), transcripts: true },
  { domain: 'debates', name: 'CLEF 2021 1B test (PolitiFact-checked lines, 2017–2018)', use: 'reported only (held out); read MAP', load: extra('debates_clef2021_t1b_test.tsv'), transcripts: true },
  { domain: 'tweets', name: 'CT22 1A dev (COVID-19 tweets)', use: 'threshold (mixed validation)', load: extra('tweets_ct22_t1a_en_dev.tsv', tweetAsText) },
  { domain: 'news', name: 'NewsClaims dev (COVID-19 news)', use: 'threshold (mixed validation; recall within 57.8% flagged)', load: extra('newsclaims_dev.tsv') },
];

interface SetResult extends PRF {
  n: number;
  averagePrecision: number;
  /** Mean over transcripts of average precision; undefined for sets without transcripts. */
  map: number | undefined;
  flagged: number;
}


function evalSet(set: EvalSet): SetResult {
  const data = set.load();
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-eval-'));
  const file = join(dir, 'lines.txt');
  writeFileSync(file, data.map((d) => d.text.replace(/[\r\n]+/g, ' ')).join('\n') + '\n');
  const out = runCli(['--per-line', file]).trim().split('\n').map((l) => JSON.parse(l) as { line: number; claim: boolean; checkworthiness: number });
  if (out.length !== data.length) throw new Error(`${set.name}: ${out.length} results for ${data.length} lines`);
  out.forEach((r, i) => {
    if (r.line !== i + 1) throw new Error(`line numbers out of order at ${i + 1}`);
  });
  const gold = data.map((d) => d.label === 1);
  return {
    ...prf(out.map((r) => r.claim), gold),
    n: data.length,
    averagePrecision: averagePrecision(out.map((r) => r.checkworthiness), gold),
    map: set.transcripts ? meanAveragePrecision(out.map((r) => r.checkworthiness), gold, data.map(articleOf)) : undefined,
    flagged: out.filter((r) => r.claim).length / out.length,
  };
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
  log('## Check-worthiness per kind of copy');
  log();
  log('Each line scored alone (`--per-line`); a line is flagged when it yields a claim. AP = average precision of the');
  log('`checkworthiness` ranking; MAP = the mean over transcripts of their AP (how CheckThat! ranks debate lines).');
  log('Tweets are given without links and @/# marks, as training sees them.');
  log();
  log('| domain | set | used for | sentences | Yes | precision | recall | F1 | AP | MAP | flagged | tp | fp | fn |');
  log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const set of SETS) {
    const r = evalSet(set);
    log(`| ${set.domain} | ${set.name} | ${set.use} | ${r.n} | ${r.tp + r.fn} | ${f3(r.precision)} | ${f3(r.recall)} | **${f3(r.f1)}** | ${f3(r.averagePrecision)} | ${r.map === undefined ? '—' : f3(r.map)} | ${f3(r.flagged)} | ${r.tp} | ${r.fp} | ${r.fn} |`);
  }
  log();
  log('Reference points on CT24 dev-test (data/README.md): all-Yes ≈ 0.51, bag-of-words logistic regression ≈ 0.70.');
  log('NewsClaims marks only claims on four COVID-19 topics: its precision is low by construction; read recall and AP.');
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
