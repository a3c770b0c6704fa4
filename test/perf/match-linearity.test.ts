/**
 * A benchmark, not a test (run by `npm run bench`): matching stays about linear on 20,000 characters of adversarial
 * input (API.md bounds `/claims/similar?text=` at 2,000 characters and claims are sentences, so this is a wide margin).
 */
import { describe, expect, it } from 'vitest';
import { bandKeys, compareClaims, similarTextKeys } from '../../lib/match/index.js';
import { ADVERSARIAL } from '../support/adversarial.js';

describe('adversarial input', () => {
  // API.md bounds `/claims/similar?text=` at 2,000 characters and claims are sentences; 20k leaves a wide margin.
  it.each(Object.keys(ADVERSARIAL))('%s: 20,000 characters in linear time', (name) => {
    const make = ADVERSARIAL[name]!;
    // least of 3 runs: on a loaded machine a single run measures the scheduler, not the code
    const time = (n: number) => {
      const text = make(n);
      const half = make(n / 2);
      let best = Infinity;
      for (let r = 0; r < 3; r++) {
        const t0 = performance.now();
        bandKeys(text);
        compareClaims(text, half);
        similarTextKeys(text);
        best = Math.min(best, performance.now() - t0);
      }
      return best;
    };
    time(2_000);
    const small = Math.max(time(2_000), 0.5);
    const large = time(20_000);
    expect(large).toBeLessThan(small * 10 * 8 + 50); // ×10 input: well under quadratic (×100), with slack for a busy machine
  });
});

