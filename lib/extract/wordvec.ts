/**
 * Word vectors in the check-worthiness model. Training (scripts/train.ts) appends the mean pretrained vector of a
 * sentence's words (GloVe, data/word-vectors/) to the hand-made features; a linear weight on a mean of vectors is the
 * mean of one number per word, so the shipped model keeps just that number for each of the 50,000 most frequent English
 * words ("wording" below). Words never seen in training still get a weight from their vector: "vaccinated" scores like
 * "immunized" did in the 1960–2016 debates. Pure; shared by training and the run time so the two cannot drift.
 */
import { encodeInt8 } from './int8.js';
import type { WordingFile } from './model.js';

/**
 * Vocabulary positions that stand for the sentence's words (lower-cased word tokens, as `Features.words`). Numbers
 * (shapes such as `<n4>`) have no entry. A word missing from the vocabulary is looked up without its clitic
 * ("russia's" → "russia", "don't" → "do"; the vectors' own tokenizer split those off) and then hyphen by hyphen
 * ("ex-president" → "ex", "president").
 */
export function vocabularyIndices(index: ReadonlyMap<string, number>, words: readonly string[], out: number[] = []): number[] {
  for (const w of words) {
    if (w.charCodeAt(0) === 60 /* < */) continue;
    let at = index.get(w);
    if (at !== undefined) {
      out.push(at);
      continue;
    }
    let base = w;
    const apostrophe = w.indexOf("'");
    if (apostrophe > 0) {
      base = w.endsWith("n't") && w.length > 3 ? w.slice(0, -3) : w.slice(0, apostrophe);
      at = index.get(base);
      if (at !== undefined) {
        out.push(at);
        continue;
      }
    }
    if (base.includes('-')) {
      for (const part of base.split('-')) {
        const p = index.get(part);
        if (p !== undefined) out.push(p);
      }
    }
  }
  return out;
}

/** Pretrained vectors as training holds them (scripts/train.ts reads data/word-vectors). */
export interface WordVectors {
  words: string[];
  index: Map<string, number>;
  dims: number;
  /** words.length × dims, row-major. */
  values: Float32Array;
  /** Mean and standard deviation of the training sentences' mean vectors (the features are standardised). */
  mean: Float64Array;
  sd: Float64Array;
}

/** Mean vector of the sentence's vocabulary words; undefined when it has none. */
export function meanVector(v: WordVectors, words: readonly string[]): Float64Array | undefined {
  const at = vocabularyIndices(v.index, words);
  if (at.length === 0) return undefined;
  const m = new Float64Array(v.dims);
  for (const i of at) for (let k = 0; k < v.dims; k++) m[k] = m[k]! + v.values[i * v.dims + k]!;
  for (let k = 0; k < v.dims; k++) m[k] = m[k]! / at.length;
  return m;
}

/** Symmetric int8 quantisation: value ≈ q * scale. */
export function quantiseInt8(values: ArrayLike<number>): { q: Int8Array; scale: number } {
  let max = 0;
  for (let i = 0; i < values.length; i++) max = Math.max(max, Math.abs(values[i]!));
  const scale = max / 127 || 1;
  const q = new Int8Array(values.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(values[i]! / scale)));
  return { q, scale };
}

/**
 * Fold the weights `w` on the standardised mean vector into one weight per vocabulary word: w·(mean(v) − μ)/σ equals
 * mean(w·v/σ) − w·μ/σ, so the run time needs a number per word and one offset, not the vectors.
 */
export function foldWording(w: ArrayLike<number>, v: WordVectors): WordingFile {
  const perWord = new Float64Array(v.words.length);
  for (let i = 0; i < v.words.length; i++) {
    let a = 0;
    for (let k = 0; k < v.dims; k++) a += (w[k]! * v.values[i * v.dims + k]!) / v.sd[k]!;
    perWord[i] = a;
  }
  let offset = 0;
  for (let k = 0; k < v.dims; k++) offset += (w[k]! * v.mean[k]!) / v.sd[k]!;
  const { q, scale } = quantiseInt8(perWord);
  return { words: v.words.join('\n'), weights: encodeInt8(q), scale, offset: Math.round(offset * 1e6) / 1e6 };
}
