import { DynamoDBClient, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommand, type QueryCommandInput, type TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { DeskConfig } from '../config.js';
import { storageUnavailable } from '../problems.js';

export interface Storage {
  db: DynamoDBDocumentClient;
  tableName: string;
}

/** Sockets to DynamoDB Local: more than the storage calls of every request serverless-offline runs at once. */
const LOCAL_SOCKETS = 1024;

/** A document client that fails fast when storage is away, so requests answer 503 instead of hanging. */
export function openStorage(config: DeskConfig): Storage {
  const local = config.dynamodbEndpoint !== undefined;
  const client = new DynamoDBClient({
    region: config.region,
    // 3 attempts of at most 3 s each: a storage that hangs is a 503 in ~10 s, inside the shortest function timeout (15 s).
    // Without throwOnRequestTimeout the SDK only logs a warning when requestTimeout passes, and waits on forever.
    maxAttempts: 3,
    // The connection timeout also runs while a request waits for a free socket of the pool (50 by default). A Lambda
    // container serves one request (at most 16 storage calls in flight), but serverless-offline serves every request
    // from one process and one client: 8 ingests at once queued past 500 ms and answered 503. Locally, a socket each.
    requestHandler: { connectionTimeout: local ? 500 : 1500, requestTimeout: 3000, throwOnRequestTimeout: true, ...(local ? { httpAgent: { maxSockets: LOCAL_SOCKETS } } : {}) },
    ...(local
      ? { endpoint: config.dynamodbEndpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {}),
  });
  const db = DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
  return { db, tableName: config.tableName };
}

/**
 * The storage as one request sees it: every call is abandoned at `deadline` (epoch ms), so a slow storage makes the
 * request answer 503 before its function times out (a timed-out function answers nothing, and its work is cut anywhere).
 */
export function withDeadline(storage: Storage, deadline: number): Storage {
  const db = Object.create(storage.db) as DynamoDBDocumentClient;
  const send = storage.db.send.bind(storage.db) as (command: unknown, options?: { abortSignal?: AbortSignal }) => Promise<unknown>;
  (db as { send: unknown }).send = (command: unknown, options?: { abortSignal?: AbortSignal }) => {
    const timeout = AbortSignal.timeout(Math.max(1, deadline - Date.now()));
    return send(command, { ...options, abortSignal: options?.abortSignal ? AbortSignal.any([options.abortSignal, timeout]) : timeout });
  };
  return { ...storage, db };
}

/** Errors that mean "storage did not answer" rather than "your request is wrong". */
const UNAVAILABLE = new Set([
  'AbortError', // the request's deadline came first (withDeadline)
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'ResourceNotFoundException', // the table is missing: an operations problem, not the caller's
  'TimeoutError',
  'RequestTimeout',
  'RequestTimeoutException',
  'UnrecognizedClientException',
]);
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ECONNABORTED']);

export function isStorageUnavailable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; cause?: unknown };
  if (e.name && UNAVAILABLE.has(e.name)) return true;
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  if ((e.$metadata?.httpStatusCode ?? 0) >= 500) return true;
  if (e.cause && e.cause !== error) return isStorageUnavailable(e.cause);
  return false;
}

/** Runs a storage call; a storage outage becomes the 503 problem, anything else passes through. */
export async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isStorageUnavailable(error)) throw storageUnavailable(error);
    throw error;
  }
}

/** Every item a partition query matches, following LastEvaluatedKey page by page (strongly consistent). */
export async function queryAll(
  storage: Storage,
  query: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await guarded(() =>
      storage.db.send(new QueryCommand({ ConsistentRead: true, ...query, ExclusiveStartKey: startKey })),
    );
    items.push(...((page.Items ?? []) as Record<string, unknown>[]));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** How a transaction went: written, a condition failed (the state moved on), or a passing conflict (nothing written). */
export type TransactOutcome = 'written' | 'condition' | 'conflict';

export async function transact(storage: Storage, input: TransactWriteCommandInput): Promise<TransactOutcome> {
  try {
    await guarded(() => storage.db.send(new TransactWriteCommand(input)));
    return 'written';
  } catch (error) {
    if (!(error instanceof TransactionCanceledException)) throw error;
    return (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed') ? 'condition' : 'conflict';
  }
}
