/**
 * What each function's bundle carries, checked on the bundle esbuild makes of it (the same entry points as
 * serverless.yml): a client a function never uses costs every cold start its load time, so it must not be in there.
 */
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

const root = resolve(new URL('../..', import.meta.url).pathname);

/** The repo files and npm packages of a function's bundle that put code into it (tree-shaken ones left out). */
async function contentsOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [resolve(root, entry)],
    bundle: true,
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    logLevel: 'silent',
    // the dashboard assets (web function only) come from a plugin; no function checked here imports them
    external: ['claimdesk:web-assets'],
  });
  const output = Object.values(result.metafile.outputs)[0]!;
  return Object.entries(output.inputs).filter(([, { bytesInOutput }]) => bytesInOutput > 0).map(([input]) => input);
}

async function packagesIn(entry: string): Promise<Set<string>> {
  const packages = new Set<string>();
  for (const input of await contentsOf(entry)) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packages.add(match[1]!);
  }
  return packages;
}

describe('function bundles', () => {
  it('health reads no keys: no SSM client in its bundle; the functions that authenticate have it', async () => {
    const health = await packagesIn('functions/health.ts');
    expect(health.has('@aws-sdk/client-dynamodb')).toBe(true);
    expect(health.has('@aws-sdk/client-ssm')).toBe(false);
    expect((await packagesIn('functions/claims.ts')).has('@aws-sdk/client-ssm')).toBe(true);
  });

  it('the claims function carries no extractor model or HTML parser (only ingest needs them)', async () => {
    const claims = await packagesIn('functions/claims.ts');
    expect(claims.has('htmlparser2')).toBe(false);
    // the word lists (lib/extract/lexicon.ts) serve matching too; the weights and the pipeline stay with ingest
    expect((await contentsOf('functions/claims.ts')).filter((input) => input.startsWith('lib/extract/') && !input.endsWith('lexicon.ts'))).toEqual([]);
  });

  it('takes from zod only what the schemas use: imported as a namespace (import * as z), not its every locale', async () => {
    const zod = (await contentsOf('functions/claims.ts')).filter((input) => input.includes('node_modules/zod/'));
    expect(zod.length).toBeGreaterThan(0);
    expect(zod.filter((input) => input.includes('/locales/') && !input.endsWith('/en.js'))).toEqual([]);
  });
});
