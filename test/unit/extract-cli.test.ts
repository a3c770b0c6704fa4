/** The extractor CLI's contract (docs/API.md): pure JSON on stdout, one object per input line with --per-line. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const run = (args: string[], input?: string) =>
  execFileSync(join(root, 'node_modules/.bin/tsx'), [join(root, 'scripts/extract.ts'), ...args], { encoding: 'utf8', input });

describe('extract CLI', () => {
  it('--per-line prints one object per line, blank lines included, numbered from 1', () => {
    const dir = mkdtempSync(join(tmpdir(), 'extract-cli-'));
    const file = join(dir, 'lines.txt');
    writeFileSync(file, 'Unemployment fell to 3.5 percent last year.\n\nThank you.\n"We have cut taxes by $2 billion," he said.\n');
    const rows = run(['--per-line', file]).trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.line)).toEqual([1, 2, 3, 4]);
    expect(rows[0]).toMatchObject({ claim: true });
    expect(rows[1]).toEqual({ line: 2, checkworthiness: 0, claim: false });
    expect(rows[2].claim).toBe(false);
    for (const r of rows) expect(r.checkworthiness).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('FILE and - print {"claims": [...]} with offsets into the normalised text', () => {
    const out = JSON.parse(run([join(root, 'data/articles/nato-russia-talks-2022-01-12.txt')]));
    expect(Array.isArray(out.claims)).toBe(true);
    expect(out.claims.length).toBeGreaterThan(20);
    const stdin = JSON.parse(run(['-'], 'Russia staged exercises with 3,000 troops on Tuesday.\n'));
    expect(stdin.claims[0]).toMatchObject({ seq: 1, start: 0, text: 'Russia staged exercises with 3,000 troops on Tuesday.' });
  }, 60_000);
});
