/**
 * Benchmarks, not tests (run by `npm run bench`, not `npm test`): the extractor's time grows about linearly with its
 * input (no catastrophic regex backtracking), and 100k characters of adversarial input take bounded time per
 * character. Timing on a shared machine is noisy, so these live apart from the tests that must never flake.
 */
import { describe, expect, it } from 'vitest';
import { analyseArticle, defaultExtractor, htmlToArticle, scoreLine } from '../../lib/extract/index.js';
import { normaliseArticleText } from '../../lib/text.js';
import { ADVERSARIAL } from '../support/adversarial.js';

const ex = defaultExtractor();
const analyse = (text: string) => analyseArticle(text, ex);

/**
 * Milliseconds of CPU this process spent on `run(input)`, fastest of three. CPU time, not wall time: on a shared
 * machine (other test files run beside this one) a wall clock also counts the time the process waited for a core.
 */
function timed(run: (input: string) => unknown, input: string): number {
  run(input.slice(0, 200));
  let best = Infinity;
  for (let i = 0; i < 3; i++) {
    const started = process.cpuUsage();
    run(input);
    const spent = process.cpuUsage(started);
    best = Math.min(best, (spent.user + spent.system) / 1000);
  }
  return best;
}

describe('extractor time is about linear in the input', () => {
  // Sizes big enough to swamp per-call overhead, the fastest of three runs, and a retry before a verdict.
  // A quadratic or exponential pattern fails every time.
  const SMALL = 8_000;
  const LARGE = 32_000; // 4× the characters
  for (const [name, make] of Object.entries(ADVERSARIAL)) {
    it(`${name}: analyseArticle and scoreLine stay linear`, { retry: 2 }, () => {
      for (const [what, run] of [
        ['analyseArticle', (s: string) => analyse(normaliseArticleText(s))],
        ['scoreLine', (s: string) => scoreLine(s.replace(/\n/g, ' '), ex)],
      ] as const) {
        const small = timed(run, make(SMALL));
        const large = timed(run, make(LARGE));
        // 4× the input: linear is ~4×, quadratic ~16×, exponential far more. Allow for noise on fast runs (the 100 ms floor).
        expect(large, `${what} on ${name}: ${small.toFixed(1)} ms → ${large.toFixed(1)} ms`).toBeLessThan(Math.max(100, small * 10));
        // and an absolute bound per character: 32,000 characters in well under two seconds
        expect(large / LARGE, `${what} on ${name}: ${(large / LARGE).toFixed(4)} ms per character`).toBeLessThan(0.05);
      }
    });
  }

  it('htmlToArticle stays linear on deeply nested and unclosed markup', { retry: 2 }, () => {
    for (const make of [(n: number) => '<div>'.repeat(n / 5), (n: number) => '<p class="'.repeat(n / 10), (n: number) => '<a href=x>'.repeat(n / 10) + 'x'.repeat(n / 2)]) {
      const small = timed(htmlToArticle, make(SMALL * 4));
      const large = timed(htmlToArticle, make(LARGE * 4));
      expect(large).toBeLessThan(Math.max(100, small * 10));
    }
  });
});

describe('bounded time per character', () => {
  for (const name of ['abbreviations', 'dots', 'quotes', 'quoted sentences', 'initials', 'dates', 'lone surrogates']) {
    it(`100k characters of ${name}`, { retry: 2 }, () => {
      const text = normaliseArticleText(ADVERSARIAL[name]!(100_000));
      analyse(text.slice(0, 2000));
      const msPerChar = timed(analyse, text) / text.length;
      // ~5 µs per character is typical; the bound leaves room for a loaded machine but not for quadratic time.
      expect(msPerChar, `${name}: ${msPerChar.toFixed(4)} ms per character`).toBeLessThan(0.1);
    });
  }
});
