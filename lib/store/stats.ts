/**
 * The desk-wide counts (GET /stats): claims, articles and claims per status of every listed (complete, not archived)
 * article. Kept exact by adding deltas inside the same transactions that complete an ingest, review, archive and
 * restore; spread over STATS_SHARDS items by article so that reviews of different articles rarely collide.
 */
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { ClaimStatus } from '../../schemas/claim.js';
import type { StatusCounts } from '../../schemas/article.js';
import { getAll } from './batch.js';
import type { Storage } from './client.js';
import type { Item } from './items.js';
import * as keys from './keys.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

export interface DeskStats {
  claims: number;
  articles: number;
  statusCounts: StatusCounts;
}

export interface StatsDelta {
  claims?: number;
  articles?: number;
  statusCounts?: Partial<Record<ClaimStatus, number>>;
}

/** Every status with a count, 0 where an item (stored before the status existed) has none. */
export function fullCounts(counts: unknown): StatusCounts {
  const given = (counts && typeof counts === 'object' ? counts : {}) as Record<string, unknown>;
  return Object.fromEntries(ClaimStatus.options.map((status) => [status, typeof given[status] === 'number' ? given[status] : 0])) as StatusCounts;
}

/** The transaction item that adds `delta` to the article's shard (ADD creates the item and attributes at 0). */
export function statsUpdate(tableName: string, articleId: string, delta: StatsDelta): TransactItem {
  const all: [string, number][] = [
    ['claims', delta.claims ?? 0],
    ['articles', delta.articles ?? 0],
    ...ClaimStatus.options.map((status): [string, number] => [status, delta.statusCounts?.[status] ?? 0]),
  ];
  const terms = all.filter(([, by]) => by !== 0);
  const names: Record<string, string> = { '#entity': 'entity', '#v': 'v' };
  const values: Record<string, unknown> = { ':entity': 'stats', ':v': 1 };
  terms.forEach(([name, by], i) => {
    names[`#c${i}`] = name;
    values[`:c${i}`] = by;
  });
  const add = terms.length ? ` ADD ${terms.map((_, i) => `#c${i} :c${i}`).join(', ')}` : '';
  return {
    Update: {
      TableName: tableName,
      Key: keys.statsKey(keys.statsShardOf(articleId)),
      UpdateExpression: `SET #entity = :entity, #v = :v${add}`,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

/** The counts an article adds to the desk while it is listed. */
export function articleDelta(claimCount: number, statusCounts: StatusCounts, sign: 1 | -1): StatsDelta {
  return {
    claims: sign * claimCount,
    articles: sign,
    statusCounts: Object.fromEntries(ClaimStatus.options.map((status) => [status, sign * statusCounts[status]])),
  };
}

/** Sums the shards. */
export function sumStats(items: Item[]): DeskStats {
  const total: DeskStats = { claims: 0, articles: 0, statusCounts: fullCounts({}) };
  for (const item of items) {
    total.claims += Number(item.claims ?? 0);
    total.articles += Number(item.articles ?? 0);
    for (const status of ClaimStatus.options) total.statusCounts[status] += Number(item[status] ?? 0);
  }
  return total;
}

/** The desk's counts: one BatchGet of every shard, whatever the table holds. */
export async function readStats(storage: Storage): Promise<DeskStats> {
  const shards = Array.from({ length: keys.STATS_SHARDS }, (_, shard) => keys.statsKey(shard));
  return sumStats(await getAll(storage, shards, ['claims', 'articles', ...ClaimStatus.options], { consistent: true }));
}
