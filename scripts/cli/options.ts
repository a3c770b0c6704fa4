/** Options the command-line clients share: where the API is, the token, and the retry policy. */
import { DEFAULT_POLICY, type RetryPolicy } from './http.js';

export const COMMON_OPTIONS = {
  api: { type: 'string' },
  token: { type: 'string' },
  timeout: { type: 'string' },
  retries: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const COMMON_USAGE = `  --api URL        the desk's API (default $CLAIMDESK_API, else http://localhost:3000)
  --token TOKEN    a bearer token (default $CLAIMDESK_TOKEN; the variable keeps it out of the process list)
  --timeout S      seconds to wait for each answer (default ${DEFAULT_POLICY.timeoutMs / 1000})
  --retries N      retries of a request after 429, 502, 503, 504, a network error or a timeout (default ${DEFAULT_POLICY.retries})`;

export class UsageError extends Error {}

function count(value: string | undefined, name: string, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isFinite(number) || number < min) throw new UsageError(`--${name} must be a number ≥ ${min}`);
  return number;
}

export function commonSettings(values: { api?: string; token?: string; timeout?: string; retries?: string }, env = process.env): { api: string; token: string; policy: RetryPolicy } {
  const api = values.api ?? (env.CLAIMDESK_API || 'http://localhost:3000');
  let parsed: URL;
  try {
    parsed = new URL(api);
  } catch {
    throw new UsageError(`--api ${api} is not a URL`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UsageError('--api must be an http or https URL');
  const token = values.token ?? (env.CLAIMDESK_TOKEN || undefined);
  if (!token) throw new UsageError('give --token TOKEN (or set CLAIMDESK_TOKEN); `npm run --silent token -- --sub NAME --roles editor` mints one locally');
  const timeoutS = count(values.timeout, 'timeout', DEFAULT_POLICY.timeoutMs / 1000, 0.001);
  const retries = Math.floor(count(values.retries, 'retries', DEFAULT_POLICY.retries, 0));
  return { api, token, policy: { ...DEFAULT_POLICY, timeoutMs: Math.round(timeoutS * 1000), retries } };
}

export function positiveInteger(value: string | undefined, name: string, fallback: number): number {
  return Math.floor(count(value, name, fallback, 1));
}
