/**
 * Creates the desk's table from its one definition in serverless.yml (resources → ClaimsTable), so local runs and
 * tests use exactly the keys and indexes that deploy. CloudFormation-only settings (PITR, SSE, deletion protection)
 * have no meaning in DynamoDB Local and are left out.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CreateTableCommand, DescribeTableCommand, DynamoDBClient, ResourceNotFoundException, type CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import { parseDocument } from 'yaml';

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

/** Creates the table unless it exists; returns true when it was created. */
export async function ensureTable(endpoint: string, tableName: string): Promise<boolean> {
  const client = localClient(endpoint);
  try {
    await client.send(new DescribeTableCommand({ TableName: tableName }));
    return false;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
    await client.send(new CreateTableCommand(tableDefinition(tableName)));
    return true;
  } finally {
    client.destroy();
  }
}
