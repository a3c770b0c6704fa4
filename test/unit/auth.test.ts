import { describe, expect, it } from 'vitest';
import { SignJWT, UnsecuredJWT } from 'jose';
import { authenticate, mintToken, requireRole, secretKey } from '../../lib/auth.js';
import { ProblemError } from '../../lib/problems.js';

const key = secretKey('s'.repeat(40));

async function status(run: () => Promise<unknown> | unknown): Promise<number> {
  try {
    await run();
    return 200;
  } catch (error) {
    if (error instanceof ProblemError) return error.status;
    throw error;
  }
}

describe('authenticate', () => {
  it('reads the person and their known roles from a valid token', async () => {
    const token = await mintToken(key, { sub: 'alice', roles: ['reviewer', 'nonsense', 'editor'] });
    expect(await authenticate(`Bearer ${token}`, key)).toEqual({ name: 'alice', roles: ['editor', 'reviewer'] });
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
      `Bearer ${await new SignJWT({ roles: ['reviewer'] }).setProtectedHeader({ alg: 'HS256' }).setExpirationTime('1h').sign(key)}`,
      `Bearer ${await new SignJWT({ roles: ['reviewer'] }).setProtectedHeader({ alg: 'HS512' }).setSubject('alice').setExpirationTime('1h').sign(key)}`,
    ];
    for (const header of cases) expect(await status(() => authenticate(header, key)), String(header)).toBe(401);
  });

  it('requires the role, with admin standing for every role', () => {
    expect(() => requireRole({ name: 'a', roles: ['editor'] }, 'reviewer')).toThrow(ProblemError);
    expect(() => requireRole({ name: 'a', roles: [] }, 'editor')).toThrow(/needs the editor role/);
    expect(() => requireRole({ name: 'a', roles: ['admin'] }, 'reviewer')).not.toThrow();
    expect(() => requireRole({ name: 'a', roles: ['reviewer'] }, 'reviewer')).not.toThrow();
  });

  it('refuses secrets too short to be safe', () => {
    expect(() => secretKey('short')).toThrow(/at least 32 bytes/);
  });
});
