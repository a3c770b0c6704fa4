/** The adapter built from (config, dependencies), driven by HTTP API v2 events as AWS and serverless-offline send them. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Logger } from '@aws-lambda-powertools/logger';
import { createHttpHandler, readRequest, type HttpDependencies, type Routes } from '../../functions/http.js';
import { routes as claimRoutes } from '../../functions/claims.js';
import { routes as healthRoutes } from '../../functions/health.js';
import { mintToken } from '../../lib/auth.js';
import { readConfig } from '../../lib/config.js';
import { createDesk, retryDeadline, type Desk } from '../../lib/desk.js';
import { parseKeyring } from '../../lib/keys.js';
import { guarded } from '../../lib/store/client.js';
import { httpEvent, lambdaContext, offlineEvent } from '../support/events.js';

const SECRET = 'k'.repeat(48);
const keys = parseKeyring(SECRET);
const NOW = Date.parse('2026-12-03T03:00:00Z');

function dependencies(overrides: Partial<HttpDependencies> = {}): HttpDependencies {
  const config = { ...readConfig({ ALLOWED_ORIGINS: 'https://desk.example.org' }), dynamodbEndpoint: 'http://127.0.0.1:9' };
  return {
    config,
    keys: async () => keys,
    desk: async () => createDesk(config, keys.current.key),
    logger: { addContext: () => undefined, info: () => undefined, error: () => undefined },
    now: () => new Date(NOW),
    ...overrides,
  };
}

/** A route that shows what it was given. */
const echo: Routes = {
  'POST /things/{thingId}': async ({ desk, request, person }) => ({
    status: 200,
    body: { request, deadline: desk.deadline ?? null, person: await person().catch(() => null) },
  }),
};

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('reading events', () => {
  it('reads the AWS and the serverless-offline shape of the same request alike', () => {
    const options = { headers: { 'Content-Type': 'application/json', 'If-Match': '"v1"' }, params: { claimId: 'c1' }, body: '{}' };
    const aws = readRequest(httpEvent('PATCH /claims/{claimId}', { ...options, headers: { 'content-type': 'application/json', 'if-match': '"v1"' } }));
    const offline = readRequest(offlineEvent('PATCH /claims/{claimId}', options));
    for (const request of [aws, offline]) {
      expect(request).toMatchObject({ method: 'PATCH', route: 'PATCH /claims/{claimId}', query: {}, params: { claimId: 'c1' }, rawBody: '{}' });
      expect(request.headers['content-type']).toBe('application/json');
      expect(request.headers['if-match']).toBe('"v1"');
    }
  });

  it('turns null body, query and path parameters into empty values', () => {
    const request = readRequest(offlineEvent('GET /claims'));
    expect(request).toMatchObject({ query: {}, params: {}, rawBody: undefined, isBase64Encoded: false });
    const fromAws = readRequest(httpEvent('GET /claims'));
    expect(fromAws).toMatchObject({ query: {}, params: {}, rawBody: undefined });
  });

  it('falls back to method and path when the route key is $default', () => {
    const event = { ...httpEvent('GET /claims'), routeKey: '$default' };
    expect(readRequest(event).route).toBe('GET /claims');
  });
});

describe('createHttpHandler', () => {
  it('passes the invocation deadline down as a plain epoch time, less a margin to answer', async () => {
    const handle = createHttpHandler(echo, dependencies());
    const before = Date.now();
    const answer = await handle(httpEvent('POST /things/{thingId}', { params: { thingId: 't' } }), lambdaContext({ remainingMs: 10_000 }));
    const body = JSON.parse(answer.body!);
    expect(body.deadline).toBeGreaterThanOrEqual(before + 10_000 - 1500 - 50);
    expect(body.deadline).toBeLessThanOrEqual(Date.now() + 10_000 - 1500);
    const none = await handle(httpEvent('POST /things/{thingId}', { params: { thingId: 't' } }));
    expect(JSON.parse(none.body!).deadline).toBeNull();
  });

  it('lets lib stop retrying at the earlier of its own budget and the request deadline', () => {
    const desk = createDesk(dependencies().config, keys.current.key);
    const soon = Date.now() + 300;
    expect(retryDeadline({ ...desk, deadline: soon }, 8_000)).toBe(soon);
    expect(retryDeadline(desk, 8_000)).toBeGreaterThan(Date.now() + 7_000);
    expect(retryDeadline({ ...desk, deadline: Date.now() + 60_000 }, 8_000)).toBeLessThan(Date.now() + 9_000);
  });

  it('does not change the shared desk when giving a request its deadline', async () => {
    const desk = createDesk(dependencies().config, keys.current.key);
    const handle = createHttpHandler(echo, dependencies({ desk: async () => desk }));
    await handle(httpEvent('POST /things/{thingId}'), lambdaContext({ remainingMs: 5_000 }));
    expect(desk.deadline).toBeUndefined();
  });

  it('authenticates with the injected keys and clock', async () => {
    const handle = createHttpHandler(echo, dependencies());
    const token = await mintToken(keys.current, { sub: 'alice', roles: ['reviewer'], issuedAt: NOW / 1000, expiresIn: NOW / 1000 + 3600 });
    const answer = await handle(offlineEvent('POST /things/{thingId}', { headers: { AUTHORIZATION: `Bearer ${token}` } }), lambdaContext());
    expect(JSON.parse(answer.body!).person).toEqual({ name: 'alice', roles: ['reviewer'] });
    // the same token an hour and a minute later (the injected clock) has expired
    const later = createHttpHandler(echo, dependencies({ now: () => new Date(NOW + 3_660_000) }));
    const expired = await later(httpEvent('POST /things/{thingId}', { headers: { authorization: `Bearer ${token}` } }), lambdaContext());
    expect(JSON.parse(expired.body!).person).toBeNull();
  });

  it('answers the real routes with problems when the token is missing, with CORS for configured origins only', async () => {
    const handle = createHttpHandler(claimRoutes, dependencies());
    const allowed = await handle(offlineEvent('GET /claims', { headers: { Origin: 'https://desk.example.org' } }), lambdaContext());
    expect(allowed.statusCode).toBe(401);
    expect(allowed.headers?.['Content-Type']).toBe('application/problem+json');
    expect(allowed.headers?.['Access-Control-Allow-Origin']).toBe('https://desk.example.org');
    const other = await handle(httpEvent('GET /claims', { headers: { origin: 'https://evil.example' } }), lambdaContext());
    expect(other.headers?.['Access-Control-Allow-Origin']).toBeUndefined();
  });

  it('answers 404 for a route it does not serve', async () => {
    const answer = await createHttpHandler(claimRoutes, dependencies())(httpEvent('GET /nowhere'), lambdaContext());
    expect(answer.statusCode).toBe(404);
  });

  it('answers /health/live without building a desk or loading keys', async () => {
    const unreachable = async (): Promise<never> => {
      throw new Error('must not be called');
    };
    const handle = createHttpHandler(healthRoutes, dependencies({ desk: unreachable as () => Promise<Desk>, keys: unreachable }));
    const answer = await handle(offlineEvent('GET /health/live'), lambdaContext());
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body!)).toEqual({ status: 'ok' });
  });

  it('answers a plain 500 when the keys cannot be loaded, and logs why', async () => {
    const errors: unknown[] = [];
    const logger = { addContext: () => undefined, info: () => undefined, error: (...args: unknown[]) => void errors.push(args) };
    const handle = createHttpHandler(echo, dependencies({ logger, desk: async () => Promise.reject(new Error('SSM said no')) }));
    const answer = await handle(httpEvent('POST /things/{thingId}'), lambdaContext());
    expect(answer.statusCode).toBe(500);
    expect(answer.body).not.toContain('SSM');
    expect(JSON.stringify(errors)).toContain('SSM said no');
  });

  it('logs what storage answered behind a 503 (never in the answer), and a route\'s own fields on the request line', async () => {
    const errors: unknown[] = [];
    const infos: unknown[] = [];
    const logger = { addContext: () => undefined, info: (...args: unknown[]) => void infos.push(args), error: (...args: unknown[]) => void errors.push(args) };
    const timeout = Object.assign(new Error('socket hang up after 3000 ms'), { name: 'TimeoutError' });
    const routes: Routes = {
      'POST /things/{thingId}': async () => guarded(() => Promise.reject(timeout)),
      'GET /things': async () => ({ status: 200, body: {}, log: { notLookedUp: 3 } }),
    };
    const handle = createHttpHandler(routes, dependencies({ logger }));
    const answer = await handle(httpEvent('POST /things/{thingId}'), lambdaContext());
    expect(answer.statusCode).toBe(503);
    expect(answer.body).not.toContain('TimeoutError');
    expect(errors[0]).toEqual(['storage did not answer', { cause: { name: 'TimeoutError', message: 'socket hang up after 3000 ms' } }]);
    await handle(httpEvent('GET /things'), lambdaContext());
    expect(infos.at(-1)).toEqual(['request', expect.objectContaining({ route: 'GET /things', status: 200, notLookedUp: 3 })]);
  });

  it('puts the request id and the cold-start flag on every log line (Powertools Logger)', async () => {
    vi.stubEnv('POWERTOOLS_DEV', 'true'); // log through the global console, where the test can read it
    vi.stubEnv('AWS_LAMBDA_INITIALIZATION_TYPE', 'on-demand'); // as Lambda sets it; Powertools reports cold starts only then
    const lines: Record<string, unknown>[] = [];
    const record = (line: unknown) => void lines.push(JSON.parse(String(line)) as Record<string, unknown>);
    vi.spyOn(console, 'info').mockImplementation(record);
    vi.spyOn(console, 'error').mockImplementation(record);
    const logger = new Logger({ serviceName: 'claimdesk', logLevel: 'INFO' });
    const handle = createHttpHandler(claimRoutes, dependencies({ logger }));
    await handle(offlineEvent('GET /claims'), lambdaContext({ requestId: 'first' }));
    await handle(offlineEvent('GET /nowhere'), lambdaContext({ requestId: 'second' }));
    await createHttpHandler(echo, dependencies({ logger, desk: async () => Promise.reject(new Error('down')) }))(httpEvent('POST /things/{thingId}'), lambdaContext({ requestId: 'third' }));
    expect(lines.map((line) => [line.function_request_id, line.cold_start, line.message])).toEqual([
      ['first', true, 'request'],
      ['second', false, 'request'],
      ['third', false, 'unexpected error'],
      ['third', false, 'request failed'],
    ]);
  });
});
