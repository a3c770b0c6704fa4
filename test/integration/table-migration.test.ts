/**
 * A local table made before API v1.1 (users' .data/): ensureTable adds the missing type index from serverless.yml,
 * gives old queued claims their type queue keys and recounts the desk's counts, once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateTableCommand, DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { readConfig } from '../../lib/config.js';
import { createDesk, type Desk } from '../../lib/desk.js';
import { deskStats, reviewQueue } from '../../lib/claims.js';
import * as keys from '../../lib/store/keys.js';
import { startDynamoDbLocal, type LocalDynamo } from '../../scripts/local/dynamodb.js';
import { freePort } from '../../scripts/local/processes.js';
import { ensureTable, localClient, tableDefinition } from '../../scripts/local/table.js';

const TABLE = 'claimdesk-old';
let dynamo: LocalDynamo;
let desk: Desk;

beforeAll(async () => {
  dynamo = await startDynamoDbLocal({ port: await freePort() });
  desk = createDesk({ ...readConfig({}), tableName: TABLE, dynamodbEndpoint: dynamo.endpoint }, new Uint8Array(48));
});
afterAll(async () => dynamo?.stop());

describe('a table from before v1.1', () => {
  it('gets the type index, type queue keys on its claims and the desk counts, once', async () => {
    const client = localClient(dynamo.endpoint);
    const definition = tableDefinition(TABLE);
    // The table as v1 made it: one index, the attributes it needs.
    await client.send(new CreateTableCommand({
      ...definition,
      AttributeDefinitions: definition.AttributeDefinitions!.filter((a) => !a.AttributeName!.startsWith('GSI2')),
      GlobalSecondaryIndexes: definition.GlobalSecondaryIndexes!.filter((i) => i.IndexName === keys.INDEX),
    }));
    const db = DynamoDBDocumentClient.from(client);
    const articleId = 'a'.repeat(24);
    const at = '2025-01-01T00:00:00.000Z';
    // As v1 stored them: META without dismissed, claims with their article title and only GSI1 keys.
    await db.send(new PutCommand({ TableName: TABLE, Item: {
      PK: keys.articlePk(articleId), SK: keys.META, entity: 'article', v: 1, articleId, title: 'Old', createdAt: at, createdBy: 'eve', contentHash: 'h',
      claimCount: 2, statusCounts: { pending: 1, verified: 1, disputed: 0, sourced: 0 }, state: 'complete',
      GSI1PK: keys.ARTICLE_LIST_PK, GSI1SK: keys.articleListSk(at, articleId), completedBy: 't',
    } }));
    for (const [seq, status, type] of [[1, 'pending', 'quantity'], [2, 'verified', 'rule']] as const) {
      await db.send(new PutCommand({ TableName: TABLE, Item: {
        PK: keys.articlePk(articleId), SK: keys.claimSk(seq), entity: 'claim', v: 1, claimId: `${articleId}.${seq}`, articleId, articleTitle: 'Old',
        seq, text: `Claim ${seq}.`, start: 0, end: 8, checkworthiness: 0.9, type, status, version: 1, sources: [], createdAt: at, updatedAt: at,
        GSI1PK: keys.queuePk(status), GSI1SK: keys.queueSk(0.9, at, articleId, seq),
      } }));
    }

    expect(await ensureTable(dynamo.endpoint, TABLE)).toBe(false);
    const described = await client.send(new DescribeTableCommand({ TableName: TABLE }));
    expect(described.Table!.GlobalSecondaryIndexes!.map((i) => i.IndexName).sort()).toEqual([keys.INDEX, keys.TYPE_INDEX]);

    const byType = await reviewQueue(desk, { status: 'pending', type: 'quantity', limit: 10 });
    expect(byType.items.map((c) => c.claimId)).toEqual([`${articleId}.1`]);
    expect(byType.items[0]!.articleTitle).toBe('Old'); // joined from META, not the stored copy
    expect((await reviewQueue(desk, { status: 'verified', type: 'rule', limit: 10 })).items).toHaveLength(1);
    expect(await deskStats(desk)).toEqual({ claims: 2, articles: 1, statusCounts: { pending: 1, verified: 1, disputed: 0, sourced: 0, dismissed: 0 } });

    // once: a second start changes nothing (the counts are not added again)
    await ensureTable(dynamo.endpoint, TABLE);
    expect((await deskStats(desk)).claims).toBe(2);
    client.destroy();
  });
});
