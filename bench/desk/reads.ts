/**
 * The DynamoDB cost of each read at both sizes, through the domain functions with the request counter on the desk's
 * client: requests, capacity and items read do not move with the machine's load, and show whether a read grows
 * with the table (a Scan or a filter over everything would).
 */
import { parse } from 'csv-parse/sync';
import { readArticle } from '../../lib/articles.js';
import { readClaim, reviewQueue } from '../../lib/claims.js';
import type { Desk } from '../../lib/desk.js';
import { exportPage } from '../../lib/exports/csv.js';
import { withQueueMatches } from '../../lib/repeats.js';
import { countRequests, summarise } from './count.js';

interface Cost {
  requests: number;
  rcu: number;
  byCommand: string;
  /** What the read returned, when that differs between the sides (rows, and the articles they belong to). */
  detail?: string;
}

export interface ReadCost {
  name: string;
  small: Cost;
  large: Cost;
}

/** A queue page as GET /claims answers it: the page, then its claims' matches. */
async function queueWithMatches(desk: Desk, cursor?: string): Promise<void> {
  const page = await reviewQueue(desk, { status: 'pending', limit: 50, cursor });
  await withQueueMatches(desk, page.items);
}

interface Target {
  desk: Desk;
  deepCursor: string | undefined;
  articleId: string;
  claimId: string;
}

export async function readCosts(small: Target, large: Target): Promise<ReadCost[]> {
  const reads: [string, (t: Target) => Promise<string | void>][] = [
    ['queue, first page (50), with matches', (t) => queueWithMatches(t.desk)],
    ['queue, deep page (after 500 claims), with matches', (t) => queueWithMatches(t.desk, t.deepCursor)],
    ['GET /claims/{id}', async (t) => void (await readClaim(t.desk, t.claimId))],
    ['GET /articles/{id}', async (t) => void (await readArticle(t.desk, t.articleId))],
    [
      'CSV export, first page',
      async (t) => {
        const page = await exportPage(t.desk, { status: 'pending' });
        const articles = new Set((parse(page.csv, { columns: true }) as { articleId: string }[]).map((row) => row.articleId));
        return `${page.rows} rows of ${articles.size} articles`;
      },
    ],
  ];
  const counters = new Map([small, large].map((t) => [t, countRequests(t.desk.storage.db)]));
  const rows: ReadCost[] = [];
  for (const [name, read] of reads) {
    const measure = async (t: Target) => {
      const counter = counters.get(t)!;
      counter.take();
      const detail = await read(t);
      const s = summarise(counter.take());
      return { requests: s.requests, rcu: s.readCapacity, byCommand: Object.entries(s.byCommand).map(([k, n]) => `${k} ${n}`).join(', '), ...(detail ? { detail } : {}) };
    };
    rows.push({ name, small: await measure(small), large: await measure(large) });
  }
  return rows;
}
