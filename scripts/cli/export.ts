/**
 * The CSV export in one piece: GET /claims/export.csv, then every page its `Link: <URL>; rel="next"` names, joined
 * into one CSV with the header row once.
 */
import { NoAnswer, problemDetail, requestWithRetry, type RetryPolicy } from './http.js';
import type { Progress } from './progress.js';

/** RFC 8288 Link header → the target of each relation (relative targets resolved against `base`). */
export function parseLinkHeader(value: string | null, base: string): Map<string, string> {
  const links = new Map<string, string>();
  if (!value) return links;
  // <target> then ;-separated parameters, up to the comma that starts the next link (commas inside <> or quotes stay)
  const pattern = /<([^>]*)>((?:\s*;\s*[^;,="]+(?:=(?:"(?:[^"\\]|\\.)*"|[^;,"]*))?)*)/g;
  for (const match of value.matchAll(pattern)) {
    const target = match[1]!.trim();
    for (const param of (match[2] ?? '').matchAll(/;\s*([^;,="\s]+)\s*(?:=\s*(?:"((?:[^"\\]|\\.)*)"|([^;,"\s]*)))?/g)) {
      if (param[1]!.toLowerCase() !== 'rel') continue;
      const rels = (param[2] ?? param[3] ?? '').replace(/\\(.)/g, '$1').toLowerCase().split(/\s+/).filter(Boolean);
      let resolved: string;
      try {
        resolved = new URL(target, base).href;
      } catch {
        continue;
      }
      for (const rel of rels) if (!links.has(rel)) links.set(rel, resolved);
      break; // RFC 8288: only the first rel parameter counts
    }
  }
  return links;
}

/** Where the first CSV record ends (after its line break), honouring quoted fields that hold line breaks. */
export function endOfFirstRecord(csv: string): number {
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const c = csv[i];
    if (c === '"') quoted = !quoted; // an escaped "" toggles twice
    else if (!quoted && c === '\n') return i + 1;
    else if (!quoted && c === '\r') return csv[i + 1] === '\n' ? i + 2 : i + 1;
  }
  return csv.length;
}

/** CSV records in a text (a trailing line break does not start another). */
export function countRecords(csv: string): number {
  let records = 0;
  let rest = csv;
  while (rest.length) {
    const end = endOfFirstRecord(rest);
    records += 1;
    rest = rest.slice(end);
  }
  return records;
}

const BOM = '\uFEFF';
const withLineBreak = (csv: string) => (csv === '' || /[\r\n]$/.test(csv) ? csv : `${csv}\r\n`);

/** The rows of a later page, checked to carry the first page's header (which is not repeated). */
export function joinPage(firstHeader: string, page: string, pageNumber: number): string {
  const csv = page.startsWith(BOM) ? page.slice(BOM.length) : page;
  const end = endOfFirstRecord(csv);
  const header = csv.slice(0, end).replace(/\r?\n$|\r$/, '');
  if (header !== firstHeader) throw new Error(`page ${pageNumber} has another header row (${JSON.stringify(header.slice(0, 80))}); not joining it`);
  return withLineBreak(csv.slice(end));
}

export interface ExportOptions {
  api: string;
  token: string;
  status?: string;
  articleId?: string;
  policy: RetryPolicy;
  progress: Progress;
  /** Receives the CSV in order, a page at a time. */
  write: (chunk: string) => Promise<void> | void;
}

export class ExportFailure extends Error {}

export async function exportCsv(options: ExportOptions): Promise<{ pages: number; rows: number }> {
  const { progress } = options;
  const first = new URL('claims/export.csv', options.api.endsWith('/') ? options.api : `${options.api}/`);
  if (options.status) first.searchParams.set('status', options.status);
  if (options.articleId) first.searchParams.set('articleId', options.articleId);
  const visited = new Set<string>();
  let next: string | undefined = first.href;
  let header: string | undefined;
  let pages = 0;
  let rows = 0;
  while (next) {
    // the token goes with every request: never to another origin than the one we were given
    if (new URL(next).origin !== first.origin) throw new ExportFailure(`page ${pages + 1} is on another origin (${new URL(next).origin}); the token is not sent there`);
    if (visited.has(next)) throw new ExportFailure(`page ${pages + 1} links back to an earlier page (${next}); stopping`);
    visited.add(next);
    let answer;
    try {
      answer = await requestWithRetry(next, { method: 'GET', headers: { Authorization: `Bearer ${options.token}`, Accept: 'text/csv' } }, options.policy, ({ attempt, delayMs, reason }) =>
        progress.note(`retrying page ${pages + 1} in ${(delayMs / 1000).toFixed(1)} s (${reason}; retry ${attempt} of ${options.policy.retries})`),
      );
    } catch (error) {
      if (error instanceof NoAnswer) throw new ExportFailure(`page ${pages + 1}: ${error.message}`);
      throw error;
    }
    if (answer.status !== 200) {
      const hint = answer.status === 404 && pages === 0 ? ' (does this API have GET /claims/export.csv? It is part of API version 1.1)' : '';
      throw new ExportFailure(`page ${pages + 1}: ${answer.status} ${problemDetail(answer)}${hint}`);
    }
    const type = answer.headers.get('content-type') ?? '';
    if (!/^text\/csv\b/i.test(type)) throw new ExportFailure(`page ${pages + 1} is ${type || 'untyped'}, not text/csv`);
    pages += 1;
    let chunk: string;
    if (header === undefined) {
      const csv = answer.text;
      const bare = csv.startsWith(BOM) ? csv.slice(BOM.length) : csv;
      header = bare.slice(0, endOfFirstRecord(bare)).replace(/\r?\n$|\r$/, '');
      chunk = withLineBreak(csv);
      rows += Math.max(0, countRecords(bare) - 1);
    } else {
      try {
        chunk = joinPage(header, answer.text, pages);
      } catch (error) {
        throw new ExportFailure((error as Error).message);
      }
      rows += countRecords(chunk);
    }
    await options.write(chunk);
    next = parseLinkHeader(answer.headers.get('link'), next).get('next');
    progress.note(`page ${pages}: ${rows} row${rows === 1 ? '' : 's'} so far${next ? '' : ', done'}`);
  }
  return { pages, rows };
}
