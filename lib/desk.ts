import type { DeskConfig } from './config.js';
import { CursorCodec } from './cursor.js';
import { openStorage, type Storage } from './store/client.js';

/** What the domain functions need: storage, the cursor signer and a clock (tests pin it). */
export interface Desk {
  storage: Storage;
  cursors: CursorCodec;
  now: () => Date;
}

export function createDesk(config: DeskConfig, signingKey: Uint8Array, now: () => Date = () => new Date()): Desk {
  return { storage: openStorage(config), cursors: new CursorCodec(signingKey, now), now };
}
