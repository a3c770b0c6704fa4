/**
 * Word vectors in the check-worthiness model. Training (scripts/train.ts) appends the mean pretrained vector of a
 * sentence's words (GloVe, data/word-vectors/) to the hand-made features; a linear weight on a mean of vectors is the
 * mean of one number per word, so the shipped model keeps just that number for each of the 50,000 most frequent English
 * words ("wording" below). Words never seen in training still get a weight from their vector: "vaccinated" scores like
 * "immunized" did in the 1960–2016 debates. Pure; shared by training and the run time so the two cannot drift.
 */

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
