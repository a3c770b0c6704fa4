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

function isAlnum(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57)) return true;
  if (c < 128) return false;
  return LETTER_OR_DIGIT.test(ch);
}
function isDigitCh(ch: string | undefined): boolean {
  if (ch === undefined) return false;
  const c = ch.charCodeAt(0);
  return c >= 48 && c <= 57;
}
function isSpaceCode(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || (c >= 0x2000 && c <= 0x200b) || c === 0x202f ||
    c === 0x3000 || c === 0x2028 || c === 0x2029 || c === 0x85 || c === 0xfeff;
}

/** Tokenize `text[from, to)`. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (isSpaceCode(c)) {
      i++;
      continue;
    }
    const ch = text[i]!;
    if (isAlnum(ch)) {
      const start = i;
      const numeric = isDigitCh(ch);
      i++;
      while (i < to) {
        const cur = text[i]!;
        if (isAlnum(cur)) {
          i++;
          continue;
        }
        const nxt = text[i + 1];
        // inner apostrophe (don't, Russia's), hyphen (live-fire), digit separators (3,000 / 2.5)
        if ((cur === "'" || cur === '’' || cur === '-') && isAlnum(nxt)) {
          i += 2;
          continue;
        }
        if ((cur === ',' || cur === '.') && numeric && isDigitCh(nxt) && isDigitCh(text[i - 1])) {
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
