import type { DeskConfig } from './config.js';
import { CursorCodec, cursorKey } from './cursor.js';
import { openStorage, type Storage } from './store/client.js';

/** What the domain functions need: storage, the cursor signer, a clock (tests pin it) and the time to give up by. */
export interface Desk {
  storage: Storage;
  cursors: CursorCodec;
  now: () => Date;
  /** Epoch ms after which retries stop and the request answers 503 (the invocation's remaining time, less a margin). */
  deadline?: number;
}

export function createDesk(config: DeskConfig, tokenSecret: Uint8Array, now: () => Date = () => new Date()): Desk {
  return { storage: openStorage(config), cursors: new CursorCodec(cursorKey(tokenSecret), now), now };
}

/** The earlier of a retry budget from now and the request's deadline. */
export function retryDeadline(desk: Desk, budgetMs: number): number {
  return Math.min(Date.now() + budgetMs, desk.deadline ?? Infinity);
}
