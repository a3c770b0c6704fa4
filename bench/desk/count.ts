/**
 * Counts the DynamoDB requests a document client sends and the capacity they consume, by adding middleware to that
 * client from the bench (production code is not changed): every command asks for ReturnConsumedCapacity TOTAL.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface Sent {
  command: string;
  /** Capacity units consumed (DynamoDB Local reports them as DynamoDB would). */
  capacity: number;
  /** Items the request wrote (Put, Update, each BatchWrite put, each transaction item). */
  itemsWritten: number;
  /** Bytes of the largest item written, by DynamoDB's item-size rules. */
  largestItem: number;
  /** `PK SK` of each item written. */
  keys: string[];
  /** The partition a Query read (its `:pk`). */
  partition?: string;
  attempts: number;
}

const WRITES = new Set(['PutItemCommand', 'UpdateItemCommand', 'DeleteItemCommand', 'BatchWriteItemCommand', 'TransactWriteItemsCommand']);
export const isWrite = (command: string) => WRITES.has(command);

/** DynamoDB's size of a marshalled attribute value (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html). */
function valueSize(value: Record<string, unknown>): number {
  const [type, v] = Object.entries(value)[0] ?? ['NULL', true];
  switch (type) {
    case 'S':
      return Buffer.byteLength(String(v), 'utf8');
    case 'N': {
      const digits = String(v).replace(/^-|\.|e.*$/gi, '').replace(/^0+/, '').length;
      return Math.ceil(digits / 2) + 1;
    }
    case 'B':
      return (v as Uint8Array).byteLength;
    case 'BOOL':
    case 'NULL':
      return 1;
    case 'SS':
      return (v as string[]).reduce((n, s) => n + Buffer.byteLength(s, 'utf8'), 0);
    case 'NS':
      return (v as string[]).reduce((n, s) => n + valueSize({ N: s }), 0);
    case 'L':
      return 3 + (v as Record<string, unknown>[]).reduce((n, x) => n + 1 + valueSize(x), 0);
    case 'M':
      return 3 + itemSize(v as Record<string, Record<string, unknown>>) + Object.keys(v as object).length;
    default:
      return 0;
  }
}

/** Size of a marshalled item: attribute names plus values. */
export function itemSize(item: Record<string, Record<string, unknown>>): number {
  let n = 0;
  for (const [name, value] of Object.entries(item)) n += Buffer.byteLength(name, 'utf8') + valueSize(value);
  return n;
}

/** Items a low-level (marshalled) write request carries. */
function writtenItems(command: string, input: Record<string, any>): Record<string, Record<string, any>>[] {
  switch (command) {
    case 'PutItemCommand':
      return [input.Item];
    case 'UpdateItemCommand':
    case 'DeleteItemCommand':
      return [input.Key];
    case 'BatchWriteItemCommand':
      return Object.values(input.RequestItems as Record<string, any[]>).flat().map((r) => r.PutRequest?.Item ?? r.DeleteRequest?.Key);
    case 'TransactWriteItemsCommand':
      return (input.TransactItems as any[]).map((t) => t.Put?.Item ?? t.Update?.Key ?? t.Delete?.Key ?? t.ConditionCheck?.Key);
    default:
      return [];
  }
}

const capacityOf = (consumed: unknown): number =>
  (Array.isArray(consumed) ? consumed : consumed ? [consumed] : []).reduce((n, c: { CapacityUnits?: number }) => n + (c.CapacityUnits ?? 0), 0);

/** Starts recording what `db` sends; `take()` returns and clears what was recorded since the last take. */
export function countRequests(db: DynamoDBDocumentClient): { take: () => Sent[] } {
  let log: Sent[] = [];
  db.middlewareStack.add(
    (next) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = 'TOTAL';
      return next(args);
    },
    { step: 'initialize', name: 'benchAskForCapacity' },
  );
  // 'build' sees the serialized request (DynamoDB's own JSON, so item sizes are exact) and the final answer.
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const request = args.request as { body?: unknown };
      const body = request.body instanceof Uint8Array ? new TextDecoder().decode(request.body) : request.body;
      const input = typeof body === 'string' ? (JSON.parse(body) as Record<string, any>) : {};
      const command = String(context.commandName);
      const items = writtenItems(command, input).filter(Boolean);
      const result = await next(args);
      const output = result.output as { ConsumedCapacity?: unknown; $metadata?: { attempts?: number } };
      log.push({
        command,
        capacity: capacityOf(output.ConsumedCapacity),
        itemsWritten: items.length,
        largestItem: Math.max(0, ...items.map(itemSize)),
        keys: items.map((item) => `${item.PK?.S} ${item.SK?.S}`),
        ...(command === 'QueryCommand' && input.ExpressionAttributeValues?.[':pk']?.S ? { partition: String(input.ExpressionAttributeValues[':pk'].S) } : {}),
        attempts: output.$metadata?.attempts ?? 1,
      });
      return result;
    },
    { step: 'build', name: 'benchCountRequests' },
  );
  return {
    take: () => {
      const taken = log;
      log = [];
      return taken;
    },
  };
}

export function summarise(sent: Sent[]) {
  const writes = sent.filter((s) => isWrite(s.command));
  const byCommand: Record<string, number> = {};
  for (const s of sent) byCommand[s.command.replace(/Command$/, '')] = (byCommand[s.command.replace(/Command$/, '')] ?? 0) + 1;
  return {
    requests: sent.length,
    writeRequests: writes.length,
    itemsWritten: writes.reduce((n, s) => n + s.itemsWritten, 0),
    /** Distinct items written (an item written twice, like the article's META, counts once). */
    distinctItems: new Set(writes.flatMap((s) => s.keys)).size,
    writeCapacity: writes.reduce((n, s) => n + s.capacity, 0),
    readCapacity: sent.filter((s) => !isWrite(s.command)).reduce((n, s) => n + s.capacity, 0),
    largestItem: Math.max(0, ...sent.map((s) => s.largestItem)),
    byCommand,
  };
}
