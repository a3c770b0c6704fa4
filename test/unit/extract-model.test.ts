/**
 * The check-worthiness model's word-vector part: how words find their vectors, and that folding the trained weights
 * into one number per word (what ships) scores exactly what training scored.
 */
import { readFileSync, statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bundledModel, Model, type ModelFile } from '../../lib/extract/model.js';
import { vocabularyIndices } from '../../lib/extract/wordvec.js';
import { foldWording, meanVector } from '../../scripts/training/wordvec.js';
import { randomWordVectors } from '../support/word-vectors.js';
import { seededRandom } from '../../scripts/stats.js';

const index = new Map(['russia', 'do', 'ca', 'ex', 'president', 'live-fire', 'troops'].map((w, i) => [w, i]));

describe('vocabularyIndices', () => {
  it('finds words, strips clitics the vectors split off, splits hyphens, and skips numbers', () => {
    const at = (words: string[]) => vocabularyIndices(index, words).map((i) => [...index.keys()][i]);
    expect(at(['russia'])).toEqual(['russia']);
    expect(at(["russia's"])).toEqual(['russia']);
    expect(at(["don't", "can't"])).toEqual(['do', 'ca']);
    expect(at(['live-fire'])).toEqual(['live-fire']);
    expect(at(['ex-president'])).toEqual(['ex', 'president']);
    expect(at(['<n4>', 'troops', 'unknownword'])).toEqual(['troops']);
  });
});

describe('folded word weights', () => {
  const words = ['troops', 'tanks', 'said', 'hope', 'glad', 'border', 'million', 'we'];
  const dims = 6;
  const random = seededRandom(7);
  const vectors = randomWordVectors(words, dims, random, { mean: () => random() * 0.2 - 0.1, sd: () => 0.2 + random() });
  const weights = Float64Array.from({ length: dims }, () => random() * 4 - 2);
  const file: ModelFile = { version: 1, bits: 4, sparse: '', scale: 1, dense: {}, bias: 0, threshold: 0, wording: foldWording(weights, vectors) };
  const folded = new Model(file);
  const empty = new Model({ ...file, wording: undefined });

  it('give the same logit as the trained weights on the standardised mean vector', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words, 'Moscow', '3,000', 'unheard'), { maxLength: 12 }), (sentence) => {
        const text = sentence.join(' ');
        const f = folded.featurize(text);
        const m = meanVector(vectors, f.words);
        let trained = 0;
        if (m) for (let k = 0; k < dims; k++) trained += (weights[k]! * (m[k]! - vectors.mean[k]!)) / vectors.sd[k]!;
        // Only the word-vector part differs between the two models; int8 weights cost at most half a step per word.
        const part = folded.logit(f) - empty.logit(f);
        expect(Math.abs(part - trained)).toBeLessThanOrEqual(file.wording!.scale / 2 + 1e-6);
        expect(folded.wording(f)).toBeCloseTo(part, 12);
      }),
      { numRuns: 300 },
    );
  });

  it('contribute nothing to a sentence without vocabulary words', () => {
    const f = folded.featurize('Moscow 3,000 unheard');
    expect(folded.wording(f)).toBe(0);
  });
});

describe('the shipped model', () => {
  it('stays within the 2 MB budget and carries the 50,000-word table', () => {
    const bytes = statSync(new URL('../../lib/extract/model.json', import.meta.url)).size;
    expect(bytes).toBeLessThanOrEqual(2 * 1024 * 1024);
    expect(bundledModel.wordingWeight('troops')).not.toBe(0);
    expect(bundledModel.wordingWeight('notawordatall')).toBe(0);
  });

  it('gives words no training sentence used a weight from their vectors, on the side a reviewer would expect', () => {
    const train = readFileSync(new URL('../../data/checkworthiness/CT24_checkworthy_english_train.tsv', import.meta.url), 'utf8').toLowerCase();
    for (const w of ['airstrikes', 'annexed', 'fabulous']) expect(new RegExp(`\\b${w}\\b`).test(train)).toBe(false);
    const m = bundledModel;
    expect(m.wordingWeight('airstrikes')).toBeGreaterThan(0);
    expect(m.wordingWeight('annexed')).toBeGreaterThan(0);
    expect(m.wordingWeight('fabulous')).toBeLessThan(0);
  });
});
