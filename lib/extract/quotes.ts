/**
 * Quotation tracking, written once: straight quotes toggle, curly quotes open and close. The paragraph mask, the
 * per-sentence summary and the "is this offset inside a quotation" test all step through `afterQuoteMark`.
 */
import type { SentenceSpan } from './segment.js';

/** Mask values: outside a quotation, inside one, or the quotation mark itself. */
export const OUTSIDE = 0;
export const INSIDE = 1;
export const MARK = 2;

/** The quote state after the character `c`, or undefined when `c` is not a quotation mark. */
export function afterQuoteMark(c: number, inside: boolean): boolean | undefined {
  if (c === 0x201c) return true;
  if (c === 0x201d) return false;
  if (c === 34) return !inside;
  return undefined;
}

/** Quote state per character of `text[start, end)` (a paragraph): OUTSIDE, INSIDE or MARK. */
export function quoteMask(text: string, start: number, end: number): Uint8Array {
  const mask = new Uint8Array(end - start);
  let inside = false;
  for (let i = start; i < end; i++) {
    const next = afterQuoteMark(text.charCodeAt(i), inside);
    if (next !== undefined) {
      inside = next;
      mask[i - start] = MARK;
    } else mask[i - start] = inside ? INSIDE : OUTSIDE;
  }
  return mask;
}

/** Whether `at` falls inside a quotation of `text` (which may open inside one). */
export function insideQuotes(text: string, at: number, startsInside: boolean): boolean {
  let inside = startsInside;
  for (let i = 0; i < at; i++) inside = afterQuoteMark(text.charCodeAt(i), inside) ?? inside;
  return inside;
}

export interface QuoteInfo {
  /** Fraction of the sentence's letters inside quotation marks. */
  quoted: number;
  /** Text inside quotes (joined with spaces). */
  inside: string;
}

const NO_QUOTE: QuoteInfo = /* @__PURE__ */ Object.freeze({ quoted: 0, inside: '' });

/** How much of sentence `s` is quoted and what the quotes say, from its paragraph's mask (which starts at `paraStart`). */
export function quoteInfo(text: string, s: SentenceSpan, mask: Uint8Array, paraStart: number): QuoteInfo {
  // Fast path: no quotation mark touches this sentence.
  let any = false;
  for (let i = s.start - paraStart, e = s.end - paraStart; i < e; i++) {
    if (mask[i] !== OUTSIDE) {
      any = true;
      break;
    }
  }
  if (!any) return NO_QUOTE;
  let inLetters = 0;
  let letters = 0;
  const inside: string[] = [];
  let runStart = -1;
  for (let i = s.start; i < s.end; i++) {
    const m = mask[i - paraStart]!;
    if (m === INSIDE) {
      if (runStart < 0) runStart = i;
    } else if (runStart >= 0) {
      inside.push(text.slice(runStart, i));
      runStart = -1;
    }
    if (m === MARK) continue;
    if (text.charCodeAt(i) > 32) {
      letters++;
      if (m === INSIDE) inLetters++;
    }
  }
  if (runStart >= 0) inside.push(text.slice(runStart, s.end));
  return {
    quoted: letters ? inLetters / letters : 0,
    inside: inside.join(' ').replace(/\s+/g, ' ').trim(),
  };
}
