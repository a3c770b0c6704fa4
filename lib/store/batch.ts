import { BatchWriteCommand, type BatchWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { storageUnavailable } from '../problems.js';
import { guarded, sleep, type Storage } from './client.js';

type WriteRequest = NonNullable<BatchWriteCommandInput['RequestItems']>[string][number];

const CHUNK = 25;
const MAX_ROUNDS = 10;

/**
 * Puts every item, 25 to a BatchWriteItem, re-sending `UnprocessedItems` with jittered exponential backoff until none
 * are left. Gives up (503) only after MAX_ROUNDS rounds in a row in which nothing was written.
 */
export async function putAll(storage: Storage, items: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += CHUNK) {
    let pending: WriteRequest[] = items.slice(i, i + CHUNK).map((Item) => ({ PutRequest: { Item } }));
    // Rounds that write something are progress: only MAX_ROUNDS rounds in a row that write nothing give up.
    for (let round = 0, stalled = 0; pending.length > 0; round++) {
      if (stalled >= MAX_ROUNDS) throw storageUnavailable();
      if (round > 0) await sleep(Math.min(2000, 50 * 2 ** round) * (0.5 + Math.random() / 2));
      const sent = pending.length;
      const answer = await guarded(() =>
        storage.db.send(new BatchWriteCommand({ RequestItems: { [storage.tableName]: pending } })),
      );
      pending = answer.UnprocessedItems?.[storage.tableName] ?? [];
      stalled = pending.length < sent ? 0 : stalled + 1;
    }
  }
}
