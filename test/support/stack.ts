/**
 * The real local stack for integration and end-to-end tests: an in-memory DynamoDB Local and serverless-offline,
 * each on a free port, with the table created from serverless.yml. One stack per test file; stop() ends both.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintToken } from '../../lib/auth.js';
import { parseKeyring } from '../../lib/keys.js';
import { startDynamoDbLocal, type LocalDynamo } from '../../scripts/local/dynamodb.js';
import { startOffline, type Offline } from '../../scripts/local/offline.js';
import { freePort, freePortOutsideEphemeralRange } from '../../scripts/local/processes.js';
import { ensureTable } from '../../scripts/local/table.js';

export const STAGE = 'test';
export const TABLE_NAME = `claimdesk-${STAGE}`;

export interface Storage {
  endpoint: string;
  tableName: string;
  secret: string;
  dynamo: LocalDynamo;
  /** Stops DynamoDB Local (its in-memory data is lost). */
  stop: () => Promise<void>;
}

/**
 * A DynamoDB Local on a free port with the desk's table: in memory, or in `dataDir` so its data survives a restart.
 * The port lies below the kernel's ephemeral range, so while storage is stopped (the fault tests) no other test file's
 * freePort() nor any outgoing connection can take it; startDynamoDbLocal also checks that the process answering on it
 * is the one it started (docs/RELIABILITY.md, "A port taken during an outage").
 */
export async function startStorage(options: { port?: number; dataDir?: string; secret?: string } = {}): Promise<Storage> {
  const port = options.port ?? (await freePortOutsideEphemeralRange());
  const dynamo = await startDynamoDbLocal({ port, ...(options.dataDir ? { dataDir: options.dataDir } : {}) });
  await ensureTable(dynamo.endpoint, TABLE_NAME);
  return { endpoint: dynamo.endpoint, tableName: TABLE_NAME, secret: options.secret ?? randomBytes(48).toString('base64url'), dynamo, stop: dynamo.stop };
}

export interface Stack {
  baseUrl: string;
  storage: Storage;
  offline: Offline;
  /** A token signed with the current key of the stage's secret, with the local issuer and audience. */
  token(sub: string, roles: string[], options?: { expiresIn?: string | number; notBefore?: string | number }): Promise<string>;
  /** Stops DynamoDB Local (storage faults: requests now fail). */
  stopStorage(): Promise<void>;
  /** Starts DynamoDB Local again on the same port: with `persistent`, the data is as it was; else the table is empty. */
  startStorageAgain(): Promise<void>;
  stop(): Promise<void>;
}

export interface StackOptions {
  env?: Record<string, string>;
  /** DynamoDB Local keeps its data in a temporary folder, so it survives stopStorage() + startStorageAgain(). */
  persistent?: boolean;
  /** Extra serverless-offline flags (e.g. --useInProcess). */
  offlineFlags?: string[];
  /** The stage's token secret: a plain secret or the keyring JSON of lib/keys.ts (default: a random plain secret). */
  jwtSecret?: string;
}

// The web function's bundle builds the dashboard from web/src itself (web/esbuild-plugin.cjs): no build step here,
// and none to race between test files.
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const dataDir = options.persistent ? mkdtempSync(join(tmpdir(), 'claimdesk-dynamodb-')) : undefined;
  let storage = await startStorage({ ...(dataDir ? { dataDir } : {}), ...(options.jwtSecret ? { secret: options.jwtSecret } : {}) });
  const storagePort = Number(new URL(storage.endpoint).port);
  let offline: Offline;
  try {
    offline = await startOffline({
      port: await freePort(),
      lambdaPort: await freePort(),
      dynamodbEndpoint: storage.endpoint,
      jwtSecret: storage.secret,
      stage: STAGE,
      env: { LOG_LEVEL: 'WARN', CLAIMDESK_WATCH: 'off', ...options.env },
      ...(options.offlineFlags ? { flags: options.offlineFlags } : {}),
      keepAllOutput: true,
    });
  } catch (error) {
    await storage.stop();
    throw error;
  }
  const key = parseKeyring(storage.secret).current;
  const stack: Stack = {
    baseUrl: offline.baseUrl,
    storage,
    offline,
    token: (sub, roles, tokenOptions = {}) => mintToken(key, { sub, roles, ...tokenOptions }),
    stopStorage: () => storage.stop(),
    startStorageAgain: async () => {
      await storage.stop();
      const fresh = await startStorage({ port: storagePort, ...(dataDir ? { dataDir } : {}) });
      storage = { ...fresh, secret: storage.secret };
      stack.storage = storage;
    },
    stop: async () => {
      await offline.stop();
      await storage.stop();
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return stack;
}
