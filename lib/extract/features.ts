/**
 * Features of one sentence for the check-worthiness model: hashed word uni/bigrams (with numbers reduced to shapes)
 * plus dense, hand-made linguistic features (numbers and units, names, attribution, tense and modality, comparisons,
 * causal connectives, person, questions). Shared by `scripts/train.ts` and the runtime, so they can never drift.
 */
import { tokenize, type Token } from './tokens.js';
import { startsUpper, trimClosers } from './chars.js';
import {
  ATTRIBUTION_VERBS, CAUSAL, COMPARATIVES, FIRST_PLURAL, FIRST_SINGULAR, FUNCTION_WORDS, MODALS, MONTHS, NUMBER_WORDS,
  OPINION_WORDS, PAST_AUX, PRESENT_AUX, RULE_WORDS, SCIENCE_WORDS, SECOND_PERSON, UNITS, WEEKDAYS,
} from './lexicon.js';

export const DENSE_NAMES = [
  'number', 'numberCount', 'year', 'percent', 'money', 'bigNumber', 'numberWord', 'unitAfterNumber', 'properNoun',
  'properNounCount', 'month', 'attribution', 'pastTense', 'presentTense', 'modal', 'future', 'comparative',
  'superlative', 'causal', 'rule', 'opinion', 'firstSingular', 'firstPlural', 'secondPerson', 'question',
  'exclamation', 'short', 'long', 'logLength', 'quote', 'startsWithConjunction', 'negation', 'imperativeStart',
  'fragment', 'pastAction', 'thereIs', 'perfect', 'specific', 'hedge',
] as const;
export type DenseName = (typeof DENSE_NAMES)[number];
export const DENSE_SIZE = DENSE_NAMES.length;
const D: Record<DenseName, number> = Object.fromEntries(DENSE_NAMES.map((n, i) => [n, i])) as Record<DenseName, number>;
/** Index of each dense feature by name. */
export const DENSE_INDEX: Readonly<Record<DenseName, number>> = D;

export interface Features {
  /** Hashed sparse feature indices (each with value `scale`, duplicates allowed and summed). */
  sparse: number[];
  /** Value of each sparse feature (1, or 1/sqrt(count) with `norm`). */
  scale: number;
  /** Dense feature values. */
  dense: Float64Array;
  tokens: Token[];
  /** Lowercased word/number tokens. */
  words: string[];
  /** Vocabulary positions of `words` in the model's word-vector table (filled in by the model, once). */
  vocabulary?: number[];
}

const FNV0 = 0x811c9dc5;
/** Feed `s[from, to)` into a running FNV-1a state (streaming, so no strings need concatenating). */
function feed(h: number, s: string, from = 0, to = s.length): number {
  for (let i = from; i < to; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h;
}
/** FNV-1a, 32 bit. */
export function hash(s: string): number {
  return feed(FNV0, s) >>> 0;
}
const H_U = feed(FNV0, 'u');
const H_B = feed(FNV0, 'b');
const H_C = feed(FNV0, 'c');
const H_BIAS = hash('bias-sparse');
const H_SCI = feed(FNV0, 'sci u');
const H_SCI_B = feed(FNV0, 'sci b');
const H_SPACE_END = ' </s>';
/** Hashes of the feature crosses, one per ordered pair of dense features (0 is never used as a hash). */
const CROSS = /* @__PURE__ */ Uint32Array.from({ length: DENSE_NAMES.length * DENSE_NAMES.length }, (_, k) =>
  hash('x' + Math.floor(k / DENSE_NAMES.length) + ' ' + (k % DENSE_NAMES.length)) || 1);
function crossHash(a: number, b: number): number {
  return CROSS[a * DENSE_NAMES.length + b]!;
}

const IMPERATIVE_STARTS = new Set(['let', 'look', 'take', 'go', 'come', 'listen', 'think', 'thank', 'remember',
  'imagine', 'ask', 'tell', 'give', 'check', 'don\'t', 'please', 'consider', 'stop', 'keep', 'get', 'make', 'vote']);
const IRREGULAR_PAST = new Set(['said', 'did', 'was', 'were', 'had', 'made', 'took', 'gave', 'got', 'went', 'came',
  'left', 'lost', 'won', 'paid', 'sold', 'bought', 'built', 'brought', 'sent', 'spent', 'told', 'knew', 'saw', 'found',
  'led', 'ran', 'rose', 'fell', 'grew', 'cut', 'put', 'set', 'hit', 'began', 'became', 'held', 'kept', 'met', 'wrote',
  'signed', 'voted', 'lied', 'shot', 'killed', 'thought', 'felt', 'fought', 'taught', 'caught', 'stood', 'spoke']);
const SUBJ_PRONOUNS = new Set(['i', 'we', 'he', 'she', 'they', 'you', 'it']);
const HEDGES = new Set(['maybe', 'perhaps', 'probably', 'possibly', 'might', 'guess', 'seems', 'seem', 'kind', 'sort']);
const CONJ = new Set(['and', 'but', 'so', 'or', 'because', 'well', 'now', 'yes', 'no', 'oh']);
const NEGATION = new Set(['not', 'no', 'never', "n't", 'nothing', 'none', 'nobody', "don't", "didn't", "doesn't",
  "isn't", "wasn't", "aren't", "weren't", "won't", "can't", 'cannot', "haven't", "hasn't"]);

/** A number's shape, so that "3,000" and "4,500" share a feature. */
export function numberShape(t: string): string {
  const digits = t.replace(/[^0-9]/g, '');
  if (/^(1[6-9]|20)\d\d$/.test(t)) return '<year>';
  if (t.includes('.')) return '<dec>';
  if (digits.length <= 2) return '<n2>';
  if (digits.length <= 4) return '<n4>';
  return '<nbig>';
}

function lowerWord(text: string): string {
  const l = text.toLowerCase();
  return l.indexOf('’') >= 0 ? l.replace(/’/g, "'") : l;
}

function normWord(t: Token, low: string): string {
  if (t.kind === 'n') {
    // "2014", "1990s", "3,000", "4th"
    let k = 0;
    while (k < t.text.length) {
      const c = t.text.charCodeAt(k);
      if ((c >= 48 && c <= 57) || c === 44 || c === 46) k++;
      else break;
    }
    return numberShape(t.text.slice(0, k)) + low.slice(k);
  }
  return low;
}

/** Which feature groups are on; stored in model.json so training and run time agree. */
export interface FeatureOptions {
  bigrams: boolean;
  dense: boolean;
  /** Word-suffix (3 letters) features: a crude stand-in for part of speech and tense. */
  suffixes: boolean;
  /** Crude stems (plural / -ed / -ing stripped) as extra unigrams. */
  stems: boolean;
  /** Character 4-grams inside words (with boundary marks): generalises to unseen word forms. */
  chars?: boolean;
  /** Extra character n-gram lengths besides 4 (e.g. [3, 5]). */
  charLengths?: number[];
  /** Dense features crossed with "has a number" / "has a name" (pairs of hand-made features). */
  crosses?: boolean;
  /** Scale the sparse part by 1/sqrt(number of sparse features), so long sentences do not pile up small weights. */
  norm?: boolean;
  /** Words crossed with a few sentence flags (first person, past action, number, question). */
  wordCrosses?: boolean;
  /**
   * Words again, in a space of their own when the sentence speaks of health, science or climate (SCIENCE_WORDS): what
   * makes such a statement worth checking is learnt apart from campaign speech, from the data that has it.
   */
  scienceSpace?: boolean;
}
/** Whether the sentence's words speak of health, science or climate (the science space here, the science offset in rules.ts). */
export function speaksOfScience(words: readonly string[]): boolean {
  return words.some((w) => SCIENCE_WORDS.has(w));
}

export const DEFAULT_FEATURES: FeatureOptions = { bigrams: true, dense: true, suffixes: false, stems: false };

function stem(w: string): string {
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 4 && w.endsWith('es')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  return w;
}

/** Whether the text trails off with a dash ("And so the election is all-"). */
function endsWithDash(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && text.charCodeAt(i) <= 32) i--;
  if (i >= 0 && (text[i] === '"' || text[i] === '”')) i--;
  while (i >= 0 && text.charCodeAt(i) <= 32) i--;
  return i >= 0 && (text[i] === '-' || text[i] === '–' || text[i] === '—');
}

/** Features of `text`; pass `tokens` when the caller already has them (only their text and kind are read). */
export function featurize(text: string, bits: number, opts: FeatureOptions = DEFAULT_FEATURES, given?: Token[]): Features {
  const tokens = given ?? tokenize(text);
  const mask = (1 << bits) - 1;
  const sparse: number[] = [];
  const dense = new Float64Array(DENSE_SIZE);
  const words: string[] = [];
  const lows: string[] = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'p') {
      lows[i] = t.text;
      continue;
    }
    const low = lowerWord(t.text);
    lows[i] = low;
    words.push(normWord(t, low));
  }

  // Sparse: unigrams, bigrams (with sentence boundary markers).
  let prev = '<s>';
  for (const w of words) {
    sparse.push(feed(H_U, w) & mask);
    if (opts.bigrams) sparse.push(feed(feed(feed(H_B, prev), ' '), w) & mask);
    if (opts.suffixes && w.length > 4 && !w.startsWith('<')) sparse.push(hash('s' + w.slice(-3)) & mask);
    if (opts.stems) {
      const st = stem(w);
      if (st !== w) sparse.push(hash('u' + st) & mask);
    }
    if (opts.chars && w.length > 3 && !w.startsWith('<')) {
      const padded = '^' + w + '$';
      for (let k = 0; k + 4 <= padded.length; k++) sparse.push(feed(H_C, padded, k, k + 4) & mask);
      if (opts.charLengths) {
        for (const n of opts.charLengths) {
          const h0 = feed(H_C, String(n));
          for (let k = 0; k + n <= padded.length; k++) sparse.push(feed(h0, padded, k, k + n) & mask);
        }
      }
    }
    prev = w;
  }
  if (opts.bigrams) sparse.push(feed(feed(H_B, prev), H_SPACE_END) & mask);
  sparse.push(H_BIAS & mask);

  // Dense features.
  let numbers = 0;
  let proper = 0;
  let firstWordIndex = -1;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.kind === 'p') {
      if (t.text === '%') dense[D.percent] = 1;
      if (t.text === '$' || t.text === '£' || t.text === '€') dense[D.money] = 1;
      if (t.text === '"' || t.text === '“' || t.text === '”') dense[D.quote] = 1;
      continue;
    }
    if (firstWordIndex < 0) firstWordIndex = i;
    const lw = lows[i]!;
    if (t.kind === 'n') {
      numbers++;
      if (/^(?:1[6-9]|20)\d\d(?:s|'s)?$/.test(t.text)) dense[D.year] = 1;
      const nx = tokens[i + 1];
      if (nx && nx.kind === 'w' && (UNITS.has(lows[i + 1]!) || NUMBER_WORDS.has(lows[i + 1]!))) {
        dense[D.unitAfterNumber] = 1;
      }
      continue;
    }
    if (NUMBER_WORDS.has(lw)) {
      dense[D.numberWord] = 1;
      if (lw.startsWith('million') || lw.startsWith('billion') || lw.startsWith('trillion')) dense[D.bigNumber] = 1;
      const nx = tokens[i + 1];
      if (nx && nx.kind === 'w' && UNITS.has(lows[i + 1]!)) dense[D.unitAfterNumber] = 1;
    }
    if (lw === 'percent' || lw === 'percentage') dense[D.percent] = 1;
    if (lw === 'dollars' || lw === 'dollar') dense[D.money] = 1;
    if (MONTHS.has(lw) && lw !== 'may' && t.text[0] !== lw[0]) dense[D.month] = 1;
    if (WEEKDAYS.has(lw)) dense[D.month] = 1;
    if (ATTRIBUTION_VERBS.has(lw)) dense[D.attribution] = 1;
    if (PAST_AUX.has(lw) || (lw.length > 4 && lw.endsWith('ed') && lw.charCodeAt(0) === t.text.charCodeAt(0))) dense[D.pastTense] = dense[D.pastTense]! + 1;
    if (PRESENT_AUX.has(lw)) dense[D.presentTense] = dense[D.presentTense]! + 1;
    if (MODALS.has(lw)) dense[D.modal] = 1;
    if (lw === 'will' || lw === "won't" || lw === "'ll" || lw.endsWith("'ll") || (lw === 'going' && tokens[i + 1]?.text === 'to')) dense[D.future] = 1;
    if (COMPARATIVES.has(lw)) dense[D.comparative] = 1;
    if (lw.length > 5 && lw.endsWith('est') && !lw.endsWith('interest') && !lw.endsWith('honest')) dense[D.superlative] = 1;
    if (CAUSAL.has(lw)) dense[D.causal] = 1;
    if (RULE_WORDS.has(lw)) dense[D.rule] = 1;
    if (OPINION_WORDS.has(lw)) dense[D.opinion] = 1;
    if (FIRST_SINGULAR.has(lw)) dense[D.firstSingular] = 1;
    if (FIRST_PLURAL.has(lw)) dense[D.firstPlural] = 1;
    if (SECOND_PERSON.has(lw)) dense[D.secondPerson] = 1;
    if (NEGATION.has(lw) || lw.endsWith("n't")) dense[D.negation] = 1;
    // Proper nouns: capitalised words that are not sentence-initial and not function words / "I".
    if (i !== firstWordIndex && startsUpper(t.text) && !FUNCTION_WORDS.has(lw) && lw !== 'i' && !lw.startsWith("i'")) {
      proper++;
    }
  }
  const nWords = words.length;
  dense[D.number] = numbers > 0 ? 1 : 0;
  dense[D.numberCount] = Math.min(numbers, 4) / 4;
  dense[D.properNoun] = proper > 0 ? 1 : 0;
  dense[D.properNounCount] = Math.min(proper, 5) / 5;
  dense[D.pastTense] = Math.min(dense[D.pastTense]!, 3) / 3;
  dense[D.presentTense] = Math.min(dense[D.presentTense]!, 3) / 3;
  const trimmed = trimClosers(text.trimEnd(), false);
  dense[D.question] = trimmed.endsWith('?') ? 1 : 0;
  dense[D.exclamation] = trimmed.endsWith('!') ? 1 : 0;
  dense[D.short] = nWords < 6 ? 1 : 0;
  dense[D.long] = nWords > 25 ? 1 : 0;
  dense[D.logLength] = Math.log1p(nWords) / 4;
  dense[D.startsWithConjunction] = words[0] !== undefined && CONJ.has(words[0]) ? 1 : 0;
  dense[D.imperativeStart] = words[0] !== undefined && IMPERATIVE_STARTS.has(words[0]) ? 1 : 0;
  dense[D.fragment] = endsWithDash(text) || nWords < 3 ? 1 : 0;
  // Past actions: a subject (pronoun or name) followed closely by a past-tense verb ("I voted", "she lied").
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (SUBJ_PRONOUNS.has(w)) {
      for (let k = i + 1; k < Math.min(words.length, i + 4); k++) {
        const v = words[k]!;
        if (IRREGULAR_PAST.has(v) || (v.length > 4 && v.endsWith('ed'))) {
          dense[D.pastAction] = 1;
          break;
        }
      }
    }
    if (w === 'there' && (words[i + 1] === 'is' || words[i + 1] === 'are' || words[i + 1] === 'was' || words[i + 1] === 'were' || words[i + 1] === "there's")) dense[D.thereIs] = 1;
    if (w === "there's") dense[D.thereIs] = 1;
    if ((w === 'has' || w === 'have' || w === 'had' || w.endsWith("'ve")) && words[i + 1] !== undefined && (words[i + 1]!.endsWith('ed') || IRREGULAR_PAST.has(words[i + 1]!) || words[i + 1] === 'been')) dense[D.perfect] = 1;
    if (HEDGES.has(w)) dense[D.hedge] = 1;
    if (IRREGULAR_PAST.has(w)) dense[D.pastTense] = Math.max(dense[D.pastTense]!, 1 / 3);
  }
  dense[D.specific] = numbers > 0 || proper > 0 || dense[D.pastAction]! > 0 || dense[D.month]! > 0 ? 1 : 0;
  if (opts.wordCrosses) {
    const flags: string[] = [];
    if (dense[D.firstSingular] || dense[D.firstPlural]) flags.push('1p');
    if (dense[D.pastAction]) flags.push('pa');
    if (dense[D.number]) flags.push('nu');
    if (dense[D.modal]) flags.push('mo');
    for (const f of flags) {
      const h0 = feed(FNV0, 'w' + f);
      for (const w of words) sparse.push(feed(h0, w) & mask);
    }
  }
  if (opts.scienceSpace && speaksOfScience(words)) {
    let prev = '<s>';
    for (const w of words) {
      sparse.push(feed(H_SCI, w) & mask);
      sparse.push(feed(feed(feed(H_SCI_B, prev), ' '), w) & mask);
      prev = w;
    }
  }
  if (opts.crosses) {
    const on: number[] = [];
    for (let a = 0; a < DENSE_SIZE; a++) if (dense[a] !== 0) on.push(a);
    for (let x = 0; x < on.length; x++) {
      for (let y = x + 1; y < on.length; y++) sparse.push(crossHash(on[x]!, on[y]!) & mask);
    }
  }
  if (!opts.dense) dense.fill(0);
  const scale = opts.norm ? 1 / Math.sqrt(Math.max(1, sparse.length)) : 1;
  return { sparse, scale, dense, tokens, words };
}
