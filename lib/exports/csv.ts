/**
 * The CSV export of the review queues (GET /claims/export.csv): RFC 4180 rows built on reviewQueue, so claims of
 * articles still being stored (or archived) never appear, at most CSV_ROWS_MAX rows a page, and a cursor that runs
 * from one status's queue into the next when no status is asked for.
 */
import { stringify } from 'csv-stringify/sync';
import { ClaimStatus, type Claim } from '../../schemas/claim.js';
import { CSV_COLUMNS, CSV_ROWS_MAX, type ClaimExportQuery, type CsvColumn } from '../../schemas/exports.js';
import { reviewQueue } from '../claims.js';
import type { Desk } from '../desk.js';
import { invalidRequest, notFound } from '../problems.js';
import { completeArticleIds } from '../store/articles.js';

/** Characters a spreadsheet reads as the start of a formula (or that hide one); such a cell gets a leading '. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as text, with a formula-looking start neutralised (OWASP "CSV injection"). */
export function safeCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One claim as a CSV record, in CSV_COLUMNS order. */
export function claimRow(claim: Claim): string[] {
  const cells: Record<CsvColumn, unknown> = {
    claimId: claim.claimId,
    articleId: claim.articleId,
    articleTitle: claim.articleTitle,
    seq: claim.seq,
    status: claim.status,
    rating: claim.rating,
    checkworthiness: claim.checkworthiness,
    type: claim.type,
    speaker: claim.speaker,
    text: claim.text,
    standalone: claim.standalone,
    note: claim.note,
    // URLs are separated by spaces, so whitespace inside one (URL parsers accept and drop it) is percent-encoded
    sources: claim.sources.map((source) => source.url.replace(/\s/g, encodeURIComponent)).join(' '),
    updatedAt: claim.updatedAt,
    updatedBy: claim.updatedBy,
  };
  return CSV_COLUMNS.map((column) => safeCell(cells[column]));
}

/**
 * The header row and one record per claim, CRLF line ends (RFC 4180). csv-stringify quotes cells with commas and
 * quotes by itself; a line break alone would go unquoted with a CRLF record delimiter, so those are quoted too.
 */
export function claimsCsv(claims: Claim[]): string {
  return stringify([[...CSV_COLUMNS], ...claims.map(claimRow)], { record_delimiter: 'windows', quoted_match: /[\r\n]/ });
}

/** Where the export goes on from: a status's queue and reviewQueue's cursor in it (none: from its start). */
interface ExportPosition {
  status: ClaimStatus;
  queueCursor?: string;
}

/** The statuses an export walks, in this fixed order; one status when the query names it. */
const statusesOf = (query: ClaimExportQuery): ClaimStatus[] => (query.status ? [query.status] : [...ClaimStatus.options]);

/** A cursor is bound to the filters it was made for: another query refuses it (400). */
const scopeOf = (query: ClaimExportQuery) => `export:${query.status ?? '*'}:${query.articleId ?? '*'}`;

function decodePosition(desk: Desk, query: ClaimExportQuery): ExportPosition {
  const statuses = statusesOf(query);
  const decoded = desk.cursors.decode(scopeOf(query), query.cursor);
  if (!decoded) return { status: statuses[0]! };
  const status = ClaimStatus.safeParse(decoded.status);
  if (!status.success || !statuses.includes(status.data) || (decoded.queueCursor !== undefined && typeof decoded.queueCursor !== 'string')) {
    throw invalidRequest('The cursor is not one this query gave out.', [{ path: 'cursor', message: 'unknown cursor' }]);
  }
  return { status: status.data, ...(decoded.queueCursor ? { queueCursor: decoded.queueCursor } : {}) };
}

export interface CsvPage {
  csv: string;
  rows: number;
  /** The cursor of the next page; absent on the last one. */
  nextCursor?: string;
}

/**
 * A response stays well under what a Lambda may answer (6 MB; API.md v1.2 allows 5 MB): at the documented limits one
 * row can reach ~250 KB (100 source URLs of 2,048 characters, a 4,000-character note), so rows also stop here.
 */
export const CSV_BYTES_MAX = 4_000_000;

const recordBytes = (claim: Claim) => Buffer.byteLength(stringify([claimRow(claim)], { record_delimiter: 'windows', quoted_match: /[\r\n]/ }));

/**
 * One page of the export: up to `rowsMax` claims (and at most `bytesMax` of CSV), status by status in ClaimStatus
 * order and within a status in queue order (most check-worthy first, then oldest, then text order). A page that ends
 * exactly where a status's queue ends looks ahead one claim in the following statuses, so the last page is never empty.
 */
export async function exportPage(desk: Desk, query: ClaimExportQuery, rowsMax = CSV_ROWS_MAX, bytesMax = CSV_BYTES_MAX): Promise<CsvPage> {
  if (query.articleId && !(await completeArticleIds(desk.storage, [query.articleId])).has(query.articleId)) {
    throw notFound(`No article ${query.articleId}.`);
  }
  const statuses = statusesOf(query);
  let position: ExportPosition | undefined = decodePosition(desk, query);
  const claims: Claim[] = [];
  let bytes = Buffer.byteLength(claimsCsv([]));
  let full = false;
  const filter = query.articleId ? { articleId: query.articleId } : {};
  const read = (at: ExportPosition, limit: number) =>
    reviewQueue(desk, { status: at.status, ...filter, limit, ...(at.queueCursor ? { cursor: at.queueCursor } : {}) });
  while (position && !full) {
    let page = await read(position, rowsMax - claims.length);
    const sizes = page.items.map(recordBytes);
    let fit = 0;
    for (let total = bytes; fit < sizes.length && total + sizes[fit]! <= bytesMax; fit++) total += sizes[fit]!;
    if (fit === 0 && claims.length === 0 && sizes.length) fit = 1; // a page always moves on, however long its row
    if (fit < page.items.length) {
      // Too many bytes: read again only as many, so reviewQueue's cursor lands right after the last row sent.
      full = true;
      if (fit === 0) break;
      page = await read(position, fit);
    }
    claims.push(...page.items);
    bytes += page.items.reduce((sum, claim) => sum + recordBytes(claim), 0);
    full ||= claims.length >= rowsMax;
    if (page.nextCursor) position = { status: position.status, queueCursor: page.nextCursor };
    else position = nextStatus(statuses, position.status);
  }
  // Full page at the end of a status: move the position to the next status that has a claim, or end here.
  while (position && !position.queueCursor) {
    const probe = await read(position, 1);
    if (probe.items.length) break;
    position = nextStatus(statuses, position.status);
  }
  const nextCursor = position ? desk.cursors.encode(scopeOf(query), { ...position }) : undefined;
  return { csv: claimsCsv(claims), rows: claims.length, ...(nextCursor ? { nextCursor } : {}) };
}

function nextStatus(statuses: ClaimStatus[], status: ClaimStatus): ExportPosition | undefined {
  const next = statuses[statuses.indexOf(status) + 1];
  return next ? { status: next } : undefined;
}
