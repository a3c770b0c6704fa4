/**
 * `npm run ingest` against a fake API on 127.0.0.1: what it sends, retries (429/503, Retry-After, network errors,
 * timeouts), bounded concurrency, the summary and the exit code. The real stack: test/e2e/ingest.test.ts.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { markdownToText } from '../../scripts/cli/files.js';
import { parseRetryAfter, retryDelay, type RetryPolicy } from '../../scripts/cli/http.js';
import { ingest, type IngestOptions } from '../../scripts/cli/ingest.js';
import { progressOn } from '../../scripts/cli/progress.js';
import { json, runScript, startFakeServer, type FakeServer, type Received } from '../support/fake-http.js';

const FAST: RetryPolicy = { retries: 3, timeoutMs: 5_000, baseDelayMs: 20, maxDelayMs: 2_000 };
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ingest-test-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** An idempotent fake of POST /articles: one article per distinct text, 201 the first time, 200 after. */
function fakeDesk() {
  const stored = new Map<string, { articleId: string; createdAt: string; body: Record<string, string> }>();
  const submit = (request: Received) => {
    const body = JSON.parse(request.body) as Record<string, string>;
    const key = body.text ?? body.html ?? '';
    const existing = stored.get(key);
    if (existing) return { status: 200, article: existing };
    const article = { articleId: createHash('sha256').update(key).digest('hex').slice(0, 24), createdAt: new Date().toISOString(), body };
    stored.set(key, article);
    return { status: 201, article };
  };
  const answer = (request: Received, response: Parameters<typeof json>[0]) => {
    const { status, article } = submit(request);
    json(response, status, { article: { articleId: article.articleId, createdAt: article.createdAt }, claims: [{}, {}] });
  };
  return { stored, submit, answer };
}

async function server(handle: Parameters<typeof startFakeServer>[0]): Promise<FakeServer> {
  const fake = await startFakeServer(handle);
  cleanups.push(() => fake.close());
  return fake;
}

const silent = { note: () => undefined, update: () => undefined, end: () => undefined };
const options = (api: string, paths: string[], extra: Partial<IngestOptions> = {}): IngestOptions => ({
  api,
  token: 't0ken',
  paths,
  concurrency: 4,
  policy: FAST,
  progress: silent,
  fileLines: false,
  ...extra,
});

describe('npm run ingest (CLI)', () => {
  it('submits every supported file of a folder tree once: html as html, Markdown as plain text, others skipped; exit 0', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'sub', 'deeper'), { recursive: true });
    writeFileSync(join(dir, 'a.txt'), 'Council spends $3 million on roads.\n');
    writeFileSync(join(dir, 'sub', 'b.HTML'), '<html><head><title>B</title></head><body><p>Unemployment fell to 3.5 percent.</p></body></html>');
    writeFileSync(join(dir, 'sub', 'deeper', 'c.md'), '# Budget day\n\nThe **council** said [it spent](https://x.example/) $4 million.\n');
    writeFileSync(join(dir, 'sub', 'notes.csv'), 'not,an,article\n');
    writeFileSync(join(dir, 'same-as-a.htm'), '<p>Taxes rose 2 percent.</p>');
    const desk = fakeDesk();
    const api = await server((request, response) => desk.answer(request, response));
    // the folder and a file inside it: the file is sent once
    const run = await runScript('ingest', ['--api', api.url, '--token', 't0ken', dir, join(dir, 'a.txt')]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout.trim().split('\n').at(-1)!)).toEqual({ created: 4, existing: 0, failed: [] });
    expect(api.received).toHaveLength(4);
    for (const request of api.received) {
      expect(request).toMatchObject({ method: 'POST', url: '/articles' });
      expect(request.headers.authorization).toBe('Bearer t0ken');
      expect(request.headers['content-type']).toBe('application/json');
    }
    const bodies = api.received.map((r) => JSON.parse(r.body));
    expect(bodies).toContainEqual({ text: 'Council spends $3 million on roads.\n' });
    expect(bodies).toContainEqual({ html: expect.stringContaining('<title>B</title>') });
    expect(bodies).toContainEqual({ text: 'Budget day\n\n\nThe council said it spent $4 million.\n' });
    expect(bodies.every((b) => b.title === undefined)).toBe(true); // the API derives titles from the text
    // not a terminal: one plain progress line per file on stderr, then the summary
    expect(run.stderr).toMatch(/^ingest: \[\d\/4\] created .*a\.txt → [0-9a-f]{24} \(2 claims\)$/m);
    expect(run.stderr).toMatch(/ingest: 4 files: 4 created, 0 already in the desk, 0 failed/);
    expect(run.stderr).not.toMatch(/\x1b\[/);

    const again = await runScript('ingest', ['--api', api.url, dir], { env: { CLAIMDESK_TOKEN: 't0ken' } });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout.trim().split('\n').at(-1)!)).toEqual({ created: 0, existing: 4, failed: [] });
    expect(desk.stored.size).toBe(4);
  }, 60_000);

  it('lists each failure with file, status and detail, and exits 1: refusals, unreadable, missing and unsupported files', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'good.txt'), 'Inflation rose to 7 percent in May.');
    writeFileSync(join(dir, 'empty.txt'), '   \n');
    writeFileSync(join(dir, 'latin1.txt'), Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x70, 0x65, 0x6e, 0x73, 0x2e])); // "Café opens." in Latin-1
    symlinkSync(join(dir, 'gone.txt'), join(dir, 'broken.txt'));
    mkdirSync(join(dir, 'folder.txt')); // a folder with an article's name is walked like any folder
    writeFileSync(join(dir, 'folder.txt', 'inner.md'), 'Exports fell 4 percent.');
    writeFileSync(join(dir, 'big.txt'), 'x'.repeat(1024 * 1024 + 1));
    const other = join(dir, 'data.json'); // skipped in the folder, refused when named
    writeFileSync(other, '{}');
    const desk = fakeDesk();
    const api = await server((request, response) => {
      const body = JSON.parse(request.body);
      if (!body.text?.trim()) return json(response, 400, { type: 'about:blank', title: 'Invalid request', status: 400, detail: 'The article has no text.', errors: [{ path: 'text', message: 'is empty' }] });
      desk.answer(request, response);
    });
    const run = await runScript('ingest', ['--api', api.url, '--token', 't', '--concurrency', '2', dir, join(dir, 'missing.txt'), other]);
    expect(run.code).toBe(1);
    const summary = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
    expect(summary.created).toBe(2);
    expect(summary.existing).toBe(0);
    expect(summary.failed).toEqual([
      { file: join(dir, 'big.txt'), status: null, detail: expect.stringMatching(/larger than the API accepts.*not sent/) },
      { file: join(dir, 'broken.txt'), status: null, detail: expect.stringContaining('broken link') },
      { file: other, status: null, detail: 'not a .txt, .md, .html, .htm file' },
      { file: join(dir, 'empty.txt'), status: 400, detail: 'The article has no text. (text: is empty)' },
      { file: join(dir, 'latin1.txt'), status: null, detail: expect.stringContaining('not valid UTF-8') },
      { file: join(dir, 'missing.txt'), status: null, detail: expect.stringContaining('no such file') },
    ]);
    expect(api.received).toHaveLength(3); // good.txt, folder.txt/inner.md, empty.txt: nothing unreadable was sent
    expect(run.stderr).toMatch(/failed .*latin1\.txt: not valid UTF-8/);
  }, 60_000);

  it('says so when a folder holds nothing to send, and exits 0', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.pdf'), '%PDF');
    const api = await server((_request, response) => json(response, 500, {}));
    const run = await runScript('ingest', ['--api', api.url, '--token', 't', dir]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ created: 0, existing: 0, failed: [] });
    expect(run.stderr).toMatch(/nothing to send: no \.txt, \.md, \.html, \.htm files under/);
    expect(api.received).toHaveLength(0);
  }, 60_000);

  it('exits 2 with the usage on a usage error, sending nothing', async () => {
    const run = await runScript('ingest', ['--api', 'http://127.0.0.1:9', 'x.txt']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/--token/);
    const bad = await runScript('ingest', ['--token', 't', '--concurrency', '0', 'x.txt']);
    expect(bad.code).toBe(2);
  }, 60_000);
});

describe('ingest retries', () => {
  it('waits what Retry-After asks after a 503, then stores the article', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'Prices rose 3 percent.');
    const desk = fakeDesk();
    const api = await server((request, response) => {
      if (api.received.length === 1) return json(response, 503, { title: 'Storage unavailable', status: 503, detail: 'try again' }, { 'Retry-After': '1' });
      desk.answer(request, response);
    });
    const notes: string[] = [];
    const summary = await ingest(options(api.url, [dir], { progress: { ...silent, note: (line) => notes.push(line) } }));
    expect(summary).toEqual({ created: 1, existing: 0, failed: [] });
    expect(api.received).toHaveLength(2);
    expect(api.received[1]!.at - api.received[0]!.at).toBeGreaterThanOrEqual(990);
    expect(notes.join('\n')).toMatch(/retrying .*a\.txt in 1\.\d s \(503; retry 1 of 3\)/);
  });

  it('backs off on 429 without Retry-After, growing waits, and gives up with the last status after the retries', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'Prices rose 3 percent.');
    const api = await server((_request, response) => json(response, 429, { title: 'Too many requests', status: 429, detail: 'slow down' }));
    const policy = { ...FAST, baseDelayMs: 100, retries: 3 };
    const summary = await ingest(options(api.url, [dir], { policy }));
    expect(summary.failed).toEqual([{ file: join(dir, 'a.txt'), status: 429, detail: 'slow down' }]);
    expect(api.received).toHaveLength(4);
    const gaps = api.received.slice(1).map((r, i) => r.at - api.received[i]!.at);
    // retry n waits within [d/2, d], d = 100 ms · 2^n
    expect(gaps[0]).toBeGreaterThanOrEqual(45);
    expect(gaps[1]).toBeGreaterThanOrEqual(95);
    expect(gaps[2]).toBeGreaterThanOrEqual(195);
  });

  it('retries a dropped connection and a 409 that says Retry-After (the same text being stored right now)', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'Prices rose 3 percent.');
    const desk = fakeDesk();
    const api = await server((request, response) => {
      if (api.received.length === 1) return void response.socket?.destroy();
      if (api.received.length === 2) return json(response, 409, { title: 'Conflict', status: 409, detail: 'being stored' }, { 'Retry-After': '0' });
      desk.answer(request, response);
    });
    expect(await ingest(options(api.url, [dir]))).toEqual({ created: 1, existing: 0, failed: [] });
    expect(api.received).toHaveLength(3);
  });

  it('does not retry a 409 without Retry-After, a 400 or a 500', async () => {
    const dir = tempDir();
    for (const name of ['a', 'b', 'c']) writeFileSync(join(dir, `${name}.txt`), `Text ${name} rose 3 percent.`);
    const api = await server((request, response) => {
      const status = request.body.includes('Text a') ? 409 : request.body.includes('Text b') ? 400 : 500;
      json(response, status, { title: 'No', status, detail: `refused ${status}` });
    });
    const summary = await ingest(options(api.url, [dir]));
    expect(summary.failed.map((f) => f.status)).toEqual([409, 400, 500]);
    expect(api.received).toHaveLength(3);
  });

  it('a retry after a timeout stores nothing twice, and counts the file as created when the timed-out attempt stored it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'new.txt'), 'Exports fell 4 percent in March.');
    writeFileSync(join(dir, 'old.txt'), 'Imports rose 2 percent in March.');
    const desk = fakeDesk();
    // in the desk since ten seconds before the run
    desk.submit({ body: JSON.stringify({ text: 'Imports rose 2 percent in March.' }) } as Received).article.createdAt = new Date(Date.now() - 10_000).toISOString();
    const attempts = new Map<string, number>();
    const api = await server(async (request, response) => {
      const n = (attempts.get(request.body) ?? 0) + 1;
      attempts.set(request.body, n);
      if (n === 1) {
        desk.submit(request); // stored, but the answer comes too late for the client
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        if (!response.destroyed) response.socket?.destroy();
        return;
      }
      desk.answer(request, response);
    });
    const notes: string[] = [];
    const summary = await ingest(options(api.url, [dir], { policy: { ...FAST, timeoutMs: 500 }, progress: { ...silent, note: (line) => notes.push(line) } }));
    expect(summary).toEqual({ created: 1, existing: 1, failed: [] });
    expect(desk.stored.size).toBe(2); // each text once
    expect(api.received).toHaveLength(4); // two attempts each
    expect(notes.join('\n')).toMatch(/retrying .*new\.txt .*no answer within 0\.5 s/);
    expect(notes.join('\n')).toMatch(/new\.txt: stored by an attempt that timed out/);
  }, 30_000);

  it("counts a 200 after a gateway's 504 (not the desk's own problem) as created when that attempt stored the article", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'Exports fell 4 percent in March.');
    const desk = fakeDesk();
    const api = await server((request, response) => {
      if (api.received.length > 1) return desk.answer(request, response);
      desk.submit(request); // the function ran on after the gateway gave up on it
      response.writeHead(504, { 'Content-Type': 'application/json' });
      response.end('{"message":"Gateway Timeout"}');
    });
    expect(await ingest(options(api.url, [dir]))).toEqual({ created: 1, existing: 0, failed: [] });
    expect(api.received).toHaveLength(2);
    expect(desk.stored.size).toBe(1);
  });

  it('gives up after the retries when no attempt is answered, with status null', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.txt'), 'Prices rose 3 percent.');
    const api = await server((_request, response) => void response.socket?.destroy());
    const summary = await ingest(options(api.url, [dir], { policy: { ...FAST, retries: 2 } }));
    expect(summary.failed).toEqual([{ file: join(dir, 'a.txt'), status: null, detail: expect.stringMatching(/gave up after 3 attempts/) }]);
    expect(api.received).toHaveLength(3);
  });
});

describe('ingest concurrency and refusals', () => {
  it('never has more than --concurrency requests in flight', async () => {
    const dir = tempDir();
    for (let i = 0; i < 10; i++) writeFileSync(join(dir, `${i}.txt`), `Sales rose ${i} percent.`);
    const desk = fakeDesk();
    let inFlight = 0;
    let most = 0;
    const api = await server(async (request, response) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 150));
      inFlight -= 1;
      desk.answer(request, response);
    });
    expect(await ingest(options(api.url, [dir], { concurrency: 3 }))).toEqual({ created: 10, existing: 0, failed: [] });
    expect(most).toBe(3);
  });

  it('on interrupt, sends no new file, lets those in flight finish, and lists the rest as not sent', async () => {
    const dir = tempDir();
    for (let i = 0; i < 6; i++) writeFileSync(join(dir, `${i}.txt`), `Sales rose ${i} percent.`);
    const desk = fakeDesk();
    const interrupt = new AbortController();
    const api = await server(async (request, response) => {
      interrupt.abort(); // Ctrl-C while the first two are in flight
      await new Promise((resolve) => setTimeout(resolve, 50));
      desk.answer(request, response);
    });
    const summary = await ingest(options(api.url, [dir], { concurrency: 2, signal: interrupt.signal }));
    expect(api.received).toHaveLength(2);
    expect(summary.created).toBe(2);
    expect(summary.failed.map((f) => f.file)).toEqual(['2', '3', '4', '5'].map((n) => join(dir, `${n}.txt`)));
    expect(summary.failed.every((f) => f.status === null && f.detail === 'not sent: interrupted')).toBe(true);
  });

  it('stops sending once the API refuses the token (401), failing the rest without sending them', async () => {
    const dir = tempDir();
    for (let i = 0; i < 5; i++) writeFileSync(join(dir, `${i}.txt`), `Sales rose ${i} percent.`);
    const api = await server((_request, response) => json(response, 401, { title: 'Unauthorized', status: 401, detail: 'The token has expired.' }));
    const summary = await ingest(options(api.url, [dir], { concurrency: 1 }));
    expect(api.received).toHaveLength(1);
    expect(summary.failed).toHaveLength(5);
    expect(summary.failed[0]).toEqual({ file: join(dir, '0.txt'), status: 401, detail: 'The token has expired.' });
    expect(summary.failed[4]!.detail).toMatch(/^not sent: the API refused the token \(401/);
  });
});

describe('ingest helpers', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('2', now)).toBe(2_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('backs off exponentially with jitter, waits at least Retry-After, and caps every wait', () => {
    const policy = { retries: 5, timeoutMs: 1, baseDelayMs: 500, maxDelayMs: 10_000 };
    expect(retryDelay(0, undefined, { ...policy, random: () => 0 })).toBe(250);
    expect(retryDelay(0, undefined, { ...policy, random: () => 1 })).toBe(500);
    expect(retryDelay(3, undefined, { ...policy, random: () => 1 })).toBe(4_000);
    expect(retryDelay(10, undefined, { ...policy, random: () => 1 })).toBe(10_000);
    expect(retryDelay(0, 3_000, { ...policy, random: () => 0 })).toBe(3_000);
    expect(retryDelay(0, 3_000, { ...policy, random: () => 1 })).toBe(3_500);
    expect(retryDelay(0, 3_600_000, { ...policy, random: () => 0 })).toBe(10_000);
  });

  it('reduces Markdown to the words a reader sees', () => {
    const markdown = '# Budget day #\n> The **mayor** said _taxes_ rose [2 percent](https://x.example/a).\n\n![chart](c.png)\n\n---\n\nA `snake_case` word and 3*4*5 stay.\n<!-- draft -->';
    expect(markdownToText(markdown)).toBe('Budget day\n\nThe mayor said taxes rose 2 percent.\n\nchart\n\n\n\nA snake_case word and 3*4*5 stay.\n');
  });

  it('draws a bar on a terminal, with notes above it, and plain lines elsewhere', () => {
    let tty = '';
    const bar = progressOn({ isTTY: true, columns: 60, write: (chunk: string) => (tty += chunk) }, 'ingest');
    bar.update(1, 4, '1 created');
    bar.note('failed x.txt: 400 empty');
    bar.update(2, 4, '1 created · 1 failed');
    bar.end();
    expect(tty).toContain('\r\x1b[K[');
    expect(tty).toContain('] 2/4 1 created · 1 failed');
    expect(tty).toMatch(/\r\x1b\[Kfailed x\.txt: 400 empty\n\[/);
    let unsized = '';
    progressOn({ isTTY: true, columns: 0, write: (chunk: string) => (unsized += chunk) }, 'ingest').update(1, 2, '1 created · 0 failed');
    expect(unsized).toMatch(/\] 1\/2 1 created · 0 failed$/);
    let plain = '';
    const lines = progressOn({ write: (chunk: string) => (plain += chunk) }, 'ingest');
    lines.update(1, 4, 'x');
    lines.note('failed x.txt');
    expect(plain).toBe('ingest: failed x.txt\n');
  });
});
