/**
 * The small neural scorer (lib/extract/neural.ts, trained by scripts/training/neural.ts behind `npm run train --
 * --neural`): folding the projection into int8 rows per word and the standardisation into the weights scores what
 * training scored, and a model carries it into its logit.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { featurize } from '../../lib/extract/features.js';
import { Model, type ModelFile } from '../../lib/extract/model.js';
import { NeuralScorer } from '../../lib/extract/neural.js';
import { foldNeural, neuralInputs, neuralLogit, trainNeural, type NeuralConfig, type NeuralExample } from '../../scripts/training/neural.js';
import { randomWordVectors } from '../support/word-vectors.js';
import { seededRandom } from '../../scripts/stats.js';

const words = ['virus', 'spread', 'hands', 'evidence', 'prevent', 'we', 'glad', 'troops', 'said', 'not', 'the', 'bath'];
const dims = 6;
const random = seededRandom(11);
const all = randomWordVectors(words, dims, random);
const sentences = [
  ['There is no evidence that a hot bath will prevent the virus.', 1],
  ['We are glad they did it.', 0],
  ['The virus can spread on hands.', 1],
  ['Troops said not.', 0],
  ['Washing hands will not prevent 3,000 cases.', 1],
  ['We said the bath.', 0],
] as const;
const examples: NeuralExample[] = sentences.map(([text, y]) => {
  const f = featurize(text, 4);
  return { words: f.words, dense: f.dense, y, w: 1 };
});
const cfg: NeuralConfig = { k: 3, hidden: 4, words: 10, epochs: 20, lr: 1e-2, l2: 1e-4, batch: 2 };
const inputs = neuralInputs(all, cfg.words, examples);
const params = trainNeural(inputs, examples, cfg, seededRandom(5));

describe('the neural scorer, folded', () => {
  const file = foldNeural(inputs, params, cfg, 1);
  const scorer = new NeuralScorer(file);
  // int8 rows: each pooled number is off by at most half a step, and tanh moves no more than its input.
  const bound = file.out.reduce((n, v, h) => n + Math.abs(v) * file.words.slice(h * cfg.k, h * cfg.k + cfg.k).reduce((a, w) => a + Math.abs(w), 0), 0) * (file.scale / 2) + 1e-4;

  it('gives the logit training gave, to int8 rounding', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words, 'Moscow', '3,000', 'unheard', 'Is'), { maxLength: 12 }), (sentence) => {
        const f = featurize(sentence.join(' '), 4);
        const trained = neuralLogit(inputs, params, cfg, { words: f.words, dense: f.dense, y: 0, w: 1 });
        expect(Math.abs(scorer.logit(f) - trained)).toBeLessThanOrEqual(bound);
      }),
      { numRuns: 200 },
    );
  });

  it('scales its output by its weight beside the linear logit', () => {
    const half = new NeuralScorer(foldNeural(inputs, params, cfg, 0.5));
    const f = featurize('The virus can spread on hands.', 4);
    expect(half.logit(f)).toBeCloseTo(scorer.logit(f) / 2, 4);
  });

  it('is added to the model logit, and a model without it is unchanged', () => {
    const base: ModelFile = { version: 1, bits: 4, sparse: '', scale: 1, dense: { number: 0.5 }, bias: -0.3, threshold: 0 };
    const f = featurize('Washing hands will not prevent 3,000 cases.', 4);
    const plain = new Model(base).logit(f);
    expect(new Model({ ...base, neural: file }).logit(f)).toBeCloseTo(plain + scorer.logit(f), 9);
  });

  it('learns its training sentences (the fit does something)', () => {
    const z = examples.map((ex) => neuralLogit(inputs, params, cfg, ex));
    const pos = z.filter((_, i) => examples[i]!.y === 1);
    const neg = z.filter((_, i) => examples[i]!.y === 0);
    expect(Math.min(...pos)).toBeGreaterThan(Math.max(...neg));
  });

  it('is reproducible: the same seed gives the same bytes', () => {
    const again = trainNeural(inputs, examples, cfg, seededRandom(5));
    expect(JSON.stringify(foldNeural(inputs, again, cfg, 1))).toBe(JSON.stringify(file));
  });
});

describe('the neural scorer with attention pooling, folded', () => {
  const acfg: NeuralConfig = { ...cfg, attention: true };
  const aparams = trainNeural(inputs, examples, acfg, seededRandom(5));
  const file = foldNeural(inputs, aparams, acfg, 1);
  const scorer = new NeuralScorer(file);
  // int8 rows as above, plus int8 attention scores: each softmax weight is off by a factor of at most e^(scale).
  const rowMax = Math.max(...Array.from(new Int8Array(Buffer.from(file.rows, 'base64')), (v) => Math.abs(v))) * file.scale;
  const bound = file.out.reduce((n, v, h) => n + Math.abs(v) * file.words.slice(h * acfg.k, h * acfg.k + acfg.k).reduce((a, w) => a + Math.abs(w), 0), 0) *
    (file.scale / 2 + 2 * rowMax * (Math.exp(file.attentionScale!) - 1)) + 1e-4;

  it('gives the logit training gave, to int8 rounding', () => {
    expect(file.attention).toBeDefined();
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words, 'Moscow', '3,000', 'unheard'), { maxLength: 12 }), (sentence) => {
        const f = featurize(sentence.join(' '), 4);
        const trained = neuralLogit(inputs, aparams, acfg, { words: f.words, dense: f.dense, y: 0, w: 1 });
        expect(Math.abs(scorer.logit(f) - trained)).toBeLessThanOrEqual(bound);
      }),
      { numRuns: 200 },
    );
  });

  it('weights words unequally once trained (it is not the mean)', () => {
    const scores = new Int8Array(Buffer.from(file.attention!, 'base64'));
    expect(new Set(scores).size).toBeGreaterThan(1);
  });
});
