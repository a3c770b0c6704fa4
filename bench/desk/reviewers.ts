/**
 * 4. Fifty reviewers: autocannon against serverless-offline on loopback (the queue, GET /claims/{id}, PATCH with
 * If-Match), beside a bare DynamoDB Local GetItem from this process at the same concurrency, so the handler's own
 * cost shows.
 */
import autocannon, { type Result as CannonResult } from 'autocannon';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { readConfig } from '../../lib/config.js';
import { openStorage } from '../../lib/store/client.js';
import { claimInput } from '../../lib/store/claims.js';
import { groupCpuMs, ownCpuMs } from './cpu.js';
import { median, p99 } from './stats.js';

export interface LoadRow {
  name: string;
  perSecond: number;
  p50: number;
  p99: number;
  requests: number;
  non2xx: number;
  errors: number;
  statuses: string;
  /** CPU ms per request spent by serverless-offline (with the handler in it), DynamoDB Local, and this process. */
  cpu: { offline: number; dynamo: number; bench: number };
}

const fromCannon = (name: string, r: CannonResult, cpu: LoadRow['cpu']): LoadRow => ({
  name,
  perSecond: r.requests.total / r.duration,
  p50: r.latency.p50,
  p99: r.latency.p99,
  requests: r.requests.total,
  non2xx: r.non2xx,
  errors: r.errors + r.timeouts,
  statuses: Object.entries(r.statusCodeStats).map(([s, { count }]) => `${s}×${count}`).join(' '),
  cpu,
});

/** Processes whose CPU time each run is charged with. */
export interface Groups {
  offline: number | undefined;
  dynamo: number | undefined;
}

/** Runs `load` and divides the CPU each process spent by the requests that completed. */
async function charged<T extends { requests: { total: number } } | number>(groups: Groups, load: () => Promise<T>): Promise<{ result: T; cpu: LoadRow['cpu'] }> {
  const before = { offline: groupCpuMs(groups.offline), dynamo: groupCpuMs(groups.dynamo), bench: ownCpuMs() };
  const result = await load();
  const answered = typeof result === 'number' ? result : result.requests.total;
  const n = answered > 0 ? answered : NaN;
  return {
    result,
    cpu: {
      offline: (groupCpuMs(groups.offline) - before.offline) / n,
      dynamo: (groupCpuMs(groups.dynamo) - before.dynamo) / n,
      bench: (ownCpuMs() - before.bench) / n,
    },
  };
}

interface ReviewTarget {
  claimId: string;
  version: number;
  status: string;
}

export async function reviewers(
  baseUrl: string,
  token: string,
  storage: { endpoint: string; tableName: string },
  groups: Groups,
  targets: ReviewTarget[],
  options: { connections: number; seconds: number; warmSeconds: number },
): Promise<LoadRow[]> {
  const auth = { Authorization: `Bearer ${token}` };
  const common = { url: baseUrl, connections: options.connections, duration: options.seconds, timeout: 30 };
  const rows: LoadRow[] = [];

  // The first requests pay the function's cold start and the JIT's warm-up: not part of the result.
  let warm = 0;
  const warmUp = await autocannon({
    ...common,
    duration: options.warmSeconds,
    headers: auth,
    requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/claims/${targets[warm++ % targets.length]!.claimId}` }) }],
  });
  rows.push(fromCannon('warm-up: GET /claims/{id} (not a result)', warmUp, { offline: NaN, dynamo: NaN, bench: NaN }));

  const queue = await charged(groups, () => autocannon({ ...common, headers: auth, requests: [{ method: 'GET', path: '/claims?status=pending&limit=50' }] }));
  rows.push(fromCannon('GET /claims?status=pending&limit=50 (queue)', queue.result, queue.cpu));

  let next = 0;
  const read = await charged(groups, () =>
    autocannon({
      ...common,
      headers: auth,
      requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: `/claims/${targets[next++ % targets.length]!.claimId}` }) }],
    }),
  );
  rows.push(fromCannon('GET /claims/{id}', read.result, read.cpu));

  // Each request reviews a claim nobody else is reviewing at that moment (claims of distinct articles), with the
  // version its last answer gave: every PATCH should succeed (200); a 412 would mean a lost version.
  const free = targets.map((t) => ({ ...t }));
  const byId = new Map(free.map((t) => [t.claimId, t]));
  let spare = 0;
  const review = await charged(groups, () =>
      autocannon({
        ...common,
        headers: { ...auth, 'Content-Type': 'application/json' },
        requests: [
          {
            method: 'PATCH',
            setupRequest: (request) => {
              const target = free.shift() ?? targets[spare++ % targets.length]!;
              const status = target.status === 'verified' ? 'disputed' : 'verified';
              return { ...request, path: `/claims/${target.claimId}`, headers: { ...request.headers, 'If-Match': `"${target.version}"` }, body: JSON.stringify({ status, note: 'bench review' }) };
            },
            onResponse: (_status, body) => {
              try {
                const parsed = JSON.parse(body) as { claim?: { claimId: string; version: number; status: string } };
                const claim = parsed.claim;
                const target = claim && byId.get(claim.claimId);
                if (claim && target) {
                  target.version = claim.version;
                  target.status = claim.status;
                  free.push(target);
                }
              } catch {
                /* counted by autocannon as a non-2xx */
              }
            },
          },
        ],
      }),
  );
  rows.push(fromCannon('PATCH /claims/{id} with If-Match', review.result, review.cpu));

  // The floor: the same GetItem the claim read makes, straight to DynamoDB Local, no HTTP in front, no handler.
  const db = openStorage({ ...readConfig({}), tableName: storage.tableName, dynamodbEndpoint: storage.endpoint }).db;
  const latencies: number[] = [];
  let errors = 0;
  const until = performance.now() + options.seconds * 1000;
  const t0 = performance.now();
  let k = 0;
  const bare = await charged(groups, async () => {
    await Promise.all(
    Array.from({ length: options.connections }, async () => {
      while (performance.now() < until) {
        const started = performance.now();
        try {
          await db.send(new GetCommand(claimInput(storage.tableName, targets[k++ % targets.length]!.claimId)));
          latencies.push(performance.now() - started);
        } catch {
          errors += 1;
        }
      }
    }),
    );
    return latencies.length;
  });
  const seconds = (performance.now() - t0) / 1000;
  db.destroy();
  rows.push({ name: 'bare GetItem on DynamoDB Local (SDK, this process)', perSecond: latencies.length / seconds, p50: median(latencies), p99: p99(latencies), requests: latencies.length, non2xx: 0, errors, statuses: '', cpu: { ...bare.cpu, offline: NaN } });
  return rows;
}
