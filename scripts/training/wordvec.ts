/**
 * Training's half of the word-vector part (the run time's half is lib/extract/wordvec.ts): the vectors as training
 * holds them, sentence means, and folding the trained weights into one int8 weight per word for model.json.
 */
import { hash } from '../../lib/extract/features.js';
import type { WordingFile } from '../../lib/extract/model.js';
import { vocabularyIndices, type Vocabulary } from '../../lib/extract/wordvec.js';
import { encodeInt8 } from './int8.js';

/** Sorted hashes as base64 (little-endian uint32), for HashedVocabulary. */
function encodeHashes(hashes: Uint32Array): string {
  const bytes = new Uint8Array(hashes.length * 4);
  const view = new DataView(bytes.buffer);
  hashes.forEach((h, i) => view.setUint32(i * 4, h, true));
  return encodeInt8(new Int8Array(bytes.buffer));
}

/** Training's view of the vocabulary: by the same hash as HashedVocabulary, so both find the same entry for any word. */
export function hashedIndex(words: readonly string[]): Vocabulary {
  const byHash = new Map(words.map((w, i) => [hash(w), i]));
  return { get: (word) => byHash.get(hash(word)) };
}

/** The training vocabulary: words in frequency order, less any whose hash an earlier (more frequent) word has. */
export function uniqueHashWords(words: readonly string[]): string[] {
  const seen = new Set<number>();
  return words.filter((w) => {
    const h = hash(w);
    if (seen.has(h)) return false;
    seen.add(h);
    return true;
  });
}

/** Pretrained vectors as training holds them (scripts/train.ts reads data/word-vectors). */
export interface WordVectors {
  words: string[];
  /** Looked up by hash, as the run time's HashedVocabulary does (`hashedIndex`). */
  index: Vocabulary;
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
  // Ship in hash order, for HashedVocabulary's binary search.
  const hashes = v.words.map((w) => hash(w));
  const order = v.words.map((_, i) => i).sort((x, y) => hashes[x]! - hashes[y]!);
  const sortedHashes = Uint32Array.from(order, (i) => hashes[i]!);
  for (let i = 1; i < sortedHashes.length; i++) if (sortedHashes[i] === sortedHashes[i - 1]) throw new Error('two vocabulary words share a hash');
  const { q, scale } = quantiseInt8(Float64Array.from(order, (i) => perWord[i]!));
  return { hashes: encodeHashes(sortedHashes), weights: encodeInt8(q), scale, offset: Math.round(offset * 1e6) / 1e6 };
}
