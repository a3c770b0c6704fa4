/**
 * Exports on the real stack (serverless-offline + DynamoDB Local): ClaimReview JSON-LD for rated claims only, and the
 * CSV export round-tripped through csv-parse with hostile cells and more than 1,000 rows across Link-ed pages.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Desk } from '../../lib/desk.js';
import { safeCell } from '../../lib/exports/csv.js';
import { ClaimStatus, type Claim } from '../../schemas/claim.js';
import { ClaimReviewDocument, CSV_COLUMNS, CSV_ROWS_MAX } from '../../schemas/exports.js';
import { DEMO_TEXT, deskOn } from '../support/desk.js';
import { fixture } from '../support/fake-http.js';
import { client, isProblem } from '../support/http.js';
import { rateClaim } from '../support/rating.js';
import { startStack, type Stack } from '../support/stack.js';

const ORG = 'E2E Fact Check — Ünïcode';
const REVIEW_URL = 'https://checks.example/reviews/{claimId}?from={articleId}';

let stack: Stack;
let call: ReturnType<typeof client>;
let desk: Desk;

beforeAll(async () => {
  stack = await startStack({ env: { CLAIMDESK_ORG_NAME: ORG, CLAIMDESK_REVIEW_URL: REVIEW_URL } });
  call = client(stack.baseUrl, await stack.token('erin', ['editor', 'reviewer']));
  desk = deskOn(stack.storage);
});
afterAll(async () => {
  await stack?.stop();
});

async function submit(body: Record<string, unknown>): Promise<{ article: { articleId: string; title: string; claimCount: number }; claims: Claim[] }> {
  const answer = await call('POST', '/articles', { body });
  expect(answer.status, answer.text).toBe(201);
  return answer.body;
}

async function review(claimId: string, body: Record<string, unknown>): Promise<Claim> {
  const read = await call('GET', `/claims/${claimId}`);
  const answer = await call('PATCH', `/claims/${claimId}`, { body, headers: { 'If-Match': read.headers.get('etag')! } });
  expect(answer.status, answer.text).toBe(200);
  return answer.body.claim;
}

describe('GET /articles/{articleId}/claimreview', () => {
  it('gives one ClaimReview per rated claim, as JSON-LD with the configured organisation and review URLs', async () => {
    const { article, claims } = await submit({ text: DEMO_TEXT, title: 'NATO talks end without breakthrough', url: 'https://news.example/nato', publishedAt: '2022-01-12' });
    const none = await call('GET', `/articles/${article.articleId}/claimreview`);
    expect(none.status).toBe(200);
    expect(none.headers.get('content-type')).toMatch(/^application\/ld\+json\b/);
    expect(none.body).toEqual([]);

    const withStandalone = claims.find((c) => c.standalone && c.speaker === 'Stoltenberg')!;
    const plain = claims.find((c) => !c.standalone && c.speaker === 'Kremlin')!;
    const unrated = claims.find((c) => c !== withStandalone && c !== plain)!;
    await rateClaim(call, desk, withStandalone.claimId, 'disputed', 'mostly-false');
    await rateClaim(call, desk, plain.claimId, 'verified', 'unproven');
    await review(unrated.claimId, { status: 'verified', note: 'no rating on this one' });

    const answer = await call('GET', `/articles/${article.articleId}/claimreview`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/ld\+json\b/);
    const reviews = answer.body as unknown[];
    expect(reviews).toHaveLength(2);
    for (const item of reviews) expect(ClaimReviewDocument.safeParse(item).error).toBeUndefined();
    const [first, second] = reviews.map((item) => ClaimReviewDocument.parse(item));
    const stored = async (claimId: string) => (await call('GET', `/claims/${claimId}`)).body.claim as Claim;

    // text order; the stand-alone wording; the review URL pattern filled in; when the verdict was given
    expect(first!.url).toBe(`https://checks.example/reviews/${withStandalone.claimId}?from=${article.articleId}`);
    expect(first!.claimReviewed).toBe(withStandalone.standalone);
    expect(first!.datePublished).toBe((await stored(withStandalone.claimId)).updatedAt);
    expect(first!.author).toEqual({ '@type': 'Organization', name: ORG });
    expect(first!.reviewRating).toEqual({ '@type': 'Rating', ratingValue: 2, bestRating: 5, worstRating: 1, alternateName: 'Mostly false' });
    expect(first!.itemReviewed).toEqual({
      '@type': 'Claim',
      author: { '@type': 'Person', name: 'Jens Stoltenberg' },
      datePublished: '2022-01-12',
      appearance: { '@type': 'CreativeWork', url: 'https://news.example/nato', headline: 'NATO talks end without breakthrough' },
    });
    expect(second!.claimReviewed).toBe(plain.text);
    expect(second!.reviewRating).toEqual({ '@type': 'Rating', bestRating: 5, worstRating: 1, alternateName: 'Unproven' });
    expect(second!.itemReviewed.author).toEqual({ '@type': 'Organization', name: 'Kremlin' });
    expect(reviews.map((r) => (r as { url: string }).url).join(' ')).not.toContain(unrated.claimId);
  });

  it('answers 404 for an unknown article and 401 without a token', async () => {
    expect(isProblem(await call('GET', `/articles/${'0'.repeat(24)}/claimreview`), 404)).toBe(true);
    expect(isProblem(await call('GET', '/articles/not-an-id/claimreview'), 404)).toBe(true);
    expect(isProblem(await call('GET', `/articles/${'0'.repeat(24)}/claimreview`, { token: null }), 401)).toBe(true);
  });
});

/** Check-worthy debate sentences (CheckThat! train), `size` to an article. */
function sentenceArticles(count: number, size: number): string[] {
  const rows = readFileSync(fixture('data/checkworthiness/CT24_checkworthy_english_train.tsv'), 'utf8').split(/\r?\n/).slice(1);
  const sentences = rows
    .map((line) => line.split('\t'))
    .filter((cells) => cells[2]?.trim() === 'Yes')
    .map((cells) => cells[1]!.replace(/^"([\s\S]*)"$/, '$1').replace(/""/g, '"'));
  return Array.from({ length: count }, (_, i) => sentences.slice(i * size, i * size + size).join(' '));
}

interface CsvPageAnswer {
  status: number;
  type: string;
  link: string | null;
  text: string;
  rows: Record<string, string>[];
}

/** Every page of an export, following `Link: rel="next"` (relative to the page, as RFC 8288 says). */
async function exportAll(query: string): Promise<CsvPageAnswer[]> {
  const pages: CsvPageAnswer[] = [];
  let url: string | undefined = new URL(`/claims/export.csv${query}`, stack.baseUrl).href;
  while (url) {
    const answer: { status: number; headers: Headers; text: string } = await call('GET', url.slice(stack.baseUrl.length));
    expect(answer.status, answer.text.slice(0, 300)).toBe(200);
    const link: string | null = answer.headers.get('link');
    const header = answer.text.slice(0, answer.text.indexOf('\r\n'));
    expect(header).toBe(CSV_COLUMNS.join(','));
    const rows = parse(answer.text, { columns: true, relax_quotes: false, skip_empty_lines: false }) as Record<string, string>[];
    pages.push({ status: answer.status, type: answer.headers.get('content-type') ?? '', link, text: answer.text, rows });
    const match: RegExpMatchArray | null | undefined = link?.match(/^<([^>]+)>; rel="next"$/);
    if (link) expect(match).not.toBeNull();
    url = match ? new URL(match[1]!, url).href : undefined;
    expect(pages.length).toBeLessThan(20);
  }
  return pages;
}

describe('GET /claims/export.csv', () => {
  const HOSTILE_TITLE = '=HYPERLINK("http://x","y"), "quoted" — naïve café 😀';
  const NOTES = [
    '=HYPERLINK("http://x","y")',
    'He said "no", then left, twice',
    'line one\nline two\r\nline three',
    '+31 20 555 0100 — naïve 東京 😀🇪🇺',
    '@admin -1',
    '-5 degrees, "cold"',
  ];
  let hostile: { articleId: string; claims: Claim[] };
  const reviewed = new Map<string, Claim>();

  beforeAll(async () => {
    const text = [
      'Prices at the café in Zürich rose 40 percent in 2023, the owner said.',
      'The "emergency" fund paid out €2.5 million — twice the 2022 figure 😀.',
      'Unemployment in Tōkyō fell to 2.4 percent in March, officials said.',
      'The council spent $5 million, or 12% of its budget, on roads in 2022.',
      'Exports to Brazil grew by 18 percent last year, according to the ministry.',
      'The city recorded 1,204 burglaries in 2021, up from 950 in 2020.',
    ].join('\n\n');
    const submitted = await submit({ text, title: HOSTILE_TITLE });
    hostile = { articleId: submitted.article.articleId, claims: submitted.claims };
    expect(hostile.claims.length).toBeGreaterThanOrEqual(NOTES.length);
    for (const [i, note] of NOTES.entries()) {
      const claim = hostile.claims[i]!;
      const body: Record<string, unknown> = { note };
      if (i % 2 === 0) {
        body.status = 'sourced';
        body.addSources = [
          { url: `https://example.org/report,${i}?q="a b"&x=1`, title: '=HYPERLINK("http://x","y")' },
          { url: `https://example.org/ünï/${i}`, title: 'Naïve "title", with commas — 😀' },
        ];
      } else body.status = i === 1 ? 'disputed' : 'dismissed';
      reviewed.set(claim.claimId, await review(claim.claimId, body));
    }
    // more than 1,000 claims in the desk: bulk articles of check-worthy debate sentences
    for (const [i, body] of sentenceArticles(3, 450).entries()) await submit({ text: body, title: `Bulk ${i}` });
  });

  it('exports every claim once over more than one page: header row on each, ≤ 1,000 rows, statuses in order, Link until the last', async () => {
    const articles = (await call('GET', '/articles?limit=200')).body.items as { articleId: string; claimCount: number }[];
    const total = articles.reduce((sum, a) => sum + a.claimCount, 0);
    expect(total).toBeGreaterThan(CSV_ROWS_MAX);
    const pages = await exportAll('');
    expect(pages.length).toBeGreaterThanOrEqual(2);
    pages.forEach((page, i) => {
      expect(page.type).toBe('text/csv; charset=utf-8');
      expect(page.rows.length).toBeGreaterThan(0);
      expect(page.rows.length).toBeLessThanOrEqual(CSV_ROWS_MAX);
      expect(page.link === null).toBe(i === pages.length - 1);
    });
    expect(pages[0]!.rows).toHaveLength(CSV_ROWS_MAX);
    const rows = pages.flatMap((page) => page.rows);
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.claimId)).size).toBe(total);
    // fixed status order, and within a status the queue's order (most check-worthy first)
    const order = rows.map((r) => ClaimStatus.options.indexOf(r.status as ClaimStatus));
    expect(order.every((value, i) => value >= 0 && (i === 0 || value >= order[i - 1]!))).toBe(true);
    for (let i = 1; i < rows.length; i++) {
      if (rows[i]!.status === rows[i - 1]!.status) expect(Number(rows[i]!.checkworthiness)).toBeLessThanOrEqual(Number(rows[i - 1]!.checkworthiness));
    }
    expect(new Set(rows.map((r) => r.status))).toEqual(new Set(['pending', 'disputed', 'sourced', 'dismissed', 'verified']));
  });

  it('round-trips hostile cells: notes, titles, sources, non-ASCII text, with formulas neutralised', async () => {
    const pages = await exportAll(`?articleId=${hostile.articleId}`);
    expect(pages).toHaveLength(1);
    const rows = pages[0]!.rows;
    expect(rows).toHaveLength(hostile.claims.length);
    const byId = new Map(rows.map((r) => [r.claimId, r]));
    for (const claim of hostile.claims) {
      const row = byId.get(claim.claimId)!;
      const stored = reviewed.get(claim.claimId) ?? claim;
      expect(row.articleId).toBe(hostile.articleId);
      expect(row.articleTitle).toBe(`'${HOSTILE_TITLE}`);
      expect(row.seq).toBe(String(claim.seq));
      expect(row.status).toBe(stored.status);
      expect(row.text).toBe(safeCell(claim.text));
      expect(row.standalone).toBe(safeCell(claim.standalone));
      expect(row.note).toBe(safeCell(stored.note));
      expect(row.sources).toBe(stored.sources.map((s) => s.url).join(' '));
      expect(row.updatedAt).toBe(stored.updatedAt);
      expect(row.updatedBy).toBe(stored.updatedBy ?? '');
      expect(Number(row.checkworthiness)).toBe(claim.checkworthiness);
    }
    const notes = hostile.claims.slice(0, NOTES.length).map((c) => byId.get(c.claimId)!.note);
    expect(notes).toEqual([
      `'=HYPERLINK("http://x","y")`,
      'He said "no", then left, twice',
      'line one\nline two\r\nline three',
      `'+31 20 555 0100 — naïve 東京 😀🇪🇺`,
      `'@admin -1`,
      `'-5 degrees, "cold"`,
    ]);
    expect(rows.some((r) => r.text === 'Prices at the café in Zürich rose 40 percent in 2023, the owner said.')).toBe(true);
    expect(rows.some((r) => r.text === 'The "emergency" fund paid out €2.5 million — twice the 2022 figure 😀.')).toBe(true);
    // on the wire: RFC 4180 quoting, CRLF between records
    expect(pages[0]!.text).toContain(`"'=HYPERLINK(""http://x"",""y""), ""quoted"" — naïve café 😀"`);
    expect(pages[0]!.text).toContain('"line one\nline two\r\nline three"');
    expect(pages[0]!.text.endsWith('\r\n')).toBe(true);
  });

  it('narrows to one status, and answers bad queries with problems', async () => {
    const sourced = (await exportAll('?status=sourced')).flatMap((p) => p.rows);
    expect(sourced.map((r) => r.claimId).sort()).toEqual([...reviewed.values()].filter((c) => c.status === 'sourced').map((c) => c.claimId).sort());
    const pending = await exportAll('?status=pending');
    expect(pending.length).toBeGreaterThanOrEqual(2);
    expect(pending.flatMap((p) => p.rows).every((r) => r.status === 'pending')).toBe(true);

    const first = await call('GET', '/claims/export.csv?status=pending');
    const cursor = new URLSearchParams(first.headers.get('link')!.match(/<[^?]*\?([^>]*)>/)![1]).get('cursor')!;
    expect(isProblem(await call('GET', `/claims/export.csv?status=verified&cursor=${cursor}`), 400)).toBe(true);
    expect(isProblem(await call('GET', `/claims/export.csv?cursor=${cursor.slice(0, -2)}xx`), 400)).toBe(true);
    expect(isProblem(await call('GET', '/claims/export.csv?status=bogus'), 400)).toBe(true);
    expect(isProblem(await call('GET', '/claims/export.csv?articleId=nope'), 400)).toBe(true);
    expect(isProblem(await call('GET', '/claims/export.csv?limit=5'), 400)).toBe(true);
    expect(isProblem(await call('GET', `/claims/export.csv?articleId=${'0'.repeat(24)}`), 404)).toBe(true);
    expect(isProblem(await call('GET', '/claims/export.csv', { token: null }), 401)).toBe(true);
  });

  it('is its own route: GET /claims/export.csv is not taken for a claim id, and claims are still found by id', async () => {
    const csv = await call('GET', '/claims/export.csv?status=sourced');
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const [claimId] = [...reviewed.keys()];
    expect((await call('GET', `/claims/${claimId}`)).status).toBe(200);
    expect(isProblem(await call('GET', '/claims/export.json'), 404)).toBe(true);
  });
});
