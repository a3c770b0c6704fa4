import { createHash } from 'node:crypto';

const SPACES = /[\t\v\f \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;
const ZERO_WIDTH = /[\u200b\u200c\u200d\u2060\ufeff]/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000e-\u001f\u007f]/g;
const SENTENCE_END = /[.!?:;"'”’)\]]$/;

/**
 * The canonical form of an article's text: what is stored, what offsets point into and what its id is hashed from.
 * Paragraphs are separated by one blank line; runs of spaces become one; hard-wrapped lines inside a paragraph
 * (a line that does not end a sentence, followed by one that starts in lower case) are joined.
 */
export function normaliseArticleText(raw: string): string {
  const lines = raw
    .normalize('NFC')
    .replace(/\r\n?|\u2028|\u2029|\u0085/g, '\n')
    .replace(ZERO_WIDTH, '')
    .replace(CONTROL, ' ')
    .split('\n')
    .map((line) => line.replace(SPACES, ' ').trim());
  const paragraphs: string[] = [];
  let current: string | undefined;
  let previousBlank = true;
  for (const line of lines) {
    if (line === '') {
      if (current !== undefined) paragraphs.push(current);
      current = undefined;
      previousBlank = true;
      continue;
    }
    const softWrap = current !== undefined && !previousBlank && !SENTENCE_END.test(current) && /^\p{Ll}/u.test(line);
    if (softWrap) {
      current = `${current} ${line}`;
    } else {
      if (current !== undefined) paragraphs.push(current);
      current = line;
    }
    previousBlank = false;
  }
  if (current !== undefined) paragraphs.push(current);
  return paragraphs.join('\n\n');
}

/** Hex SHA-256 of the canonical text: equal texts (after normalisation) have equal hashes. */
export function contentHash(normalisedText: string): string {
  return createHash('sha256').update(normalisedText, 'utf8').digest('hex');
}
