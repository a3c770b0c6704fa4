import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeSegments, encodeSegments, splitText } from '../../lib/store/chunks.js';
import { SegmentKind } from '../../schemas/claim.js';

describe('splitText', () => {
  it('splits into pieces of at most the size that join back to the text, never inside a surrogate pair', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), fc.integer({ min: 2, max: 50 }), (text, size) => {
        const pieces = splitText(text, size);
        expect(pieces.join('')).toBe(text);
        for (const piece of pieces) {
          expect(piece.length).toBeLessThanOrEqual(size);
          expect(/^[\udc00-\udfff]/.test(piece) && text.length > 0 && pieces.indexOf(piece) > 0).toBe(false);
        }
      }),
    );
  });

  it('keeps an empty text as one empty piece', () => {
    expect(splitText('')).toEqual(['']);
  });
});

describe('segment layout encoding', () => {
  it('round-trips segments with scores to three decimals', () => {
    const segment = fc.record({
      start: fc.nat({ max: 200_000 }),
      end: fc.nat({ max: 200_000 }),
      kind: fc.constantFrom(...SegmentKind.options),
      checkworthiness: fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000),
    });
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 50 }), (segments) => {
        expect(decodeSegments(encodeSegments(segments))).toEqual(segments);
      }),
    );
  });

  it('is about a tenth of the JSON size for a long article', () => {
    const segments = Array.from({ length: 9000 }, (_, i) => ({ start: i * 22, end: i * 22 + 21, kind: 'claim' as const, checkworthiness: 0.873 }));
    expect(encodeSegments(segments).length).toBeLessThan(JSON.stringify(segments).length / 3);
  });
});
