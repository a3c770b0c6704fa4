/**
 * 5. Cold start per function: each function bundled as serverless.yml's custom.esbuild bundles it, then a fresh Node
 * process imports the bundle and answers one first request (against DynamoDB Local where the function needs storage),
 * beside an empty handler bundled the same way.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build, type BuildOptions, type Plugin } from 'esbuild';
import { parseDocument } from 'yaml';
import { ROOT } from './corpus.js';
import { median } from './stats.js';

const run = promisify(execFile);

interface Serverless {
  custom: { esbuild: Record<string, any> };
  functions: Record<string, { handler: string }>;
}

function serverlessYml(): Serverless {
  const doc = parseDocument(readFileSync(join(ROOT, 'serverless.yml'), 'utf8'), {
    customTags: ['GetAtt', 'Sub', 'Join', 'Ref', 'If', 'Equals', 'Select'].flatMap((tag) => [
      { tag: `!${tag}`, resolve: (value: unknown) => value },
      { tag: `!${tag}`, collection: 'seq' as const, resolve: (value: unknown) => value },
    ]),
  });
  return doc.toJS() as Serverless;
}

/** esbuild options from custom.esbuild, as serverless-esbuild passes them (its own keys left out). */
function esbuildOptions(custom: Record<string, any>): { options: BuildOptions; extension: string } {
  const { bundle, minify, sourcemap, target, platform, format, banner, exclude, plugins, outputFileExtension } = custom;
  const loaded: Plugin[] = typeof plugins === 'string' ? (createRequire(join(ROOT, 'package.json'))(join(ROOT, plugins)) as Plugin[]) : [];
  return {
    options: { bundle, minify, sourcemap, target, platform, format, banner, external: Array.isArray(exclude) ? exclude : [], plugins: loaded, logLevel: 'error' },
    extension: outputFileExtension ?? '.js',
  };
}

export interface FunctionEvent {
  routeKey: string;
  path: string;
  query?: Record<string, string>;
  body?: string;
  token?: boolean;
}

export interface ColdRow {
  name: string;
  bundleBytes: number;
  /** Import the bundle and answer the first request, inside the fresh process (median ms). */
  firstAnswer: number;
  /** The same request answered again by the warm process (median ms): the request's own work. */
  warmAnswer: number;
  fastest: number;
  importMs: number;
  /** CPU time (user + system) of the whole process, median ms. */
  cpu: number;
  /** Spawn to exit, median ms (includes Node's own start). */
  process: number;
  status: number;
}

const PARTS: Record<string, string> = {
  zod: "import * as z from 'zod';\nconst s = z.object({ a: z.string() });\nexport const handler = async () => ({ statusCode: s.safeParse({ a: 'x' }).success ? 200 : 500, body: '' });\n",
  'DynamoDB client + document client': "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nimport { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';\nconst db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));\nexport const handler = async () => ({ statusCode: db ? 200 : 500, body: '' });\n",
  'SSM client': "import { SSMClient } from '@aws-sdk/client-ssm';\nconst ssm = new SSMClient({ region: 'eu-west-1' });\nexport const handler = async () => ({ statusCode: ssm ? 200 : 500, body: '' });\n",
  'Powertools logger': "import { Logger } from '@aws-lambda-powertools/logger';\nconst logger = new Logger({ serviceName: 'bench' });\nexport const handler = async () => ({ statusCode: logger ? 200 : 500, body: '' });\n",
  jose: "import { jwtVerify } from 'jose';\nexport const handler = async () => ({ statusCode: typeof jwtVerify === 'function' ? 200 : 500, body: '' });\n",
};

const RUNNER = `
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const [bundle, eventJson, warmJson] = process.argv.slice(2);
const context = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 15000 };
const t0 = performance.now();
const m = await import(bundle);
const t1 = performance.now();
const answer = await m.handler(JSON.parse(eventJson), context);
const t2 = performance.now();
const cpuFirst = cpu();
// The same request again (a new article for ingest), warm: what the first answer costs beyond the request's own work.
await m.handler(JSON.parse(warmJson), context);
const t3 = performance.now();
process.stdout.write(JSON.stringify({ importMs: t1 - t0, first: t2 - t0, warm: t3 - t2, status: answer && answer.statusCode, cpu: cpuFirst }));
process.exit(0);
`;

function eventOf(e: FunctionEvent, token: string, unique: number): unknown {
  const [method] = e.routeKey.split(' ');
  const body = e.body?.replace('{{unique}}', String(unique));
  return {
    version: '2.0',
    routeKey: e.routeKey,
    rawPath: e.path,
    rawQueryString: new URLSearchParams(e.query ?? {}).toString(),
    headers: { host: 'localhost', ...(e.token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    queryStringParameters: e.query,
    pathParameters: undefined,
    requestContext: { http: { method, path: e.path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'bench' }, requestId: `bench-${unique}`, routeKey: e.routeKey, stage: '$default' },
    body,
    isBase64Encoded: false,
  };
}

export async function coldStarts(
  events: Record<string, FunctionEvent>,
  env: Record<string, string>,
  token: string,
  runs: number,
): Promise<ColdRow[]> {
  const sls = serverlessYml();
  const { options, extension } = esbuildOptions(sls.custom.esbuild);
  mkdirSync(join(ROOT, '.data'), { recursive: true });
  // inside the project, so a bundle that leaves a package external finds it in node_modules
  const dir = mkdtempSync(join(ROOT, '.data', 'bench-cold-'));
  try {
    const entries: { name: string; entry: string; event: FunctionEvent; external?: string[] }[] = [];
    for (const [name, fn] of Object.entries(sls.functions)) {
      const event = events[name];
      if (!event) continue;
      entries.push({ name, entry: join(ROOT, `${fn.handler.replace(/\.[^.]+$/, '')}.ts`), event });
    }
    writeFileSync(join(dir, 'empty.ts'), "export const handler = async () => ({ statusCode: 200, body: '{}' });\n");
    entries.push({ name: 'empty handler', entry: join(dir, 'empty.ts'), event: { routeKey: 'GET /', path: '/' } });
    // Where the time goes: each library the functions bundle, alone in a handler that uses it once.
    for (const [name, source] of Object.entries(PARTS)) {
      writeFileSync(join(dir, `part-${name}.ts`), source);
      entries.push({ name: `part: ${name}`, entry: join(dir, `part-${name}.ts`), event: { routeKey: 'GET /', path: '/' } });
    }
    // What leaving the AWS SDK to the Lambda runtime (serverless.yml custom.esbuild.exclude) would change.
    const claims = entries.find((e) => e.name === 'claims');
    if (claims) entries.push({ ...claims, name: 'claims, AWS SDK left to the runtime', external: ['@aws-sdk/*', '@smithy/*'] });
    const runner = join(dir, 'runner.mjs');
    writeFileSync(runner, RUNNER);
    const rows: ColdRow[] = [];
    for (const { name, entry, external } of entries) {
      const outfile = join(dir, `${name.replace(/\W+/g, '-')}${extension}`);
      await build({ ...options, entryPoints: [entry], outfile, absWorkingDir: ROOT, ...(external ? { external: [...(options.external ?? []), ...external] } : {}) });
      rows.push({ name, bundleBytes: statSync(outfile).size, firstAnswer: 0, warmAnswer: 0, fastest: 0, importMs: 0, cpu: 0, process: 0, status: 0 });
    }
    // runs interleave the functions, so each sees the same spread of machine load
    const samples = new Map<string, { first: number; warm: number; importMs: number; cpu: number; process: number; status: number }[]>();
    for (let r = 0; r < runs; r++) {
      for (const { name } of entries) {
        const outfile = join(dir, `${name.replace(/\W+/g, '-')}${extension}`);
        const e = entries.find((x) => x.name === name)!.event;
        const t0 = performance.now();
        const { stdout } = await run(process.execPath, ['--enable-source-maps', runner, outfile, JSON.stringify(eventOf(e, token, r)), JSON.stringify(eventOf(e, token, runs + r))], {
          env: { ...process.env, ...env },
          cwd: dir,
          maxBuffer: 1 << 20,
        });
        const took = performance.now() - t0;
        const o = JSON.parse(stdout) as { first: number; warm: number; importMs: number; cpu: number; status: number };
        const list = samples.get(name) ?? [];
        list.push({ ...o, process: took });
        samples.set(name, list);
      }
    }
    for (const row of rows) {
      const list = samples.get(row.name)!;
      row.firstAnswer = median(list.map((s) => s.first));
      row.warmAnswer = median(list.map((s) => s.warm));
      row.fastest = Math.min(...list.map((s) => s.first));
      row.importMs = median(list.map((s) => s.importMs));
      row.cpu = median(list.map((s) => s.cpu));
      row.process = median(list.map((s) => s.process));
      row.status = list[list.length - 1]!.status;
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
