/**
 * The DynamoDB cost of each read at both sizes, through the domain functions with the request counter on the desk's
 * client: requests, capacity and items read do not move with the machine's load, and show whether a read grows
 * with the table (a Scan or a filter over everything would).
 */
import { readArticle } from '../../lib/articles.js';
import { readClaim, reviewQueue } from '../../lib/claims.js';
import type { Desk } from '../../lib/desk.js';
import { countRequests, summarise } from './count.js';

export interface ReadCost {
  name: string;
  small: { requests: number; rcu: number; byCommand: string };
  large: { requests: number; rcu: number; byCommand: string };
}

interface Target {
  desk: Desk;
  deepCursor: string | undefined;
  articleId: string;
  claimId: string;
}

export async function readCosts(small: Target, large: Target): Promise<ReadCost[]> {
  const reads: [string, (t: Target) => Promise<unknown>][] = [
    ['queue, first page (50)', (t) => reviewQueue(t.desk, { status: 'pending', limit: 50 })],
    ['queue, deep page (after 500 claims)', (t) => reviewQueue(t.desk, { status: 'pending', limit: 50, cursor: t.deepCursor })],
    ['GET /claims/{id}', (t) => readClaim(t.desk, t.claimId)],
    ['GET /articles/{id}', (t) => readArticle(t.desk, t.articleId)],
  ];
  const counters = new Map([small, large].map((t) => [t, countRequests(t.desk.storage.db)]));
  const rows: ReadCost[] = [];
  for (const [name, read] of reads) {
    const measure = async (t: Target) => {
      const counter = counters.get(t)!;
      counter.take();
      await read(t);
      const s = summarise(counter.take());
      return { requests: s.requests, rcu: s.readCapacity, byCommand: Object.entries(s.byCommand).map(([k, n]) => `${k} ${n}`).join(', ') };
    };
    rows.push({ name, small: await measure(small), large: await measure(large) });
  }
  return rows;
}
