/**
 * A small, linear-time tokenizer: words (letters/digits with inner apostrophes, hyphens, and for numbers inner dots
 * and commas), and single punctuation marks. Offsets are UTF-16 offsets into the input.
 */

export interface Token {
  text: string;
  start: number;
  end: number;
  /** w = word, n = number (starts with a digit), p = punctuation */
  kind: 'w' | 'n' | 'p';
}

const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;

/** Letter, digit or combining mark, by code unit (ASCII without a regex). */
function isAlnumCode(text: string, i: number, c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57);
  return LETTER_OR_DIGIT.test(text[i]!);
}
function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x202f ||
    c === 0x3000 || c === 0x2028 || c === 0x2029 || c === 0x85 || c === 0xfeff;
}

/** Tokenize `text[from, to)`; tokens never extend past `to`. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isSpaceCode(c)) {
      i++;
      continue;
    }
    if (isAlnumCode(text, i, c)) {
      const start = i;
      const numeric = isDigitCode(c);
      i++;
      while (i < to) {
        const cur = text.charCodeAt(i);
        if (isAlnumCode(text, i, cur)) {
          i++;
          continue;
        }
        const hasNext = i + 1 < to;
        const nxt = hasNext ? text.charCodeAt(i + 1) : 0;
        // inner apostrophe (don't, Russia's), hyphen (live-fire), digit separators (3,000 / 2.5)
        if ((cur === 39 || cur === 0x2019 || cur === 45) && hasNext && isAlnumCode(text, i + 1, nxt)) {
          i += 2;
          continue;
        }
        if ((cur === 44 || cur === 46) && numeric && hasNext && isDigitCode(nxt) && isDigitCode(text.charCodeAt(i - 1))) {
          i += 2;
          continue;
        }
        break;
      }
      out.push({ text: text.slice(start, i), start, end: i, kind: numeric ? 'n' : 'w' });
      continue;
    }
    // Surrogate pairs that are not letters: take both halves as one punctuation token.
    const len = c >= 0xd800 && c <= 0xdbff && i + 1 < to ? 2 : 1;
    out.push({ text: text.slice(i, i + len), start: i, end: i + len, kind: 'p' });
    i += len;
  }
  return out;
}
