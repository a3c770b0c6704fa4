/**
 * Hostile and malformed input, and token abuse, over HTTP against the real local stack. Every case asserts the status,
 * an RFC 9457 problem body without internals, and that the table is exactly as it was before (a full snapshot).
 * Afterwards: no token or secret appeared in any response or in the functions' logs.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { startReliabilityStack, type ReliabilityStack } from '../../support/reliability-stack.js';
import { DEMO_TEXT } from '../../support/desk.js';
import { articlePk, META } from '../../../lib/store/keys.js';
import { call, expectProblem, recordFigures, tableSnapshot, type Answer, type CallOptions } from '../../support/reliability.js';

let stack: ReliabilityStack;
let editor: string;
let reviewer: string;
let reader: string;
let articleId: string;
let claimId: string;
let claimVersion: number;
/** Every answer body, to look for leaked tokens and secrets at the end. */
const answers: Answer[] = [];
const tokensUsed: string[] = [];
const figures = { cases: 0, refused: {} as Record<string, number>, unchangedData: 0, fivexx: 0 };

beforeAll(async () => {
  stack = await startReliabilityStack({ env: { LOG_LEVEL: 'DEBUG' } });
  editor = await stack.token('eve', ['editor']);
  reviewer = await stack.token('alice', ['reviewer']);
  reader = await stack.token('rita', []);
  tokensUsed.push(editor, reviewer, reader);
  const ingest = await call(stack.baseUrl, 'POST', '/articles', { token: editor, body: { text: DEMO_TEXT, url: 'https://example.org/nato' } });
  expect(ingest.status).toBe(201);
  articleId = ingest.json.article.articleId;
  claimId = ingest.json.claims[0].claimId;
  const reviewed = await call(stack.baseUrl, 'PATCH', `/claims/${claimId}`, { token: reviewer, body: { status: 'disputed', note: 'first look' }, headers: { 'If-Match': '"1"' } });
  expect(reviewed.status).toBe(200);
  claimVersion = reviewed.json.claim.version;
});
afterAll(async () => {
  await recordFigures('hostile', figures);
  await stack?.stop();
});

/** Sends a request that must be refused with `status`, and checks nothing was stored or changed. */
async function refused(method: string, path: string, options: CallOptions, status: number, label: string): Promise<Answer> {
  const before = await tableSnapshot(stack.storage);
  const answer = await call(stack.baseUrl, method, path, options);
  answers.push(answer);
  figures.cases += 1;
  figures.refused[status] = (figures.refused[status] ?? 0) + 1;
  if (answer.status >= 500) figures.fivexx += 1;
  expectProblem(answer, status, label);
  expect(await tableSnapshot(stack.storage), `${label}: stored data changed`).toEqual(before);
  figures.unchangedData += 1;
  return answer;
}

const json = (token: () => string, body: unknown, headers: Record<string, string> = {}): (() => CallOptions) => () => ({ token: token(), body, headers });
const raw = (token: () => string, payload: string | Uint8Array, contentType = 'application/json'): (() => CallOptions) => () => ({
  token: token(),
  raw: payload,
  headers: contentType ? { 'Content-Type': contentType } : ({} as Record<string, string>),
});
const asEditor = () => editor;

describe('hostile and malformed article submissions: refused, nothing stored', () => {
  const cases: [label: string, options: () => CallOptions, status: number][] = [
    ['invalid JSON: unterminated', raw(asEditor, '{"text": "abc"'), 400],
    ['invalid JSON: trailing comma', raw(asEditor, '{"text": "abc",}'), 400],
    ['invalid JSON: single quotes', raw(asEditor, "{'text': 'abc'}"), 400],
    ['invalid JSON: a byte-order mark in the middle', raw(asEditor, '{"text":\ufeff "The minister said 5% more."}'), 400],
    ['JSON array', raw(asEditor, '["The minister said 5% more."]'), 400],
    ['JSON string', raw(asEditor, '"The minister said 5% more."'), 400],
    ['JSON null', raw(asEditor, 'null'), 400],
    ['JSON number', raw(asEditor, '42'), 400],
    ['empty body', raw(asEditor, ''), 400],
    ['whitespace-only body', raw(asEditor, ' \n\t '), 400],
    ['wrong type: text is a number', json(asEditor, { text: 123 }), 400],
    ['wrong type: text is an array', json(asEditor, { text: ['The minister said 5% more.'] }), 400],
    ['wrong type: title is a number', json(asEditor, { text: 'The minister said 5% more.', title: 5 }), 400],
    ['missing fields: neither text nor html', json(asEditor, { title: 'Only a title' }), 400],
    ['both text and html', json(asEditor, { text: 'The minister said 5% more.', html: '<p>The minister said 5% more.</p>' }), 400],
    ['unknown field', json(asEditor, { text: 'The minister said 5% more.', createdBy: 'mallory' }), 400],
    ['unknown field __proto__', raw(asEditor, '{"text": "The minister said 5% more.", "__proto__": {"admin": true}}'), 400],
    ['duplicate key, the last one invalid', raw(asEditor, '{"text": "The minister said 5% more.", "text": 7}'), 400],
    ['empty text', json(asEditor, { text: '' }), 400],
    ['whitespace-only text', json(asEditor, { text: ' \n\n\t\u00a0\u3000 ' }), 400],
    ['control and zero-width characters only', json(asEditor, { text: '\u0000\u0007\u001b\u200b\ufeff\u007f' }), 400],
    ['empty html', json(asEditor, { html: '<html><body><script>alert(1)</script></body></html>' }), 400],
    ['control characters in the title', json(asEditor, { text: 'The minister said 11% more on Monday.', title: 'A\u0000B\u0007C' }), 400],
    ['control characters in the source', json(asEditor, { text: 'The minister said 12% more on Monday.', source: 'Reuters\u001b[31m' }), 400],
    ['whitespace-only title', json(asEditor, { text: 'The minister said 5% more.', title: '   ' }), 400],
    ['huge single-line title', json(asEditor, { text: 'The minister said 5% more.', title: 'T'.repeat(100_000) }), 400],
    ['javascript: source URL', json(asEditor, { text: 'The minister said 5% more.', url: 'javascript:alert(document.cookie)' }), 400],
    ['data: source URL', json(asEditor, { text: 'The minister said 5% more.', url: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' }), 400],
    ['ftp: source URL', json(asEditor, { text: 'The minister said 5% more.', url: 'ftp://example.org/a' }), 400],
    ['relative source URL', json(asEditor, { text: 'The minister said 5% more.', url: '/articles/1' }), 400],
    ['over-long source URL', json(asEditor, { text: 'The minister said 5% more.', url: `https://example.org/${'a'.repeat(3000)}` }), 400],
    ['publishedAt not a date', json(asEditor, { text: 'The minister said 5% more.', publishedAt: 'yesterday' }), 400],
    ['empty source', json(asEditor, { text: 'The minister said 5% more.', source: '' }), 400],
    ['deep nesting: 100,000 arrays', raw(asEditor, `${'['.repeat(100_000)}${']'.repeat(100_000)}`), 400],
    ['deep nesting: 5,000 objects as text', raw(asEditor, `{"text":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}`), 400],
    ['text over 200,000 characters (body under 1 MiB)', json(asEditor, { text: 'The minister said 5% more. '.repeat(9000) }), 413],
    ['body just over 1 MiB', json(asEditor, { text: 'a'.repeat(1024 * 1024) }), 413],
    ['10 MB body', () => ({ token: editor, raw: `{"text":"${'x'.repeat(9_999_990)}"}`, headers: { 'Content-Type': 'application/json' } }), 413],
    ['huge single line over 1 MiB', json(asEditor, { text: `${'word'.repeat(300_000)}` }), 413],
    ['binary body as JSON', raw(asEditor, new Uint8Array([0x00, 0xff, 0xfe, 0x80, 0x81, 0x7b, 0xc0, 0xaf])), 400],
    ['invalid UTF-8 inside the text', raw(asEditor, Buffer.concat([Buffer.from('{"text":"The minister said 5% more '), Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xf0, 0x28, 0x8c, 0xbc]), Buffer.from('."}')])), 400],
    ['overlong UTF-8 encoding of "/"', raw(asEditor, Buffer.concat([Buffer.from('{"text":"a'), Buffer.from([0xc0, 0xaf]), Buffer.from('b"}')])), 400],
    ['content type application/octet-stream', raw(asEditor, '{"text":"The minister said 5% more."}', 'application/octet-stream'), 415],
    ['content type text/plain', raw(asEditor, '{"text":"The minister said 5% more."}', 'text/plain'), 415],
    ['no content type', raw(asEditor, '{"text":"The minister said 5% more."}', ''), 415],
    ['content type form-urlencoded', raw(asEditor, 'text=The+minister+said+5%25+more.', 'application/x-www-form-urlencoded'), 415],
    ['content type multipart', raw(asEditor, '--x\r\nContent-Disposition: form-data; name="text"\r\n\r\nhi\r\n--x--', 'multipart/form-data; boundary=x'), 415],
    ['content type application/json-patch+json', raw(asEditor, '[{"op":"add","path":"/text","value":"x"}]', 'application/json-patch+json'), 415],
  ];
  for (const [label, options, status] of cases) {
    it(`${label} → ${status}`, async () => {
      await refused('POST', '/articles', options(), status, label);
    });
  }
});

describe('hostile and malformed reviews: refused, nothing changed', () => {
  const path = () => `/claims/${claimId}`;
  const current = () => ({ 'If-Match': `"${claimVersion}"` });
  const review = (body: unknown) => (): CallOptions => ({ token: reviewer, body, headers: current() });
  const cases: [label: string, options: () => CallOptions, status: number][] = [
    ['invalid JSON', (): CallOptions => ({ token: reviewer, raw: '{"status": verified}', headers: { ...current(), 'Content-Type': 'application/json' } }), 400],
    ['empty object', review({}), 400],
    ['unknown status', review({ status: 'approved' }), 400],
    ['status in capitals', review({ status: 'VERIFIED' }), 400],
    ['status null', review({ status: null }), 400],
    ['wrong type: note is a number', review({ note: 123 }), 400],
    ['over-long note', review({ note: 'n'.repeat(4001) }), 400],
    ['control characters in the note', review({ note: 'ok\u0000\u001b[2Jcleared' }), 400],
    ['control characters in a source title', review({ addSources: [{ url: 'https://example.org/a', title: 'Title\u0007' }] }), 400],
    ['unknown field: reviewer', review({ status: 'verified', reviewer: 'mallory' }), 400],
    ['unknown field: updatedBy', review({ status: 'verified', updatedBy: 'mallory' }), 400],
    ['unknown field: by', review({ note: 'x', by: 'mallory' }), 400],
    ['unknown field: version', review({ status: 'verified', version: 99 }), 400],
    ['addSources empty', review({ addSources: [] }), 400],
    ['addSources javascript: URL', review({ addSources: [{ url: 'javascript:alert(1)' }] }), 400],
    ['addSources data: URL', review({ addSources: [{ url: 'data:text/html,<script>alert(1)</script>' }] }), 400],
    ['addSources URL without host', review({ addSources: [{ url: 'http://' }] }), 400],
    ['addSources 21 sources', review({ addSources: Array.from({ length: 21 }, (_, i) => ({ url: `https://example.org/${i}` })) }), 400],
    ['addSources over-long title', review({ addSources: [{ url: 'https://example.org/a', title: 't'.repeat(301) }] }), 400],
    ['addSources unknown field', review({ addSources: [{ url: 'https://example.org/a', addedBy: 'mallory' }] }), 400],
    ['sourced without any source', review({ status: 'sourced' }), 409],
    ['If-Match missing', (): CallOptions => ({ token: reviewer, body: { status: 'verified' } }), 428],
    ['If-Match stale', (): CallOptions => ({ token: reviewer, body: { status: 'verified' }, headers: { 'If-Match': '"1"' } }), 412],
    ['If-Match from the future', (): CallOptions => ({ token: reviewer, body: { status: 'verified' }, headers: { 'If-Match': '"999"' } }), 412],
    ['If-Match garbage', (): CallOptions => ({ token: reviewer, body: { status: 'verified' }, headers: { 'If-Match': 'version two' } }), 412],
    ['content type text/plain', (): CallOptions => ({ token: reviewer, raw: '{"status":"verified"}', headers: { ...current(), 'Content-Type': 'text/plain' } }), 415],
    ['10 MB review', (): CallOptions => ({ token: reviewer, raw: `{"note":"${'x'.repeat(9_999_990)}"}`, headers: { ...current(), 'Content-Type': 'application/json' } }), 413],
    ['invalid UTF-8 in the note', (): CallOptions => ({ token: reviewer, raw: Buffer.concat([Buffer.from('{"note":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]), headers: { ...current(), 'Content-Type': 'application/json' } }), 400],
  ];
  for (const [label, options, status] of cases) {
    it(`${label} → ${status}`, async () => {
      const answer = await refused('PATCH', path(), options(), status, label);
      if (status === 412) expect(answer.json.claim).toMatchObject({ claimId, version: claimVersion });
    });
  }
});

describe('hostile ids, cursors and query parameters', () => {
  const lookalike = () => articleId.replace(/a/g, '\u0430').replace(/e/g, '\u0435'); // Cyrillic а, е
  const cases: [label: string, method: string, path: () => string, status: number][] = [
    ['claim id with #', 'GET', () => `/claims/${encodeURIComponent(`${articleId}#1`)}`, 404],
    ['claim id with an encoded /', 'GET', () => `/claims/${encodeURIComponent(`${articleId}/1`)}`, 404],
    ['claim id with encoded ../..', 'GET', () => `/claims/${encodeURIComponent('../../articles')}`, 404],
    ['claim id with Cyrillic look-alikes', 'GET', () => `/claims/${encodeURIComponent(`${lookalike()}.1`)}`, 404],
    ['claim id with fullwidth digits', 'GET', () => `/claims/${encodeURIComponent(`${articleId}.\uff11`)}`, 404],
    ['claim id in upper case', 'GET', () => `/claims/${articleId.toUpperCase()}.1`, 404],
    ['claim id with seq 0', 'GET', () => `/claims/${articleId}.0`, 404],
    ['claim id with a huge seq', 'GET', () => `/claims/${articleId}.99999999999`, 404],
    ['claim id of an unknown article', 'GET', () => `/claims/${'0'.repeat(24)}.1`, 404],
    ['history of a claim id with #', 'GET', () => `/claims/${encodeURIComponent(`${articleId}.1#x`)}/history`, 404],
    ['article id with #', 'GET', () => `/articles/${encodeURIComponent(`${articleId}#META`)}`, 404],
    ['article id with Cyrillic look-alikes', 'GET', () => `/articles/${encodeURIComponent(lookalike())}`, 404],
    ['article id ../META', 'GET', () => `/articles/..%2F${articleId}`, 404],
    ['article id with a NUL byte', 'GET', () => `/articles/${articleId}%00`, 404],
    ['limit 0', 'GET', () => '/claims?limit=0', 400],
    ['limit 201', 'GET', () => '/claims?limit=201', 400],
    ['limit -1', 'GET', () => '/claims?limit=-1', 400],
    ['limit 1e2', 'GET', () => '/claims?limit=1e2', 400],
    ['limit 50.5', 'GET', () => '/claims?limit=50.5', 400],
    ['limit not a number', 'GET', () => '/articles?limit=all', 400],
    ['limit huge', 'GET', () => `/articles?limit=${'9'.repeat(400)}`, 400],
    ['unknown status in the queue', 'GET', () => '/claims?status=approved', 400],
    ['unknown query parameter', 'GET', () => '/claims?admin=true', 400],
    ['cursor that is not base64url', 'GET', () => '/claims?cursor=%7B%22PK%22%3A%22x%22%7D', 400],
    ['cursor that is too long', 'GET', () => `/claims?cursor=${'A'.repeat(5000)}`, 400],
    ['cursor made up', 'GET', () => `/claims?cursor=${Buffer.from(JSON.stringify({ s: 'claims:pending', p: { PK: articlePk('x'), SK: META } })).toString('base64url')}${'A'.repeat(43)}`, 400],
  ];
  for (const [label, method, path, status] of cases) {
    it(`${label} → ${status}`, async () => {
      await refused(method, path(), { token: reader, exactPath: true }, status, label);
    });
  }

  it('dot segments in ids are resolved before routing and never reach a claim or an article', async () => {
    for (const path of ['/claims/..', '/claims/%2e%2e', '/articles/..', `/claims/${articleId}.1/..`, '/claims/%2E%2E/history']) {
      const before = await tableSnapshot(stack.storage);
      const answer = await call(stack.baseUrl, 'GET', path, { token: reader, exactPath: true });
      answers.push(answer);
      // the path becomes "/" (the dashboard page) or another listing; never a claim, an article or a 5xx
      expect(answer.status, path).toBeLessThan(500);
      expect(answer.json?.claim, path).toBeUndefined();
      expect(answer.json?.article, path).toBeUndefined();
      expect(await tableSnapshot(stack.storage)).toEqual(before);
    }
  });

  it('cursors that were tampered with, or used for another query, are refused with 400', async () => {
    // a genuine cursor, from a page of one
    const page = await call(stack.baseUrl, 'GET', '/claims?limit=1', { token: reader });
    expect(page.status).toBe(200);
    const cursor: string = page.json.nextCursor;
    expect(cursor).toBeTruthy();
    expect((await call(stack.baseUrl, 'GET', `/claims?limit=1&cursor=${cursor}`, { token: reader })).status).toBe(200);
    const flip = (s: string, at: number) => `${s.slice(0, at)}${s[at] === 'A' ? 'B' : 'A'}${s.slice(at + 1)}`;
    const payload = JSON.parse(Buffer.from(cursor.slice(0, -43), 'base64url').toString()) as { s: string; p: Record<string, unknown> };
    const repointed = Buffer.from(JSON.stringify({ ...payload, p: { ...payload.p, PK: articlePk('0'.repeat(24)) } })).toString('base64url');
    const tampered: [string, string][] = [
      ['a payload character changed', flip(cursor, 3)],
      ['a signature character changed', flip(cursor, cursor.length - 2)],
      ['the signature cut off', cursor.slice(0, -43)],
      ['a new payload with the old signature', `${repointed}${cursor.slice(-43)}`],
      ['truncated by one', cursor.slice(0, -1)],
      ['one character longer', `${cursor}A`],
    ];
    for (const [label, bad] of tampered) await refused('GET', `/claims?limit=1&cursor=${bad}`, { token: reader }, 400, label);
    await refused('GET', `/claims?status=verified&limit=1&cursor=${cursor}`, { token: reader }, 400, 'pending cursor used for the verified queue');
    await refused('GET', `/articles?limit=1&cursor=${cursor}`, { token: reader }, 400, 'claims cursor used for the article list');
  });
});

// ---------------------------------------------------------------------------------------------------------------

async function signWith(key: Uint8Array | CryptoKey | import('node:crypto').KeyObject, claims: Record<string, unknown>, header: Record<string, unknown>): Promise<string> {
  // The local stage's issuer and audience, so each token fails for the reason its label gives.
  return new SignJWT(claims).setProtectedHeader(header as { alg: string }).setIssuer('claimdesk-local').setAudience('claimdesk').setIssuedAt().setExpirationTime('1h').sign(key as Uint8Array);
}
const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('tokens: 401 for no or bad token, 403 for a missing role, and nobody writes as someone else', () => {
  const secret = () => new TextEncoder().encode(stack.storage.secret);
  const now = () => Math.floor(Date.now() / 1000);

  async function badTokens(): Promise<[label: string, authorization: string | undefined][]> {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const publicPem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const good = { sub: 'mallory', roles: ['admin'] };
    const list: [string, string | undefined][] = [
      ['no Authorization header', undefined],
      ['empty Authorization header', ''],
      ['Bearer without a token', 'Bearer '],
      ['Basic credentials', `Basic ${Buffer.from('alice:password').toString('base64')}`],
      ['a token without the Bearer scheme', await stack.token('alice', ['reviewer'])],
      ['malformed: not a JWT', 'Bearer not-a-jwt'],
      ['malformed: two parts', 'Bearer abc.def'],
      ['malformed: garbage base64', 'Bearer !!!.@@@.###'],
      ['malformed: 10,000 characters', `Bearer ${'a'.repeat(10_000)}`],
      ['wrong signature: another secret', `Bearer ${await signWith(randomBytes(48), good, { alg: 'HS256' })}`],
      // (not the last character: its two lowest bits are base64 padding, so changing it may not change the signature)
      ['wrong signature: one character changed', `Bearer ${(await stack.token('mallory', ['admin'])).replace(/(.)(.{5})$/, (_, c: string, rest: string) => `${c === 'A' ? 'B' : 'A'}${rest}`)}`],
      ['alg none', `Bearer ${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...good, exp: now() + 3600 })}.`],
      ['alg none with a signature', `Bearer ${b64({ alg: 'none' })}.${b64({ ...good, exp: now() + 3600 })}.${'A'.repeat(43)}`],
      ['alg HS512 with the right secret', `Bearer ${await signWith(secret(), good, { alg: 'HS512' })}`],
      ['RS256 with a key of its own', `Bearer ${await signWith(privateKey, good, { alg: 'RS256' })}`],
      ['HS/RS confusion: HS256 keyed with an RSA public key', `Bearer ${await signWith(new TextEncoder().encode(publicPem), good, { alg: 'HS256' })}`],
      ['payload swapped onto a valid signature', `Bearer ${(await stack.token('alice', ['reviewer'])).replace(/\.[^.]+\./, `.${b64({ sub: 'mallory', roles: ['admin'], exp: now() + 3600 })}.`)}`],
      ['expired', `Bearer ${await stack.token('alice', ['reviewer'], { expiresIn: now() - 60 })}`],
      ['not yet valid', `Bearer ${await stack.token('alice', ['reviewer'], { notBefore: now() + 3600 })}`],
      ['missing sub', `Bearer ${await signWith(secret(), { roles: ['admin'] }, { alg: 'HS256' })}`],
      ['empty sub', `Bearer ${await signWith(secret(), { sub: ' ', roles: ['admin'] }, { alg: 'HS256' })}`],
      ['sub that is a number', `Bearer ${await signWith(secret(), { sub: 42, roles: ['admin'] }, { alg: 'HS256' })}`],
    ];
    for (const [, authorization] of list) if (authorization) tokensUsed.push(authorization.replace(/^\S+ /, ''));
    return list;
  }

  it('refuses every bad token with 401 problem+json and WWW-Authenticate, on reads and writes, changing nothing', async () => {
    for (const [label, authorization] of await badTokens()) {
      const headers: Record<string, string> = authorization === undefined ? {} : { Authorization: authorization };
      const targets: [string, string, CallOptions][] = [
        ['GET', '/claims', { headers }],
        ['POST', '/articles', { headers, body: { text: 'Mallory says unemployment fell to 1% in May.' } }],
        ['PATCH', `/claims/${claimId}`, { headers: { ...headers, 'If-Match': `"${claimVersion}"` }, body: { status: 'verified' } }],
      ];
      for (const [method, path, options] of targets) {
        const answer = await refused(method, path, options, 401, `${label}: ${method} ${path}`);
        expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
    }
  });

  it('refuses a valid token without the role with 403, changing nothing', async () => {
    const editorOnly = await stack.token('eve', ['editor']);
    const rolesAsString = await signWith(new TextEncoder().encode(stack.storage.secret), { sub: 'sam', roles: 'reviewer,editor' }, { alg: 'HS256' });
    const unknownRole = await stack.token('sam', ['superuser', 'root']);
    tokensUsed.push(editorOnly, rolesAsString, unknownRole);
    const patch = (token: string): CallOptions => ({ token, body: { status: 'verified' }, headers: { 'If-Match': `"${claimVersion}"` } });
    await refused('PATCH', `/claims/${claimId}`, patch(reader), 403, 'no roles: PATCH');
    await refused('POST', '/articles', { token: reader, body: { text: 'A reader says 5% more.' } }, 403, 'no roles: POST');
    await refused('PATCH', `/claims/${claimId}`, patch(editorOnly), 403, 'editor: PATCH');
    await refused('POST', '/articles', { token: reviewer, body: { text: 'A reviewer says 5% more.' } }, 403, 'reviewer: POST');
    await refused('PATCH', `/claims/${claimId}`, patch(rolesAsString), 403, 'roles as a string: PATCH');
    await refused('POST', '/articles', { token: unknownRole, body: { text: 'Root says 5% more.' } }, 403, 'unknown roles: POST');
  });

  it('records the token’s sub as the reviewer, whatever else the request says', async () => {
    const answer = await call(stack.baseUrl, 'PATCH', `/claims/${claimId}`, {
      token: reviewer,
      body: { status: 'verified', note: 'by: mallory' },
      headers: { 'If-Match': `"${claimVersion}"`, 'X-User': 'mallory', 'X-Forwarded-User': 'mallory', 'X-Amzn-Oidc-Identity': 'mallory', From: 'mallory@example.org' },
    });
    answers.push(answer);
    expect(answer.status).toBe(200);
    expect(answer.json.claim).toMatchObject({ updatedBy: 'alice', status: 'verified', version: claimVersion + 1 });
    const history = await call(stack.baseUrl, 'GET', `/claims/${claimId}/history`, { token: reader });
    expect(history.json.items.at(-1)).toMatchObject({ by: 'alice', version: claimVersion + 1, to: 'verified' });
    expect(history.json.items.every((event: { by: string }) => event.by === 'alice')).toBe(true);
    claimVersion += 1;
    // a token passed in the query string is not a token
    await refused('GET', `/claims?access_token=${reviewer}`, {}, 401, 'token in the query string');
  });
});

describe('security hygiene', () => {
  it('puts no token and no secret in any response or log line', async () => {
    // the functions' logs at DEBUG include every request; give the last lines time to arrive
    await new Promise((resolve) => setTimeout(resolve, 500));
    const logs = stack.logs();
    expect(logs).toMatch(/"route":"PATCH \/claims\/\{claimId\}"/); // the request log lines are there
    const secrets = [stack.storage.secret, ...new Set(tokensUsed.filter((token) => token.length > 20))];
    for (const secret of secrets) {
      const signature = secret.split('.').at(-1)!;
      expect(logs.includes(secret), 'a token or the secret is in the logs').toBe(false);
      if (signature.length >= 20) expect(logs.includes(signature), 'a token signature is in the logs').toBe(false);
      for (const answer of answers) expect(answer.text.includes(secret), 'a token or the secret is in a response').toBe(false);
    }
    expect(logs).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/); // nothing that looks like a JWT
    for (const answer of answers) expect(answer.text).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\.eyJ/);
  });

  it('never answered 5xx to any of it', () => {
    expect(figures.fivexx).toBe(0);
    expect(figures.cases).toBeGreaterThanOrEqual(60);
    expect(figures.unchangedData).toBe(figures.cases);
  });
});
