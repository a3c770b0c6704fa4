/**
 * Builds the reviewer's dashboard (web/src) with esbuild into a handful of assets with content-hashed names.
 * Used two ways: `npm run build:web` writes them to web/dist/ (and prints sizes), and web/esbuild-plugin.cjs
 * bundles them into the `web` function, so every build of the function (offline or `serverless package`) carries
 * the dashboard that matches its source.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const webDir = dirname(fileURLToPath(import.meta.url));

const hash = (text) => createHash('sha256').update(text).digest('hex').slice(0, 10);

const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="#17663a"/><path d="M9 16.5l4.5 4.5L23 11" fill="none" stroke="#fff" stroke-width="3.2" stroke-linecap="round" stroke-linejoin="round"/></svg>`;

/**
 * @returns {Promise<{ assets: Record<string, { type: string; body: string; immutable: boolean }>, inputs: string[] }>}
 */
export async function buildWeb() {
  const result = await esbuild.build({
    absWorkingDir: join(webDir, '..'),
    entryPoints: { app: join(webDir, 'src/main.ts'), styles: join(webDir, 'src/styles.css') },
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['chrome110', 'firefox115', 'safari16'],
    platform: 'browser',
    write: false,
    outdir: join(webDir, 'dist'),
    metafile: true,
    legalComments: 'none',
    logLevel: 'silent',
    charset: 'utf8',
  });
  const js = result.outputFiles.find((f) => f.path.endsWith('app.js'))?.text;
  const css = result.outputFiles.find((f) => f.path.endsWith('styles.css'))?.text;
  if (js === undefined || css === undefined) throw new Error('dashboard build produced no app.js or styles.css');
  const jsName = `app-${hash(js)}.js`;
  const cssName = `app-${hash(css)}.css`;
  const html = [
    '<!doctype html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="color-scheme" content="light">',
    '<title>claimdesk</title>',
    '<link rel="icon" href="/app/favicon.svg" type="image/svg+xml">',
    `<link rel="stylesheet" href="/app/${cssName}">`,
    `<script type="module" src="/app/${jsName}"></script>`,
    '</head>',
    '<body>',
    '<div id="app"><noscript>The claimdesk dashboard needs JavaScript.</noscript></div>',
    '</body>',
    '</html>',
    '',
  ].join('\n');
  const inputs = Object.keys(result.metafile.inputs).map((p) => join(webDir, '..', p));
  return {
    assets: {
      'index.html': { type: 'text/html; charset=utf-8', body: html, immutable: false },
      [jsName]: { type: 'text/javascript; charset=utf-8', body: js, immutable: true },
      [cssName]: { type: 'text/css; charset=utf-8', body: css, immutable: true },
      'favicon.svg': { type: 'image/svg+xml', body: FAVICON, immutable: false },
    },
    inputs,
  };
}

async function main() {
  const { assets } = await buildWeb();
  const out = join(webDir, 'dist');
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const sizes = {};
  for (const [name, asset] of Object.entries(assets)) {
    await writeFile(join(out, name), asset.body);
    sizes[name] = { bytes: Buffer.byteLength(asset.body), gzip: gzipSync(asset.body, { level: 9 }).length };
  }
  await writeFile(join(out, 'sizes.json'), JSON.stringify(sizes, null, 2) + '\n');
  for (const [name, size] of Object.entries(sizes)) {
    console.log(`${relative(process.cwd(), join(out, name))}  ${(size.bytes / 1024).toFixed(1)} KB  (${(size.gzip / 1024).toFixed(1)} KB gzipped)`);
  }
  const js = Object.entries(sizes).find(([name]) => name.endsWith('.js'));
  const LIMIT = 60 * 1024;
  if (js && js[1].gzip > LIMIT) {
    console.error(`dashboard JavaScript is ${js[1].gzip} bytes gzipped, over the ${LIMIT}-byte budget`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
