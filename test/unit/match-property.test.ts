/**
 * Properties of lib/match over generated claims: compareClaims is symmetric; identical text is `same` with
 * similarity 1; a changed number (in any spelling, under any light rewording) is never `same`; band keys depend only
 * on the normalised words.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BANDS, bandKeys, compareClaims, similarTextKeys } from '../../lib/match/index.js';
import { ADVERSARIAL } from '../support/adversarial.js';

const WORDS = [
  'the', 'government', 'spent', 'troops', 'border', 'Russia', 'NATO', 'taxes', 'jobs', 'raised', 'said', 'in', 'on',
  'of', 'budget', 'Senator', 'Obama', 'Brussels', 'unemployment', 'rate', 'percent', 'million', 'people', 'were',
  'not', 'never', 'Wednesday', 'January', 'schools', 'health', 'care', 'billion', 'dollars', 'year', 'states', 'and',
];
const words = fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 12 });
const claim = fc.tuple(words, words).map(([a, b]) => [...a, ...b].join(' '));

/** A number as a reader may write it: plain digits or grouped thousands. */
function spell(n: number, grouped: boolean): string {
  return grouped ? n.toLocaleString('en-US') : String(n);
}
/** Light rewordings that never change a fact. */
const reword = fc.constantFrom<(s: string) => string>(
  (s) => s,
  (s) => s.toLowerCase(),
  (s) => s.toUpperCase(),
  (s) => `"${s}."`,
  (s) => `${s}, officials said`,
  (s) => `According to officials, ${s}`,
);

describe('any input', () => {
  it('never throws; 16 well-formed band keys; similarity in [0, 1]; symmetric', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'grapheme-composite' }), fc.string({ maxLength: 300, unit: 'binary' }), (a, b) => {
        const keys = bandKeys(a);
        expect(keys).toHaveLength(16);
        for (const k of keys) expect(k).toMatch(/^\d{1,2}#[0-9a-z]{7}$/);
        const ab = compareClaims(a, b);
        const ba = compareClaims(b, a);
        expect(ba?.relation).toBe(ab?.relation);
        if (ab) {
          expect(ab.similarity).toBeGreaterThanOrEqual(0);
          expect(ab.similarity).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('adversarial input', () => {
  // Time on 20,000 characters is a benchmark (test/perf/match-linearity.test.ts); here: no exception, sane output.
  it.each(Object.keys(ADVERSARIAL))('%s: 20,000 characters give band keys and a bounded similarity', (name) => {
    const text = ADVERSARIAL[name]!(20_000);
    expect(bandKeys(text)).toHaveLength(BANDS);
    const result = compareClaims(text, ADVERSARIAL[name]!(10_000));
    if (result) expect(result.similarity).toBeLessThanOrEqual(1);
    expect(Array.isArray(similarTextKeys(text))).toBe(true);
  });
});

describe('compareClaims properties', () => {
  it('is symmetric in relation, similarity and changed kinds', () => {
    fc.assert(
      fc.property(claim, claim, (a, b) => {
        const ab = compareClaims(a, b);
        const ba = compareClaims(b, a);
        expect(ba?.relation).toBe(ab?.relation);
        expect(ba?.similarity).toBe(ab?.similarity);
        expect([...(ba?.changed ?? [])].sort()).toEqual([...(ab?.changed ?? [])].sort());
        if (ab) {
          expect(ab.similarity).toBeGreaterThanOrEqual(0);
          expect(ab.similarity).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('identical non-empty text is same with similarity 1', () => {
    fc.assert(
      fc.property(claim.filter((s) => /\p{L}/u.test(s)), (a) => {
        expect(compareClaims(a, a)).toMatchObject({ relation: 'same', similarity: 1 });
      }),
      { numRuns: 300 },
    );
  });

  it('a changed number is never same, whatever its spelling and the rewording around it', () => {
    fc.assert(
      fc.property(
        words, words, fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 0, max: 10_000_000 }),
        fc.boolean(), fc.boolean(), reword,
        (before, after, n, m, groupA, groupB, rw) => {
          fc.pre(n !== m);
          const a = [...before, spell(n, groupA), ...after].join(' ');
          const b = rw([...before, spell(m, groupB), ...after].join(' '));
          expect(compareClaims(a, b)?.relation).not.toBe('same');
          expect(compareClaims(b, a)?.relation).not.toBe('same');
        },
      ),
      { numRuns: 500 },
    );
  });

  it('an added negation is never same', () => {
    fc.assert(
      fc.property(words, words, fc.constantFrom('not', 'never', 'no'), reword, (before, after, neg, rw) => {
        const a = [...before, 'will', 'raise', ...after].join(' ');
        const b = rw([...before, 'will', neg, 'raise', ...after].join(' '));
        expect(compareClaims(a, b)?.relation).not.toBe('same');
      }),
      { numRuns: 300 },
    );
  });

  it('the same number spelled with or without grouping is the same claim', () => {
    fc.assert(
      fc.property(words, words, fc.integer({ min: 1000, max: 10_000_000 }), (before, after, n) => {
        const a = [...before, 'spent', spell(n, true), 'dollars', ...after].join(' ');
        const b = [...before, 'spent', spell(n, false), 'dollars', ...after].join(' ');
        expect(compareClaims(a, b)).toMatchObject({ relation: 'same', similarity: 1 });
        expect(bandKeys(a)).toEqual(bandKeys(b));
      }),
      { numRuns: 200 },
    );
  });
});
