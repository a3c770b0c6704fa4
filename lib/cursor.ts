import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { invalidRequest } from './problems.js';

/** How long a cursor stays usable: a page link is for paging now, not a bookmark. */
export const CURSOR_LIFETIME_MS = 24 * 60 * 60 * 1000;

/** The cursor key is derived from the token secret under its own label, so a cursor never doubles as a token signature. */
export function cursorKey(tokenSecret: Uint8Array): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', tokenSecret, 'claimdesk', 'claimdesk page cursor v1', 32));
}

/**
 * Opaque page cursors: the storage key to continue from, bound to the query it came from, stamped with when it was
 * given out and signed, so a cursor that was altered, used with another query, or is over 24 hours old is refused
 * (400) instead of reading from an arbitrary key.
 */
export class CursorCodec {
  constructor(
    private readonly key: Uint8Array,
    private readonly now: () => Date = () => new Date(),
  ) {}

  encode(scope: string, position: Record<string, unknown> | undefined): string | undefined {
    if (!position) return undefined;
    const payload = Buffer.from(JSON.stringify({ s: scope, p: position, t: this.now().getTime() })).toString('base64url');
    return `${payload}${this.sign(payload)}`;
  }

  decode(scope: string, cursor: string | undefined): Record<string, unknown> | undefined {
    if (cursor === undefined) return undefined;
    const refuse = () => invalidRequest('The cursor is not one this query gave out.', [{ path: 'cursor', message: 'unknown cursor' }]);
    if (cursor.length <= 43) throw refuse();
    const payload = cursor.slice(0, -43);
    const given = Buffer.from(cursor.slice(-43));
    const expected = Buffer.from(this.sign(payload));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw refuse();
    let parsed: { s?: unknown; p?: unknown; t?: unknown };
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof parsed;
    } catch {
      throw refuse();
    }
    if (parsed.s !== scope || !parsed.p || typeof parsed.p !== 'object' || typeof parsed.t !== 'number') throw refuse();
    if (this.now().getTime() - parsed.t > CURSOR_LIFETIME_MS) {
      throw invalidRequest('The cursor has expired: cursors last 24 hours. Start again from the first page (send no cursor).', [
        { path: 'cursor', message: 'expired' },
      ]);
    }
    return parsed.p as Record<string, unknown>;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update('cursor:').update(payload).digest('base64url');
  }
}
