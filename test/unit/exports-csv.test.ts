/** CSV export cells: RFC 4180 quoting, formula-injection neutralising and the row layout of API.md. */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { claimRow, claimsCsv, safeCell } from '../../lib/exports/csv.js';
import type { Claim } from '../../schemas/claim.js';
import { CSV_COLUMNS } from '../../schemas/exports.js';

const claim = (overrides: Partial<Claim> = {}): Claim => ({
  claimId: '0123456789abcdef01234567.3',
  articleId: '0123456789abcdef01234567',
  articleTitle: 'Budget day',
  seq: 3,
  text: 'Spending rose 4% last year.',
  start: 10,
  end: 37,
  checkworthiness: 0.87,
  type: 'quantity',
  status: 'verified',
  version: 2,
  sources: [],
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-02T11:00:00.000Z',
  ...overrides,
});

describe('safeCell', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1 555 0100', "'+1 555 0100"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\r=1', "'\r=1"],
  ])('neutralises %j', (input, output) => expect(safeCell(input)).toBe(output));

  it.each(['plain', ' =not first', 'a=b', "'already", '', 'é 😀 日本', '4%'])('leaves %j as it is', (input) => expect(safeCell(input)).toBe(input));

  it('writes absent values as empty cells and numbers as they are', () => {
    expect(safeCell(undefined)).toBe('');
    expect(safeCell(null)).toBe('');
    expect(safeCell(0.87)).toBe('0.87');
    expect(safeCell(12)).toBe('12');
  });
});

describe('claimRow', () => {
  it('fills the columns of API.md in order, sources as URLs separated by spaces', () => {
    const row = claimRow(
      claim({
        rating: 'mostly-true',
        speaker: 'Jens Stoltenberg',
        standalone: 'Stoltenberg said spending rose 4% last year.',
        note: 'checked',
        updatedBy: 'alice',
        sources: [
          { url: 'https://a.example/1', title: 'A', addedBy: 'alice', addedAt: '2026-12-02T11:00:00.000Z' },
          { url: 'https://b.example/2?x=1,2', addedBy: 'bob', addedAt: '2026-12-02T11:00:00.000Z' },
        ],
      }),
    );
    expect(Object.fromEntries(CSV_COLUMNS.map((column, i) => [column, row[i]]))).toEqual({
      claimId: '0123456789abcdef01234567.3',
      articleId: '0123456789abcdef01234567',
      articleTitle: 'Budget day',
      seq: '3',
      status: 'verified',
      rating: 'mostly-true',
      checkworthiness: '0.87',
      type: 'quantity',
      speaker: 'Jens Stoltenberg',
      text: 'Spending rose 4% last year.',
      standalone: 'Stoltenberg said spending rose 4% last year.',
      note: 'checked',
      sources: 'https://a.example/1 https://b.example/2?x=1,2',
      updatedAt: '2026-12-02T11:00:00.000Z',
      updatedBy: 'alice',
    });
  });

  it('percent-encodes whitespace inside a source URL, so spaces only separate URLs', () => {
    const row = claimRow(claim({ sources: [{ url: 'https://a.example/x y\tz', addedBy: 'a', addedAt: 'b' }, { url: 'https://b.example/', addedBy: 'a', addedAt: 'b' }] }));
    expect(row[CSV_COLUMNS.indexOf('sources')]).toBe('https://a.example/x%20y%09z https://b.example/');
  });

  it('leaves optional fields empty', () => {
    const row = claimRow(claim({ articleTitle: undefined }));
    const byColumn = Object.fromEntries(CSV_COLUMNS.map((column, i) => [column, row[i]]));
    for (const column of ['articleTitle', 'rating', 'speaker', 'standalone', 'note', 'sources', 'updatedBy'] as const) expect(byColumn[column]).toBe('');
  });

  it('neutralises a formula in any text cell (note, title, speaker, text)', () => {
    const row = claimRow(claim({ note: '=1+1', articleTitle: '@evil', speaker: '+speaker', text: '-5 degrees is cold.' }));
    expect(row).toContain("'=1+1");
    expect(row).toContain("'@evil");
    expect(row).toContain("'+speaker");
    expect(row).toContain("'-5 degrees is cold.");
  });
});

describe('claimsCsv', () => {
  const hostile = [
    '=HYPERLINK("http://x","y")',
    'He said "no", then left',
    'line one\nline two',
    'carriage\r\nreturn',
    'lone\rCR',
    'naïve café — 東京 😀🇪🇺',
    ',leading comma',
    '"',
    '',
  ];

  it('writes the header row and CRLF records, quoting commas, quotes and line breaks (RFC 4180)', () => {
    const csv = claimsCsv([claim({ note: 'a,b "c"\nd' })]);
    expect(csv.startsWith(`${CSV_COLUMNS.join(',')}\r\n`)).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv).toContain('"a,b ""c""\nd"');
  });

  it('round-trips hostile cells through a CSV parser (neutralised ones with their leading quote)', () => {
    const claims = hostile.map((note, i) => claim({ seq: i + 1, claimId: `0123456789abcdef01234567.${i + 1}`, note: note || undefined, articleTitle: note, sources: note ? [{ url: `https://x.example/${i}`, title: note, addedBy: 'a', addedAt: 'b' }] : [] }));
    const records = parse(claimsCsv(claims), { columns: true, relax_quotes: false }) as Record<string, string>[];
    expect(records).toHaveLength(hostile.length);
    records.forEach((record, i) => {
      expect(Object.keys(record)).toEqual([...CSV_COLUMNS]);
      expect(record.note).toBe(safeCell(hostile[i]));
      expect(record.articleTitle).toBe(safeCell(hostile[i]));
      expect(record.claimId).toBe(`0123456789abcdef01234567.${i + 1}`);
    });
    expect(records[0]!.note).toBe(`'=HYPERLINK("http://x","y")`);
  });

  it('is only the header row when there are no claims', () => {
    expect(claimsCsv([])).toBe(`${CSV_COLUMNS.join(',')}\r\n`);
  });
});
