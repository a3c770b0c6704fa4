/**
 * npm start: the whole desk on this machine. DynamoDB Local keeps its data under .data/ (work survives a restart),
 * the table is created from serverless.yml if missing, serverless-offline serves the API and the dashboard on PORT
 * (3000), and the demo article is submitted (the same text is stored once, so restarting never duplicates it).
 * Ctrl-C stops every child process. CLAIMDESK_DATA_DIR moves the data folder (the Ctrl-C test uses a temporary one).
 */
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { mintToken } from '../lib/auth.js';
import { parseKeyring } from '../lib/keys.js';
import { startDynamoDbLocal } from './local/dynamodb.js';
import { ROOT, startOffline } from './local/offline.js';
import { freePort, stopEveryChild, watchOverChildren } from './local/processes.js';
import { DATA_DIR, localSecret } from './local/secret.js';
import { ensureTable } from './local/table.js';

// Versions are pinned in the lock file; the SDK's Node 20 notice says nothing actionable here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const port = Number(process.env.PORT ?? 3000);
const dynamoPort = Number(process.env.DYNAMODB_PORT ?? 8000);
const stage = 'dev';
let stopping = false;

/**
 * Ctrl-C in a terminal signals the whole foreground group: npm, tsx and this script each get SIGINT, and tsx passes
 * its own on, so this runs two or three times. Every call waits for the one stop of every child (their whole process
 * groups, SIGKILL after a grace period), and only then exits: nothing is left holding a port.
 */
function shutDown(code: number): void {
  if (!stopping) console.log('\nclaimdesk: stopping…');
  stopping = true;
  void stopEveryChild().finally(() => process.exit(code));
}
process.on('SIGINT', () => shutDown(0));
process.on('SIGTERM', () => shutDown(0));
process.on('SIGHUP', () => shutDown(0));
// and should this process be killed outright (tsx sends SIGKILL when a relayed Ctrl-C seems unanswered), a watchdog stops the children
watchOverChildren(DATA_DIR);

try {
  const secret = localSecret();
  const dynamoDir = join(DATA_DIR, 'dynamodb');
  console.log(`claimdesk: starting DynamoDB Local on port ${dynamoPort} (data in ${relative(process.cwd(), dynamoDir) || dynamoDir})…`);
  const dynamo = await startDynamoDbLocal({ port: dynamoPort, dataDir: dynamoDir });
  const tableName = `claimdesk-${stage}`;
  if (await ensureTable(dynamo.endpoint, tableName)) console.log(`claimdesk: created table ${tableName}`);

  console.log(`claimdesk: starting serverless-offline on port ${port}…`);
  const offline = await startOffline({
    port,
    lambdaPort: Number(process.env.CLAIMDESK_LAMBDA_PORT ?? (await freePort())),
    dynamodbEndpoint: dynamo.endpoint,
    jwtSecret: secret,
    stage,
    echo: process.env.CLAIMDESK_VERBOSE === '1',
  });
  offline.child.process.once('exit', () => {
    if (!stopping) {
      console.error(`claimdesk: serverless-offline stopped unexpectedly:\n${offline.child.output().slice(-3000)}`);
      shutDown(1);
    }
  });

  const key = parseKeyring(secret).current;
  const token = await mintToken(key, { sub: process.env.USER && process.env.USER !== 'root' ? process.env.USER : 'local-reviewer', roles: ['editor', 'reviewer'], expiresIn: '24h' });
  const demo = readFileSync(join(ROOT, 'data/articles/nato-russia-talks-2022-01-12.txt'), 'utf8');
  const answer = await fetch(`${offline.baseUrl}/articles`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({
      text: demo,
      url: 'https://abcnews.go.com/International/nato-rejects-russian-demands-security-guarantees-latest-round/story?id=82238339',
      source: 'ABC News',
      publishedAt: '2022-01-12T16:53:00-05:00',
    }),
  });
  const body = (await answer.json()) as { article?: { articleId: string; claimCount: number }; type?: string; articleId?: string };
  if (answer.status === 409 && body.type?.endsWith('article-archived')) {
    // Someone archived the demo: leave it so (an admin can restore it).
    console.log(`claimdesk: demo article archived (${body.articleId}); not loaded again`);
  } else if ((answer.status === 201 || answer.status === 200) && body.article) {
    console.log(`claimdesk: demo article ${answer.status === 201 ? 'loaded' : 'already stored'} (${body.article.articleId}, ${body.article.claimCount} claims)`);
  } else {
    throw new Error(`loading the demo article failed: HTTP ${answer.status} ${JSON.stringify(body)}`);
  }
  console.log(`\n  API:        http://localhost:${port}  (try GET /health)`);
  console.log(`  Dashboard:  http://localhost:${port}/#token=${token}`);
  console.log(`  Token (editor+reviewer, 24 hours):\n    ${token}\n\n  Ctrl-C stops everything.`);
} catch (error) {
  // stopped while starting (Ctrl-C before the desk was up): the stop in progress exits; nothing went wrong
  if (!stopping) {
    console.error(`claimdesk: could not start: ${error instanceof Error ? error.message : String(error)}`);
    shutDown(1);
  }
}
