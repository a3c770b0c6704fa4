/** Small random word-vector tables for the extractor's unit tests (folding, the neural scorer). */
import { hashedIndex, type WordVectors } from '../../scripts/training/wordvec.js';

/**
 * `words` with `dims` random values each in [-1, 1), drawn from `random`; the standardisation (mean, sd) is drawn
 * after the values by the given functions, or is the identity.
 */
export function randomWordVectors(
  words: string[],
  dims: number,
  random: () => number,
  standardisation?: { mean: () => number; sd: () => number },
): WordVectors {
  const values = Float32Array.from({ length: words.length * dims }, () => random() * 2 - 1);
  return {
    words,
    index: hashedIndex(words),
    dims,
    values,
    mean: standardisation ? Float64Array.from({ length: dims }, standardisation.mean) : new Float64Array(dims),
    sd: standardisation ? Float64Array.from({ length: dims }, standardisation.sd) : new Float64Array(dims).fill(1),
  };
}
