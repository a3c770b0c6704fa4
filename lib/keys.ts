import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { DeskConfig } from './config.js';

/** One HS256 key with the `kid` tokens name it by (undefined for a plain single secret). */
export interface SigningKey {
  kid: string | undefined;
  key: Uint8Array;
}

/** The stage's token keys: the one new tokens are signed with, and the one being retired (both verify). */
export interface Keyring {
  current: SigningKey;
  previous: SigningKey | undefined;
}

const MIN_SECRET_BYTES = 32;

export function secretKey(secret: string): Uint8Array {
  const key = new TextEncoder().encode(secret);
  if (key.byteLength < MIN_SECRET_BYTES) throw new Error(`the JWT secret must be at least ${MIN_SECRET_BYTES} bytes`);
  return key;
}

/**
 * Reads the secret parameter: either a plain secret (one key, no kid) or JSON
 * `{"current":{"kid":"2026-12","secret":"…"},"previous":{"kid":"2026-06","secret":"…"}}` (`previous` optional).
 */
export function parseKeyring(value: string): Keyring {
  const text = value.trim();
  if (!text.startsWith('{')) return { current: { kid: undefined, key: secretKey(text) }, previous: undefined };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('the JWT secret looks like JSON but does not parse');
  }
  const entry = (name: string, value: unknown): SigningKey => {
    const { kid, secret } = (value ?? {}) as { kid?: unknown; secret?: unknown };
    if (typeof kid !== 'string' || kid === '' || typeof secret !== 'string') {
      throw new Error(`the JWT secret's "${name}" needs a "kid" and a "secret" (strings)`);
    }
    return { kid, key: secretKey(secret) };
  };
  const { current, previous } = parsed as { current?: unknown; previous?: unknown };
  const ring = { current: entry('current', current), previous: previous === undefined || previous === null ? undefined : entry('previous', previous) };
  if (ring.previous && ring.previous.kid === ring.current.kid) throw new Error('the current and previous JWT keys need different kids');
  return ring;
}

/** The keyring: from the environment (local runs and tests) or, deployed, from the SSM SecureString. */
export async function loadKeyring(config: DeskConfig, ssm: () => SSMClient = () => new SSMClient({ region: config.region })): Promise<Keyring> {
  if (config.jwtSecret) return parseKeyring(config.jwtSecret);
  if (!config.jwtSecretParameter) throw new Error('no JWT secret configured (JWT_SECRET_PARAMETER, or CLAIMDESK_JWT_SECRET locally)');
  const answer = await ssm().send(new GetParameterCommand({ Name: config.jwtSecretParameter, WithDecryption: true }));
  const value = answer.Parameter?.Value;
  if (!value) throw new Error(`SSM parameter ${config.jwtSecretParameter} is empty`);
  return parseKeyring(value);
}
