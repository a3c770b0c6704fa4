/**
 * A small neural scorer beside the linear model (issue #12): each vocabulary word's pretrained vector projected to k
 * numbers (folded into int8 rows at training time, scripts/training/neural.ts), mean-pooled over the sentence, with the
 * hand-made dense features into one tanh hidden layer; its output is added to the linear logit. A mean of projections is
 * the projection of the mean, so the run time does k lookups per word and never sees a vector. Pure.
 */
import { DENSE_NAMES, DENSE_SIZE, type Features } from './features.js';
import { HashedVocabulary, vocabularyIndices } from './wordvec.js';
import { decodeInt8 } from './int8.js';

export interface NeuralFile {
  /** Its own vocabulary (the most frequent words), FNV-1a hashes sorted, as in WordingFile. */
  hashes: string;
  /** k int8 numbers per word, in the order of `hashes`, base64; real value = value * scale. */
  rows: string;
  scale: number;
  k: number;
  hidden: number;
  /** Subtracted from the mean row (the projection of the training sentences' mean vector), k numbers. */
  offset: number[];
  /** Hidden × k weights on the pooled word projection, row-major. */
  words: number[];
  /** Per dense feature (by name), its `hidden` weights (standardisation folded in). */
  dense: Record<string, number[]>;
  b1: number[];
  out: number[];
  bias: number;
  /** Attention pooling: one int8 score per word (order of `hashes`), real = value * attentionScale; absent: the mean. */
  attention?: string;
  attentionScale?: number;
}

export class NeuralScorer {
  private readonly vocabulary: HashedVocabulary;
  private readonly rows: Int8Array;
  private readonly scale: number;
  private readonly k: number;
  private readonly hidden: number;
  private readonly offset: Float64Array;
  private readonly words: Float64Array;
  /** DENSE_SIZE × hidden, row per dense feature. */
  private readonly dense: Float64Array;
  private readonly b1: Float64Array;
  private readonly out: Float64Array;
  private readonly bias: number;
  private readonly attention: Int8Array | undefined;
  private readonly attentionScale: number;

  constructor(file: NeuralFile) {
    this.vocabulary = new HashedVocabulary(file.hashes);
    this.rows = decodeInt8(file.rows);
    this.scale = file.scale;
    this.k = file.k;
    this.hidden = file.hidden;
    this.offset = Float64Array.from(file.offset);
    this.words = Float64Array.from(file.words);
    this.dense = new Float64Array(DENSE_SIZE * file.hidden);
    DENSE_NAMES.forEach((name, i) => {
      const w = file.dense[name];
      if (w) this.dense.set(w, i * file.hidden);
    });
    this.b1 = Float64Array.from(file.b1);
    this.out = Float64Array.from(file.out);
    this.bias = file.bias;
    this.attention = file.attention ? decodeInt8(file.attention) : undefined;
    this.attentionScale = file.attentionScale ?? 0;
  }

  /** The scorer's part of the logit for a featurised sentence. */
  logit(f: Features): number {
    const { k, hidden } = this;
    const at = vocabularyIndices(this.vocabulary, f.words);
    const pooled = new Float64Array(k);
    // No known word: the pooled input sits at the training mean (zero), as training saw such sentences.
    if (at.length > 0 && this.attention) {
      // Softmax of the words' attention scores weights their rows (the weights sum to 1, so the offset stays).
      let max = -Infinity;
      for (const i of at) max = Math.max(max, this.attention[i]!);
      let sum = 0;
      for (const i of at) {
        const a = Math.exp((this.attention[i]! - max) * this.attentionScale);
        sum += a;
        for (let j = 0; j < k; j++) pooled[j] = pooled[j]! + a * this.rows[i * k + j]!;
      }
      for (let j = 0; j < k; j++) pooled[j] = (pooled[j]! * this.scale) / sum - this.offset[j]!;
    } else if (at.length > 0) {
      for (const i of at) for (let j = 0; j < k; j++) pooled[j] = pooled[j]! + this.rows[i * k + j]!;
      for (let j = 0; j < k; j++) pooled[j] = (pooled[j]! * this.scale) / at.length - this.offset[j]!;
    }
    let z = this.bias;
    for (let h = 0; h < hidden; h++) {
      let a = this.b1[h]!;
      for (let j = 0; j < k; j++) a += this.words[h * k + j]! * pooled[j]!;
      for (let d = 0; d < DENSE_SIZE; d++) {
        const x = f.dense[d]!;
        if (x !== 0) a += this.dense[d * hidden + h]! * x;
      }
      z += this.out[h]! * Math.tanh(a);
    }
    return z;
  }
}
