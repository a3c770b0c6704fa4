/**
 * API.md "Version 1.2" over serverless-offline: token lifetime, issuer and audience; kid rotation; OpenID Connect
 * against a JWKS server started here with a real key pair; text hygiene with nothing stored; /health/live.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload } from 'jose';
import { mintToken } from '../../lib/auth.js';
import { parseKeyring } from '../../lib/keys.js';
import { client, isProblem } from '../support/http.js';
import { tableSnapshot } from '../support/reliability.js';
import { startStack, type Stack } from '../support/stack.js';

const K1 = { kid: '2026-06', secret: randomBytes(48).toString('base64url') };
const K2 = { kid: '2026-12', secret: randomBytes(48).toString('base64url') };
const rotating = parseKeyring(JSON.stringify({ current: K2, previous: K1 }));
const OIDC_AUDIENCE = 'claimdesk-sso';

let stack: Stack | undefined;
let idp: Server;
let issuer: string;
let idpKey: CryptoKey;
let jwksRequests = 0;

const now = () => Math.floor(Date.now() / 1000);
/** An HS256 token signed with `key`, claims exactly as given (nothing added). */
const handMade = (key: { kid: string | undefined; key: Uint8Array }, claims: JWTPayload) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256', ...(key.kid ? { kid: key.kid } : {}) }).sign(key.key);
const ssoToken = (claims: JWTPayload, key: CryptoKey = idpKey, audience = OIDC_AUDIENCE) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'idp-key-1' }).setIssuer(issuer).setAudience(audience).setIssuedAt().setExpirationTime('1h').sign(key);

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  idpKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' };
  idp = createServer((request, response) => {
    response.setHeader('Content-Type', 'application/json');
    if (request.url === '/realms/newsroom/.well-known/openid-configuration') return void response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/protocol/certs` }));
    if (request.url === '/realms/newsroom/protocol/certs') {
      jwksRequests++;
      return void response.end(JSON.stringify({ keys: [jwk] }));
    }
    response.writeHead(404).end('{}');
  });
  await new Promise<void>((resolve) => idp.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}/realms/newsroom`;
  stack = await startStack({
    jwtSecret: JSON.stringify({ current: K2, previous: K1 }),
    env: { CLAIMDESK_OIDC_ISSUER: issuer, CLAIMDESK_OIDC_AUDIENCE: OIDC_AUDIENCE, CLAIMDESK_OIDC_ROLES_CLAIM: 'realm_access.roles' },
  });
});
afterAll(async () => {
  await stack?.stop();
  await new Promise<void>((resolve) => idp.close(() => resolve()));
});

describe('tokens', () => {
  it('refuses tokens without exp, too long-lived, with a wrong iss or aud, or issued in the future (401)', async () => {
    const base = { sub: 'alice', roles: ['reviewer'], iss: 'claimdesk-local', aud: 'claimdesk' };
    const cases: [string, JWTPayload, RegExp][] = [
      ['no exp', { ...base, iat: now() }, /no "exp"/],
      ['exp 100 years ahead', { ...base, iat: now(), exp: now() + 100 * 365 * 86_400 }, /at most 24 h/],
      ['25 hours', { ...base, iat: now(), exp: now() + 25 * 3600 }, /at most 24 h/],
      ['no iat', { ...base, exp: now() + 3600 }, /no "iat"/],
      ['wrong iss', { ...base, iss: 'claimdesk-prod', iat: now(), exp: now() + 3600 }, /"iss"/],
      ['no iss', { sub: 'alice', roles: ['reviewer'], aud: 'claimdesk', iat: now(), exp: now() + 3600 }, /"iss"/],
      ['wrong aud', { ...base, aud: 'another-app', iat: now(), exp: now() + 3600 }, /"aud"/],
      ['iat a minute in the future', { ...base, iat: now() + 60, exp: now() + 3600 }, /future/],
    ];
    for (const [label, claims, detail] of cases) {
      const answer = await client(stack!.baseUrl, await handMade(rotating.current, claims))('GET', '/claims');
      expect(isProblem(answer, 401), `${label}: ${answer.status} ${answer.text}`).toBe(true);
      expect(answer.body.detail, label).toMatch(detail);
    }
    // within the rules: 24 h exactly, iat 2 s ahead (inside the 5 s skew)
    for (const claims of [{ ...base, iat: now(), exp: now() + 86_400 }, { ...base, iat: now() + 2, exp: now() + 3600 }]) {
      expect((await client(stack!.baseUrl, await handMade(rotating.current, claims))('GET', '/claims')).status).toBe(200);
    }
  });

  it('verifies tokens of the current and the previous key (by kid), and refuses an unknown kid', async () => {
    const old = await mintToken(rotating.previous!, { sub: 'olga', roles: ['reviewer'] });
    const current = await mintToken(rotating.current, { sub: 'nina', roles: ['reviewer'] });
    expect((await client(stack!.baseUrl, old)('GET', '/claims')).status).toBe(200);
    expect((await client(stack!.baseUrl, current)('GET', '/claims')).status).toBe(200);
    const stranger = await mintToken({ kid: '2025-01', key: new TextEncoder().encode(randomBytes(48).toString('base64url')) }, { sub: 'x', roles: ['admin'] });
    const answer = await client(stack!.baseUrl, stranger)('GET', '/claims');
    expect(isProblem(answer, 401)).toBe(true);
    expect(answer.body.detail).toMatch(/unknown kid/);
  });

  it('accepts an OpenID Connect token from the issuer with its roles, and refuses one signed by another key', async () => {
    const editor = client(stack!.baseUrl, await ssoToken({ sub: 'carol@newsroom.example', realm_access: { roles: ['editor', 'offline_access'] } }));
    const created = await editor('POST', '/articles', { body: { text: 'Carol reports that the council spent £4.2m on roads in 2023.' } });
    expect(created.status, created.text).toBe(201);
    expect(created.body.article.createdBy).toBe('carol@newsroom.example');
    const reader = client(stack!.baseUrl, await ssoToken({ sub: 'dan@newsroom.example', realm_access: { roles: [] } }));
    expect((await reader('GET', '/claims')).status).toBe(200);
    expect((await reader('POST', '/articles', { body: { text: 'Dan says 5% more.' } })).status).toBe(403);
    const other = (await generateKeyPair('RS256')).privateKey;
    const forged = await client(stack!.baseUrl, await ssoToken({ sub: 'mallory', realm_access: { roles: ['admin'] } }, other))('GET', '/claims');
    expect(isProblem(forged, 401), forged.text).toBe(true);
    const wrongAudience = await client(stack!.baseUrl, await ssoToken({ sub: 'carol', realm_access: { roles: ['admin'] } }, idpKey, 'another-app'))('GET', '/claims');
    expect(isProblem(wrongAudience, 401)).toBe(true);
    expect(jwksRequests).toBeGreaterThanOrEqual(1);
  });
});

describe('text hygiene over HTTP', () => {
  it('answers bidi controls, lone surrogates and URL user info with 400, storing nothing', async () => {
    const editor = client(stack!.baseUrl, await stack!.token('eve', ['editor']));
    const reviewer = client(stack!.baseUrl, await stack!.token('alice', ['reviewer']));
    const made = await editor('POST', '/articles', { body: { text: 'The ministry said exports rose 12% in 2024, the best year since 2010.' } });
    expect(made.status, made.text).toBe(201);
    const claimId = made.body.claims[0].claimId as string;
    const read = await reviewer('GET', `/claims/${claimId}`);
    const etag = read.headers.get('etag')!;
    const before = await tableSnapshot(stack!.storage);
    const refusals: [string, Promise<import('../support/http.js').Answer>][] = [
      ['bidi title', editor('POST', '/articles', { body: { text: 'Bidi: imports fell 3% in 2024.', title: 'Budget \u202Eexe.fdp' } })],
      ['lone surrogate in text', editor('POST', '/articles', { body: { text: 'Surrogate: imports fell 3% in 2024 \uD800.' } })],
      ['lone surrogate in html', editor('POST', '/articles', { body: { html: '<p>Imports fell 3% in 2024 \uDC00.</p>' } })],
      ['bidi note', reviewer('PATCH', `/claims/${claimId}`, { headers: { 'If-Match': etag }, body: { note: 'fine \u2066really' } })],
      ['lone surrogate note', reviewer('PATCH', `/claims/${claimId}`, { headers: { 'If-Match': etag }, body: { note: 'ok \uDBFF' } })],
      ['bidi source title', reviewer('PATCH', `/claims/${claimId}`, { headers: { 'If-Match': etag }, body: { addSources: [{ url: 'https://ons.gov.uk/a', title: 'ONS \u202B' }] } })],
      ['user info in source URL', reviewer('PATCH', `/claims/${claimId}`, { headers: { 'If-Match': etag }, body: { status: 'sourced', addSources: [{ url: 'https://user:pw@ons.gov.uk/a' }] } })],
      ['bidi sub', client(stack!.baseUrl, await stack!.token('alice\u202Eecila', ['reviewer']))('PATCH', `/claims/${claimId}`, { headers: { 'If-Match': etag }, body: { status: 'verified' } })],
    ];
    for (const [label, pending] of refusals) {
      const answer = await pending;
      expect(isProblem(answer, 400), `${label}: ${answer.status} ${answer.text}`).toBe(true);
    }
    expect(await tableSnapshot(stack!.storage)).toEqual(before);
    // a good source URL is stored as its normalised href
    const sourced = await reviewer('PATCH', `/claims/${claimId}`, { headers: { 'If-Match': etag }, body: { status: 'sourced', addSources: [{ url: 'HTTPS://ONS.GOV.UK:443/trade/../exports?y=2024' }] } });
    expect(sourced.status, sourced.text).toBe(200);
    expect(sourced.body.claim.sources.map((source: { url: string }) => source.url)).toEqual(['https://ons.gov.uk/exports?y=2024']);
  });
});

describe('health', () => {
  it('answers /health/live without a token and without storage; /health needs storage', async () => {
    const anonymous = client(stack!.baseUrl);
    expect(await anonymous('GET', '/health/live')).toMatchObject({ status: 200, body: { status: 'ok' } });
    await stack!.stopStorage();
    const live = await anonymous('GET', '/health/live');
    expect(live.status).toBe(200);
    expect(live.body).toEqual({ status: 'ok' });
    expect(isProblem(await anonymous('GET', '/health'), 503)).toBe(true);
  });
});

describe('after the previous key is removed', () => {
  it('refuses tokens of the previous key and keeps verifying the current one', async () => {
    await stack!.stop();
    stack = await startStack({ jwtSecret: JSON.stringify({ current: K2 }) });
    const old = await mintToken(rotating.previous!, { sub: 'olga', roles: ['reviewer'] });
    const current = await mintToken(rotating.current, { sub: 'nina', roles: ['reviewer'] });
    expect(isProblem(await client(stack.baseUrl, old)('GET', '/claims'), 401)).toBe(true);
    expect((await client(stack.baseUrl, current)('GET', '/claims')).status).toBe(200);
  });
});
