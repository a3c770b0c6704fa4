/**
 * Properties the desk relies on, at the sizes named in the issue: any string in → no exception, every offset valid,
 * claim text equal to the stored text at start..end; and 100k characters of adversarial input in bounded time per
 * character (no catastrophic backtracking). Broader fuzzing lives in extract-fuzz.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyseArticle, defaultExtractor } from '../../lib/extract/index.js';

const ex = defaultExtractor();
import { normaliseArticleText } from '../../lib/text.js';
import { ADVERSARIAL } from '../support/adversarial.js';

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
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (text) => {
        for (const c of analyseArticle(text, ex).claims) expect(text.slice(c.start, c.end)).toBe(c.text);
      }),
      { numRuns: 300 },
    );
  });

  for (const name of ['abbreviations', 'dots', 'quotes', 'quoted sentences', 'initials', 'dates']) {
    it(`100k characters of ${name}: bounded time per character`, { retry: 2 }, () => {
      const text = normaliseArticleText(ADVERSARIAL[name]!(100_000));
      analyseArticle(text.slice(0, 2000), ex);
      const t0 = performance.now();
      analyseArticle(text, ex);
      const msPerChar = (performance.now() - t0) / text.length;
      // ~5 µs per character is typical; the bound leaves room for a loaded CI machine but not for quadratic time.
      expect(msPerChar).toBeLessThan(0.1);
    });
  }
});
