import { createHmac, timingSafeEqual } from 'node:crypto';
import { invalidRequest } from './problems.js';

/**
 * Opaque page cursors: the storage key to continue from, bound to the query it came from and signed, so a cursor
 * that was altered, or used with another query, is refused (400) instead of reading from an arbitrary key.
 */
export class CursorCodec {
  constructor(private readonly key: Uint8Array) {}

  encode(scope: string, position: Record<string, unknown> | undefined): string | undefined {
    if (!position) return undefined;
    const payload = Buffer.from(JSON.stringify({ s: scope, p: position })).toString('base64url');
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
    try {
      const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { s?: unknown; p?: unknown };
      if (parsed.s !== scope || !parsed.p || typeof parsed.p !== 'object') throw refuse();
      return parsed.p as Record<string, unknown>;
    } catch {
      throw refuse();
    }
  }

  private sign(payload: string): string {
    return createHmac('sha256', this.key).update('cursor:').update(payload).digest('base64url');
  }
}
