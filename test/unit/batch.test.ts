/**
 * putAll (lib/store/batch.ts) against a fake DynamoDB that leaves `UnprocessedItems` behind: every item must end up
 * written exactly as given, in chunks of at most 25, re-sending only what was left; an outage becomes the 503 problem.
 */
import { describe, expect, it, vi } from 'vitest';
import fc from 'fast-check';
import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { putAll } from '../../lib/store/batch.js';
import { backoff, BATCH_BACKOFF } from '../../lib/store/backoff.js';
import type { Storage } from '../../lib/store/client.js';
import { ProblemError } from '../../lib/problems.js';

// Backoffs return at once (their retry numbers are still recorded): the rounds, not the waiting, are under test.
vi.mock('../../lib/store/backoff.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../lib/store/backoff.js')>()),
  backoff: vi.fn(async () => {}),
}));

type Item = Record<string, unknown>;
type Put = { PutRequest: { Item: Item } };

/** A fake table: each call writes some of the requests (chosen by `keep`) and hands the rest back as unprocessed. */
function fakeStorage(leaveUnprocessed: (requests: Put[], call: number) => Put[]) {
  const written: Item[] = [];
  const calls: Put[][] = [];
  const leftovers: Put[][] = [];
  const send = vi.fn(async (command: unknown) => {
    expect(command).toBeInstanceOf(BatchWriteCommand);
    const requests = (command as BatchWriteCommand).input.RequestItems!.table as Put[];
    calls.push(requests);
    const left = leaveUnprocessed(requests, calls.length);
    leftovers.push(left);
    for (const request of requests) if (!left.includes(request)) written.push(request.PutRequest.Item);
    return left.length ? { UnprocessedItems: { table: left } } : { UnprocessedItems: {} };
  });
  const storage = { db: { send }, tableName: 'table' } as unknown as Storage;
  return { storage, written, calls, leftovers, send };
}

const items = (n: number): Item[] => Array.from({ length: n }, (_, i) => ({ PK: 'P', SK: `S${String(i).padStart(4, '0')}`, n: i }));

describe('putAll', () => {
  it('writes everything in chunks of at most 25 when DynamoDB takes it all', async () => {
    const { storage, written, calls } = fakeStorage(() => []);
    await putAll(storage, items(60));
    expect(calls.map((c) => c.length)).toEqual([25, 25, 10]);
    expect(written).toEqual(items(60));
  });

  it('re-sends UnprocessedItems, and only them, until none are left', async () => {
    // The first three answers for every chunk write only its first request and leave the rest unprocessed.
    let callsThisChunk = 0;
    let previousLeft = 0;
    const { storage, written, calls, leftovers } = fakeStorage((requests) => {
      if (previousLeft === 0) callsThisChunk = 0; // a new chunk
      callsThisChunk += 1;
      const left = callsThisChunk <= 3 ? requests.slice(1) : [];
      previousLeft = left.length;
      return left;
    });
    await putAll(storage, items(30));
    expect([...written].sort((a, b) => (a.n as number) - (b.n as number))).toEqual(items(30));
    expect(new Set(written.map((item) => item.SK)).size).toBe(30); // nothing written twice
    // a retry carries exactly what was left over, never the whole chunk again
    for (let i = 1; i < calls.length; i++) {
      if (leftovers[i - 1]!.length > 0) expect(calls[i]).toEqual(leftovers[i - 1]);
    }
    expect(calls).toHaveLength(8); // two chunks (25 + 5), each sent once and re-sent three times
  });

  it('property: whatever DynamoDB leaves unprocessed, every item is written exactly once', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 80 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 64 }), async (n, leaves) => {
        let coin = 0;
        let stuckRounds = 0;
        const { storage, written } = fakeStorage((requests) => {
          // never leave everything behind more than 3 rounds in a row, so putAll must finish within its rounds
          const left = requests.filter(() => leaves[coin++ % leaves.length]!);
          stuckRounds = left.length === requests.length ? stuckRounds + 1 : 0;
          return stuckRounds > 3 ? [] : left;
        });
        await putAll(storage, items(n));
        expect([...written].sort((a, b) => (a.n as number) - (b.n as number))).toEqual(items(n));
      }),
      { numRuns: 40 },
    );
  });

  it('gives up with a 503 problem (Retry-After) when a chunk never gets written', async () => {
    const { storage, written, send } = fakeStorage((requests) => requests);
    vi.mocked(backoff).mockClear();
    let error: unknown;
    try {
      await putAll(storage, items(3));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).status).toBe(503);
    expect((error as ProblemError).options.headers?.['Retry-After']).toBeTruthy();
    expect(written).toEqual([]);
    expect(send.mock.calls.length).toBeLessThanOrEqual(10);
    // it backed off between rounds, with growing waits (retry 1, 2, …)
    const retries = vi.mocked(backoff).mock.calls.map(([retry, options]) => {
      expect(options).toBe(BATCH_BACKOFF);
      return retry;
    });
    expect(retries.length).toBeGreaterThan(0);
    expect(retries).toEqual(retries.map((_, i) => i + 1));
  });

  it('turns a storage outage into the 503 problem and lets other errors through unchanged', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), { code: 'ECONNREFUSED' });
    const down = { db: { send: vi.fn().mockRejectedValue(refused) }, tableName: 'table' } as unknown as Storage;
    await expect(putAll(down, items(2))).rejects.toMatchObject({ status: 503 });
    const invalid = Object.assign(new Error('One or more parameter values were invalid'), { name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    const wrong = { db: { send: vi.fn().mockRejectedValue(invalid) }, tableName: 'table' } as unknown as Storage;
    await expect(putAll(wrong, items(2))).rejects.toBe(invalid);
  });
});
