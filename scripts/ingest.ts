/**
 * npm run --silent ingest -- --api URL --token TOKEN [--concurrency N] PATH...
 * Submits every .txt, .md, .html and .htm file (folders walked recursively) as an article. Progress on standard
 * error; the last line on standard output is { "created": n, "existing": n, "failed": [{ file, status, detail }] }.
 * Exit code 1 when any file failed, 2 on a usage error.
 */
import { parseArgs } from 'node:util';
import { ingest } from './cli/ingest.js';
import { COMMON_OPTIONS, COMMON_USAGE, commonSettings, positiveInteger, UsageError } from './cli/options.js';
import { progressOn } from './cli/progress.js';

const USAGE = `usage: npm run --silent ingest -- [--api URL] [--token TOKEN] [--concurrency N] PATH...
  PATH             a .txt, .md, .html or .htm file, or a folder (walked recursively; other files are skipped)
  --concurrency N  articles in flight at once (default 4)
${COMMON_USAGE}`;

async function main(): Promise<number> {
  let settings;
  let paths: string[];
  let concurrency: number;
  try {
    const { values, positionals } = parseArgs({ options: { ...COMMON_OPTIONS, concurrency: { type: 'string' } }, allowPositionals: true });
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    settings = commonSettings(values);
    concurrency = positiveInteger(values.concurrency, 'concurrency', 4);
    paths = positionals;
    if (!paths.length) throw new UsageError('give at least one file or folder');
  } catch (error) {
    process.stderr.write(`ingest: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const progress = progressOn(process.stderr, 'ingest');
  // Ctrl-C: finish what is in flight and print the summary (a rerun sends the rest; what is stored answers existing)
  const interrupt = new AbortController();
  process.once('SIGINT', () => {
    interrupt.abort();
    progress.note('interrupted: finishing the articles in flight; Ctrl-C again to quit at once');
    process.once('SIGINT', () => process.exit(130));
  });
  const summary = await ingest({ ...settings, paths, concurrency, progress, fileLines: !process.stderr.isTTY, signal: interrupt.signal });
  const files = summary.created + summary.existing + summary.failed.length;
  process.stderr.write(`ingest: ${files} file${files === 1 ? '' : 's'}: ${summary.created} created, ${summary.existing} already in the desk, ${summary.failed.length} failed\n`);
  for (const failure of summary.failed) process.stderr.write(`  ${failure.file}: ${failure.status === null ? '' : `${failure.status} `}${failure.detail}\n`);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return summary.failed.length ? 1 : 0;
}

process.exitCode = await main();
