/**
 * npm run --silent export -- --api URL --token TOKEN [--status S] [--article ID] [--out FILE]
 * The whole CSV export (every page of GET /claims/export.csv, header row once) on standard output or into FILE;
 * progress on standard error. With --out, FILE appears only once the export is complete.
 * Exit code 1 when the export failed, 2 on a usage error.
 */
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { ExportFailure, exportCsv } from './cli/export.js';
import { COMMON_OPTIONS, COMMON_USAGE, commonSettings, UsageError } from './cli/options.js';
import { progressOn } from './cli/progress.js';

const USAGE = `usage: npm run --silent export -- [--api URL] [--token TOKEN] [--status S] [--article ID] [--out FILE]
  --status S       only claims of this status (pending, verified, disputed, sourced, dismissed)
  --article ID     only the claims of this article
  --out FILE       write the CSV to FILE (written whole, or not at all) instead of standard output
${COMMON_USAGE}`;

/** A writer that waits when the stream's buffer is full, so a large export does not pile up in memory. */
function writerTo(stream: NodeJS.WritableStream) {
  return async (chunk: string) => {
    if (!stream.write(chunk)) await once(stream, 'drain');
  };
}

async function main(): Promise<number> {
  let settings;
  let values;
  try {
    ({ values } = parseArgs({ options: { ...COMMON_OPTIONS, status: { type: 'string' }, article: { type: 'string' }, out: { type: 'string' } } }));
    if (values.help) {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    settings = commonSettings(values);
  } catch (error) {
    process.stderr.write(`export: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const progress = progressOn(process.stderr, 'export');
  const out = values.out;
  const partial = out ? join(dirname(out), `.${basename(out)}.${process.pid}.partial`) : undefined;
  const file = partial ? createWriteStream(partial) : undefined;
  if (file) {
    try {
      await once(file, 'open');
    } catch (error) {
      process.stderr.write(`export: cannot write ${out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
      return 1;
    }
  }
  try {
    const { pages, rows } = await exportCsv({
      ...settings,
      ...(values.status ? { status: values.status } : {}),
      ...(values.article ? { articleId: values.article } : {}),
      progress,
      write: writerTo(file ?? process.stdout),
    });
    if (file && partial && out) {
      file.end();
      await once(file, 'finish');
      renameSync(partial, out);
    }
    progress.end();
    process.stderr.write(`export: ${rows} row${rows === 1 ? '' : 's'} in ${pages} page${pages === 1 ? '' : 's'}${out ? ` → ${out}` : ''}\n`);
    return 0;
  } catch (error) {
    progress.end();
    if (file && partial) {
      // closed first: removing a file a stream still has open would leave it behind. Ended, not destroyed: a write
      // still queued would otherwise fail as ERR_STREAM_DESTROYED with no listener and crash the process.
      if (!file.closed) await once(file.end(), 'close');
      rmSync(partial, { force: true });
    }
    if (!(error instanceof ExportFailure)) throw error;
    process.stderr.write(`export: failed: ${error.message}${out ? `; ${out} not written` : '; the output above is incomplete'}\n`);
    return 1;
  }
}

// a reader that stops early (`| head`) is not an error of the export
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});
process.exitCode = await main();
