/** Small numeric helpers shared by training, evaluation and the load tests. */

/** mulberry32: a small seeded PRNG, so training and load tests are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface PRF {
  precision: number;
  recall: number;
  f1: number;
  tp: number;
  fp: number;
  fn: number;
}

/** Precision, recall and F1 of the Yes class. */
export function prf(pred: boolean[], gold: ReadonlyArray<number | boolean>): PRF {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  pred.forEach((p, i) => {
    if (p && gold[i]) tp++;
    else if (p) fp++;
    else if (gold[i]) fn++;
  });
  const precision = tp + fp ? tp / (tp + fp) : 0;
  const recall = tp + fn ? tp / (tp + fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, tp, fp, fn };
}

/** Average precision of the Yes class: the mean precision at the rank of each Yes, scores sorted high to low (ties in input order). */
export function averagePrecision(scores: ArrayLike<number>, gold: ReadonlyArray<number | boolean>): number {
  const order = Array.from({ length: scores.length }, (_, i) => i).sort((x, y) => scores[y]! - scores[x]! || x - y);
  let tp = 0;
  let sum = 0;
  order.forEach((i, rank) => {
    if (gold[i]) {
      tp++;
      sum += tp / (rank + 1);
    }
  });
  return tp ? sum / tp : 0;
}

/** Mean over groups (e.g. the transcripts of a debate set) of each group's average precision; groups without a Yes are skipped, as in CheckThat!'s MAP. */
export function meanAveragePrecision(scores: ArrayLike<number>, gold: ReadonlyArray<number | boolean>, groups: readonly string[]): number {
  const byGroup = new Map<string, number[]>();
  groups.forEach((g, i) => {
    const members = byGroup.get(g);
    if (members) members.push(i);
    else byGroup.set(g, [i]);
  });
  const aps = [...byGroup.values()]
    .filter((idx) => idx.some((i) => gold[i]))
    .map((idx) => averagePrecision(idx.map((i) => scores[i]!), idx.map((i) => gold[i]!)));
  return aps.length ? aps.reduce((a, b) => a + b, 0) / aps.length : 0;
}
