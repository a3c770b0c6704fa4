/**
 * Normalisation of a claim for matching: one canonical token stream in which quotes, punctuation, case, "per cent"
 * vs "%", "3,000" vs "3000", number words ("three" → 3, "2.5 million" → 2500000) and contractions ("won't" → will
 * not) no longer differ, each token tagged with the fact kind it carries (number, date, negation, name).
 * Pure: no module-level mutable state.
 */
import { MONTHS, WEEKDAYS } from '../extract/lexicon.js';

/** What a token contributes to the fact a claim states; `word` carries none beyond its wording. */
export type FactKind = 'number' | 'date' | 'negation' | 'name' | 'word';

export interface MatchToken {
  /** canonical form: lower case, numbers as plain decimals, "%" for per cent */
  norm: string;
  /** an attribution word ("said", "according"): the claim names its source */
  attribution?: true;
  /** a name only by its capital at a sentence start ("Obviously, …"): a swap counts, a drop does not */
  initial?: true;
  kind: FactKind;
  /** stop and attribution words: kept for shingles' order, left out of the similarity sets */
  stop: boolean;
}

const UNITS: Readonly<Record<string, number>> = Object.freeze({
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11,
  twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
});
const TENS: Readonly<Record<string, number>> = Object.freeze({
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
});
const SCALES: Readonly<Record<string, number>> = Object.freeze({
  hundred: 100, thousand: 1_000, million: 1_000_000, billion: 1_000_000_000, trillion: 1_000_000_000_000,
});
const ORDINALS: Readonly<Record<string, number>> = Object.freeze({
  first: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10,
});

/** Words that flip or deny an assertion ("n't" arrives here as "not"). */
const NEGATIONS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', 'none', 'nobody', 'nothing', 'neither', 'nor', 'nowhere', 'without',
]);
/** Relative dates change the fact as much as a weekday does. */
const RELATIVE_DATES: ReadonlySet<string> = new Set(['today', 'yesterday', 'tomorrow', 'tonight']);
/** "May" and "March" are months only when capitalised; lower-case they are a modal and a verb. */
const AMBIGUOUS_MONTHS: ReadonlySet<string> = new Set(['may', 'march', 'jan', 'mar', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec', 'feb', 'apr']);

/** Function words: they order shingles but say nothing about which claim this is. */
const STOP: ReadonlySet<string> = new Set(`
  a an the and or but if of in on at to for from by with as is are was were be been being it its this that these
  those there here he she they we i you his her their our my your me him them us what who whom which while when
  where why how than then so such also just very can could would should will shall may might must do does did done
  has have had having into onto about over under up down out off again more most some any each all both other own
  same too only which whose am s
`.trim().split(/\s+/));
/** Attribution: "officials said" and "according to officials" state the same claim. */
const ATTRIBUTION: ReadonlySet<string> = new Set(`
  said says say saying according told tells tell stated states claimed claims claim added adds reported reports
  announced announces noted notes insisted insists argued argues explained explains stressed stresses declared
  declares wrote writes suggested suggests asserted asserts maintained maintains
`.trim().split(/\s+/));

/** Words whose capital letter does not make them a name. */
const NOT_NAMES: ReadonlySet<string> = new Set([
  ...STOP, ...ATTRIBUTION, ...NEGATIONS, 'mr', 'mrs', 'ms', 'dr', 'president', 'minister', 'secretary', 'senator',
  'governor', 'firstly', 'secondly', 'thirdly', 'finally', 'look', 'well', 'now', 'uh', 'um', 'oh', 'yes', 'okay',
  'frankly', 'result', 'meanwhile', 'however', 'instead', 'still', 'yet', 'because', 'since', 'although', 'let',
]);

const TOKEN_RE = /\d+(?:[.,]\d+)*|\p{L}[\p{L}\p{M}]*(?:'\p{L}+)*|%|\$|£|€/gu;
/** The same tokens for ASCII text, several times faster than the Unicode-property pattern. */
const ASCII_TOKEN_RE = /\d+(?:[.,]\d+)*|[A-Za-z]+(?:'[A-Za-z]+)*|[%$]/g;
const NON_ASCII = /[^\x00-\x7f]/;
const GROUPED_THOUSANDS = /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;

/** Canonical text before tokenising: compatibility forms, straight quotes, spelled-out contractions and per cent. */
function canonicalText(text: string): string {
  return (NON_ASCII.test(text) ? text.normalize('NFKC') : text)
    .replace(/[\u2018\u2019\u201B\u2032`´]/g, "'")
    .replace(/\b(wo|ca|sha)n't\b/gi, (_m, v: string) => ({ wo: 'will', ca: 'can', sha: 'shall' })[v.toLowerCase()] + ' not')
    .replace(/\bcannot\b/gi, 'can not')
    .replace(/n't\b/gi, ' not')
    .replace(/'(m|ve|re|ll|d)\b/gi, (_m, v: string) => ' ' + ({ m: 'am', ve: 'have', re: 'are', ll: 'will', d: 'would' } as Record<string, string>)[v.toLowerCase()])
    .replace(/\bper[\s-]?cent(?:age points?)?\b|\bpct\b/gi, '%')
    .replace(/(\d)\s*(st|nd|rd|th)\b/gi, '$1');
}

/** Starts with an ASCII digit (cheaper than a regex on the hot path). */
function isDigitStart(w: string): boolean {
  const c = w.charCodeAt(0);
  return c >= 48 && c <= 57;
}

function formatNumber(n: number): string {
  // one spelling for 3000, 3,000 and 3000.0; keeps 2.5 as 2.5
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 1e6) / 1e6);
}

interface RawToken {
  text: string;
  lower: string;
  initial: boolean;
}

/** Split text into raw tokens with their case; a possessive "'s" goes (it names the same thing). */
function rawTokens(text: string): RawToken[] {
  const out: RawToken[] = [];
  const canonical = canonicalText(text);
  for (const m of canonical.matchAll(NON_ASCII.test(canonical) ? TOKEN_RE : ASCII_TOKEN_RE)) {
    let t = m[0];
    if (t.endsWith("'s") || t.endsWith("'S")) t = t.slice(0, -2);
    else if (t.endsWith("'")) t = t.slice(0, -1);
    if (t) out.push({ text: t, lower: t.toLowerCase(), initial: isSentenceStart(m.input, m.index) });
  }
  return out;
}

/** Nothing but spaces, opening quotes or brackets since the start or since ". ", "? ", "! ", ": ", "-- ". */
function isSentenceStart(input: string, index: number): boolean {
  for (let i = index - 1; i >= 0; i--) {
    const c = input.charAt(i);
    if (c === ' ' || c === '"' || c === "'" || c === '“' || c === '(' || c === '\t') continue;
    return c === '.' || c === '?' || c === '!' || c === ':' || c === '\n' || c === '-' || c === '—' || c === ';';
  }
  return true;
}

function isCapitalised(t: string): boolean {
  const c = t.charAt(0);
  return c !== c.toLowerCase();
}

/** Fold a run of number words / digits with scales ("two hundred thousand", "2.5 million") into one value. */
function readNumber(raw: RawToken[], i: number): { value: number; next: number } | undefined {
  let total = 0;
  let current = 0;
  let seen = false;
  let digitsSeen = false;
  let afterScale = false;
  let j = i;
  for (; j < raw.length; j++) {
    const w = raw[j]!.lower;
    if (isDigitStart(w)) {
      if (seen) break; // "3 4", "five 5": two numbers
      let s = w;
      if (GROUPED_THOUSANDS.test(s)) s = s.replace(/,/g, '');
      else if (/,/.test(s)) break; // "1,5" or a list: left to the caller as a literal token
      const v = Number(s);
      if (!Number.isFinite(v)) break;
      current = v;
      seen = true;
      digitsSeen = true;
    } else if (w in UNITS || w in TENS) {
      // words combine only with words: "twenty two", "two hundred and five"; never "20 three"
      if (digitsSeen && !afterScale) break;
      const v = w in UNITS ? UNITS[w]! : TENS[w]!;
      const last = current % 100;
      if (seen && !afterScale && !(w in UNITS && last % 10 === 0 && last >= 20 && v < 10)) break;
      current += v;
      seen = true;
    } else if (w in SCALES && seen) {
      const s = SCALES[w]!;
      if (s === 100) current *= 100;
      else {
        total += current * s;
        current = 0;
      }
      afterScale = true;
      continue;
    } else if (w === 'and' && seen && raw[j + 1]?.lower === 'a' && raw[j + 2]?.lower === 'half') {
      current += 0.5; // "three and a half million" = 3.5 million
      j += 2;
      continue;
    } else if (w === 'and' && afterScale && j + 1 < raw.length && (raw[j + 1]!.lower in UNITS || raw[j + 1]!.lower in TENS)) {
      continue; // "two hundred and five"
    } else break;
    afterScale = false;
  }
  if (!seen) return undefined;
  return { value: total + current, next: j };
}

/** The canonical, fact-tagged token stream of a claim. */
export function matchTokens(text: string): MatchToken[] {
  const raw = rawTokens(text);
  const out: MatchToken[] = [];
  for (let i = 0; i < raw.length; i++) {
    const r = raw[i]!;
    const w = r.lower;
    const digits = isDigitStart(w);
    if (digits || w in UNITS || w in TENS) {
      // a comma-separated digit string that is not thousands ("1,5") stays one literal number token
      if (digits && w.includes(',') && !GROUPED_THOUSANDS.test(w)) {
        out.push({ norm: w, kind: 'number', stop: false });
        continue;
      }
      const n = readNumber(raw, i);
      if (n) {
        // "1,800" and "1800" must agree, so a year is judged by its value, not its spelling
        const isYear = digits && n.next === i + 1 && Number.isInteger(n.value) && n.value >= 1600 && n.value <= 2100;
        out.push({ norm: formatNumber(n.value), kind: isYear ? 'date' : 'number', stop: false });
        i = n.next - 1;
        continue;
      }
    }
    if (w in ORDINALS) {
      out.push({ norm: String(ORDINALS[w]), kind: 'number', stop: false });
      continue;
    }
    if (w === '%' || w === '$' || w === '£' || w === '€') {
      out.push({ norm: w, kind: 'number', stop: false });
      continue;
    }
    if (w in SCALES) {
      out.push({ norm: w, kind: 'number', stop: false }); // "millions of", "a hundred": a magnitude
      continue;
    }
    if (NEGATIONS.has(w)) {
      out.push({ norm: w, kind: 'negation', stop: false });
      continue;
    }
    if (WEEKDAYS.has(w) || RELATIVE_DATES.has(w) || (MONTHS.has(w) && w.length > 3 && (!AMBIGUOUS_MONTHS.has(w) || isCapitalised(r.text)))) {
      out.push({ norm: w, kind: 'date', stop: false });
      continue;
    }
    if (ATTRIBUTION.has(w)) {
      out.push({ norm: w, kind: 'word', stop: true, attribution: true });
      continue;
    }
    if (STOP.has(w)) {
      out.push({ norm: w, kind: 'word', stop: true });
      continue;
    }
    // A capitalised content word may name a person, place or body; at a sentence start it may not, but treating it
    // as one only makes a changed first word count as a fact change, which is the safe side.
    const name = isCapitalised(r.text) && !NOT_NAMES.has(w);
    const initial = name && r.initial && !(r.text.length > 1 && r.text === r.text.toUpperCase());
    out.push(initial ? { norm: w, kind: 'name', stop: false, initial } : { norm: w, kind: name ? 'name' : 'word', stop: false });
  }
  return out;
}

/** The canonical form of a claim as one string (for display, dedupe within an article, and debugging). */
export function normaliseClaim(text: string): string {
  return matchTokens(text).map((t) => t.norm).join(' ');
}
