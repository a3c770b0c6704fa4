/**
 * npm run eval:match — how well lib/match links repeated claims, on the seeded pair set data/match/pairs.jsonl
 * (regenerated here from scripts/match-pairs.ts so the figures always match the generator):
 *  1. precision/recall of `same` and of "any link"; false-`same` rate on each fact-changing edit kind (target 0);
 *  2. per-kind outcome table; the natural near-duplicates against their hand labels (data/match/natural-labels.tsv);
 *  3. LSH candidate recall (do the two claims share a band key?) for several band layouts;
 *  4. throughput: compareClaims per second (texts and prepared), signatures + band keys per second, on one core.
 * Writes bench/MATCH.md (and prints the same).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cpus, loadavg } from 'node:os';
import { bandKeysOf, compareClaims, LINK_FLOOR, prepareClaim, SAME_THRESHOLD, signature, type Relation } from '../lib/match/index.js';
import { matchTokens } from '../lib/match/normalise.js';
import { shingleHashes, signatureOf } from '../lib/match/minhash.js';
import { generatePairs, type Pair } from './match-pairs.js';
import { prf } from './stats.js';

const root = new URL('..', import.meta.url).pathname;
type Outcome = Relation | 'none';
const f3 = (x: number) => x.toFixed(3);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function loadNaturalLabels(): Map<string, Outcome> {
  const file = join(root, 'data/match/natural-labels.tsv');
  const out = new Map<string, Outcome>();
  if (!existsSync(file)) return out;
  for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
    const [label, a, b] = line.split('\t');
    if (label && a && b) out.set(`${a}\t${b}`, label as Outcome);
  }
  return out;
}

/**
 * Operations per second of CPU time this process got (user + system), and per wall-clock second; best of 5 runs of
 * ≥ 0.4 s. On a shared machine the CPU-time rate is the code's own speed on one core; the wall rate is what it got.
 */
function perSecond(fn: () => void, runs = 5, minMs = 400): { cpu: number; wall: number } {
  for (let i = 0; i < 200; i++) fn();
  let cpu = 0;
  let wall = 0;
  for (let r = 0; r < runs; r++) {
    let n = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < minMs) {
      for (let i = 0; i < 200; i++) fn();
      n += 200;
      t = performance.now();
    }
    const c = process.cpuUsage(c0);
    cpu = Math.max(cpu, n / ((c.user + c.system) / 1e6));
    wall = Math.max(wall, (n * 1000) / (t - t0));
  }
  return { cpu, wall };
}

function main(): void {
  const lines: string[] = [];
  const log = (s = '') => {
    lines.push(s);
    process.stdout.write(s + '\n');
  };
  const pairs: Pair[] = generatePairs();
  const natural = loadNaturalLabels();
  const labelled = pairs
    .map((p) => ({ ...p, gold: (p.label === 'natural' ? natural.get(`${p.a}\t${p.b}`) : p.label) as Outcome | undefined }))
    .filter((p): p is Pair & { gold: Outcome } => p.gold !== undefined);
  const predicted = labelled.map((p) => compareClaims(p.a, p.b)?.relation ?? 'none');

  log('# Repeated-claim matching: evaluation');
  log();
  log(`Pair set: ${pairs.length} pairs (data/match/pairs.jsonl, seeded), ${labelled.length} labelled ` +
    `(${labelled.filter((p) => p.kind === 'natural').length} natural near-duplicates labelled by hand). Synthetic edits except \`natural\`.`);
  log();
  const same = prf(predicted.map((r) => r === 'same'), labelled.map((p) => p.gold === 'same'));
  const link = prf(predicted.map((r) => r !== 'none'), labelled.map((p) => p.gold !== 'none'));
  const exact = predicted.filter((r, i) => r === labelled[i]!.gold).length / labelled.length;
  log('| measure | precision | recall | F1 | tp | fp | fn |');
  log('|---|---|---|---|---|---|---|');
  log(`| \`same\` | ${f3(same.precision)} | ${f3(same.recall)} | ${f3(same.f1)} | ${same.tp} | ${same.fp} | ${same.fn} |`);
  log(`| any link (same or related) | ${f3(link.precision)} | ${f3(link.recall)} | ${f3(link.f1)} | ${link.tp} | ${link.fp} | ${link.fn} |`);
  log();
  log(`Exact relation (same / related / none) agreement: ${pct(exact)}.`);
  log();
  log('## By kind');
  log();
  log('| kind | gold | pairs | → same | → related | → none | false `same` |');
  log('|---|---|---|---|---|---|---|');
  const kinds = [...new Set(labelled.map((p) => `${p.kind}|${p.gold}`))];
  for (const k of kinds) {
    const [kind, gold] = k.split('|') as [string, Outcome];
    const idx = labelled.map((p, i) => (p.kind === kind && p.gold === gold ? i : -1)).filter((i) => i >= 0);
    const c = (o: Outcome) => idx.filter((i) => predicted[i] === o).length;
    const falseSame = gold === 'same' ? '' : `${c('same')} (${pct(c('same') / idx.length)})`;
    log(`| ${kind} | ${gold} | ${idx.length} | ${c('same')} | ${c('related')} | ${c('none')} | ${falseSame} |`);
  }
  log();
  log('## Thresholds (sweep; the chosen pair is marked)');
  log();
  log('| link floor | same threshold | `same` P | `same` R | link P | link R | false `same` on fact edits |');
  log('|---|---|---|---|---|---|---|');
  const all = labelled.map((p) => compareClaims(p.a, p.b, { floor: 0, same: 0 }));
  for (const floor of [0.5, 0.55, 0.6, 0.65]) {
    for (const sameT of [0.7, 0.75, 0.8, 0.85]) {
      const rel = all.map((c) => (!c || c.similarity < floor ? 'none' : c.changed.length === 0 && c.similarity >= sameT ? 'same' : 'related'));
      const s1 = prf(rel.map((r) => r === 'same'), labelled.map((p) => p.gold === 'same'));
      const l1 = prf(rel.map((r) => r !== 'none'), labelled.map((p) => p.gold !== 'none'));
      const fs = rel.filter((r, i) => r === 'same' && labelled[i]!.kind.startsWith('related:')).length;
      const mark = floor === LINK_FLOOR && sameT === SAME_THRESHOLD ? ' **(chosen)**' : '';
      log(`| ${floor}${mark} | ${sameT} | ${f3(s1.precision)} | ${f3(s1.recall)} | ${f3(l1.precision)} | ${f3(l1.recall)} | ${fs} |`);
    }
  }
  log();
  const misses = labelled.map((p, i) => ({ p, r: predicted[i]! })).filter(({ p, r }) => r !== p.gold);
  log(`## Disagreements (first 12 of ${misses.length})`);
  log();
  for (const { p, r } of misses.slice(0, 12)) {
    const c = compareClaims(p.a, p.b);
    log(`- ${p.kind} (gold ${p.gold}, got ${r}, similarity ${c?.similarity ?? '<0.5'}): "${p.a.slice(0, 140)}" / "${p.b.slice(0, 140)}"`);
  }
  log();

  log('## LSH candidate recall (pairs that share at least one band key)');
  log();
  const hashes = labelled.map((p) => [shingleHashes(matchTokens(p.a)), shingleHashes(matchTokens(p.b))] as const);
  const layouts: Array<[number, number]> = [[16, 4], [16, 3], [20, 3], [32, 2], [12, 5], [8, 8]];
  log('| bands × rows | same | related | any gold link | none (false candidates) | queries per lookup |');
  log('|---|---|---|---|---|---|');
  for (const [bands, rows] of layouts) {
    const size = Math.max(64, bands * rows);
    const hit = hashes.map(([ha, hb]) => {
      const ka = new Set(bandKeysOf(signatureOf(ha, size), bands, rows));
      return bandKeysOf(signatureOf(hb, size), bands, rows).some((k) => ka.has(k));
    });
    const rate = (g: (o: Outcome) => boolean) => {
      const idx = labelled.map((p, i) => (g(p.gold) ? i : -1)).filter((i) => i >= 0);
      return idx.filter((i) => hit[i]).length / idx.length;
    };
    log(`| ${bands} × ${rows}${bands === 16 && rows === 4 ? ' (chosen)' : ''} | ${pct(rate((o) => o === 'same'))} | ${pct(rate((o) => o === 'related'))} | ${pct(rate((o) => o !== 'none'))} | ${pct(rate((o) => o === 'none'))} | ${bands} |`);
  }
  // Recall of the pipeline as deployed: a gold link is found only if LSH makes it a candidate and compare links it.
  const defaultHit = labelled.map((p) => {
    const ka = new Set(bandKeysOf(signature(p.a)));
    return bandKeysOf(signature(p.b)).some((k) => ka.has(k));
  });
  const endToEnd = labelled.filter((p, i) => p.gold !== 'none' && defaultHit[i] && predicted[i] !== 'none').length / labelled.filter((p) => p.gold !== 'none').length;
  const endSame = labelled.filter((p, i) => p.gold === 'same' && defaultHit[i] && predicted[i] === 'same').length / labelled.filter((p) => p.gold === 'same').length;
  log();
  log(`Through LSH (16 × 4) and compareClaims together: any-link recall ${pct(endToEnd)}, \`same\` recall ${pct(endSame)}.`);
  log();

  log('## Throughput (one core, in-process, best of 5 runs of 0.4 s)');
  log();
  const texts = labelled.map((p) => p.a);
  const prepared = texts.map((t) => prepareClaim(t));
  let i = 0;
  const cmpText = perSecond(() => {
    const p = labelled[i++ % labelled.length]!;
    compareClaims(p.a, p.b);
  });
  let j = 0;
  const cmpPrepared = perSecond(() => {
    compareClaims(prepared[j % prepared.length]!, prepared[(j * 7 + 3) % prepared.length]!);
    j++;
  });
  let k = 0;
  const sigs = perSecond(() => {
    bandKeysOf(signature(texts[k++ % texts.length]!));
  });
  const meanLen = texts.reduce((s, t) => s + t.length, 0) / texts.length;
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
  log('| operation | per CPU second | per wall-clock second |');
  log('|---|---|---|');
  log(`| compareClaims(text, text) (normalises both) | ${fmt(cmpText.cpu)} | ${fmt(cmpText.wall)} |`);
  log(`| compareClaims(prepared, prepared) | ${fmt(cmpPrepared.cpu)} | ${fmt(cmpPrepared.wall)} |`);
  log(`| signature + bandKeys of a text | ${fmt(sigs.cpu)} | ${fmt(sigs.wall)} |`);
  log();
  log(`Mean claim length ${Math.round(meanLen)} characters. Node ${process.version}. Load average at the end: ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores (the figures fall when other work shares the cores).`);
  writeFileSync(join(root, 'bench/MATCH.md'), lines.join('\n') + '\n');
}

main();
