import type { DeskConfig } from './config.js';
import { CursorCodec, cursorKey } from './cursor.js';
import { openStorage, withDeadline, type Storage } from './store/client.js';

/** Page cursors: what lib/ needs of CursorCodec. */
export type Cursors = Pick<CursorCodec, 'encode' | 'decode'>;

/** What the domain functions need: storage, the cursor signer, a clock (tests pin it) and the time to give up by. */
export interface Desk {
  storage: Storage;
  cursors: Cursors;
  now: () => Date;
  /** Epoch ms after which retries stop and the request answers 503 (the invocation's remaining time, less a margin). */
  deadline?: number;
  /** How long ingest may spend matching new claims (ms from the request's start); tests on a loaded machine raise it. */
  matchBudgetMs?: number;
}

/** The desk; without a token secret (a function that reads no keys, like health) it cannot page. */
export function createDesk(config: DeskConfig, tokenSecret: Uint8Array | undefined, now: () => Date = () => new Date()): Desk {
  return { storage: openStorage(config), cursors: tokenSecret ? new CursorCodec(cursorKey(tokenSecret), now) : noCursors, now };
}

const noCursors: Cursors = {
  encode: () => {
    throw new Error('this function has no cursor key (it was wired without keys)');
  },
  decode: () => {
    throw new Error('this function has no cursor key (it was wired without keys)');
  },
};

/** The earlier of a retry budget from now and the request's deadline. */
export function retryDeadline(desk: Desk, budgetMs: number): number {
  return Math.min(Date.now() + budgetMs, desk.deadline ?? Infinity);
}

/** The container's desk as one request uses it: retries stop, and storage calls are abandoned, at its deadline. */
export function forRequest(desk: Desk, deadline: number | undefined): Desk {
  return deadline === undefined ? desk : { ...desk, deadline, storage: withDeadline(desk.storage, deadline) };
}
