import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import { forbidden, unauthenticated } from './problems.js';

export const ROLES = ['editor', 'reviewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who is making a request, as their token says. */
export interface Person {
  /** The token's `sub`: the name recorded on everything this person does. */
  name: string;
  roles: Role[];
}

const MIN_SECRET_BYTES = 32;

export function secretKey(secret: string): Uint8Array {
  const key = new TextEncoder().encode(secret);
  if (key.byteLength < MIN_SECRET_BYTES) throw new Error(`the JWT secret must be at least ${MIN_SECRET_BYTES} bytes`);
  return key;
}

/**
 * Verifies `Authorization: Bearer <jwt>` (HS256 only: `alg: none` and RS/HS confusion are refused by the allow-list).
 * Tokens without `exp` are accepted (API v1 does not require it); `exp` and `nbf` are checked when present.
 */
export async function authenticate(authorization: string | undefined, key: Uint8Array): Promise<Person> {
  if (!authorization) throw unauthenticated('Send a token: Authorization: Bearer <token>.');
  const match = /^Bearer ([A-Za-z0-9_\-.=]{1,8192})$/i.exec(authorization.trim());
  if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>".');
  let payload: Record<string, unknown>;
  try {
    ({ payload } = await jwtVerify(match[1]!, key, { algorithms: ['HS256'], clockTolerance: 5 }));
  } catch (error) {
    if (error instanceof joseErrors.JWTExpired) throw unauthenticated('The token has expired.');
    if (error instanceof joseErrors.JWTClaimValidationFailed) throw unauthenticated('The token is not valid yet or its claims are wrong.');
    throw unauthenticated('The token is not valid.');
  }
  const sub = payload.sub;
  if (typeof sub !== 'string' || sub.trim() === '' || sub.length > 200) {
    throw unauthenticated('The token names nobody: it needs a "sub".');
  }
  const roles = Array.isArray(payload.roles)
    ? ROLES.filter((role) => (payload.roles as unknown[]).includes(role))
    : [];
  return { name: sub, roles };
}

/** Throws 403 unless the person has `role` (admins have every role). */
export function requireRole(person: Person, role: Exclude<Role, 'admin'>): void {
  if (!person.roles.includes(role) && !person.roles.includes('admin')) {
    throw forbidden(`This needs the ${role} role; your token has ${person.roles.length ? person.roles.join(', ') : 'no role'}.`);
  }
}

/** Mints a token (the `token` script and the tests). */
export async function mintToken(
  key: Uint8Array,
  options: { sub: string; roles: string[]; expiresIn?: string | number; notBefore?: string | number },
): Promise<string> {
  const jwt = new SignJWT({ roles: options.roles })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(options.sub)
    .setIssuedAt()
    .setExpirationTime(options.expiresIn ?? '12h');
  if (options.notBefore !== undefined) jwt.setNotBefore(options.notBefore);
  return jwt.sign(key);
}
