/**
 * HTTP for the command-line clients (ingest, export): one request with a timeout, retried on answers that say
 * "try again" (429, 502, 503, 504, and 409 with Retry-After) and on network errors and timeouts, with jittered
 * exponential backoff that waits at least what Retry-After asks. Only node's fetch; nothing of lib/.
 */

export interface RetryPolicy {
  /** Retries after the first attempt. */
  retries: number;
  /** Per attempt, headers and body included. */
  timeoutMs: number;
  /** Backoff before retry n (from 0) is drawn from [d/2, d], d = min(maxDelayMs, baseDelayMs · 2^n). */
  baseDelayMs: number;
  /** Cap on any single wait, Retry-After included, so a run never stalls for long on one answer. */
  maxDelayMs: number;
  random?: () => number;
}

export const DEFAULT_POLICY: RetryPolicy = { retries: 5, timeoutMs: 60_000, baseDelayMs: 500, maxDelayMs: 60_000 };

export interface HttpAnswer {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  /** The body as UTF-8 (a byte-order mark is kept, so callers can see it). */
  text: string;
  attempts: number;
  /** An earlier attempt timed out, lost its connection after sending, or met a gateway error: it may have been acted on. */
  ambiguous: boolean;
  /** When the first attempt was sent (local clock, ms). */
  firstSentAt: number;
  /** When this answer arrived (local clock, ms). */
  receivedAt: number;
}

/** No HTTP answer at all, after every retry: network errors or timeouts. */
export class NoAnswer extends Error {
  constructor(
    message: string,
    readonly attempts: number,
    readonly ambiguous: boolean,
  ) {
    super(message);
  }
}

export interface RetryNotice {
  attempt: number;
  delayMs: number;
  reason: string;
}

const RETRY_STATUSES = new Set([429, 502, 503, 504]);

/** 409 with Retry-After is the API's "the same article is being stored by another request right now". */
export function isRetryableStatus(status: number, headers: Headers): boolean {
  return RETRY_STATUSES.has(status) || (status === 409 && headers.has('retry-after'));
}

/** Retry-After as milliseconds from `now`: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** How long to wait before retry `attempt` (0 = the first retry). */
export function retryDelay(attempt: number, retryAfterMs: number | undefined, policy: RetryPolicy): number {
  const random = policy.random ?? Math.random;
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  const backoff = ceiling / 2 + random() * (ceiling / 2);
  if (retryAfterMs === undefined) return Math.round(backoff);
  // at least what the server asked, plus a little spread so concurrent workers do not return in step
  return Math.round(Math.min(policy.maxDelayMs, retryAfterMs + random() * Math.min(1000, policy.baseDelayMs)));
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function describeError(error: unknown, url: string, timeoutMs: number): { reason: string; sent: boolean } {
  const err = error as Error & { cause?: { code?: string; message?: string } };
  if (err?.name === 'TimeoutError' || err?.name === 'AbortError') return { reason: `no answer within ${timeoutMs / 1000} s`, sent: true };
  const code = err?.cause?.code;
  // a refused or unresolvable connection never carried the request
  const notSent = code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'EAI_AGAIN';
  return { reason: `${code ?? err?.cause?.message ?? err?.message ?? 'network error'} (${new URL(url).origin})`, sent: !notSent };
}

/**
 * One request, retried as the policy says. Resolves with the last HTTP answer (a final 503 too: the caller decides
 * what a status means); rejects with NoAnswer when no attempt got an answer.
 */
export async function requestWithRetry(
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
  policy: RetryPolicy,
  onRetry?: (notice: RetryNotice) => void,
): Promise<HttpAnswer> {
  const firstSentAt = Date.now();
  let ambiguous = false;
  for (let attempt = 0; ; attempt++) {
    let answer: HttpAnswer | undefined;
    let reason: string;
    let retryAfterMs: number | undefined;
    try {
      const response = await fetch(url, { ...init, redirect: 'manual', signal: AbortSignal.timeout(policy.timeoutMs) });
      const bytes = new Uint8Array(await response.arrayBuffer());
      answer = {
        status: response.status,
        headers: response.headers,
        bytes,
        text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes),
        attempts: attempt + 1,
        ambiguous,
        firstSentAt,
        receivedAt: Date.now(),
      };
      if (!isRetryableStatus(response.status, response.headers) || attempt >= policy.retries) return answer;
      // the desk's own errors (problem+json) changed nothing; a gateway's 502/503/504 may hide a request that ran on
      if (response.status >= 502 && !(response.headers.get('content-type') ?? '').startsWith('application/problem+json')) ambiguous = true;
      reason = `${response.status}`;
      retryAfterMs = parseRetryAfter(response.headers.get('retry-after'));
    } catch (error) {
      const { reason: why, sent } = describeError(error, url, policy.timeoutMs);
      ambiguous ||= sent;
      if (attempt >= policy.retries) throw new NoAnswer(`${why}; gave up after ${attempt + 1} attempt${attempt ? 's' : ''}`, attempt + 1, ambiguous);
      reason = why;
    }
    const delayMs = retryDelay(attempt, retryAfterMs, policy);
    onRetry?.({ attempt: attempt + 1, delayMs, reason });
    await sleep(delayMs);
  }
}

/** A problem+json answer in one line: its detail (or title) and any field errors; else the start of the body. */
export function problemDetail(answer: Pick<HttpAnswer, 'status' | 'text' | 'headers'>): string {
  try {
    const problem = JSON.parse(answer.text) as { title?: string; detail?: string; errors?: { path?: string; message?: string }[] };
    const fields = Array.isArray(problem.errors) && problem.errors.length ? ` (${problem.errors.map((e) => `${e.path || 'body'}: ${e.message}`).join('; ')})` : '';
    const main = problem.detail ?? problem.title;
    if (typeof main === 'string') return `${main}${fields}`;
  } catch {
    // not JSON: fall through to the raw body
  }
  const raw = answer.text.replace(/\s+/g, ' ').trim().slice(0, 200);
  return raw || `HTTP ${answer.status}`;
}
