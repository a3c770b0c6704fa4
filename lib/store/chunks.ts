import { SegmentKind, type Segment } from '../../schemas/claim.js';

/**
 * Characters per stored chunk: at most 3 UTF-8 bytes a UTF-16 unit, 100,000 stay well under DynamoDB's 400 KB item
 * limit, so an article of any allowed length, and its layout, fit in a few items.
 */
export const CHUNK_CHARS = 100_000;

/** Splits a string into pieces of at most `size` UTF-16 units, never between the halves of a surrogate pair. */
export function splitText(text: string, size = CHUNK_CHARS): string[] {
  const pieces: string[] = [];
  let at = 0;
  do {
    let end = Math.min(text.length, at + size);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    pieces.push(text.slice(at, end));
    at = end;
  } while (at < text.length);
  return pieces;
}

const KINDS = SegmentKind.options;

/** The layout as one compact line per segment ("start end kind score"): a tenth of its JSON size. */
export function encodeSegments(segments: Segment[]): string {
  return segments
    .map((s) => `${s.start.toString(36)} ${s.end.toString(36)} ${KINDS.indexOf(s.kind)} ${Math.round(s.checkworthiness * 1000)}`)
    .join('\n');
}

export function decodeSegments(encoded: string): Segment[] {
  if (encoded === '') return [];
  return encoded.split('\n').map((line) => {
    const [start, end, kind, score] = line.split(' ');
    return {
      start: parseInt(start!, 36),
      end: parseInt(end!, 36),
      kind: KINDS[Number(kind)] ?? 'sentence',
      checkworthiness: Number(score) / 1000,
    };
  });
}
