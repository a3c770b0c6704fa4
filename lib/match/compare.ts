/**
 * Scoring and classification of two claims: `same` (one verdict fits both) or `related` (close wording but a number,
 * date, name or negation differs — never `same`), or no link below the similarity floor.
 * Pure; a PreparedClaim holds everything a comparison needs so a candidate set is normalised once.
 */
import { matchTokens, type MatchToken } from './normalise.js';

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
  /** names seen only by a sentence-initial capital ("Obviously"): count when swapped, not when dropped */
  readonly initialNames: ReadonlySet<string>;
  /** it names a source ("said", "according to"): a name it alone holds may be that source */
  readonly attributed: boolean;
}

/** What can differ between two close claims so that one verdict does not fit both. */
export type FactChange = 'number' | 'date' | 'negation' | 'name' | 'direction';

/** Words that state a direction: "tax cuts" vs "tax increases" is a different claim with almost the same words. */
const UP: ReadonlySet<string> = new Set(`
  increase increases increased increasing raise raises raised raising rise rises rose risen rising up higher highest
  grow grows grew grown growing gain gains gained expand expands expanded more surplus surpluses won win wins
  support supports supported favor favors favored best biggest largest
`.trim().split(/\s+/));
const DOWN: ReadonlySet<string> = new Set(`
  decrease decreases decreased decreasing cut cuts cutting lower lowers lowered lowest reduce reduces reduced
  reducing fall falls fell fallen falling drop drops dropped down shrink shrinks shrank decline declines declined
  lose loses lost loss losses fewer less deficit deficits oppose opposes opposed against worst smallest
`.trim().split(/\s+/));

export interface Comparison {
  relation: Relation;
  /** in [0, 1]: geometric mean of word Jaccard and containment of the shorter claim, rounded to 3 places */
  similarity: number;
  /** what differs so that one verdict may not fit both (empty for `same`) */
  changed: FactChange[];
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
  const initialNames = new Set<string>();
  let negations = 0;
  let attributed = false;
  for (const t of tokens) {
    if (t.attribution) attributed = true;
    if (t.stop) continue;
    words.add(t.norm);
    if (t.kind === 'number') numbers.add(t.norm);
    else if (t.kind === 'date') dates.add(t.norm);
    else if (t.kind === 'negation') negations++;
    else if (t.kind === 'name') (t.initial ? initialNames : names).add(t.norm);
  }
    for (const n of names) initialNames.delete(n); // capitalised mid-sentence somewhere: a name wherever it stands
  return { text, words, numbers, dates, negations, names, initialNames, attributed };
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
 * side). A name counts when it is swapped for other words, or dropped from a claim that names no source ("Joe got
 * $3.5 million from Russia" vs "Joe got $3.5 million"); a dropped source ("…, Stoltenberg said") does not count.
 */
export function changedFacts(a: PreparedClaim, b: PreparedClaim, onlyA: readonly string[], onlyB: readonly string[]): FactChange[] {
  const changed: FactChange[] = [];
  if (!sameSet(a.numbers, b.numbers)) changed.push('number');
  if (!sameSet(a.dates, b.dates)) changed.push('date');
  if (a.negations !== b.negations) changed.push('negation');
  const swapped = (only: readonly string[], p: PreparedClaim) => only.some((w) => p.names.has(w) || p.initialNames.has(w));
  const dropped = (only: readonly string[], p: PreparedClaim) => !p.attributed && only.some((w) => p.names.has(w));
  const nameChange = onlyA.length > 0 && onlyB.length > 0 ? swapped(onlyA, a) || swapped(onlyB, b) : dropped(onlyA, a) || dropped(onlyB, b);
  if (nameChange) changed.push('name');
  const up = (ws: readonly string[]) => ws.some((w) => UP.has(w));
  const down = (ws: readonly string[]) => ws.some((w) => DOWN.has(w));
  if ((up(onlyA) && down(onlyB)) || (down(onlyA) && up(onlyB))) changed.push('direction');
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
