import { createRemoteJWKSet, decodeProtectedHeader, errors as joseErrors, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { LOCAL_TOKEN_AUDIENCE, LOCAL_TOKEN_ISSUER, type OidcSettings, type TokenRules } from './config.js';
import type { Keyring, SigningKey } from './keys.js';
import { hasBidiControl, isWellFormed } from '../schemas/text.js';
import { forbidden, invalidRequest, ProblemError, unauthenticated } from './problems.js';

export { secretKey } from './keys.js';

export const ROLES = ['editor', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is making a request, as their token says. */
export interface Person {
  /** The token's `sub`: the name recorded on everything this person does. */
  name: string;
  roles: Role[];
}

/** Seconds a clock may be ahead or behind (iat, nbf, exp). */
const CLOCK_SKEW_SECONDS = 5;
const OIDC_ALGORITHMS = ['RS256', 'ES256'];

/** Everything a token is checked against: the stage's keys and rules, and its single sign-on issuer if any. */
export interface TokenCheck {
  keys: Keyring;
  rules: TokenRules;
  oidc?: OidcVerifier | undefined;
  now?: () => Date;
}

export interface OidcVerifier {
  settings: OidcSettings;
  keys: JWTVerifyGetKey;
}

/** The issuer's published keys, fetched on first use and cached by jose (refetched when an unknown kid shows up). */
export function oidcVerifier(settings: OidcSettings, fetchJson: (url: string) => Promise<unknown> = defaultFetchJson): OidcVerifier {
  let remote: Promise<JWTVerifyGetKey> | undefined;
  const resolve = async (): Promise<JWTVerifyGetKey> => {
    let jwksUrl = settings.jwksUrl;
    if (!jwksUrl) {
      const discovery = (await fetchJson(`${settings.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`)) as { jwks_uri?: unknown };
      if (typeof discovery.jwks_uri !== 'string') throw new Error('the OpenID configuration has no jwks_uri');
      jwksUrl = discovery.jwks_uri;
    }
    return createRemoteJWKSet(new URL(jwksUrl), { timeoutDuration: 3000, cacheMaxAge: 10 * 60_000 });
  };
  return {
    settings,
    keys: async (header, token) => {
      remote ??= resolve().catch((error: unknown) => {
        remote = undefined; // a failed discovery is retried on the next token
        throw error;
      });
      return (await remote)(header, token);
    },
  };
}

async function defaultFetchJson(url: string): Promise<unknown> {
  const answer = await fetch(url, { signal: AbortSignal.timeout(3000) });
  if (!answer.ok) throw new Error(`${url} answered ${answer.status}`);
  return answer.json();
}

/**
 * Verifies `Authorization: Bearer <jwt>`: HS256 with the stage's keys (by `kid`), or RS256/ES256 from the configured
 * OpenID Connect issuer. `exp` is required, `exp − iat` is bounded, `iat` is not in the future, `iss`/`aud` must match.
 */
export async function authenticate(authorization: string | undefined, check: TokenCheck): Promise<Person> {
  if (!authorization) throw unauthenticated('Send a token: Authorization: Bearer <token>.');
  const match = /^Bearer ([A-Za-z0-9_\-.=]{1,8192})$/i.exec(authorization.trim());
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
  const token = match[1]!;
  let alg: unknown;
  try {
    alg = decodeProtectedHeader(token).alg;
  } catch {
    throw unauthenticated('The token is not valid.');
  }
  const sso = check.oidc && typeof alg === 'string' && OIDC_ALGORITHMS.includes(alg) ? check.oidc : undefined;
  const payload = sso ? await verifyOidc(token, sso, check) : await verifyShared(token, check);
  const sub = payload.sub;
  if (typeof sub !== 'string' || sub.trim() === '' || sub.length > 200) {
    throw unauthenticated('The token names nobody: it needs a "sub".');
  }
  // The name is recorded on every review: text that reads differently from what it is never gets that far.
  if (!isWellFormed(sub) || hasBidiControl(sub)) {
    throw invalidRequest('The token\'s "sub" holds bidirectional control characters or a lone surrogate; ask for a token with a plain name.', [
      { path: 'sub', message: 'must be plain text (no bidirectional controls, no lone surrogates)' },
    ]);
  }
  const granted = sso ? claimAt(payload, sso.settings.rolesClaim) : payload.roles;
  // Identity providers may send roles as one space-separated string; the desk's own tokens carry an array only.
  const list = sso && typeof granted === 'string' ? granted.split(/\s+/) : Array.isArray(granted) ? granted : [];
  return { name: sub, roles: ROLES.filter((role) => list.includes(role)) };
}

async function verifyShared(token: string, check: TokenCheck): Promise<JWTPayload> {
  const { kid } = decodeProtectedHeader(token);
  const ring = [check.keys.current, check.keys.previous].filter((key): key is SigningKey => key !== undefined);
  // A token that names its key is checked with that key only; one without a kid may be from either (a plain secret).
  const candidates = kid === undefined ? ring : ring.filter((key) => key.kid === kid);
  if (candidates.length === 0) throw unauthenticated('The token was signed with a key this desk does not have (unknown kid).');
  let lastError: unknown;
  for (const candidate of candidates) {
    try {
      return await verified(token, candidate.key, ['HS256'], check.rules.issuer, check.rules.audience, check);
    } catch (error) {
      lastError = error;
      if (!(error instanceof joseErrors.JWSSignatureVerificationFailed)) break;
    }
  }
  throw explain(lastError);
}

async function verifyOidc(token: string, sso: OidcVerifier, check: TokenCheck): Promise<JWTPayload> {
  try {
    return await verified(token, sso.keys, OIDC_ALGORITHMS, sso.settings.issuer, sso.settings.audience, check);
  } catch (error) {
    // The issuer's keys could not be had: the token may be fine, so say so rather than call it invalid.
    if (!(error instanceof joseErrors.JOSEError) && !(error instanceof TokenRuleBroken) || error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) {
      throw new ProblemError(503, 'sign-in-unavailable', 'Sign-in service unavailable', 'The single sign-on issuer did not answer with its keys; retry shortly.', {
        headers: { 'Retry-After': '5' },
      });
    }
    throw explain(error);
  }
}

async function verified(
  token: string,
  key: Uint8Array | JWTVerifyGetKey,
  algorithms: string[],
  issuer: string,
  audience: string,
  check: TokenCheck,
): Promise<JWTPayload> {
  const now = check.now?.() ?? new Date();
  const options = { algorithms, issuer, audience, clockTolerance: CLOCK_SKEW_SECONDS, currentDate: now, requiredClaims: ['exp', 'iat', 'sub'] };
  const { payload } = typeof key === 'function' ? await jwtVerify(token, key, options) : await jwtVerify(token, key, options);
  const exp = payload.exp!;
  const iat = payload.iat!;
  if (iat > now.getTime() / 1000 + CLOCK_SKEW_SECONDS) throw new TokenRuleBroken('The token says it was issued in the future (iat); check the clock of whoever minted it.');
  if (exp - iat > check.rules.maxLifetimeSeconds) {
    throw new TokenRuleBroken(`The token lives ${Math.round((exp - iat) / 3600)} h; tokens may live at most ${check.rules.maxLifetimeSeconds / 3600} h (exp − iat).`);
  }
  return payload;
}

class TokenRuleBroken extends Error {}

/** jose's failures → a 401 that says what to fix, never which key was tried. */
function explain(error: unknown): Error {
  if (error instanceof TokenRuleBroken) return unauthenticated(error.message);
  if (error instanceof joseErrors.JWTExpired) return unauthenticated('The token has expired.');
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    const claim = error.claim;
    if (error.reason === 'missing') return unauthenticated(`The token has no "${claim}"; tokens need exp, iat and sub.`);
    if (claim === 'iss' || claim === 'aud') return unauthenticated(`The token's "${claim}" is not this desk's.`);
    if (claim === 'iat') return unauthenticated('The token says it was issued in the future (iat).');
    return unauthenticated('The token is not valid yet or its claims are wrong.');
  }
  if (error instanceof Error && error.name === 'ProblemError') return error;
  return unauthenticated('The token is not valid.');
}

function claimAt(payload: JWTPayload, path: string): unknown {
  let value: unknown = payload;
  for (const part of path.split('.')) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

/** Throws 403 unless the person has `role` (admins have every role). */
export function requireRole(person: Person, role: Exclude<Role, 'admin'>): void {
  if (!person.roles.includes(role) && !person.roles.includes('admin')) {
    throw forbidden(`This needs the ${role} role; your token has ${person.roles.length ? person.roles.join(', ') : 'no role'}.`);
  }
}

/** Mints an HS256 token with the key's kid (the `token` script and the tests); issuer and audience default to local. */
export async function mintToken(
  key: Uint8Array | SigningKey,
  options: {
    sub: string;
    roles: string[];
    expiresIn?: string | number;
    notBefore?: string | number;
    issuedAt?: number;
    issuer?: string;
    audience?: string;
  },
): Promise<string> {
  const signing = key instanceof Uint8Array ? { kid: undefined, key } : key;
  const jwt = new SignJWT({ roles: options.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...(signing.kid ? { kid: signing.kid } : {}) })
    .setSubject(options.sub)
    .setIssuer(options.issuer ?? LOCAL_TOKEN_ISSUER)
    .setAudience(options.audience ?? LOCAL_TOKEN_AUDIENCE)
    .setIssuedAt(options.issuedAt)
    .setExpirationTime(options.expiresIn ?? '12h');
  if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
  return jwt.sign(signing.key);
}
