import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { readPartition } from '../../lib/store/articles.js';
import { readConfig } from '../../lib/config.js';
import { createDesk, type Desk } from '../../lib/desk.js';
import { parseKeyring } from '../../lib/keys.js';
import { ProblemError } from '../../lib/problems.js';
import type { Storage } from './stack.js';

export const DEMO_TEXT = readFileSync(fileURLToPath(new URL('../../data/articles/nato-russia-talks-2022-01-12.txt', import.meta.url)), 'utf8');

/** The domain wired to a DynamoDB Local (no HTTP in between). */
export function deskOn(storage: Storage, now?: () => Date): Desk {
  const config = { ...readConfig({}), tableName: storage.tableName, dynamodbEndpoint: storage.endpoint };
  return createDesk(config, parseKeyring(storage.secret).current.key, now);
}

/** Every item of an article's partition. */
export function partitionItems(desk: Desk, articleId: string): Promise<Record<string, unknown>[]> {
  return readPartition(desk.storage, articleId);
}

/** The problem a domain call refuses with (fails the test when it does not refuse). */
export async function problem(run: () => Promise<unknown>): Promise<ProblemError> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('expected a problem');
}
