/** Character classes with an ASCII fast path; the Unicode regexes are compiled once and used only beyond ASCII. */
const U_UPPER = /^[\p{Lu}\p{Lt}]/u;
const U_LOWER = /^\p{Ll}/u;
const U_LETTER = /^[\p{L}\p{M}]/u;

/** Whether the first character of `s` is an upper-case letter. */
export function startsUpper(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return U_UPPER.test(s);
}
/** Whether the first character of `s` is a lower-case letter. */
export function startsLower(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c < 128) return c >= 97 && c <= 122;
  return U_LOWER.test(s);
}
/** Whether the first character of `s` is a letter. */
export function startsLetter(s: string): boolean {
  const c = s.charCodeAt(0);
  if (c < 128) return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return U_LETTER.test(s);
}

/** `s` without trailing closing quotes/brackets (and whitespace when `spaces`), by a backward scan (no regex). */
export function trimClosers(s: string, spaces: boolean): string {
  let i = s.length;
  while (i > 0) {
    const c = s.charCodeAt(i - 1);
    const closer = c === 34 || c === 39 || c === 41 || c === 93 || c === 0x201d || c === 0x2019;
    const space = c <= 32 || c === 0xa0;
    if (closer || (spaces && space)) i--;
    else break;
  }
  return i === s.length ? s : s.slice(0, i);
}
