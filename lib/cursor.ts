import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { invalidRequest } from './problems.js';

/** A cursor is refused this long after it was given out (API v1.2). */
export const CURSOR_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Opaque page cursors: the storage key to continue from, bound to the query it came from, stamped with when it was
 * given out and signed, so a cursor that was altered, used with another query or older than 24 hours is refused (400)
 * instead of reading from an arbitrary key. The signing key is derived (HKDF) for cursors alone: it never signs or
 * verifies a token, and knowing a cursor's key gives nothing towards one.
 */
export class CursorCodec {
  private readonly key: Buffer;

  constructor(
    secret: Uint8Array,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.key = Buffer.from(hkdfSync('sha256', secret, 'claimdesk', 'claimdesk page cursors v1', 32));
  }

  encode(scope: string, position: Record<string, unknown> | undefined): string | undefined {
    if (!position) return undefined;
    const payload = Buffer.from(JSON.stringify({ s: scope, t: this.now().getTime(), p: position })).toString('base64url');
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
    let parsed: { s?: unknown; t?: unknown; p?: unknown };
    try {
      parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof parsed;
    } catch {
      throw refuse();
    }
    if (parsed.s !== scope || !parsed.p || typeof parsed.p !== 'object' || typeof parsed.t !== 'number') throw refuse();
    if (this.now().getTime() - parsed.t > CURSOR_TTL_MS) {
      throw invalidRequest('The cursor has expired: cursors last 24 hours. Start again from the first page (without cursor).', [
        { path: 'cursor', message: 'expired' },
      ]);
    }
    return parsed.p as Record<string, unknown>;
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update('cursor:').update(payload).digest('base64url');
  }
}
