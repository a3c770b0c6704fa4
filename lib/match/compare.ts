/**
 * Scoring and classification of two claims: `same` (one verdict fits both) or `related` (close wording but a number,
 * date, name or negation differs — never `same`), or no link below the similarity floor.
 * Pure; a PreparedClaim holds everything a comparison needs so a candidate set is normalised once.
 */
import { matchTokens, type FactKind, type MatchToken } from './normalise.js';

/** Below this similarity two claims are not linked (API: `/claims/similar` lists only items ≥ 0.5; tuned to 0.6). */
export const LINK_FLOOR = 0.6;
/** At or above this similarity, with no fact-changing difference, two claims are the same assertion. */
export const SAME_THRESHOLD = 0.75;

export type Relation = 'same' | 'related';

export interface PreparedClaim {
  readonly text: string;
  /** distinct content words (numbers, names, negations included; stop and attribution words not) */
  readonly words: ReadonlySet<string>;
  readonly numbers: ReadonlySet<string>;
  readonly dates: ReadonlySet<string>;
  readonly negations: number;
  readonly names: ReadonlySet<string>;
}

export interface Comparison {
  relation: Relation;
  /** in [0, 1]: geometric mean of word Jaccard and containment of the shorter claim, rounded to 3 places */
  similarity: number;
  /** the fact kinds that differ (empty for `same`) */
  changed: FactKind[];
  /** content words only in a, only in b: what a reviewer should look at */
  onlyA: string[];
  onlyB: string[];
}

export function prepareClaim(text: string): PreparedClaim {
  return prepareTokens(text, matchTokens(text));
}

export function prepareTokens(text: string, tokens: readonly MatchToken[]): PreparedClaim {
  const words = new Set<string>();
  const numbers = new Set<string>();
  const dates = new Set<string>();
  const names = new Set<string>();
  let negations = 0;
  for (const t of tokens) {
    if (t.stop) continue;
    words.add(t.norm);
    if (t.kind === 'number') numbers.add(t.norm);
    else if (t.kind === 'date') dates.add(t.norm);
    else if (t.kind === 'negation') negations++;
    else if (t.kind === 'name') names.add(t.norm);
  }
  return { text, words, numbers, dates, negations, names };
}

function sameSet(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const x of a) if (!b.has(x)) return false;
  return true;
}

function onlyIn(a: ReadonlySet<string>, b: ReadonlySet<string>): string[] {
  const out: string[] = [];
  for (const x of a) if (!b.has(x)) out.push(x);
  return out;
}

/** Word-level similarity: √(Jaccard × containment), so a dropped clause keeps a high score but a short fragment of a long claim does not. */
export function similarityOf(a: PreparedClaim, b: PreparedClaim): number {
  const [small, large] = a.words.size <= b.words.size ? [a.words, b.words] : [b.words, a.words];
  if (small.size === 0) return a.words.size === b.words.size && a.text.trim() === b.text.trim() ? 1 : 0;
  let inter = 0;
  for (const w of small) if (large.has(w)) inter++;
  const jaccard = inter / (small.size + large.size - inter);
  const containment = inter / small.size;
  return Math.round(Math.sqrt(jaccard * containment) * 1000) / 1000;
}

/**
 * Which facts differ. Numbers, dates and polarity must agree exactly (an added or dropped number counts: the safe
 * side). A name counts when it is swapped for other words, not when it is only dropped ("Stoltenberg said …").
 */
export function changedFacts(a: PreparedClaim, b: PreparedClaim, onlyA: readonly string[], onlyB: readonly string[]): FactKind[] {
  const changed: FactKind[] = [];
  if (!sameSet(a.numbers, b.numbers)) changed.push('number');
  if (!sameSet(a.dates, b.dates)) changed.push('date');
  if (a.negations !== b.negations) changed.push('negation');
  const nameA = onlyA.some((w) => a.names.has(w));
  const nameB = onlyB.some((w) => b.names.has(w));
  if ((nameA && onlyB.length > 0) || (nameB && onlyA.length > 0)) changed.push('name');
  return changed;
}

export interface Thresholds {
  floor: number;
  same: number;
}

/** Compare two claims (texts or prepared); symmetric in relation and similarity. Thresholds only for tuning. */
export function compareClaims(
  a: string | PreparedClaim,
  b: string | PreparedClaim,
  thresholds: Thresholds = { floor: LINK_FLOOR, same: SAME_THRESHOLD },
): Comparison | undefined {
  const pa = typeof a === 'string' ? prepareClaim(a) : a;
  const pb = typeof b === 'string' ? prepareClaim(b) : b;
  const similarity = similarityOf(pa, pb);
  if (similarity < thresholds.floor) return undefined;
  const onlyA = onlyIn(pa.words, pb.words);
  const onlyB = onlyIn(pb.words, pa.words);
  const changed = changedFacts(pa, pb, onlyA, onlyB);
  const relation: Relation = changed.length === 0 && similarity >= thresholds.same ? 'same' : 'related';
  return { relation, similarity, changed, onlyA, onlyB };
}
