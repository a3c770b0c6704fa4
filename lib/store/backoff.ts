export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export interface BackoffOptions {
  /** The wait before the first retry, in ms (before jitter). */
  baseMs: number;
  /** No wait is longer than this (before jitter). */
  capMs: number;
}

/** Batch writes and batch gets: DynamoDB asks for exponential backoff on unprocessed items. */
export const BATCH_BACKOFF: BackoffOptions = { baseMs: 50, capMs: 2000 };
/** Transaction conflicts clear as soon as the other transaction ends: short waits. */
export const CONFLICT_BACKOFF: BackoffOptions = { baseMs: 10, capMs: 300 };

/**
 * The wait before retry number `retry` (1, 2, …): exponential, capped, with "equal jitter" (half fixed, half random)
 * so that writers that collided do not retry in step.
 */
export function backoffMs(retry: number, { baseMs, capMs }: BackoffOptions, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, retry - 1));
  return ceiling / 2 + (ceiling / 2) * random();
}

/** Waits before retry number `retry`; the one backoff of the store, used by every retry loop. */
export function backoff(retry: number, options: BackoffOptions): Promise<void> {
  return sleep(backoffMs(retry, options));
}
