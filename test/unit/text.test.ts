import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { contentHash, normaliseArticleText } from '../../lib/text.js';

describe('normaliseArticleText', () => {
  it('gives one canonical form for paragraph-per-line and blank-line separated text', () => {
    const perLine = 'Headline here\nFirst paragraph.\nSecond paragraph.';
    const blankLines = '  Headline here  \r\n\r\n\r\nFirst   paragraph.\n\n\tSecond paragraph.\n';
    expect(normaliseArticleText(perLine)).toBe('Headline here\n\nFirst paragraph.\n\nSecond paragraph.');
    expect(normaliseArticleText(blankLines)).toBe(normaliseArticleText(perLine));
  });

  it('joins hard-wrapped lines of one paragraph but keeps sentence-ending lines apart', () => {
    expect(normaliseArticleText('NATO said the talks\nwould continue next week.\nRussia disagreed.')).toBe(
      'NATO said the talks would continue next week.\n\nRussia disagreed.',
    );
  });

  it('drops zero-width characters and control characters, keeps non-Latin text', () => {
    expect(normaliseArticleText('a\u200bb\u0007c 北约 «quote»')).toBe('ab c 北约 «quote»');
  });

  it('is idempotent and never leaves leading, trailing or doubled spaces', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (raw) => {
        const once = normaliseArticleText(raw);
        expect(normaliseArticleText(once)).toBe(once);
        expect(once).toBe(once.trim());
        expect(once).not.toMatch(/ {2}|\n{3}| \n|\n /);
      }),
    );
  });

  it('hashes equal texts equally and different texts differently', () => {
    // the SHA-256 of the UTF-8 text: a known digest, so a hash of anything else (or salted, or of UTF-16) fails
    expect(contentHash('a')).toBe('ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb');
    expect(contentHash(['é', 'ß'].join(''))).toBe(contentHash('éß'));
    expect(contentHash('a')).not.toBe(contentHash('b'));
  });
});
