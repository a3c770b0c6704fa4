import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { Desk } from './desk.js';
import { guarded } from './store/client.js';

/** Resolves once the table answers a read; 503 otherwise. */
export async function storageAnswers(desk: Desk): Promise<void> {
  await guarded(() => desk.storage.db.send(new GetCommand({ TableName: desk.storage.tableName, Key: { PK: 'HEALTH', SK: 'HEALTH' } })));
}
