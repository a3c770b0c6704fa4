/**
 * npm run --silent match:pairs — the labelled pair set for repeated-claim matching, written to data/match/pairs.jsonl.
 * Sources: check-worthy (class Yes) sentences of data/checkworthiness/*.tsv and the sentences of the demo article.
 * Pairs are SYNTHETIC edits of one sentence (label `same` or `related` by the kind of edit), plus unrelated pairs of two
 * different sentences (random, and with high word overlap), plus natural near-duplicates found across the debates
 * (label `natural`: not labelled by the generator; see docs/MATCHING.md). Seeded: the same file on every run.
 * The edits never look at lib/match: names are words the corpus capitalises ≥ 90% of the time.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseCheckworthyTsv } from './training/data.js';
import { splitSentences } from '../lib/extract/segment.js';
import { seededRandom } from './stats.js';

export type PairLabel = 'same' | 'related' | 'none' | 'natural';
export interface Pair {
  id: number;
  kind: string;
  label: PairLabel;
  a: string;
  b: string;
  source: 'debates' | 'article';
}

const root = new URL('..', import.meta.url).pathname;
const SEED = 20260310;
const PER_KIND = 130;

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SMALL = ['two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'fifteen', 'twenty'];
const SMALL_VALUE: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20 };
const AUX = /\b(is|are|was|were|will|would|can|could|should|has|have|had|does|did|do)\b(?! not\b)/;
const NEGATED = /\b(is|are|was|were|will|would|could|should|has|have|had|does|did|do) not\b|\b(isn't|aren't|wasn't|weren't|won't|wouldn't|can't|couldn't|shouldn't|hasn't|haven't|hadn't|doesn't|didn't|don't)\b|\bnever\b|\bcannot\b/i;
const CONTRACTED: Record<string, string> = { "isn't": 'is', "aren't": 'are', "wasn't": 'was', "weren't": 'were', "won't": 'will', "wouldn't": 'would', "can't": 'can', "couldn't": 'could', "shouldn't": 'should', "hasn't": 'has', "haven't": 'have', "hadn't": 'had', "doesn't": 'does', "didn't": 'did', "don't": 'do', cannot: 'can' };

function loadSentences(): { text: string; source: 'debates' | 'article' }[] {
  const out: { text: string; source: 'debates' | 'article' }[] = [];
  const seen = new Set<string>();
  for (const split of ['train', 'dev', 'dev-test']) {
    const rows = parseCheckworthyTsv(readFileSync(join(root, `data/checkworthiness/CT24_checkworthy_english_${split}.tsv`), 'utf8'));
    for (const r of rows) {
      const t = r.text.replace(/\s+/g, ' ').trim();
      if (r.label === 1 && t.split(' ').length >= 7 && !seen.has(t)) {
        seen.add(t);
        out.push({ text: t, source: 'debates' });
      }
    }
  }
  const article = readFileSync(join(root, 'data/articles/nato-russia-talks-2022-01-12.txt'), 'utf8');
  for (const s of splitSentences(article)) {
    const t = article.slice(s.start, s.end).replace(/\s+/g, ' ').trim();
    if (t.split(' ').length >= 7 && !seen.has(t)) {
      seen.add(t);
      out.push({ text: t, source: 'article' });
    }
  }
  return out;
}

/** Words the corpus writes capitalised at least 90% of the time, away from a sentence start: proper names. */
function properNames(texts: string[]): Set<string> {
  const cap = new Map<string, number>();
  const all = new Map<string, number>();
  for (const t of texts) {
    const words = t.split(/\s+/);
    for (let i = 1; i < words.length; i++) {
      const w = words[i]!.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '').replace(/'s$/, '');
      if (w.length < 3 || /[.:!?"]$/.test(words[i - 1]!)) continue;
      const l = w.toLowerCase();
      all.set(l, (all.get(l) ?? 0) + 1);
      if (/^\p{Lu}\p{Ll}/u.test(w)) cap.set(l, (cap.get(l) ?? 0) + 1);
    }
  }
  const out = new Set<string>();
  const skip = new Set([...WEEKDAYS, ...MONTHS].map((w) => w.toLowerCase()).concat(['american', 'americans', 'democrats', 'republicans', 'democratic', 'republican', 'congress', 'senate', 'house', 'president', 'governor', 'senator', 'mr', 'i']));
  for (const [l, n] of cap) if (n >= 3 && n / (all.get(l) ?? n) >= 0.9 && !skip.has(l)) out.add(l);
  return out;
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

// ---- edits that keep the assertion (label `same`) ----

function editQuotesPunct(r: Rand, s: string): string | undefined {
  const v = Math.floor(r() * 3);
  if (v === 0) return `“${s.replace(/["“”]/g, '').replace(/[.!?]$/, '')}.”`;
  if (v === 1) return s.replace(/,/g, '').replace(/[.!?]$/, '') + '!';
  return s.replace(/"/g, '').replace(/'/g, '’').replace(/\s*[.!?]$/, ' ...');
}
function editCase(r: Rand, s: string): string | undefined {
  return r() < 0.7 ? s.toLowerCase() : s.toUpperCase();
}
function editPercent(r: Rand, s: string): string | undefined {
  if (/(\d)\s*%/.test(s)) return s.replace(/(\d)\s*%/g, r() < 0.5 ? '$1 per cent' : '$1 percent');
  if (/\bper ?cent\b/i.test(s)) return s.replace(/\s*\bper ?cent\b/gi, r() < 0.5 ? '%' : ' per cent');
  return undefined;
}
function editNumberFormat(r: Rand, s: string): string | undefined {
  if (/\b\d{1,3}(,\d{3})+\b/.test(s)) return s.replace(/\b(\d{1,3}(?:,\d{3})+)\b/g, (m) => m.replace(/,/g, ''));
  if (/\b\d{4,}\b/.test(s) && !/\b(1[6-9]|20)\d\d\b/.test(s)) return s.replace(/\b\d{4,}\b/g, (m) => Number(m).toLocaleString('en-US'));
  const word = SMALL.find((w) => new RegExp(`(?<![\\w-])${w}(?![\\w-])`).test(s));
  if (word) return s.replace(new RegExp(`(?<![\\w-])${word}(?![\\w-])`), String(SMALL_VALUE[word]));
  void r;
  return undefined;
}
const SAFE_CLAUSE = (c: string) => !/\d|\b(not|no|never|none|nobody|nothing|without|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|tonight)\b|n't\b/i.test(c) && !new RegExp(`\\b(${[...WEEKDAYS, ...MONTHS].join('|')}|today|yesterday|tomorrow)\\b`, 'i').test(c);
function editDropClause(r: Rand, s: string): string | undefined {
  const parts = s.split(/,\s+/);
  if (parts.length < 2) return undefined;
  const lens = parts.map((p) => p.split(' ').length);
  const total = lens.reduce((x, y) => x + y, 0);
  const options = parts.map((p, i) => i).filter((i) => lens[i]! <= total * 0.35 && SAFE_CLAUSE(parts[i]!));
  if (options.length === 0) return undefined;
  const drop = pick(r, options);
  const kept = parts.filter((_, i) => i !== drop).join(', ');
  return kept.charAt(0).toUpperCase() + kept.slice(1);
}
function stripEnd(s: string): string {
  return s.replace(/[.!?"”]+$/, '');
}
function editAttribution(r: Rand, s: string): [string, string] | undefined {
  const who = pick(r, ['officials', 'the ministry', 'analysts', 'the report', 'critics']);
  const body = stripEnd(s);
  const lowered = body.charAt(0).toLowerCase() + body.slice(1);
  const forms = [`${body}, ${who} said.`, `According to ${who}, ${lowered}.`, `${who.charAt(0).toUpperCase() + who.slice(1)} said that ${lowered}.`, `${body}, according to ${who}.`];
  const i = Math.floor(r() * forms.length);
  const j = (i + 1 + Math.floor(r() * (forms.length - 1))) % forms.length;
  return [forms[i]!, forms[j]!];
}
function editReorder(r: Rand, s: string): string | undefined {
  const parts = stripEnd(s).split(/,\s+/);
  if (parts.length === 2 && parts.every((p) => p.split(' ').length >= 2)) {
    const [x, y] = parts as [string, string];
    return `${y.charAt(0).toUpperCase() + y.slice(1)}, ${x.charAt(0).toLowerCase() + x.slice(1)}.`;
  }
  // move a trailing prepositional phrase to the front: "X in 2014." → "In 2014, X."
  const m = /^(.*\S)\s+((?:in|on|at|during|since|after|before|for|over|by)\s+(?:\S+\s*){1,4})$/i.exec(stripEnd(s));
  if (m && m[1]!.split(' ').length >= 5) {
    const pp = m[2]!.trim();
    return `${pp.charAt(0).toUpperCase() + pp.slice(1)}, ${m[1]!.charAt(0).toLowerCase() + m[1]!.slice(1)}.`;
  }
  void r;
  return undefined;
}

// ---- edits that change a fact (label `related`: must never be `same`) ----

function editNumber(r: Rand, s: string): string | undefined {
  const digits = [...s.matchAll(/\b\d[\d,]*(?:\.\d+)?\b/g)].filter((m) => !/^(1[6-9]|20)\d\d$/.test(m[0]));
  if (digits.length > 0) {
    const m = pick(r, digits);
    const v = Number(m[0].replace(/,/g, ''));
    const options = [v * 10, v + 1 + Math.floor(r() * 9), Math.max(0, v - 1 - Math.floor(r() * Math.max(1, v - 1)))].filter((x) => x !== v);
    const nv = pick(r, options);
    const txt = m[0].includes(',') ? nv.toLocaleString('en-US', { maximumFractionDigits: 3 }) : String(Math.round(nv * 1000) / 1000);
    return s.slice(0, m.index) + txt + s.slice(m.index! + m[0].length);
  }
  const word = SMALL.find((w) => new RegExp(`(?<![\\w-])${w}(?![\\w-])`, 'i').test(s));
  if (word) return s.replace(new RegExp(`(?<![\\w-])${word}(?![\\w-])`, 'i'), pick(r, SMALL.filter((w) => w !== word)));
  return undefined;
}
function editDate(r: Rand, s: string): string | undefined {
  const day = WEEKDAYS.find((d) => new RegExp(`\\b${d}\\b`).test(s));
  if (day) return s.replace(new RegExp(`\\b${day}\\b`, 'g'), pick(r, WEEKDAYS.filter((d) => d !== day)));
  const month = MONTHS.find((d) => d !== 'May' && d !== 'March' && new RegExp(`\\b${d}\\b`).test(s));
  if (month) return s.replace(new RegExp(`\\b${month}\\b`, 'g'), pick(r, MONTHS.filter((d) => d !== month)));
  const year = /\b(1[6-9]|20)\d\d\b/.exec(s);
  if (year) return s.replace(year[0], String(Number(year[0]) + pick(r, [-10, -4, -2, -1, 1, 2, 4, 8])));
  const rel = /\b(yesterday|today|tomorrow)\b/i.exec(s);
  if (rel) return s.replace(rel[0], pick(r, ['yesterday', 'today', 'tomorrow'].filter((w) => w !== rel[0].toLowerCase())));
  return undefined;
}
function editName(r: Rand, s: string, names: Set<string>, pool: string[]): string | undefined {
  const words = [...s.matchAll(/(?<=\s)\p{Lu}\p{Ll}+(?='s\b|\b)/gu)].filter((m) => names.has(m[0].toLowerCase()));
  if (words.length === 0) return undefined;
  const m = pick(r, words);
  const lowerS = s.toLowerCase();
  const candidates = pool.filter((p) => !lowerS.includes(p.toLowerCase()));
  const replacement = pick(r, candidates);
  return s.replace(new RegExp(`\\b${m[0]}\\b`, 'g'), replacement);
}
function editNegation(r: Rand, s: string): string | undefined {
  const neg = NEGATED.exec(s);
  if (neg) {
    const w = neg[0];
    if (/^never$/i.test(w)) return s.replace(/\bnever\b/i, r() < 0.5 ? 'always' : 'once');
    if (/ not$/i.test(w)) return s.replace(w, w.replace(/ not$/i, ''));
    return s.replace(w, CONTRACTED[w.toLowerCase()] ?? w);
  }
  const aux = AUX.exec(s);
  if (aux) return s.slice(0, aux.index) + (r() < 0.5 ? `${aux[0]} not` : `${aux[0]}n't`.replace(/^willn't$/, "won't").replace(/^can'tn't$/, "can't").replace(/^cann't$/, "can't")) + s.slice(aux.index + aux[0].length);
  return undefined;
}

/** A light `same` edit laid over a fact edit, so a related pair does not differ in the fact alone. */
function disguise(r: Rand, s: string): string {
  const v = Math.floor(r() * 4);
  if (v === 0) return editCase(r, s) ?? s;
  if (v === 1) return editQuotesPunct(r, s) ?? s;
  if (v === 2) return editAttribution(r, s)![0];
  return s;
}

function words(s: string): Set<string> {
  return new Set(s.toLowerCase().match(/\p{L}+|\d+/gu) ?? []);
}
function jaccard(a: Set<string>, b: Set<string>): number {
  let i = 0;
  for (const x of a) if (b.has(x)) i++;
  return i / (a.size + b.size - i || 1);
}

export function generatePairs(seed = SEED): Pair[] {
  const r = seededRandom(seed);
  const sentences = loadSentences();
  const names = properNames(sentences.map((s) => s.text));
  const pool = [...names].filter((n) => n.length >= 4).map((n) => n.charAt(0).toUpperCase() + n.slice(1)).sort();
  const pairs: Pair[] = [];
  const add = (kind: string, label: PairLabel, a: string, b: string, source: 'debates' | 'article') => {
    if (a !== b) pairs.push({ id: pairs.length + 1, kind, label, a, b, source });
  };
  // Article sentences first, then the debates in a seeded order: every kind draws from the same shuffled list.
  const order = sentences.map((s, i) => ({ s, k: s.source === 'article' ? -1 : r() })).sort((x, y) => x.k - y.k).map((x) => x.s);
  const single: Array<[string, PairLabel, (s: string) => string | undefined]> = [
    ['same:quotes-punctuation', 'same', (s) => editQuotesPunct(r, s)],
    ['same:case', 'same', (s) => editCase(r, s)],
    ['same:percent', 'same', (s) => editPercent(r, s)],
    ['same:number-format', 'same', (s) => editNumberFormat(r, s)],
    ['same:dropped-clause', 'same', (s) => editDropClause(r, s)],
    ['same:reorder', 'same', (s) => editReorder(r, s)],
    ['related:number', 'related', (s) => { const e = editNumber(r, s); return e && disguise(r, e); }],
    ['related:date', 'related', (s) => { const e = editDate(r, s); return e && disguise(r, e); }],
    ['related:name', 'related', (s) => { const e = editName(r, s, names, pool); return e && disguise(r, e); }],
    ['related:negation', 'related', (s) => { const e = editNegation(r, s); return e && disguise(r, e); }],
  ];
  for (const [kind, label, edit] of single) {
    let n = 0;
    for (const s of order) {
      if (n >= PER_KIND) break;
      const b = edit(s.text);
      if (b && b !== s.text) {
        add(kind, label, s.text, b, s.source);
        n++;
      }
    }
  }
  let n = 0;
  for (const s of order) {
    if (n++ >= PER_KIND) break;
    const [a, b] = editAttribution(r, s.text)!;
    add('same:attribution', 'same', a, b, s.source);
  }
  // Two or three `same` edits at once.
  n = 0;
  for (const s of [...order].reverse()) {
    if (n >= PER_KIND) break;
    let b = s.text;
    const edits = [editDropClause, editReorder, editPercent, editNumberFormat, editQuotesPunct, editCase];
    for (const e of edits) if (r() < 0.5) b = e(r, b) ?? b;
    if (b !== s.text) {
      add('same:combined', 'same', s.text, b, s.source);
      n++;
    }
  }
  // Unrelated: two different sentences sharing many words, found through an inverted index of content words.
  const ws = order.map((s) => words(s.text));
  const inverted = new Map<string, number[]>();
  ws.forEach((set, i) => {
    for (const w of set) if (w.length > 3) (inverted.get(w) ?? inverted.set(w, []).get(w)!).push(i);
  });
  const overlap: { i: number; j: number; jac: number }[] = [];
  const natural: { i: number; j: number; jac: number }[] = [];
  for (let i = 0; i < ws.length; i++) {
    const counts = new Map<number, number>();
    for (const w of ws[i]!) {
      const post = inverted.get(w);
      if (!post || post.length > 300) continue;
      for (const j of post) if (j > i) counts.set(j, (counts.get(j) ?? 0) + 1);
    }
    let best: { j: number; jac: number } | undefined;
    for (const [j, c] of counts) {
      if (c < 3) continue;
      const jac = jaccard(ws[i]!, ws[j]!);
      if (jac >= 0.6 && order[i]!.text.toLowerCase() !== order[j]!.text.toLowerCase()) natural.push({ i, j, jac });
      else if (jac >= 0.3 && jac < 0.6 && (!best || jac > best.jac)) best = { j, jac };
    }
    if (best) overlap.push({ i, j: best.j, jac: best.jac });
  }
  overlap.sort((x, y) => y.jac - x.jac);
  for (const o of overlap.slice(0, 2 * PER_KIND)) add('none:overlap', 'none', order[o.i]!.text, order[o.j]!.text, 'debates');
  for (let k = 0; k < 2 * PER_KIND; k++) {
    const i = Math.floor(r() * order.length);
    const j = Math.floor(r() * order.length);
    if (i !== j) add('none:random', 'none', order[i]!.text, order[j]!.text, order[i]!.source);
  }
  natural.sort((x, y) => y.jac - x.jac);
  for (const o of natural) add('natural', 'natural', order[o.i]!.text, order[o.j]!.text, 'debates');
  return pairs;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const pairs = generatePairs();
  mkdirSync(join(root, 'data/match'), { recursive: true });
  writeFileSync(join(root, 'data/match/pairs.jsonl'), pairs.map((p) => JSON.stringify(p)).join('\n') + '\n');
  const byKind = new Map<string, number>();
  for (const p of pairs) byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + 1);
  process.stderr.write(`${pairs.length} pairs → data/match/pairs.jsonl\n${[...byKind].map(([k, v]) => `  ${k}: ${v}`).join('\n')}\n`);
}
