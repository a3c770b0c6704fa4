import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { CURSOR_LIFETIME_MS, CursorCodec, cursorKey } from '../../lib/cursor.js';
import { createDesk } from '../../lib/desk.js';
import { readConfig } from '../../lib/config.js';
import { ProblemError } from '../../lib/problems.js';
import { claimItem } from '../../lib/store/claims.js';
import { indexPosition } from '../../lib/store/keys.js';

const codec = new CursorCodec(new TextEncoder().encode('x'.repeat(32)));
const position = indexPosition(
  claimItem({ seq: 1, text: 'A fact.', start: 0, end: 7, checkworthiness: 0.9, type: 'other', claimId: `${'a'.repeat(24)}.1`, articleId: 'a'.repeat(24), status: 'pending', version: 1, sources: [], createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z' }),
);

function refusal(run: () => unknown): ProblemError {
  try {
    run();
  } catch (error) {
    if (error instanceof ProblemError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('CursorCodec', () => {
  it('round-trips a storage position for the same query', () => {
    const cursor = codec.encode('claims:pending', position)!;
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(codec.decode('claims:pending', cursor)).toEqual(position);
  });

  it('gives no cursor on the last page', () => {
    expect(codec.encode('claims:pending', undefined)).toBeUndefined();
  });

  it('refuses a cursor that was altered, truncated, forged or minted for another query', () => {
    const cursor = codec.encode('claims:pending', position)!;
    const flipped = cursor.slice(0, 5) + (cursor[5] === 'A' ? 'B' : 'A') + cursor.slice(6);
    const forged = Buffer.from(JSON.stringify({ s: 'claims:pending', p: { PK: 'x' } })).toString('base64url') + 'A'.repeat(43);
    const other = new CursorCodec(new TextEncoder().encode('y'.repeat(32))).encode('claims:pending', position)!;
    for (const bad of [flipped, cursor.slice(0, -1), forged, other, 'abc']) {
      const problem = refusal(() => codec.decode('claims:pending', bad));
      expect(problem.status).toBe(400);
    }
    expect(refusal(() => codec.decode('claims:verified', cursor)).status).toBe(400);
  });
});

describe('cursor lifetime and key', () => {
  const key = new TextEncoder().encode('x'.repeat(32));

  it('refuses a cursor older than 24 hours with a detail that says so (400)', () => {
    let now = Date.parse('2026-12-03T03:00:00Z');
    const clock = new CursorCodec(key, () => new Date(now));
    const cursor = clock.encode('articles', position)!;
    now += CURSOR_LIFETIME_MS;
    expect(clock.decode('articles', cursor)).toEqual(position);
    now += 1;
    const problem = refusal(() => clock.decode('articles', cursor));
    expect(problem.status).toBe(400);
    expect(problem.detail).toMatch(/expired.*24 hours.*first page/);
  });

  it('signs with a key derived from the token secret, never the token secret itself', () => {
    const secret = new TextEncoder().encode('t'.repeat(48));
    const derived = cursorKey(secret);
    expect(Buffer.from(derived).equals(Buffer.from(secret))).toBe(false);
    expect(derived.byteLength).toBe(32);
    expect(Buffer.from(cursorKey(secret)).equals(Buffer.from(derived))).toBe(true);
    const desk = createDesk(readConfig({}), secret);
    const cursor = desk.cursors.encode('articles', position)!;
    // a cursor made with the token secret is refused; one made with the derived key is the desk's own
    expect(refusal(() => desk.cursors.decode('articles', new CursorCodec(secret).encode('articles', position))).status).toBe(400);
    expect(new CursorCodec(derived).decode('articles', cursor)).toEqual(position);
    // and the signature is not an HS256 signature of the same bytes with the token key
    const payload = cursor.slice(0, -43);
    expect(cursor.slice(-43)).not.toBe(createHmac('sha256', secret).update('cursor:').update(payload).digest('base64url'));
  });
});
