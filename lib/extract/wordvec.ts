/**
 * Word vectors in the check-worthiness model. Training (scripts/train.ts) appends the mean pretrained vector of a
 * sentence's words (GloVe, data/word-vectors/) to the hand-made features; a linear weight on a mean of vectors is the
 * mean of one number per word, so the shipped model keeps just that number for each of the 50,000 most frequent English
 * words ("wording" below). Words never seen in training still get a weight from their vector: "airstrikes" and
 * "annexed", which no debate used, land on the claim side. Pure; shared by training and the run time so they agree.
 */
import { hash } from './features.js';
import { decodeInt8, encodeInt8 } from './int8.js';
import type { WordingFile } from './model.js';

/** Where a word sits in the vocabulary, if it is there. */
export interface Vocabulary {
  get(word: string): number | undefined;
}

/**
 * The run time's vocabulary: the words' 32-bit FNV-1a hashes, sorted, found by binary search. No strings and no Map
 * to build at cold start (a 50,000-entry Map took ~25 ms); training keeps only words whose hash is unique, so a
 * vocabulary word always finds its own weight, and an unknown word finds a wrong one with odds of 50,000 in 2^32.
 */
export class HashedVocabulary implements Vocabulary {
  private readonly hashes: Uint32Array;

  constructor(base64: string) {
    const bytes = decodeInt8(base64);
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.hashes = new Uint32Array(bytes.byteLength >>> 2);
    for (let i = 0; i < this.hashes.length; i++) this.hashes[i] = view.getUint32(i * 4, true);
  }

  get size(): number {
    return this.hashes.length;
  }

  get(word: string): number | undefined {
    const h = hash(word);
    const a = this.hashes;
    let lo = 0;
    let hi = a.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const v = a[mid]!;
      if (v === h) return mid;
      if (v < h) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }
}

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

/**
 * Vocabulary positions that stand for the sentence's words (lower-cased word tokens, as `Features.words`). Numbers
 * (shapes such as `<n4>`) have no entry. A word missing from the vocabulary is looked up without its clitic
 * ("russia's" → "russia", "don't" → "do"; the vectors' own tokenizer split those off) and then hyphen by hyphen
 * ("ex-president" → "ex", "president").
 */
export function vocabularyIndices(index: Vocabulary, words: readonly string[], out: number[] = []): number[] {
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
