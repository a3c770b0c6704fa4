/**
 * News-aware sentence segmentation with exact UTF-16 offsets.
 *
 * One left-to-right pass per paragraph (a paragraph ends at any line break). A candidate boundary is a run of
 * `.`, `!`, `?` or `…` followed by optional closing quotes/brackets, then whitespace, then something that can open a
 * sentence (a capital, a digit, an opening quote or bracket). Candidates are vetoed for abbreviations (U.S., Jan.,
 * Gen., Dr., No.), initials (J. R. R.), and a few lowercase-continuation cases. Everything is a single forward scan;
 * no regular expression here has nested quantifiers, so time is linear in the input.
 */

import { startsLetter, startsLower, startsUpper } from './chars.js';

export interface Span {
  start: number;
  end: number;
}

/** Sentence spans with the paragraph they belong to (index in text order) and their index within it. */
export interface SentenceSpan extends Span {
  paragraph: number;
  /** Index of the sentence within its paragraph. */
  index: number;
}

/** Titles and words that never end a sentence when followed by a name or number. */
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'mx', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'sgt', 'cmdr', 'adm', 'gov',
  'sen', 'rep', 'reps', 'sens', 'pres', 'hon', 'rev', 'fr', 'sr', 'jr', 'st', 'messrs', 'mme', 'mlle', 'supt', 'insp',
  'det', 'cpl', 'pvt', 'brig', 'atty', 'amb', 'ald', 'gens', 'lieut', 'comdr', 'sec', 'secy', 'treas', 'rt',
]);
/** Abbreviations that are not sentence ends when followed by a number (months, No., p., vol.). */
const BEFORE_NUMBER = new Set([
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'no', 'nos', 'p', 'pp',
  'vol', 'vols', 'art', 'arts', 'sec', 'ch', 'fig', 'figs', 'para', 'ed', 'eds', 'op', 'approx', 'ca', 'nr', 'tel',
  'ext', 'est', 'rev', 'pt', 'mt', 'ft', 'ave', 'rd', 'blvd', 'hwy', 'rte', 'dept', 'univ', 'mon', 'tue', 'tues',
  'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
]);
/** Abbreviations that normally continue the sentence whatever follows (unless a clear sentence starter follows). */
const CONTINUING = new Set([
  'vs', 'etc', 'e.g', 'i.e', 'cf', 'al', 'approx', 'incl', 'esp', 'viz', 'ca', 'fig', 'inc', 'corp', 'co', 'ltd',
  'bros', 'dept', 'univ', 'assn', 'ave', 'mt', 'ft', 'a.m', 'p.m', 'u.s', 'u.k', 'u.n', 'e.u', 'u.s.a', 'd.c',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'no',
]);
/** Words that, capitalised after an ambiguous abbreviation like "U.S." or "etc.", clearly start a new sentence. */
const SENTENCE_STARTERS = new Set([
  'the', 'a', 'an', 'it', 'he', 'she', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those', 'there', 'but',
  'and', 'or', 'so', 'yet', 'in', 'on', 'at', 'for', 'if', 'when', 'while', 'after', 'before', 'since', 'as', 'his',
  'her', 'their', 'our', 'its', 'my', 'your', 'what', 'who', 'why', 'how', 'where', 'however', 'meanwhile', 'still',
  'also', 'then', 'now', 'some', 'many', 'most', 'all', 'no', 'not', 'one', 'both', 'each', 'officials', 'both',
]);

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x3000;
}
function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 0x2028 || c === 0x2029 || c === 0x85;
}
function isTerminal(c: number): boolean {
  return c === 46 /* . */ || c === 33 /* ! */ || c === 63 /* ? */ || c === 0x2026 /* … */;
}
function isCloser(c: number): boolean {
  // " ' ) ] ” ’ » ›
  return c === 34 || c === 39 || c === 41 || c === 93 || c === 0x201d || c === 0x2019 || c === 0xbb || c === 0x203a;
}
function isOpener(c: number): boolean {
  // " ' ( [ “ ‘ « ‹ ¿ ¡
  return c === 34 || c === 39 || c === 40 || c === 91 || c === 0x201c || c === 0x2018 || c === 0xab || c === 0x2039 ||
    c === 0xbf || c === 0xa1;
}
const LETTER = { test: (ch: string) => startsLetter(ch) };
function isUpper(ch: string): boolean {
  return startsUpper(ch);
}
function isLower(ch: string): boolean {
  return startsLower(ch);
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** The word (letters and inner dots) ending just before position `dot` (exclusive). */
function wordBefore(text: string, dot: number, floor: number): string {
  let i = dot;
  let n = 0;
  while (i > floor && n < 24) {
    const ch = text[i - 1]!;
    if (ch === '.' || LETTER.test(ch)) {
      i--;
      n++;
    } else break;
  }
  return text.slice(i, dot);
}

/** The next word starting at `pos` (letters only), lowercased, up to 20 chars. */
function wordAt(text: string, pos: number, limit: number): string {
  let i = pos;
  while (i < limit && i - pos < 20 && LETTER.test(text[i]!)) i++;
  return text.slice(pos, i).toLowerCase();
}

/**
 * Decide whether a terminal run ending at `termEnd` (exclusive; the first terminal char is at `termStart`) followed by
 * whitespace and then `next` (index of the first non-space char) ends a sentence.
 */
function isBoundary(text: string, termStart: number, termEnd: number, next: number, limit: number, floor: number): boolean {
  const nc = text.charCodeAt(next);
  const nch = text[next]!;
  // Lower-case continuation is never a new sentence ("Why?" he asked; "... and then").
  if (isLower(nch)) return false;
  const opensSentence = isUpper(nch) || isDigit(nc) || isOpener(nc) || !LETTER.test(nch);
  if (!opensSentence) return false;
  const run = text.slice(termStart, termEnd);
  // Only a single '.' can be an abbreviation.
  if (run !== '.') {
    // An ellipsis followed by a lowercase word was handled above; before a capital it ends the sentence.
    return true;
  }
  const word = wordBefore(text, termStart, floor);
  if (word.length === 0) return true;
  const lower = word.toLowerCase();
  const bare = lower.replace(/^\.+/, '');
  // Skip opening quote/bracket for the starter test.
  let w = next;
  while (w < limit && isOpener(text.charCodeAt(w))) w++;
  const nextWord = wordAt(text, w, limit);
  const nextIsNumber = isDigit(text.charCodeAt(w));
  // Initials: a single capital letter ("J. Smith", "Harry S. Truman").
  if (bare.length === 1 && isUpper(word[word.length - 1]!)) {
    return SENTENCE_STARTERS.has(nextWord) && nextWord.length > 1 && nextWord !== 'a';
  }
  if (TITLES.has(bare)) return false;
  if (BEFORE_NUMBER.has(bare) && nextIsNumber) return false;
  // Dotted acronyms (U.S., U.N.) and listed abbreviations: continue unless a clear sentence starter follows.
  const dotted = bare.includes('.');
  if (CONTINUING.has(bare) || (dotted && /^(?:\p{L}\.)+\p{L}$/u.test(bare))) {
    return SENTENCE_STARTERS.has(nextWord);
  }
  return true;
}

/**
 * Split `text` into sentence spans. Paragraphs are separated by line breaks; each non-empty line stretch is split
 * further. Spans are trimmed of surrounding whitespace and never empty.
 */
export function splitSentences(text: string): SentenceSpan[] {
  const out: SentenceSpan[] = [];
  const n = text.length;
  let paragraph = -1;
  let pos = 0;
  while (pos < n) {
    // Find paragraph [pos, lineEnd).
    let lineEnd = pos;
    while (lineEnd < n && !isLineBreak(text.charCodeAt(lineEnd))) lineEnd++;
    // Trim.
    let s = pos;
    while (s < lineEnd && isSpace(text.charCodeAt(s))) s++;
    if (s < lineEnd) {
      paragraph++;
      splitParagraph(text, s, lineEnd, paragraph, out);
    }
    pos = lineEnd + 1;
  }
  return out;
}

function pushSpan(text: string, start: number, end: number, paragraph: number, out: SentenceSpan[], index: number): number {
  let s = start;
  let e = end;
  while (s < e && isSpace(text.charCodeAt(s))) s++;
  while (e > s && isSpace(text.charCodeAt(e - 1))) e--;
  if (e > s) {
    out.push({ start: s, end: e, paragraph, index });
    return index + 1;
  }
  return index;
}

function splitParagraph(text: string, start: number, end: number, paragraph: number, out: SentenceSpan[]): void {
  let sentStart = start;
  let index = 0;
  let i = start;
  while (i < end) {
    const c = text.charCodeAt(i);
    if (!isTerminal(c)) {
      i++;
      continue;
    }
    const termStart = i;
    while (i < end && isTerminal(text.charCodeAt(i))) i++;
    const termEnd = i;
    let j = i;
    while (j < end && isCloser(text.charCodeAt(j))) j++;
    const closeEnd = j;
    if (j >= end || !isSpace(text.charCodeAt(j))) {
      // No whitespace after: decimals (3.5), URLs, "U.S.-led", or end of paragraph (handled by the final push).
      i = closeEnd > i ? closeEnd : i;
      continue;
    }
    while (j < end && isSpace(text.charCodeAt(j))) j++;
    if (j >= end) break;
    if (isBoundary(text, termStart, termEnd, j, end, sentStart)) {
      index = pushSpan(text, sentStart, closeEnd, paragraph, out, index);
      sentStart = j;
    }
    i = j;
  }
  pushSpan(text, sentStart, end, paragraph, out, index);
}
