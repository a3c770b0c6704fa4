/**
 * The stack of test/support/stack.ts (same serverless.yml, same DynamoDB Local, same functions and handlers), with
 * serverless-offline started `--useInProcess`: every request runs in serverless-offline's own process, like one warm
 * Lambda container that serves all requests concurrently.
 *
 * Why: by default serverless-offline gives each concurrent request of a function its own worker thread, cold-started
 * on demand (importing a 1–2 MB bundle: 2–10 s on two busy cores). The cold start counts against the 15 s function
 * timeout, and an instance that timed out once keeps a terminated worker, so every later request routed to it "times
 * out" too (answered 200 with a LambdaTimeoutError body). Fifty concurrent clients then measure the emulator, not the
 * desk. In-process there is one cold start; the function timeout still applies to every request. Sharing one module
 * instance among concurrent requests is, if anything, a stricter test of module-level state than Lambda is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mintToken, secretKey } from '../../lib/auth.js';
import { ROOT, type Offline } from '../../scripts/local/offline.js';
import { freePort, startChild, waitFor } from '../../scripts/local/processes.js';
import { STAGE, startStorage, type Stack } from './stack.js';

export interface ReliabilityStack extends Stack {
  /** Everything serverless-offline and the functions printed since the start (not only the tail). */
  logs(): string;
  /** Handler durations (ms) serverless-offline reported. */
  handlerDurations(): number[];
}

export async function startReliabilityStack(options: { env?: Record<string, string>; persistent?: boolean } = {}): Promise<ReliabilityStack> {
  const flags = ['--useInProcess', '--terminateIdleLambdaTime', '3600'];
  // No `npm run build:web` here: the web function's bundle builds its assets from web/src itself (web/esbuild-plugin.cjs),
  // and two test files rebuilding web/dist at once race (one deletes the files the other is writing).
  const dataDir = options.persistent ? mkdtempSync(join(tmpdir(), 'claimdesk-dynamodb-')) : undefined;
  let storage = await startStorage(dataDir ? { dataDir } : {});
  const storagePort = Number(new URL(storage.endpoint).port);
  const port = await freePort();
  const lambdaPort = await freePort();
  const child = startChild(
    'serverless-offline',
    process.execPath,
    [join(ROOT, 'node_modules/osls/bin/serverless.js'), 'offline', 'start', '--stage', STAGE, ...flags],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'WARN',
        ...options.env,
        PORT: String(port),
        CLAIMDESK_LAMBDA_PORT: String(lambdaPort),
        DYNAMODB_ENDPOINT: storage.endpoint,
        CLAIMDESK_JWT_SECRET: storage.secret,
        SLS_TELEMETRY_DISABLED: '1',
        AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
        SLS_NOTIFICATIONS_MODE: 'off',
        SLS_DEPRECATION_DISABLE: '*',
        AWS_REGION: 'eu-west-1',
        AWS_ACCESS_KEY_ID: 'local',
        AWS_SECRET_ACCESS_KEY: 'local',
      },
    },
  );
  let logs = '';
  const keep = (chunk: Buffer) => (logs += chunk.toString());
  child.process.stdout?.on('data', keep);
  child.process.stderr?.on('data', keep);
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitFor('serverless-offline to serve /health', async () => (await fetch(`${baseUrl}/health`)).status === 200, 120_000, child);
  } catch (error) {
    await child.stop();
    await storage.stop();
    throw error;
  }
  const offline: Offline = { baseUrl, child, stop: child.stop };
  const key = secretKey(storage.secret);
  const stack: ReliabilityStack = {
    baseUrl,
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
    logs: () => logs,
    handlerDurations: () => [...logs.matchAll(/Duration: ([\d.]+) ms/g)].map((match) => Number(match[1])),
  };
  return stack;
}
