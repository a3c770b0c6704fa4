/**
 * CSV export paging over in-memory review queues (reviewQueue mocked): statuses in a fixed order, a cursor that spans
 * them, a byte budget, never an empty last page, cursors bound to their query.
 */
import { parse } from 'csv-parse/sync';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CursorCodec } from '../../lib/cursor.js';
import type { Desk } from '../../lib/desk.js';
import { ProblemError } from '../../lib/problems.js';
import type { Claim, ClaimStatus } from '../../schemas/claim.js';
import type { ClaimExportQuery } from '../../schemas/exports.js';

const queues = new Map<ClaimStatus, Claim[]>();
const reads: { status: ClaimStatus; limit: number }[] = [];

vi.mock('../../lib/claims.js', () => ({
  // The queue as reviewQueue serves it: a page of `limit` from the cursor (here an index), nextCursor when more follow.
  reviewQueue: async (_desk: Desk, query: { status: ClaimStatus; articleId?: string; limit: number; cursor?: string }) => {
    reads.push({ status: query.status, limit: query.limit });
    const all = (queues.get(query.status) ?? []).filter((claim) => !query.articleId || claim.articleId === query.articleId);
    const from = query.cursor ? Number(query.cursor) : 0;
    const items = all.slice(from, from + query.limit);
    return { items, ...(from + query.limit < all.length ? { nextCursor: String(from + query.limit) } : {}) };
  },
}));
vi.mock('../../lib/store/articles.js', () => ({
  completeArticleIds: async (_storage: unknown, ids: string[]) => new Set(ids.filter((id) => id !== 'f'.repeat(24))),
}));
const { exportPage } = await import('../../lib/exports/csv.js');

const desk = { cursors: new CursorCodec(new TextEncoder().encode('k'.repeat(32))), storage: {}, now: () => new Date() } as unknown as Desk;
const ARTICLES = ['a'.repeat(24), 'b'.repeat(24)];

function fill(counts: Partial<Record<ClaimStatus, number>>, note?: (i: number) => string) {
  queues.clear();
  let n = 0;
  for (const [status, count] of Object.entries(counts) as [ClaimStatus, number][]) {
    queues.set(
      status,
      Array.from({ length: count }, (_, i) => {
        n += 1;
        const articleId = ARTICLES[n % 2]!;
        return {
          claimId: `${articleId}.${n}`, articleId, articleTitle: 'T', seq: n, text: 'A fact.', start: 0, end: 7, checkworthiness: 1 - i / (count + 1),
          type: 'other', status, version: 1, sources: [], createdAt: 'c', updatedAt: 'u', ...(note ? { note: note(n) } : {}),
        } satisfies Claim;
      }),
    );
  }
}

async function everyPage(query: Omit<ClaimExportQuery, 'cursor'>, rowsMax?: number, bytesMax?: number) {
  const pages: Record<string, string>[][] = [];
  let cursor: string | undefined;
  do {
    const page = await exportPage(desk, { ...query, ...(cursor ? { cursor } : {}) }, rowsMax, bytesMax);
    const rows = parse(page.csv, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(page.rows);
    pages.push(rows);
    cursor = page.nextCursor;
    expect(pages.length).toBeLessThan(100);
  } while (cursor);
  return pages;
}

beforeEach(() => {
  reads.length = 0;
});

describe('exportPage', () => {
  it('walks every status in a fixed order across pages, each claim once, pages full but the last', async () => {
    fill({ dismissed: 2, pending: 5, sourced: 1, verified: 3 });
    const pages = await everyPage({}, 4);
    expect(pages.map((p) => p.length)).toEqual([4, 4, 3]);
    const statuses = pages.flat().map((row) => row.status);
    expect(statuses).toEqual([...Array(5).fill('pending'), ...Array(3).fill('verified'), 'sourced', 'dismissed', 'dismissed']);
    expect(new Set(pages.flat().map((row) => row.claimId)).size).toBe(11);
  });

  it('never ends on an empty page when a page fills exactly at the end of a status', async () => {
    fill({ pending: 4, disputed: 0, dismissed: 0 });
    expect((await everyPage({}, 4)).map((p) => p.length)).toEqual([4]);
    fill({ pending: 4, dismissed: 1 });
    expect((await everyPage({}, 4)).map((p) => p.length)).toEqual([4, 1]);
  });

  it('keeps to one status and to one article when asked', async () => {
    fill({ pending: 6, verified: 5 });
    const verified = (await everyPage({ status: 'verified' }, 2)).flat();
    expect(verified.map((r) => r.status)).toEqual(Array(5).fill('verified'));
    const one = (await everyPage({ articleId: ARTICLES[0]! }, 3)).flat();
    expect(one.length).toBe([...queues.values()].flat().filter((c) => c.articleId === ARTICLES[0]).length);
    expect(one.every((r) => r.articleId === ARTICLES[0])).toBe(true);
  });

  it('stops a page at the byte budget, and the next page goes on right after its last row', async () => {
    fill({ pending: 10 }, (n) => `note ${n} ${'x'.repeat(1000)}`);
    const pages = await everyPage({}, 1000, 3_500);
    expect(pages.length).toBeGreaterThan(3);
    for (const page of pages) expect(page.length).toBeGreaterThan(0);
    expect(pages.flat().map((r) => r.seq)).toEqual(queues.get('pending')!.map((c) => String(c.seq)));
  });

  it('moves on even when one row alone is over the budget', async () => {
    fill({ pending: 2 }, () => 'y'.repeat(5000));
    expect((await everyPage({}, 1000, 1000)).map((p) => p.length)).toEqual([1, 1]);
  });

  it('refuses a cursor of another query (400) and an unknown article (404)', async () => {
    fill({ pending: 5 });
    const first = await exportPage(desk, { status: 'pending' }, 2);
    expect(first.nextCursor).toBeDefined();
    await expect(exportPage(desk, { status: 'verified', cursor: first.nextCursor! }, 2)).rejects.toMatchObject({ status: 400 });
    await expect(exportPage(desk, { cursor: first.nextCursor! }, 2)).rejects.toBeInstanceOf(ProblemError);
    await expect(exportPage(desk, { articleId: 'f'.repeat(24) })).rejects.toMatchObject({ status: 404 });
  });

  it('reads the queues for at most the rows a page still needs', async () => {
    fill({ pending: 3, verified: 3 });
    await exportPage(desk, {}, 4);
    expect(reads.slice(0, 2)).toEqual([{ status: 'pending', limit: 4 }, { status: 'verified', limit: 1 }]);
  });
});
