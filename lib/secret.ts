import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { secretKey } from './auth.js';
import type { DeskConfig } from './config.js';

let cached: Promise<Uint8Array> | undefined;

/** The JWT signing key: from the environment (local) or, deployed, from an SSM SecureString read once per container. */
export function signingKey(config: DeskConfig): Promise<Uint8Array> {
  cached ??= loadKey(config).catch((error: unknown) => {
    cached = undefined; // a failed fetch is retried on the next request
    throw error;
  });
  return cached;
}

async function loadKey(config: DeskConfig): Promise<Uint8Array> {
  if (config.jwtSecret) return secretKey(config.jwtSecret);
  if (!config.jwtSecretParameter) throw new Error('no JWT secret configured (CLAIMDESK_JWT_SECRET or JWT_SECRET_PARAMETER)');
  const ssm = new SSMClient({ region: config.region });
  const answer = await ssm.send(new GetParameterCommand({ Name: config.jwtSecretParameter, WithDecryption: true }));
  const value = answer.Parameter?.Value;
  if (!value) throw new Error(`SSM parameter ${config.jwtSecretParameter} is empty`);
  return secretKey(value);
}
