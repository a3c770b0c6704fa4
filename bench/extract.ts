/**
 * npm run bench:extract — the extractor's speed, as ratios against wink-nlp measured in the same run:
 *  - throughput of analyseArticle vs wink-nlp `readDoc(text).sentences().out()` on the same article text
 *    (the demo article ×20, and the dev sentences as one long article), interleaved rounds, medians;
 *  - cold start: a fresh Node process imports the esbuild bundle of lib/extract (as the Lambda does) and makes the
 *    first call; beside it the same for wink-nlp + its model;
 *  - adversarial inputs of 100k characters (time per character).
 * Writes bench/BENCHMARKS.md. Benchmarks, not tests: nothing here fails on a slow machine.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import winkNLP from 'wink-nlp';
import winkModel from 'wink-eng-lite-web-model';
import { analyseArticle, defaultExtractor } from '../lib/extract/index.js';
import { parseCheckworthyTsv } from '../scripts/training/data.js';
import { normaliseArticleText } from '../lib/text.js';
import { ADVERSARIAL } from '../test/support/adversarial.js';

const root = new URL('..', import.meta.url).pathname;
const demo = normaliseArticleText(readFileSync(join(root, 'data/articles/nato-russia-talks-2022-01-12.txt'), 'utf8'));
const nlp = winkNLP(winkModel);
const extractor = defaultExtractor();

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** MB/s of `run` on `text`, over repeated calls for at least `ms` milliseconds. */
/**
 * Ours and wink alternate call by call, so both see the same machine load; each side's time is summed over the run.
 * Reported: MB/s of each and their ratio, median over `rounds` rounds of about `ms` milliseconds.
 */
function throughput(text: string, rounds = 9, ms = 1500): { ours: number; wink: number; ratio: number } {
  const oursRun = (t: string) => analyseArticle(t, extractor);
  const winkRun = (t: string) => nlp.readDoc(t).sentences().out();
  for (let i = 0; i < 3; i++) {
    oursRun(text);
    winkRun(text);
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  const ours: number[] = [];
  const wink: number[] = [];
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    let tOurs = 0;
    let tWink = 0;
    let n = 0;
    const start = performance.now();
    while (performance.now() - start < ms) {
      const a = performance.now();
      oursRun(text);
      const b = performance.now();
      winkRun(text);
      const c = performance.now();
      tOurs += b - a;
      tWink += c - b;
      n++;
    }
    const o = (bytes * n) / 1e6 / (tOurs / 1000);
    const w = (bytes * n) / 1e6 / (tWink / 1000);
    ours.push(o);
    wink.push(w);
    ratios.push(o / w);
  }
  return { ours: median(ours), wink: median(wink), ratio: median(ratios) };
}

async function coldStart(): Promise<{ ours: number; oursMin: number; oursCpu: number; wink: number; winkMin: number; oursImport: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-bench-'));
  const bundle = join(dir, 'extract.mjs');
  await build({
    entryPoints: [join(root, 'lib/extract/index.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: bundle,
    logLevel: 'error',
  });
  const textFile = join(dir, 'demo.txt');
  writeFileSync(textFile, demo);
  const oursScript = join(dir, 'ours.mjs');
  writeFileSync(oursScript, `import { readFileSync } from 'node:fs';
const text = readFileSync(${JSON.stringify(textFile)}, 'utf8');
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const c0 = cpu();
const t0 = performance.now();
const m = await import(${JSON.stringify(bundle)});
const t1 = performance.now();
m.analyseArticle(text, m.defaultExtractor());
const t2 = performance.now();
process.stdout.write(JSON.stringify({ total: t2 - t0, load: t1 - t0, cpu: cpu() - c0 }));
`);
  const winkScript = join(dir, 'wink.mjs');
  writeFileSync(winkScript, `import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
const require = createRequire(${JSON.stringify(join(root, 'package.json'))});
const text = readFileSync(${JSON.stringify(textFile)}, 'utf8');
const t0 = performance.now();
const winkNLP = require('wink-nlp');
const model = require('wink-eng-lite-web-model');
const nlp = winkNLP(model);
nlp.readDoc(text).sentences().out();
process.stdout.write(JSON.stringify({ total: performance.now() - t0 }));
`);
  const ours: number[] = [];
  const oursImport: number[] = [];
  const oursCpu: number[] = [];
  const wink: number[] = [];
  for (let i = 0; i < 9; i++) {
    const o = JSON.parse(execFileSync(process.execPath, [oursScript], { encoding: 'utf8' })) as { total: number; load: number; cpu: number };
    ours.push(o.total);
    oursImport.push(o.load);
    oursCpu.push(o.cpu);
    const w = JSON.parse(execFileSync(process.execPath, [winkScript], { encoding: 'utf8' })) as { total: number };
    wink.push(w.total);
  }
  return {
    ours: median(ours),
    oursMin: Math.min(...ours),
    oursCpu: median(oursCpu),
    wink: median(wink),
    winkMin: Math.min(...wink),
    oursImport: median(oursImport),
  };
}

function adversarial(): { name: string; ms: number; usPerChar: number }[] {
  const names = ['abbreviations', 'dots', 'quotes', 'quoted sentences', 'dates', 'initials', 'one long word', 'capitalised words', 'said'];
  return names.map((name) => {
    const text = normaliseArticleText(ADVERSARIAL[name]!(100_000));
    analyseArticle(text.slice(0, 1000), extractor);
    const t0 = performance.now();
    analyseArticle(text, extractor);
    const ms = performance.now() - t0;
    return { name, ms, usPerChar: (ms * 1000) / text.length };
  });
}

async function main(): Promise<void> {
  const out: string[] = [];
  const log = (s = '') => {
    out.push(s);
    process.stdout.write(s + '\n');
  };
  const article = Array.from({ length: 20 }, () => demo).join('\n\n');
  const dev = parseCheckworthyTsv(readFileSync(join(root, 'data/checkworthiness/CT24_checkworthy_english_dev.tsv'), 'utf8'));
  const speech = normaliseArticleText(dev.map((d) => d.text).join('\n\n'));
  log('# Extractor benchmarks');
  log();
  log(`Produced by \`npm run bench:extract\` (bench/extract.ts) on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, one core.`);
  log('Figures that matter are the ratios against wink-nlp (`readDoc` + `sentences()`), measured in the same run: absolute');
  log('numbers move with the machine and its load.');
  log();
  log('## Throughput (calls alternate ours/wink; median of 9 rounds of 1.5 s)');
  log();
  log('| text | size | analyseArticle | wink-nlp readDoc + sentences | ratio (ours / wink) |');
  log('|---|---|---|---|---|');
  for (const [name, text] of [['demo article ×20', article], ['dev sentences as one article', speech]] as const) {
    const r = throughput(text);
    log(`| ${name} | ${(Buffer.byteLength(text) / 1024).toFixed(0)} KiB | ${r.ours.toFixed(2)} MB/s | ${r.wink.toFixed(2)} MB/s | **${r.ratio.toFixed(2)}** |`);
  }
  log();
  log('Target: ≥ 1 MB/s and a ratio ≥ 0.7.');
  log();
  const cs = await coldStart();
  log('## Cold start (fresh Node process ×9: median, and the fastest run)');
  log();
  log('| what | median ms | fastest ms |');
  log('|---|---|---|');
  log(`| import the esbuild bundle of lib/extract (weights included) | ${cs.oursImport.toFixed(1)} | |`);
  log(`| import + first analyseArticle on the demo article | **${cs.ours.toFixed(1)}** | ${cs.oursMin.toFixed(1)} |`);
  log(`| … the same, CPU time of the process (user + system) | ${cs.oursCpu.toFixed(1)} | |`);
  log(`| wink-nlp: require + load model + first readDoc on the same text | ${cs.wink.toFixed(1)} | ${cs.winkMin.toFixed(1)} |`);
  log(`| ratio (ours / wink) | ${(cs.ours / cs.wink).toFixed(2)} | ${(cs.oursMin / cs.winkMin).toFixed(2)} |`);
  log();
  log(`Machine load (1-minute average) at the end of this run: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores.`);
  log();
  log('Target: loading the weights plus the first call ≤ 150 ms.');
  log();
  log('## Adversarial input (100k characters each, one call)');
  log();
  log('| input | ms | µs per character |');
  log('|---|---|---|');
  for (const a of adversarial()) log(`| ${a.name} | ${a.ms.toFixed(1)} | ${a.usPerChar.toFixed(2)} |`);
  writeFileSync(join(root, 'bench/BENCHMARKS.md'), out.join('\n') + '\n');
}

await main();
