/**
 * Word vectors in the check-worthiness model. Training (scripts/train.ts) appends the mean pretrained vector of a
 * sentence's words (GloVe, data/word-vectors/) to the hand-made features; a linear weight on a mean of vectors is the
 * mean of one number per word, so the shipped model keeps just that number for each of the 50,000 most frequent English
 * words ("wording" below). Words never seen in training still get a weight from their vector: "airstrikes" and
 * "annexed", which no debate used, land on the claim side. Pure; the run time's half (lookup), shared with training
 * (scripts/training/wordvec.ts folds and quantises) so they agree.
 */
import { hash } from './features.js';
import { decodeInt8 } from './int8.js';

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
