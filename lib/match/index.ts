/**
 * Repeated-claim matching, pure core (no DynamoDB, no Lambda): normalise → content words → MinHash → LSH band keys
 * for candidate lookup; compareClaims scores and classifies candidates as `same` / `related`. See docs/MATCHING.md.
 *
 * Lookup cost bound: BANDS (16) Queries on PK=LSH#<key>, each with Limit K (e.g. 25) → ≤ 16 × 25 = 400 candidates
 * scored in memory, whatever the table holds.
 */
import { compareClaims, LINK_FLOOR, prepareClaim, type Comparison, type PreparedClaim, type Relation } from './compare.js';
import { bandKeys, BANDS, bandKeysOf, ROWS, signature } from './minhash.js';

export { matchTokens, normaliseClaim, type FactKind, type MatchToken } from './normalise.js';
export {
  BANDS, ROWS, SIGNATURE_SIZE, bandKeys, bandKeysOf, decodeSignature, encodeSignature, estimateJaccard, signature,
} from './minhash.js';
export {
  LINK_FLOOR, SAME_THRESHOLD, changedFacts, compareClaims, prepareClaim, similarityOf, type Comparison,
  type FactChange, type PreparedClaim, type Relation, type Thresholds,
} from './compare.js';

/** What the store needs to write for a new claim: its band keys and its encoded signature. */
export function indexEntry(text: string): { keys: string[]; signature: Uint32Array } {
  const sig = signature(text);
  return { keys: bandKeysOf(sig, BANDS, ROWS), signature: sig };
}

const MAX_QUERY_SENTENCES = 8;

/** Pasted text may hold several sentences: each is matched on its own, so a paragraph still finds a one-line claim. */
export function querySentences(query: string): string[] {
  const parts = query.split(/(?<=[.!?])\s+(?=["'“‘(]?\p{Lu})|\n+/u).map((s) => s.trim()).filter((s) => /\p{L}/u.test(s));
  return (parts.length > 0 ? parts : [query]).slice(0, MAX_QUERY_SENTENCES);
}

/** Band keys for arbitrary pasted text: those of the whole and of each sentence (≤ 8), deduplicated. */
export function similarTextKeys(query: string): string[] {
  const keys = new Set(bandKeys(query));
  const sentences = querySentences(query);
  if (sentences.length > 1) for (const s of sentences) for (const k of bandKeys(s)) keys.add(k);
  return [...keys];
}

export interface SimilarHit<T> {
  item: T;
  relation: Relation;
  similarity: number;
  comparison: Comparison;
}

/**
 * "Has anyone checked this already?": rank candidates (fetched by similarTextKeys) against the pasted text, best
 * sentence of the query per candidate, only links ≥ LINK_FLOOR, most similar first (`same` before `related` on ties).
 */
export function similarText<T>(query: string, candidates: readonly T[], textOf: (c: T) => string, limit = 10): SimilarHit<T>[] {
  const parts = [query, ...querySentences(query)].map((s) => prepareClaim(s));
  const hits: SimilarHit<T>[] = [];
  for (const item of candidates) {
    const cand: PreparedClaim = prepareClaim(textOf(item));
    let best: Comparison | undefined;
    for (const p of parts) {
      const c = compareClaims(p, cand);
      if (c && (!best || c.similarity > best.similarity || (c.similarity === best.similarity && c.relation === 'same'))) best = c;
    }
    if (best && best.similarity >= LINK_FLOOR) hits.push({ item, relation: best.relation, similarity: best.similarity, comparison: best });
  }
  hits.sort((x, y) => y.similarity - x.similarity || (x.relation === y.relation ? 0 : x.relation === 'same' ? -1 : 1));
  return hits.slice(0, limit);
}
