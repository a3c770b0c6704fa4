/**
 * `npm run export` against a fake CSV endpoint on 127.0.0.1: Link parsing, pages joined with the header once,
 * retries, and what it refuses to do (another origin, a loop, a changed header).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { countRecords, endOfFirstRecord, joinPage, parseLinkHeader } from '../../scripts/cli/export.js';
import { json, runScript, startFakeServer, type FakeServer } from '../support/fake-http.js';

const HEADER = 'claimId,articleId,articleTitle,seq,status,rating,checkworthiness,type,speaker,text,standalone,note,sources,updatedAt,updatedBy';
const row = (n: number, text: string) => `a.${n},a,"Title, with comma",${n},pending,,0.9,quantity,,${text},,,,2026-01-01T00:00:00.000Z,`;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
async function server(handle: Parameters<typeof startFakeServer>[0]): Promise<FakeServer> {
  const fake = await startFakeServer(handle);
  cleanups.push(() => fake.close());
  return fake;
}
const csv = (response: Parameters<typeof json>[0], body: string, headers: Record<string, string> = {}) => {
  response.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', ...headers });
  response.end(body);
};

describe('Link header', () => {
  const base = 'http://127.0.0.1:3000/claims/export.csv?status=pending';
  it('finds rel="next", resolving relative targets against the page they came with', () => {
    expect(parseLinkHeader('</claims/export.csv?cursor=abc>; rel="next"', base).get('next')).toBe('http://127.0.0.1:3000/claims/export.csv?cursor=abc');
    expect(parseLinkHeader('<?cursor=x%2Cy>; rel=next', base).get('next')).toBe('http://127.0.0.1:3000/claims/export.csv?cursor=x%2Cy');
  });
  it('reads several links, unquoted and multi-valued rels, commas inside targets, and other parameters', () => {
    const links = parseLinkHeader('<http://h/p?a=1,2>; rel="prev"; title="a, b", <http://h/n?c=3>; type="text/csv"; rel="next last"', base);
    expect(links.get('prev')).toBe('http://h/p?a=1,2');
    expect(links.get('next')).toBe('http://h/n?c=3');
    expect(links.get('last')).toBe('http://h/n?c=3');
    expect(parseLinkHeader('<http://h/x>; REL="Next"', base).get('next')).toBe('http://h/x');
  });
  it('has no next when the header is absent, empty or without rel=next', () => {
    expect(parseLinkHeader(null, base).get('next')).toBeUndefined();
    expect(parseLinkHeader('', base).get('next')).toBeUndefined();
    expect(parseLinkHeader('<http://h/x>; rel="prev"', base).get('next')).toBeUndefined();
    expect(parseLinkHeader('<http://h/x>; title="rel=next"', base).get('next')).toBeUndefined();
  });
});

describe('CSV records', () => {
  it('ends the first record at the first line break outside quotes', () => {
    expect(endOfFirstRecord('a,b\r\nc,d\r\n')).toBe(5);
    expect(endOfFirstRecord('"x\r\ny","say ""hi"""\nz\n')).toBe(20);
    expect(endOfFirstRecord('a,b')).toBe(3);
    expect(countRecords('h\r\n"1\n2",x\r\n3,y')).toBe(3);
    expect(countRecords('')).toBe(0);
  });
  it('joins a later page without its header (and its byte-order mark), and refuses one with another header', () => {
    expect(joinPage(HEADER, `\uFEFF${HEADER}\r\n${row(3, 'x')}`, 2)).toBe(`${row(3, 'x')}\r\n`);
    expect(joinPage(HEADER, `${HEADER}\r\n`, 2)).toBe('');
    expect(() => joinPage(HEADER, `claimId,text\r\n${row(3, 'x')}`, 2)).toThrow(/page 2 has another header/);
  });
});

describe('npm run export (CLI)', () => {
  it('follows every next page into one CSV on stdout, header once, retrying a 503; exit 0', async () => {
    const hostile = '"=HYPERLINK(""http://evil"")"';
    const api = await server((request, response) => {
      const url = new URL(request.url, 'http://x');
      const cursor = url.searchParams.get('cursor');
      if (!cursor) return csv(response, `\uFEFF${HEADER}\r\n${row(1, '"two\r\nlines, quoted"')}\r\n${row(2, hostile)}\r\n`, { Link: '</claims/export.csv?cursor=p2&status=pending>; rel="next"' });
      if (cursor === 'p2' && api.received.filter((r) => r.url.includes('p2')).length === 1) return json(response, 503, { title: 'Unavailable', status: 503, detail: 'later' }, { 'Retry-After': '0' });
      if (cursor === 'p2') return csv(response, `\uFEFF${HEADER}\r\n${row(3, 'Café ünïcode')}\r\n`, { Link: `<${api.url}/claims/export.csv?cursor=p1>; rel="prev", <${api.url}/claims/export.csv?cursor=p3>; rel="next"` });
      if (cursor === 'p3') return csv(response, `${HEADER}\r\n${row(4, '"last, no line break"')}`);
      json(response, 400, { title: 'Bad cursor', status: 400, detail: 'bad cursor' });
    });
    const run = await runScript('export', ['--api', api.url, '--token', 'tk', '--status', 'pending', '--article', 'abc123']);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`\uFEFF${HEADER}\r\n${row(1, '"two\r\nlines, quoted"')}\r\n${row(2, hostile)}\r\n${row(3, 'Café ünïcode')}\r\n${row(4, '"last, no line break"')}\r\n`);
    const records = parse(run.stdout, { bom: true, columns: true }) as Record<string, string>[];
    expect(records.map((r) => r.seq)).toEqual(['1', '2', '3', '4']);
    expect(records[0]!.text).toBe('two\r\nlines, quoted');
    expect(records[1]!.text).toBe('=HYPERLINK("http://evil")');
    expect(api.received[0]!.url).toBe('/claims/export.csv?status=pending&articleId=abc123');
    expect(api.received.map((r) => r.headers.authorization)).toEqual(Array(4).fill('Bearer tk'));
    expect(api.received.map((r) => r.headers.accept)).toEqual(Array(4).fill('text/csv'));
    expect(run.stderr).toMatch(/export: retrying page 2/);
    expect(run.stderr).toMatch(/export: page 3: 4 rows so far, done/);
    expect(run.stderr).toMatch(/export: 4 rows in 3 pages/);
  }, 60_000);

  it('--out writes the file only once the export is complete', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'export-test-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    let fail = true;
    const api = await server((request, response) => {
      if (!request.url.includes('cursor')) return csv(response, `${HEADER}\r\n${row(1, 'a')}\r\n`, { Link: '</claims/export.csv?cursor=2>; rel="next"' });
      if (fail) return json(response, 500, { title: 'Internal error', status: 500, detail: 'boom' });
      csv(response, `${HEADER}\r\n${row(2, 'b')}\r\n`);
    });
    const out = join(dir, 'claims.csv');
    const failed = await runScript('export', ['--api', api.url, '--token', 'tk', '--out', out]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/page 2: 500 boom; .*claims\.csv not written/);
    expect(readdirSync(dir)).toEqual([]);
    fail = false;
    const done = await runScript('export', ['--api', api.url, '--token', 'tk', '--out', out]);
    expect(done.code).toBe(0);
    expect(done.stdout).toBe('');
    expect(readFileSync(out, 'utf8')).toBe(`${HEADER}\r\n${row(1, 'a')}\r\n${row(2, 'b')}\r\n`);
    expect(readdirSync(dir)).toEqual(['claims.csv']);
    const nowhere = await runScript('export', ['--api', api.url, '--token', 'tk', '--out', join(dir, 'missing', 'claims.csv')]);
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toMatch(/cannot write .*missing\/claims\.csv: ENOENT/);
  }, 60_000);

  it('never sends the token to another origin', async () => {
    const elsewhere = await server((_request, response) => csv(response, `${HEADER}\r\n`));
    const api = await server((_request, response) => csv(response, `${HEADER}\r\n${row(1, 'a')}\r\n`, { Link: `<${elsewhere.url}/steal>; rel="next"` }));
    const away = await runScript('export', ['--api', `${api.url}/`, '--token', 'tk']);
    expect(away.code).toBe(1);
    expect(away.stderr).toMatch(/page 2 is on another origin .*the token is not sent there/);
    expect(elsewhere.received).toHaveLength(0);
  }, 60_000);

  it('stops on a page that links back to one already read', async () => {
    const api = await server((request, response) => csv(response, `${HEADER}\r\n${row(1, 'a')}\r\n`, { Link: `<${request.url.includes('cursor') ? '/claims/export.csv' : '/claims/export.csv?cursor=2'}>; rel="next"` }));
    const run = await runScript('export', ['--api', api.url, '--token', 'tk']);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/page 3 links back to an earlier page/);
    expect(api.received).toHaveLength(2);
  }, 60_000);

  it('says what the API answered when it refuses: the problem detail, and a hint on 404', async () => {
    const api = await server((request, response) =>
      request.url.includes('status=bogus')
        ? json(response, 400, { title: 'Invalid query', status: 400, detail: 'Invalid query.', errors: [{ path: 'status', message: 'Invalid option' }] })
        : json(response, 404, { title: 'Not found', status: 404, detail: 'No route.' }),
    );
    const invalid = await runScript('export', ['--api', api.url, '--token', 'tk', '--status', 'bogus']);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/page 1: 400 Invalid query\. \(status: Invalid option\)/);
    const missing = await runScript('export', ['--api', api.url, '--token', 'tk']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/404 No route\. \(does this API have GET \/claims\/export\.csv/);
    expect(missing.stdout).toBe('');
  }, 60_000);
});
