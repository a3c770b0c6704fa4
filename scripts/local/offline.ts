/** serverless-offline (through the osls v3 CLI) serving the desk's functions over HTTP. */
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { startChild, waitFor, type Child } from './processes.js';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Offline {
  baseUrl: string;
  child: Child;
  stop: () => Promise<void>;
}

export async function startOffline(options: {
  port: number;
  lambdaPort: number;
  dynamodbEndpoint: string;
  jwtSecret: string;
  stage?: string;
  echo?: boolean;
  env?: Record<string, string>;
  flags?: string[];
  /** Keep everything it prints (tests read the logs); otherwise only the tail, for error messages. */
  keepAllOutput?: boolean;
}): Promise<Offline> {
  const child = startChild('serverless-offline', process.execPath, [join(ROOT, 'node_modules/osls/bin/serverless.js'), 'offline', 'start', '--stage', options.stage ?? 'dev', ...(options.flags ?? [])], {
    cwd: ROOT,
    echo: options.echo ?? false,
    keepAllOutput: options.keepAllOutput ?? false,
    env: {
      ...process.env,
      ...options.env,
      PORT: String(options.port),
      CLAIMDESK_LAMBDA_PORT: String(options.lambdaPort),
      DYNAMODB_ENDPOINT: options.dynamodbEndpoint,
      CLAIMDESK_JWT_SECRET: options.jwtSecret,
      SLS_TELEMETRY_DISABLED: '1',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      SLS_NOTIFICATIONS_MODE: 'off',
      SLS_DEPRECATION_DISABLE: '*',
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    },
  });
  const baseUrl = `http://127.0.0.1:${options.port}`;
  await waitFor('serverless-offline to serve /health', async () => (await fetch(`${baseUrl}/health`)).status === 200, 120_000, child);
  return { baseUrl, child, stop: child.stop };
}
