import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { authenticate, mintToken, oidcVerifier, requireRole, secretKey, type TokenCheck } from '../../lib/auth.js';
import { readConfig } from '../../lib/config.js';
import { parseKeyring } from '../../lib/keys.js';
import { ProblemError } from '../../lib/problems.js';

const key = secretKey('s'.repeat(40));
const rules = readConfig({}).tokens;
const check: TokenCheck = { keys: { current: { kid: undefined, key }, previous: undefined }, rules };

async function refusal(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ProblemError && error.status === 401) return error.detail;
    throw error;
  }
  return 'accepted';
}

describe('authenticate', () => {
  it('reads the person and their known roles from a valid token', async () => {
    const token = await mintToken(key, { sub: 'alice', roles: ['reviewer', 'nonsense', 'editor'] });
    expect(await authenticate(`Bearer ${token}`, check)).toEqual({ name: 'alice', roles: ['editor', 'reviewer'] });
  });

  it('refuses missing, malformed, forged, unsigned, expired, not-yet-valid and anonymous tokens with 401', async () => {
    const other = secretKey('o'.repeat(40));
    const now = Math.floor(Date.now() / 1000);
    const cases = [
      undefined,
      'Basic abc',
      'Bearer not.a.token',
      `Bearer ${await mintToken(other, { sub: 'mallory', roles: ['admin'] })}`,
      `Bearer ${new UnsecuredJWT({ roles: ['admin'] }).setSubject('mallory').encode()}`,
      `Bearer ${await mintToken(key, { sub: 'alice', roles: ['reviewer'], expiresIn: now - 60 })}`,
      `Bearer ${await mintToken(key, { sub: 'alice', roles: ['reviewer'], notBefore: now + 3600 })}`,
      `Bearer ${await new SignJWT({ roles: ['reviewer'] }).setProtectedHeader({ alg: 'HS256' }).setIssuer('claimdesk-local').setAudience('claimdesk').setIssuedAt().setExpirationTime('1h').sign(key)}`,
      `Bearer ${await new SignJWT({ roles: ['reviewer'] }).setProtectedHeader({ alg: 'HS512' }).setSubject('alice').setIssuer('claimdesk-local').setAudience('claimdesk').setIssuedAt().setExpirationTime('1h').sign(key)}`,
    ];
    for (const header of cases) expect(await refusal(() => authenticate(header, check)), String(header)).not.toBe('accepted');
  });

  it('requires exp and iat, bounds the lifetime, refuses iat in the future, checks iss and aud', async () => {
    const now = Math.floor(Date.now() / 1000);
    const base = () => new SignJWT({ roles: ['reviewer'] }).setProtectedHeader({ alg: 'HS256' }).setSubject('alice');
    const full = () => base().setIssuer('claimdesk-local').setAudience('claimdesk');
    const cases: [string, string, RegExp][] = [
      ['no exp', await full().setIssuedAt().sign(key), /no "exp"/],
      ['no iat', await full().setExpirationTime('1h').sign(key), /no "iat"/],
      ['100 years', await full().setIssuedAt().setExpirationTime('876000h').sign(key), /at most 24 h/],
      ['24 h and a minute', await full().setIssuedAt(now).setExpirationTime(now + 86_460).sign(key), /at most 24 h/],
      ['issued in the future', await full().setIssuedAt(now + 60).setExpirationTime(now + 3600).sign(key), /future/],
      ['no iss', await base().setAudience('claimdesk').setIssuedAt().setExpirationTime('1h').sign(key), /no "iss"/],
      ['wrong iss', await base().setIssuer('someone-else').setAudience('claimdesk').setIssuedAt().setExpirationTime('1h').sign(key), /"iss" is not/],
      ['wrong aud', await base().setIssuer('claimdesk-local').setAudience('other-app').setIssuedAt().setExpirationTime('1h').sign(key), /"aud" is not/],
    ];
    for (const [label, token, detail] of cases) expect(await refusal(() => authenticate(`Bearer ${token}`, check)), label).toMatch(detail);
    // at the edges: exactly 24 h, and iat within the 5 s skew, are accepted
    expect(await refusal(async () => authenticate(`Bearer ${await full().setIssuedAt(now).setExpirationTime(now + 86_400).sign(key)}`, check))).toBe('accepted');
    expect(await refusal(async () => authenticate(`Bearer ${await full().setIssuedAt(now + 3).setExpirationTime(now + 3600).sign(key)}`, check))).toBe('accepted');
    // a stage can set a shorter lifetime
    const short = { ...check, rules: readConfig({ TOKEN_MAX_LIFETIME_SECONDS: '3600' }).tokens };
    expect(await refusal(async () => authenticate(`Bearer ${await mintToken(key, { sub: 'a', roles: [], expiresIn: '2h' })}`, short))).toMatch(/at most 1 h/);
    // and never a longer one than 24 h
    expect(readConfig({ TOKEN_MAX_LIFETIME_SECONDS: '999999' }).tokens.maxLifetimeSeconds).toBe(86_400);
    // the stage's issuer and audience, not the local ones
    const prod = { ...check, rules: readConfig({ TOKEN_ISSUER: 'claimdesk-prod', TOKEN_AUDIENCE: 'claimdesk' }).tokens };
    expect(await refusal(async () => authenticate(`Bearer ${await mintToken(key, { sub: 'a', roles: [] })}`, prod))).toMatch(/"iss" is not/);
    expect(await refusal(async () => authenticate(`Bearer ${await mintToken(key, { sub: 'a', roles: [], issuer: 'claimdesk-prod' })}`, prod))).toBe('accepted');
  });

  it('verifies tokens of the current and the previous key by kid until the previous one is removed', async () => {
    const rotated = parseKeyring(JSON.stringify({ current: { kid: 'k2', secret: 'n'.repeat(40) }, previous: { kid: 'k1', secret: 'o'.repeat(40) } }));
    const before = parseKeyring(JSON.stringify({ current: { kid: 'k1', secret: 'o'.repeat(40) } }));
    const after = parseKeyring(JSON.stringify({ current: { kid: 'k2', secret: 'n'.repeat(40) } }));
    const oldToken = await mintToken(before.current, { sub: 'alice', roles: ['reviewer'] });
    const newToken = await mintToken(rotated.current, { sub: 'bob', roles: ['editor'] });
    expect(await authenticate(`Bearer ${oldToken}`, { keys: before, rules })).toEqual({ name: 'alice', roles: ['reviewer'] });
    expect(await authenticate(`Bearer ${oldToken}`, { keys: rotated, rules })).toEqual({ name: 'alice', roles: ['reviewer'] });
    expect(await authenticate(`Bearer ${newToken}`, { keys: rotated, rules })).toEqual({ name: 'bob', roles: ['editor'] });
    expect(await refusal(() => authenticate(`Bearer ${oldToken}`, { keys: after, rules }))).toMatch(/unknown kid/);
    // a kid that names the current key but a signature by the previous one is refused
    const lying = await mintToken({ kid: 'k2', key: before.current.key }, { sub: 'mallory', roles: ['admin'] });
    expect(await refusal(() => authenticate(`Bearer ${lying}`, { keys: rotated, rules }))).toMatch(/not valid/);
  });

  it('requires the role, with admin standing for every role', () => {
    expect(() => requireRole({ name: 'a', roles: ['editor'] }, 'reviewer')).toThrow(ProblemError);
    expect(() => requireRole({ name: 'a', roles: [] }, 'editor')).toThrow(/needs the editor role/);
    expect(() => requireRole({ name: 'a', roles: ['admin'] }, 'reviewer')).not.toThrow();
    expect(() => requireRole({ name: 'a', roles: ['reviewer'] }, 'reviewer')).not.toThrow();
  });

  it('refuses secrets too short to be safe, and keyrings without kids', () => {
    expect(() => secretKey('short')).toThrow(/at least 32 bytes/);
    expect(() => parseKeyring('{"current":{"secret":"' + 'x'.repeat(40) + '"}}')).toThrow(/kid/);
    expect(() => parseKeyring('{"current":{"kid":"a","secret":"' + 'x'.repeat(40) + '"},"previous":{"kid":"a","secret":"' + 'y'.repeat(40) + '"}}')).toThrow(/different kids/);
    expect(parseKeyring(` ${'p'.repeat(40)}\n`).current.kid).toBeUndefined();
  });
});

describe('OpenID Connect', () => {
  let server: Server;
  let issuer: string;
  let signer: CryptoKey;
  let requests = 0;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    signer = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'idp-1', alg: 'ES256', use: 'sig' };
    server = createServer((request, response) => {
      requests++;
      response.setHeader('Content-Type', 'application/json');
      if (request.url === '/.well-known/openid-configuration') response.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/keys` }));
      else if (request.url === '/keys') response.end(JSON.stringify({ keys: [jwk] }));
      else response.writeHead(404).end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('verifies RS/ES tokens against the issuer keys found by discovery (fetched once), roles from the configured claim', async () => {
    const settings = readConfig({ OIDC_ISSUER: issuer, OIDC_AUDIENCE: 'desk-app', OIDC_ROLES_CLAIM: 'realm_access.roles' }).oidc!;
    const sso = { ...check, oidc: oidcVerifier(settings) };
    const token = (claims: Record<string, unknown>, iss = issuer, key: CryptoKey = signer) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: 'idp-1' }).setSubject('carol@newsroom').setIssuer(iss).setAudience('desk-app').setIssuedAt().setExpirationTime('1h').sign(key);
    expect(await authenticate(`Bearer ${await token({ realm_access: { roles: ['reviewer', 'offline_access'] } })}`, sso)).toEqual({ name: 'carol@newsroom', roles: ['reviewer'] });
    const seen = requests;
    expect(await authenticate(`Bearer ${await token({ realm_access: { roles: 'editor admin' } })}`, sso)).toEqual({ name: 'carol@newsroom', roles: ['editor', 'admin'] });
    expect(requests).toBe(seen); // the key set is cached
    expect(await refusal(async () => authenticate(`Bearer ${await token({}, 'https://other-idp.example')}`, sso))).toMatch(/"iss" is not/);
    const stranger = (await generateKeyPair('ES256')).privateKey;
    expect(await refusal(async () => authenticate(`Bearer ${await token({}, issuer, stranger)}`, sso))).toMatch(/not valid/);
    // the shared secret cannot stand in for the issuer: an HS256 token claiming the issuer is checked against the desk's rules
    const forged = await mintToken(key, { sub: 'mallory', roles: ['admin'], issuer });
    expect(await refusal(() => authenticate(`Bearer ${forged}`, sso))).toMatch(/"iss" is not/);
  });

  it('answers 503, not 401, when the issuer cannot be reached for its keys', async () => {
    const settings = readConfig({ OIDC_ISSUER: 'http://127.0.0.1:9/realms/gone', OIDC_AUDIENCE: 'desk-app' }).oidc!;
    const sso = { ...check, oidc: oidcVerifier(settings) };
    const token = await new SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'idp-1' }).setSubject('carol').setIssuer(settings.issuer).setAudience('desk-app').setIssuedAt().setExpirationTime('1h').sign(signer);
    const error = await authenticate(`Bearer ${token}`, sso).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).status).toBe(503);
  });
});
