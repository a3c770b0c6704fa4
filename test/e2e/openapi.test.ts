/**
 * The served OpenAPI document describes what the API really answers: every endpoint is called on the real stack,
 * successes and errors (storage outage included), and each answer's status, media type and body are checked against
 * GET /openapi.json with ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses).
 */
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '../../schemas/openapi.js';
import { DEMO_TEXT, deskOn } from '../support/desk.js';
import { client, type Answer } from '../support/http.js';
import { rateClaim } from '../support/rating.js';
import { startStack, type Stack } from '../support/stack.js';

interface Operation {
  responses: Record<string, { content?: Record<string, { schema: object }> }>;
}
type Doc = { openapi: string; paths: Record<string, Record<string, Operation>> };

let stack: Stack;
let doc: Doc;
let editor: ReturnType<typeof client>;
let reader: ReturnType<typeof client>;
const ajv = new Ajv2020({ strict: true, allErrors: true, strictTypes: false });
addFormats(ajv);
const validators = new Map<object, ValidateFunction>();
/** `get /claims/{claimId} 404`: what was checked. */
const checked = new Set<string>();

beforeAll(async () => {
  stack = await startStack();
  editor = client(stack.baseUrl, await stack.token('olga', ['editor', 'reviewer']));
  reader = client(stack.baseUrl, await stack.token('rita', []));
});
afterAll(async () => {
  await stack?.stop();
});

/** Checks an answer against the document: a listed status, a listed media type, and a body its schema accepts. */
function conforms(method: string, template: string, answer: Answer): Answer {
  const where = `${method} ${template} → ${answer.status}`;
  const operation = doc.paths[template]?.[method.toLowerCase()];
  expect(operation, `${method} ${template} is not in the document`).toBeDefined();
  const response = operation!.responses[String(answer.status)];
  expect(response, `${where}: status not in the document (${answer.text.slice(0, 200)})`).toBeDefined();
  checked.add(`${method.toLowerCase()} ${template} ${answer.status}`);
  if (answer.text === '') return answer;
  const type = (answer.headers.get('content-type') ?? '').split(';')[0]!.trim();
  const media = response!.content?.[type];
  expect(media, `${where}: ${type} is not one of ${Object.keys(response!.content ?? {}).join(', ')}`).toBeDefined();
  if (/json$/.test(type)) {
    let validate = validators.get(media!.schema);
    if (!validate) validators.set(media!.schema, (validate = ajv.compile(media!.schema)));
    const valid = validate(JSON.parse(answer.text));
    expect(valid, `${where}: ${ajv.errorsText(validate.errors)}\n${answer.text.slice(0, 500)}`).toBe(true);
  }
  return answer;
}

async function call(who: ReturnType<typeof client>, method: string, template: string, path: string, options: Parameters<ReturnType<typeof client>>[2] = {}, status?: number) {
  const answer = conforms(method, template, await who(method, path, options));
  if (status !== undefined) expect(answer.status, `${method} ${path}: ${answer.text.slice(0, 300)}`).toBe(status);
  return answer;
}

describe('GET /openapi.json', () => {
  it('is served without a token, is the document schemas/ generate, and every schema in it compiles', async () => {
    const answer = await fetch(`${stack.baseUrl}/openapi.json`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json\b/);
    doc = (await answer.json()) as Doc;
    expect(doc).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
    expect(doc.openapi).toBe('3.1.0');
    for (const operations of Object.values(doc.paths)) {
      for (const operation of Object.values(operations)) {
        for (const response of Object.values(operation.responses)) for (const media of Object.values(response.content ?? {})) ajv.compile(media.schema);
      }
    }
    const self = await reader('GET', '/openapi.json', { token: null });
    conforms('GET', '/openapi.json', self);
  });
});

describe('every endpoint answers as the document says', () => {
  it('successes and errors of every endpoint, then storage outages', async () => {
    expect(doc, 'the document was fetched').toBeDefined();
    const unknownArticle = '0'.repeat(24);
    const unknownClaim = `${unknownArticle}.1`;

    await call(reader, 'GET', '/health', '/health', { token: null }, 200);
    await call(reader, 'GET', '/health/live', '/health/live', { token: null }, 200);
    await call(reader, 'GET', '/', '/', { token: null }, 200);
    await call(reader, 'GET', '/app/{file}', '/app/no-such-file.js', { token: null }, 404);

    // articles
    const created = await call(editor, 'POST', '/articles', '/articles', { body: { text: DEMO_TEXT, title: 'NATO talks', url: 'https://news.example/nato', publishedAt: '2022-01-12' } }, 201);
    await call(editor, 'POST', '/articles', '/articles', { body: { text: DEMO_TEXT } }, 200);
    await call(editor, 'POST', '/articles', '/articles', { raw: '{"text": ', headers: { 'Content-Type': 'application/json' } }, 400);
    await call(editor, 'POST', '/articles', '/articles', { body: { text: 'x', html: '<p>x</p>', extra: 1 } }, 400);
    await call(editor, 'POST', '/articles', '/articles', { body: { text: 'The council spent $5 million. '.repeat(7_000) } }, 413);
    await call(editor, 'POST', '/articles', '/articles', { raw: 'plain text', headers: { 'Content-Type': 'text/plain' } }, 415);
    await call(reader, 'POST', '/articles', '/articles', { body: { text: 'Prices rose 4 percent in 2023.' } }, 403);
    await call(reader, 'POST', '/articles', '/articles', { body: { text: 'Prices rose 4 percent in 2023.' }, token: null }, 401);
    const articleId = created.body.article.articleId as string;
    const claims = created.body.claims as { claimId: string; standalone?: string }[];

    await call(reader, 'GET', '/articles', '/articles?limit=1', {}, 200);
    await call(reader, 'GET', '/articles', '/articles?limit=0', {}, 400);
    await call(reader, 'GET', '/articles', '/articles', { token: null }, 401);
    await call(reader, 'GET', '/articles/{articleId}', `/articles/${articleId}`, {}, 200);
    await call(reader, 'GET', '/articles/{articleId}', `/articles/${unknownArticle}`, {}, 404);
    await call(reader, 'GET', '/articles/{articleId}', `/articles/${articleId}`, { token: null }, 401);

    // claims and reviews
    const [first, second, third] = claims.map((c) => c.claimId);
    await call(reader, 'GET', '/claims', '/claims?limit=2', {}, 200);
    await call(reader, 'GET', '/claims', '/claims?status=bogus', {}, 400);
    await call(reader, 'GET', '/claims', '/claims', { token: null }, 401);
    const read = await call(reader, 'GET', '/claims/{claimId}', `/claims/${first}`, {}, 200);
    await call(reader, 'GET', '/claims/{claimId}', `/claims/${unknownClaim}`, {}, 404);
    await call(reader, 'GET', '/claims/{claimId}', `/claims/${first}`, { token: null }, 401);
    const etag = read.headers.get('etag')!;
    const patch = (who: ReturnType<typeof client>, claimId: string, options: Parameters<ReturnType<typeof client>>[2], status: number) =>
      call(who, 'PATCH', '/claims/{claimId}', `/claims/${claimId}`, options, status);
    await patch(editor, first!, { body: { status: 'sourced' }, headers: { 'If-Match': etag } }, 409);
    await patch(editor, first!, { body: { status: 'verified' } }, 428);
    await patch(editor, first!, { body: { status: 'verified', by: 'mallory' }, headers: { 'If-Match': etag } }, 400);
    await patch(editor, first!, { raw: 'status=verified', headers: { 'If-Match': etag, 'Content-Type': 'application/x-www-form-urlencoded' } }, 415);
    await patch(editor, first!, { raw: JSON.stringify({ note: 'x'.repeat(1_100_000) }), headers: { 'If-Match': etag, 'Content-Type': 'application/json' } }, 413);
    await patch(reader, first!, { body: { status: 'verified' }, headers: { 'If-Match': etag } }, 403);
    await patch(reader, first!, { body: { status: 'verified' }, headers: { 'If-Match': etag }, token: null }, 401);
    await patch(editor, unknownClaim, { body: { status: 'verified' }, headers: { 'If-Match': '"1"' } }, 404);
    await patch(editor, first!, { body: { status: 'sourced', note: 'transcript', addSources: [{ url: 'https://www.nato.int/', title: 'NATO' }] }, headers: { 'If-Match': etag } }, 200);
    await patch(editor, first!, { body: { status: 'verified' }, headers: { 'If-Match': etag } }, 412);
    await call(reader, 'GET', '/claims', '/claims?status=sourced', {}, 200);
    await call(reader, 'GET', '/claims/{claimId}/history', `/claims/${first}/history`, {}, 200);
    await call(reader, 'GET', '/claims/{claimId}/history', `/claims/${unknownClaim}/history`, {}, 404);
    await call(reader, 'GET', '/claims/{claimId}/history', `/claims/${first}/history`, { token: null }, 401);

    // exports
    await rateClaim(editor, deskOn(stack.storage), second!, 'disputed', 'mostly-false');
    await rateClaim(editor, deskOn(stack.storage), third!, 'verified', 'unproven');
    const reviews = await call(reader, 'GET', '/articles/{articleId}/claimreview', `/articles/${articleId}/claimreview`, {}, 200);
    expect(reviews.body).toHaveLength(2);
    await call(reader, 'GET', '/articles/{articleId}/claimreview', `/articles/${unknownArticle}/claimreview`, {}, 404);
    await call(reader, 'GET', '/articles/{articleId}/claimreview', `/articles/${articleId}/claimreview`, { token: null }, 401);
    await call(reader, 'GET', '/claims/export.csv', '/claims/export.csv', {}, 200);
    await call(reader, 'GET', '/claims/export.csv', '/claims/export.csv?status=nope', {}, 400);
    await call(reader, 'GET', '/claims/export.csv', `/claims/export.csv?articleId=${unknownArticle}`, {}, 404);
    await call(reader, 'GET', '/claims/export.csv', '/claims/export.csv', { token: null }, 401);

    // the web page's assets
    const page = await reader('GET', '/', { token: null });
    const asset = page.text.match(/\/app\/([^"']+\.js)/)?.[1];
    expect(asset, 'the page links its script').toBeDefined();
    await call(reader, 'GET', '/app/{file}', `/app/${asset}`, { token: null }, 200);

    // storage away: 503 problems as documented
    await stack.stopStorage();
    await call(reader, 'GET', '/health', '/health', { token: null }, 503);
    await call(reader, 'GET', '/health/live', '/health/live', { token: null }, 200);
    await call(reader, 'GET', '/openapi.json', '/openapi.json', { token: null }, 200);
    await call(reader, 'GET', '/claims', '/claims', {}, 503);
    await call(reader, 'GET', '/claims/export.csv', '/claims/export.csv', {}, 503);
    await call(reader, 'GET', '/articles/{articleId}/claimreview', `/articles/${articleId}/claimreview`, {}, 503);
    await call(reader, 'GET', '/articles/{articleId}', `/articles/${articleId}`, {}, 503);

    // every operation of the document was called
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`));
    const called = new Set([...checked].map((key) => key.replace(/ \d+$/, '')));
    expect(operations.filter((operation) => !called.has(operation))).toEqual([]);
  });
});
