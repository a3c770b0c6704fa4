/**
 * The trained check-worthiness model (logistic regression over hashed n-grams + dense features), bundled as a JSON
 * module so esbuild inlines it: no file reads at run time. Weights are written by `npm run train`; training and
 * evaluation build their own `Model` from a `ModelFile` and pass it to analyseArticle.
 */
import modelJson from './model.json' with { type: 'json' };
import type { Token } from './tokens.js';
import { DEFAULT_FEATURES, DENSE_NAMES, DENSE_SIZE, featurize, hash, type FeatureOptions, type Features } from './features.js';
import { HashedVocabulary, vocabularyIndices } from './wordvec.js';
import { decodeInt8 } from './int8.js';
import { NeuralScorer, type NeuralFile } from './neural.js';

export interface ModelFile {
  version: number;
  bits: number;
  /** Sparse weights quantised to int8, base64; real weight = value * scale. Empty when the model is untrained. */
  sparse: string;
  scale: number;
  dense: Record<string, number>;
  bias: number;
  /** Logit threshold chosen on dev: a sentence is check-worthy when logit >= threshold. */
  threshold: number;
  features?: FeatureOptions;
  /** Word-vector part, folded to one weight per vocabulary word (lib/extract/wordvec.ts). */
  wording?: WordingFile;
  /** The small neural scorer whose output is added to the logit (lib/extract/neural.ts); absent: none. */
  neural?: NeuralFile;
  meta?: Record<string, unknown>;
}

export interface WordingFile {
  /** The vocabulary: FNV-1a hashes of its words, sorted, as little-endian uint32, base64 (HashedVocabulary). */
  hashes: string;
  /** One int8 weight per word, in the order of `hashes`, base64; real weight = value * scale. */
  weights: string;
  scale: number;
  /** Subtracted from the mean word weight (the weight of the training set's mean vector). */
  offset: number;
}

export class Model {
  readonly bits: number;
  /** Quantised sparse weights; the real weight is `sparse[i] * scale`. */
  readonly sparse: Int8Array;
  readonly scale: number;
  readonly dense: Float64Array;
  readonly bias: number;
  readonly threshold: number;
  readonly options: FeatureOptions;
  private readonly wordIndex: HashedVocabulary;
  private readonly wordWeights: Int8Array;
  private readonly wordScale: number;
  private readonly wordOffset: number;
  private readonly neural: NeuralScorer | undefined;

  constructor(file: ModelFile) {
    this.options = { ...DEFAULT_FEATURES, ...(file.features ?? {}) };
    this.bits = file.bits;
    const q = file.sparse ? decodeInt8(file.sparse) : new Int8Array(0);
    this.sparse = q.length >= 1 << file.bits ? q : new Int8Array(1 << file.bits);
    this.scale = file.scale;
    this.dense = new Float64Array(DENSE_SIZE);
    DENSE_NAMES.forEach((name, i) => {
      this.dense[i] = file.dense[name] ?? 0;
    });
    this.bias = file.bias;
    this.threshold = file.threshold;
    this.wordIndex = new HashedVocabulary(file.wording?.hashes ?? '');
    this.wordWeights = file.wording ? decodeInt8(file.wording.weights) : new Int8Array(0);
    this.wordScale = file.wording?.scale ?? 0;
    this.wordOffset = file.wording?.offset ?? 0;
    this.neural = file.neural ? new NeuralScorer(file.neural) : undefined;
  }

  /** The word-vector part of the logit: mean weight of the sentence's vocabulary words less the offset (0 when none). */
  wording(f: Features): number {
    if (this.wordIndex.size === 0) return 0;
    const at = this.vocabularyOf(f);
    if (at.length === 0) return 0;
    let sum = 0;
    for (const i of at) sum += this.wordWeights[i]!;
    return (sum * this.wordScale) / at.length - this.wordOffset;
  }

  /** How many of the sentence's words have a vector (the count the word-vector mean divides by). */
  vocabularyCount(f: Features): number {
    return this.wordIndex.size === 0 ? 0 : this.vocabularyOf(f).length;
  }

  private vocabularyOf(f: Features): number[] {
    f.vocabulary ??= vocabularyIndices(this.wordIndex, f.words);
    return f.vocabulary;
  }

  /** One word's weight in the word-vector part, relative to an average word (0 when the word is not in the vocabulary). */
  wordingWeight(word: string): number {
    const at = vocabularyIndices(this.wordIndex, [word]);
    return at.length === 1 ? this.wordWeights[at[0]!]! * this.wordScale - this.wordOffset : 0;
  }

  featurize(text: string, tokens?: Token[]): Features {
    return featurize(text, this.bits, this.options, tokens);
  }

  /** Raw logit of a featurised sentence, and each dense feature's contribution. */
  logit(f: Features): number {
    let zs = 0;
    for (const idx of f.sparse) zs += this.sparse[idx]!;
    let z = this.bias + zs * this.scale * f.scale;
    for (let i = 0; i < DENSE_SIZE; i++) z += this.dense[i]! * f.dense[i]!;
    return z + this.wording(f) + (this.neural ? this.neural.logit(f) : 0);
  }

  /** Contribution of each dense feature to the logit (for signals). */
  denseContributions(f: Features): { name: string; value: number }[] {
    const out: { name: string; value: number }[] = [];
    for (let i = 0; i < DENSE_SIZE; i++) {
      const v = this.dense[i]! * f.dense[i]!;
      if (v !== 0) out.push({ name: DENSE_NAMES[i]!, value: v });
    }
    const w = this.wording(f);
    if (w !== 0) out.push({ name: 'wording', value: w });
    return out;
  }

  /** Contribution of each word (unigram weight) — for the signals. */
  wordWeight(word: string): number {
    const mask = (1 << this.bits) - 1;
    return (this.sparse[hash('u' + word) & mask] ?? 0) * this.scale;
  }
}

/**
 * The bundled model, decoded once at import (about 2 ms); a Model is never changed after construction. Marked pure so
 * that a bundle which never scores (the claims function) drops it and its weights.
 */
export const bundledModel: Model = /* @__PURE__ */ new Model(modelJson as ModelFile);

/** Map a logit to a [0,1] score where the decision threshold sits at exactly 0.5. */
export function calibrated(logit: number, threshold: number): number {
  const z = logit - threshold;
  return 1 / (1 + Math.exp(-z));
}
