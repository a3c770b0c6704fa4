/**
 * Properties the desk relies on, at the sizes named in the issue: any string in → no exception, every offset valid,
 * claim text equal to the stored text at start..end. Broader fuzzing lives in extract-fuzz.test.ts; time per character
 * on 100k characters of adversarial input is a benchmark (test/perf/extract-linearity.test.ts).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseArticle, defaultExtractor } from '../../lib/extract/index.js';

const ex = defaultExtractor();
import { normaliseArticleText } from '../../lib/text.js';
import { textWithLoneSurrogates } from '../support/adversarial.js';

describe('analyseArticle properties', () => {
  it('any string: no exception, claims are exact slices of the stored text, segments in order', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 600, unit: 'grapheme-composite' }), (raw) => {
        const text = normaliseArticleText(raw);
        const { claims, segments } = analyseArticle(text, ex);
        for (const c of claims) {
          expect(text.slice(c.start, c.end)).toBe(c.text);
          expect(c.checkworthiness).toBeGreaterThanOrEqual(0.5);
        }
        let end = 0;
        for (const s of segments) {
          expect(s.start).toBeGreaterThanOrEqual(end);
          expect(s.end).toBeLessThanOrEqual(text.length);
          end = s.end;
        }
      }),
      { numRuns: 300 },
    );
  });

  it('also on raw, un-normalised text (stray \\r, tabs, lone surrogates)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 300, unit: 'binary' }), textWithLoneSurrogates(300)), (text) => {
        for (const c of analyseArticle(text, ex).claims) expect(text.slice(c.start, c.end)).toBe(c.text);
      }),
      { numRuns: 300 },
    );
  });
});
