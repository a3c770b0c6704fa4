import { BatchGetCommand, BatchWriteCommand, type BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { storageUnavailable } from '../problems.js';
import { backoff, BATCH_BACKOFF } from './backoff.js';
import { guarded, type Storage } from './client.js';
import type { Item } from './items.js';

type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

const WRITE_CHUNK = 25;
const GET_CHUNK = 100;
const MAX_ROUNDS = 10;

/**
 * Puts every item, 25 to a BatchWriteItem, re-sending `UnprocessedItems` with jittered exponential backoff until none
 * are left. Gives up (503) only after MAX_ROUNDS rounds in a row in which nothing was written.
 */
export async function putAll(storage: Storage, items: Item[]): Promise<void> {
  for (let i = 0; i < items.length; i += WRITE_CHUNK) {
    let pending: WriteRequest[] = items.slice(i, i + WRITE_CHUNK).map((Item) => ({ PutRequest: { Item } }));
    // Rounds that write something are progress: only MAX_ROUNDS rounds in a row that write nothing give up.
    for (let round = 0, stalled = 0; pending.length > 0; round++) {
      if (stalled >= MAX_ROUNDS) throw storageUnavailable(`BatchWriteItem: ${pending.length} items unprocessed ${MAX_ROUNDS} rounds in a row`);
      if (round > 0) await backoff(round, BATCH_BACKOFF);
      const sent = pending.length;
      const answer = await guarded(() =>
        storage.db.send(new BatchWriteCommand({ RequestItems: { [storage.tableName]: pending } })),
      );
      pending = answer.UnprocessedItems?.[storage.tableName] ?? [];
      stalled = pending.length < sent ? 0 : stalled + 1;
    }
  }
}

/** BatchGetItems of one getAll in flight at once: a CSV page's article check (up to 1,000 keys) is 3 round trips, not 10. */
const GET_PARALLEL = 4;

/**
 * Gets the items at `keys` (those that exist; in no particular order), 100 to a BatchGetItem, GET_PARALLEL at a time,
 * re-sending `UnprocessedKeys` with the same backoff as writes. `projection` names the attributes to read (all when
 * undefined).
 */
export async function getAll(storage: Storage, keys: Item[], projection: string[] | undefined, options: { consistent?: boolean } = {}): Promise<Item[]> {
  const found: Item[] = [];
  const names = projection && Object.fromEntries(projection.map((name, i) => [`#p${i}`, name]));
  const read = {
    ...(names ? { ProjectionExpression: Object.keys(names).join(', '), ExpressionAttributeNames: names } : {}),
    ...(options.consistent ? { ConsistentRead: true } : {}),
  };
  const chunks: Item[][] = [];
  for (let i = 0; i < keys.length; i += GET_CHUNK) chunks.push(keys.slice(i, i + GET_CHUNK));
  const getChunk = async (chunk: Item[]) => {
    let pending = chunk;
    for (let round = 0, stalled = 0; pending.length > 0; round++) {
      if (stalled >= MAX_ROUNDS) throw storageUnavailable(`BatchGetItem: ${pending.length} keys unprocessed ${MAX_ROUNDS} rounds in a row`);
      if (round > 0) await backoff(round, BATCH_BACKOFF);
      const sent = pending.length;
      const Keys = pending;
      const answer = await guarded(() =>
        storage.db.send(
          new BatchGetCommand({
            RequestItems: { [storage.tableName]: { Keys, ...read } },
          }),
        ),
      );
      found.push(...((answer.Responses?.[storage.tableName] ?? []) as Item[]));
      pending = (answer.UnprocessedKeys?.[storage.tableName]?.Keys ?? []) as Item[];
      stalled = pending.length < sent ? 0 : stalled + 1;
    }
  };
  let next = 0;
  const worker = async () => {
    while (next < chunks.length) await getChunk(chunks[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(GET_PARALLEL, chunks.length) }, worker));
  return found;
}
