import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { secretKey } from '../../lib/auth.js';
import { readConfig } from '../../lib/config.js';
import { createDesk, type Desk } from '../../lib/desk.js';
import type { Storage } from './stack.js';

export const DEMO_TEXT = readFileSync(fileURLToPath(new URL('../../data/articles/nato-russia-talks-2022-01-12.txt', import.meta.url)), 'utf8');

/** The domain wired to a DynamoDB Local (no HTTP in between). */
export function deskOn(storage: Storage, now?: () => Date): Desk {
  const config = { ...readConfig({}), tableName: storage.tableName, dynamodbEndpoint: storage.endpoint };
  return createDesk(config, secretKey(storage.secret), now);
}

/** Every item stored in the table, read through the article-list index and partitions (no Scan needed in tests either). */
export async function partitionItems(desk: Desk, articleId: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await desk.storage.db.send(
      new QueryCommand({
        TableName: desk.storage.tableName,
        KeyConditionExpression: 'PK = :pk',
        ExpressionAttributeValues: { ':pk': `ARTICLE#${articleId}` },
        ExclusiveStartKey: startKey,
        ConsistentRead: true,
      }),
    );
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
