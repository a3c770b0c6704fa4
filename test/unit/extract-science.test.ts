/**
 * Health, science and climate copy (issue #12): generic statements of cause, effect or evidence are claims even with
 * no name or number, and lines without a verb (headings, references, logos) are not. The sentences here are written
 * for this test: none is in the training or validation data, nor among the examples.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_RULES, defaultExtractor, scoreLine, type Extractor } from '../../lib/extract/index.js';
import { featurize } from '../../lib/extract/features.js';
import { assertsGenerically, hasNoVerb } from '../../lib/extract/rules.js';

const ex = defaultExtractor();
const without = (change: Partial<typeof DEFAULT_RULES>): Extractor => ({ ...ex, rules: { ...ex.rules, ...change } });

const GENERIC_CLAIMS = [
  'Drinking hot water does not kill the coronavirus.',
  'There is no scientific evidence that garlic protects people against infection.',
  'Vaccines do not cause autism.',
  'Antibiotics cannot treat viral infections such as the flu.',
  'Wearing a mask reduces the spread of respiratory viruses.',
  'The drought was largely the result of rising temperatures.',
];

const NOT_CLAIMS = [
  'Increased fatigue and headaches',
  'Smith, Jane and Patel, Ravi.',
  'Photo gallery: scenes from the clinic',
  'Thank you all for coming tonight.',
];

describe('generic statements of cause, effect or evidence', () => {
  it('recognises the pattern and not ordinary narrative', () => {
    for (const s of GENERIC_CLAIMS) expect(assertsGenerically(s), s).toBe(true);
    for (const s of ['The minister visited the hospital on Monday.', 'We are ready to talk.', 'Increased fatigue and headaches']) {
      expect(assertsGenerically(s), s).toBe(false);
    }
  });

  it('are claims with no name or number, and the rule raises each of them', () => {
    for (const s of GENERIC_CLAIMS) {
      expect(scoreLine(s, ex).claim, s).toBe(true);
      expect(scoreLine(s, ex).checkworthiness, s).toBeGreaterThan(scoreLine(s, without({ genericAssertion: 0 })).checkworthiness);
    }
  });
});

describe('lines without a verb', () => {
  it('tells headings and references from sentences', () => {
    const noVerb = (s: string) => hasNoVerb(featurize(s, ex.model.bits, ex.model.options));
    for (const s of ['Increased fatigue and headaches', 'Smith, Jane and Patel, Ravi.', 'SOURCE Acme Health Inc.']) expect(noVerb(s), s).toBe(true);
    for (const s of ['Vaccines do not cause autism.', 'Cases rose by 12% in March.', "The clinic's doors are open."]) expect(noVerb(s), s).toBe(false);
  });

  it('are not claims, nor are thanks', () => {
    for (const s of NOT_CLAIMS) expect(scoreLine(s, ex).claim, s).toBe(false);
  });

  it('score lower with the shipped rules than without the verbless rule', () => {
    const line = 'Unemployment: 3.5 percent in March, the lowest in 50 years';
    const withRule = scoreLine(line, ex).checkworthiness;
    const withoutRule = scoreLine(line, without({ verbless: 0 })).checkworthiness;
    expect(withRule).toBeLessThan(withoutRule);
  });
});
