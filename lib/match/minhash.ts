/**
 * MinHash signatures and LSH band keys over a claim's normalised content words.
 *
 * Band layout (tuned by `npm run eval:match`, figures in docs/MATCHING.md): SIGNATURE_SIZE = 64 seeded 32-bit hashes,
 * cut into BANDS = 16 bands of ROWS = 4 rows; two claims share a band key with probability 1 − (1 − J⁴)¹⁶ for word
 * Jaccard J (≈ 0.64 at J = 0.5, 0.98 at J = 0.7). Each key is `<band>#<bucket>` (band 0–15, bucket 7 base-36 chars),
 * stored as an index item PK=`LSH#<key>`, SK=<claimId>.
 * Request bound of a lookup: BANDS Queries, each with Limit K (candidates per bucket) → at most BANDS × K candidates
 * (16 × 25 = 400), scored in memory when the index item carries the claim text; no request depends on table size.
 * Pure: all state is frozen constants; 32-bit integer math only.
 */
import { matchTokens, type MatchToken } from './normalise.js';

export const SIGNATURE_SIZE = 64;
export const BANDS = 16;
export const ROWS = 4;

/** MurmurHash3's finaliser: a 32-bit bijection that mixes every input bit into every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over UTF-16 code units, finalised: the base hash of a token. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** One seed per signature row, derived from a fixed constant so signatures never change between runs or versions. */
const SEEDS: readonly number[] = Object.freeze(Array.from({ length: SIGNATURE_SIZE }, (_, i) => fmix32((i + 1) * 0x9e3779b9)));

/** The set hashed for MinHash: distinct content words (stop and attribution words left out; all words if none). */
export function shingleHashes(tokens: readonly MatchToken[]): number[] {
  const content = tokens.filter((t) => !t.stop);
  const use = content.length > 0 ? content : tokens;
  return [...new Set(use.map((t) => t.norm))].map(hashString);
}

/** MinHash signature: for each seeded permutation, the least permuted hash of the set. Empty set → all 0xffffffff. */
export function signatureOf(hashes: readonly number[], size = SIGNATURE_SIZE): Uint32Array {
  const sig = new Uint32Array(size).fill(0xffffffff);
  const seeds = size === SIGNATURE_SIZE ? SEEDS : Array.from({ length: size }, (_, i) => fmix32((i + 1) * 0x9e3779b9));
  for (const h of hashes) {
    for (let i = 0; i < size; i++) {
      const v = fmix32(h ^ seeds[i]!);
      if (v < sig[i]!) sig[i] = v;
    }
  }
  return sig;
}

/** MinHash signature of a claim's text. */
export function signature(text: string): Uint32Array {
  return signatureOf(shingleHashes(matchTokens(text)));
}

/** Band keys `<band>#<bucket>` of a signature, `bands × rows` ≤ its length. */
export function bandKeysOf(sig: Uint32Array, bands = BANDS, rows = ROWS): string[] {
  if (bands * rows > sig.length) throw new RangeError(`${bands} bands × ${rows} rows exceed a signature of ${sig.length}`);
  const keys: string[] = [];
  for (let b = 0; b < bands; b++) {
    let h = fmix32(b + 1);
    for (let r = 0; r < rows; r++) h = fmix32(Math.imul(h, 31) ^ sig[b * rows + r]!);
    keys.push(`${b}#${h.toString(36).padStart(7, '0')}`);
  }
  return keys;
}

/** LSH band keys of a claim's text: one index item per key. */
export function bandKeys(text: string): string[] {
  return bandKeysOf(signature(text));
}

/** Estimated Jaccard of two signatures: the share of equal rows. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  let eq = 0;
  for (let i = 0; i < n; i++) if (a[i] === b[i]) eq++;
  return n ? eq / n : 0;
}

/** Compact signature encoding to store with a claim: base64url of the little-endian words (64 hashes → 342 chars). */
export function encodeSignature(sig: Uint32Array): string {
  const bytes = Buffer.alloc(sig.length * 4);
  for (let i = 0; i < sig.length; i++) bytes.writeUInt32LE(sig[i]!, i * 4);
  return bytes.toString('base64url');
}

/** Inverse of encodeSignature; throws on a string that is not a whole number of 32-bit words. */
export function decodeSignature(s: string): Uint32Array {
  const bytes = Buffer.from(s, 'base64url');
  if (bytes.length % 4 !== 0 || bytes.toString('base64url') !== s) throw new RangeError('not an encoded signature');
  const sig = new Uint32Array(bytes.length / 4);
  for (let i = 0; i < sig.length; i++) sig[i] = bytes.readUInt32LE(i * 4);
  return sig;
}
