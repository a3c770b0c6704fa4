/**
 * The extractor against arbitrary and hostile text, the way the desk calls it (normaliseArticleText first):
 * it never throws and every offset points into the text. (That time grows about linearly with the input is a
 * benchmark: test/perf/extract-linearity.test.ts, run by `npm run bench`.)
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { analyseArticle, defaultExtractor, htmlToArticle, scoreLine } from '../../lib/extract/index.js';

const ex = defaultExtractor();
import { normaliseArticleText } from '../../lib/text.js';
import { ExtractedClaim, Segment } from '../../schemas/claim.js';
import { ADVERSARIAL, hasLoneSurrogate, textWithLoneSurrogates } from '../support/adversarial.js';

function checkAnalysis(text: string): void {
  const { claims, segments } = analyseArticle(text, ex);
  let previousEnd = 0;
  claims.forEach((claim, index) => {
    expect(ExtractedClaim.safeParse(claim).success, JSON.stringify(claim)).toBe(true);
    expect(claim.seq).toBe(index + 1);
    expect(claim.start).toBeGreaterThanOrEqual(previousEnd);
    expect(claim.end).toBeGreaterThan(claim.start);
    expect(claim.end).toBeLessThanOrEqual(text.length);
    expect(text.slice(claim.start, claim.end)).toBe(claim.text);
    expect(Number.isFinite(claim.checkworthiness)).toBe(true);
    for (const entity of claim.entities ?? []) {
      expect(entity.start).toBeGreaterThanOrEqual(0);
      expect(entity.end).toBeGreaterThan(entity.start);
      expect(entity.end).toBeLessThanOrEqual(text.length);
      expect(text.slice(entity.start, entity.end)).toBe(entity.text);
    }
    previousEnd = claim.end;
  });
  let segmentEnd = 0;
  for (const segment of segments) {
    expect(Segment.safeParse(segment).success, JSON.stringify(segment)).toBe(true);
    expect(segment.start).toBeGreaterThanOrEqual(segmentEnd);
    expect(segment.end).toBeGreaterThanOrEqual(segment.start);
    expect(segment.end).toBeLessThanOrEqual(text.length);
    segmentEnd = segment.end;
  }
}

function checkScore(line: string): void {
  const score = scoreLine(line, ex);
  expect(score.checkworthiness).toBeGreaterThanOrEqual(0);
  expect(score.checkworthiness).toBeLessThanOrEqual(1);
  expect(typeof score.claim).toBe('boolean');
}

const WORDS = [
  'The', 'minister', 'said', 'unemployment', 'rose', 'to', '7.5%', 'in', 'March', 'U.S.', 'Dr.', 'Mr.', 'Jan.', '12,',
  '2022', '1,234,567', '£3.2bn', '"', '”', '“', "'", '(', ')', '—', '-', '...', '?', '!', ';', ':', 'he', 'told', 'reporters',
  'NATO', 'Stoltenberg', 'according', 'percent', 'by', 'Reuters', 'Photo:', 'AP', '/', 'https://example.org/a?b=c', '#',
  'e.g.', 'i.e.', 'No.', '10', 'Gen.', 'A.', 'B.', '\n', '\n\n', '\t', '\u00a0', '\u200b', 'é', 'ß', 'Россия', '中国', '🙂',
];
const articleLike = fc
  .array(fc.constantFrom(...WORDS), { maxLength: 300 })
  .map((words) => words.join(' '));
const anyText = fc.oneof(
  fc.string({ maxLength: 400, unit: 'grapheme' }),
  fc.string({ maxLength: 400, unit: 'binary' }), // any code point, astral ones as surrogate pairs
  textWithLoneSurrogates(400), // unpaired surrogate halves, which 'binary' never produces
  articleLike,
  fc.array(fc.oneof(articleLike, fc.string({ maxLength: 40 })), { maxLength: 8 }).map((parts) => parts.join('\n\n')),
);

describe('extractor fuzzing', () => {
  it('the generators make what they promise: unpaired surrogate halves, and about n characters per adversarial input', () => {
    fc.assert(fc.property(textWithLoneSurrogates(400), hasLoneSurrogate), { numRuns: 200 });
    expect(hasLoneSurrogate(ADVERSARIAL['lone surrogates']!(1000))).toBe(true);
    expect(hasLoneSurrogate('🙂 a \uD83D\uDE42')).toBe(false); // a pair is not lone
    for (const [name, make] of Object.entries(ADVERSARIAL)) expect(make(8000).length, name).toBeGreaterThan(7900);
  });

  it('analyseArticle: no exception, valid offsets, on arbitrary and article-like text', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        checkAnalysis(normaliseArticleText(raw));
      }),
      { numRuns: 400 },
    );
  });

  it('scoreLine: no exception and a score in [0, 1] for any line', () => {
    fc.assert(
      fc.property(anyText, (raw) => {
        checkScore(raw.replace(/\r?\n/g, ' '));
      }),
      { numRuns: 400 },
    );
  });

  it('htmlToArticle: no exception on arbitrary markup, and its text analyses cleanly', () => {
    const tag = fc.constantFrom('p', 'div', 'article', 'main', 'script', 'style', 'h1', 'figcaption', 'aside', 'nav', 'br', 'span', 'title', 'a');
    const node: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        articleLike,
        fc.string({ maxLength: 30 }),
        fc.tuple(tag, fc.constantFrom('', ' class="share"', ' hidden', ' style="display:none"', ' role="navigation"', ' class="x'), fc.array(tie('node'), { maxLength: 4 }))
          .map(([name, attrs, children]) => `<${name}${attrs}>${children.join('')}</${name}>`),
      ),
    })).node;
    fc.assert(
      fc.property(fc.oneof(node, fc.string({ maxLength: 300 })), (html) => {
        const page = htmlToArticle(html);
        expect(typeof page.text).toBe('string');
        if (page.title !== undefined) expect(typeof page.title).toBe('string');
        checkAnalysis(normaliseArticleText(page.text));
      }),
      { numRuns: 300 },
    );
  });
});
