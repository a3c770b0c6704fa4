/**
 * Creates the desk's table from its one definition in serverless.yml (resources → ClaimsTable), so local runs and
 * tests use exactly the keys and indexes that deploy. CloudFormation-only settings (PITR, SSE, deletion protection)
 * have no meaning in DynamoDB Local and are left out. A table made before an index existed (users' .data/) gets the
 * missing index, and its items are brought up to date once (migrateLocalTable).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  UpdateTableCommand,
  type CreateTableCommandInput,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, ScanCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { parseDocument } from 'yaml';
import { ClaimStatus, type Claim } from '../../schemas/claim.js';
import { queueKeys } from '../../lib/store/claims.js';
import * as keys from '../../lib/store/keys.js';
import { fullCounts } from '../../lib/store/stats.js';

const SERVERLESS_YML = fileURLToPath(new URL('../../serverless.yml', import.meta.url));

export function tableDefinition(tableName: string): CreateTableCommandInput {
  // CloudFormation intrinsic tags (!GetAtt, !Sub, …) are kept as plain values: only the table's properties matter here.
  const doc = parseDocument(readFileSync(SERVERLESS_YML, 'utf8'), {
    customTags: ['GetAtt', 'Sub', 'Join', 'Ref', 'If', 'Equals', 'Select'].flatMap((tag) => [
      { tag: `!${tag}`, resolve: (value: unknown) => value },
      { tag: `!${tag}`, collection: 'seq' as const, resolve: (value: unknown) => value },
    ]),
  });
  const properties = (doc.toJS() as { resources: { Resources: { ClaimsTable: { Properties: Record<string, unknown> } } } })
    .resources.Resources.ClaimsTable.Properties;
  return {
    TableName: tableName,
    BillingMode: properties.BillingMode as CreateTableCommandInput['BillingMode'],
    AttributeDefinitions: properties.AttributeDefinitions as CreateTableCommandInput['AttributeDefinitions'],
    KeySchema: properties.KeySchema as CreateTableCommandInput['KeySchema'],
    GlobalSecondaryIndexes: properties.GlobalSecondaryIndexes as CreateTableCommandInput['GlobalSecondaryIndexes'],
  };
}

export function localClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({
    endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 2,
  });
}

/** The migration of items stored before API v1.1 (type queue keys, desk counts); recorded once done. */
const MIGRATION = 'v1.1';

/**
 * Creates the table unless it exists; returns true when it was created. An existing table gets the indexes it lacks
 * (one at a time, as DynamoDB allows) and, once, the migration of its items.
 */
export async function ensureTable(endpoint: string, tableName: string): Promise<boolean> {
  const client = localClient(endpoint);
  const db = DynamoDBDocumentClient.from(client);
  const definition = tableDefinition(tableName);
  try {
    let existing;
    try {
      existing = await client.send(new DescribeTableCommand({ TableName: tableName }));
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
      await client.send(new CreateTableCommand(definition));
      await db.send(new PutCommand({ TableName: tableName, Item: { ...keys.migrationKey(MIGRATION), entity: 'migration', v: 1 } }));
      return true;
    }
    const present = new Set((existing.Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    for (const index of (definition.GlobalSecondaryIndexes ?? []) as GlobalSecondaryIndex[]) {
      if (present.has(index.IndexName)) continue;
      await client.send(
        new UpdateTableCommand({
          TableName: tableName,
          AttributeDefinitions: definition.AttributeDefinitions,
          GlobalSecondaryIndexUpdates: [{ Create: { IndexName: index.IndexName, KeySchema: index.KeySchema, Projection: index.Projection } }],
        }),
      );
      console.log(`claimdesk: added index ${index.IndexName} to ${tableName}`);
      await untilActive(client, tableName);
    }
    await migrateLocalTable(db, tableName);
    return false;
  } finally {
    client.destroy();
  }
}

/** Waits until the table and every index are ACTIVE: writes while an index is still being built can fail. */
async function untilActive(client: DynamoDBClient, tableName: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE' && (Table.GlobalSecondaryIndexes ?? []).every((index) => index.IndexStatus === 'ACTIVE')) return;
    if (Date.now() > deadline) throw new Error(`table ${tableName} did not become ACTIVE within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/**
 * Brings a local table stored before API v1.1 up to date, once: queued claims get their type queue keys (GSI2) and the
 * desk's counts are recounted from the listed articles. A local table is small, so this one-off may Scan; deployed
 * stages started after v1.1 and never need it.
 */
export async function migrateLocalTable(db: DynamoDBDocumentClient, tableName: string): Promise<void> {
  const done = await db.send(new GetCommand({ TableName: tableName, Key: keys.migrationKey(MIGRATION), ConsistentRead: true }));
  if (done.Item) return;
  const shards = new Map<number, Record<string, number>>();
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(new ScanCommand({ TableName: tableName, ExclusiveStartKey: startKey }));
    for (const item of page.Items ?? []) {
      if (item.entity === 'claim' && item.GSI1PK !== undefined && item.GSI2PK === undefined) {
        const queue = queueKeys(item as unknown as Claim);
        await db.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { PK: item.PK, SK: item.SK },
            UpdateExpression: 'SET GSI2PK = :pk, GSI2SK = :sk',
            ExpressionAttributeValues: { ':pk': queue.GSI2PK, ':sk': queue.GSI2SK },
          }),
        );
      }
      if (item.entity === 'article' && item.state === 'complete' && item.archived !== true) {
        const shard = keys.statsShardOf(String(item.articleId));
        const totals = shards.get(shard) ?? { claims: 0, articles: 0 };
        totals.claims = (totals.claims ?? 0) + Number(item.claimCount ?? 0);
        totals.articles = (totals.articles ?? 0) + 1;
        const counts = fullCounts(item.statusCounts);
        for (const status of ClaimStatus.options) totals[status] = (totals[status] ?? 0) + counts[status];
        shards.set(shard, totals);
      }
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  for (let shard = 0; shard < keys.STATS_SHARDS; shard++) {
    await db.send(new PutCommand({ TableName: tableName, Item: { ...keys.statsKey(shard), entity: 'stats', v: 1, ...(shards.get(shard) ?? {}) } }));
  }
  await db.send(new PutCommand({ TableName: tableName, Item: { ...keys.migrationKey(MIGRATION), entity: 'migration', v: 1 } }));
  console.log(`claimdesk: brought ${tableName} up to date for API ${MIGRATION}`);
}
