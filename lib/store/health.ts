import { GetCommand, type GetCommandInput } from '@aws-sdk/lib-dynamodb';
import { guarded, type Storage } from './client.js';
import { HEALTH_KEY } from './keys.js';

export const healthInput = (tableName: string): GetCommandInput => ({ TableName: tableName, Key: HEALTH_KEY });

/** Resolves once the table answers a read; 503 otherwise. */
export async function tableAnswers(storage: Storage): Promise<void> {
  await guarded(() => storage.db.send(new GetCommand(healthInput(storage.tableName))));
}
