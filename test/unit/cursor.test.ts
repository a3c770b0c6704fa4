import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { CURSOR_TTL_MS, CursorCodec } from '../../lib/cursor.js';
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

  it('refuses a cursor older than 24 hours, saying so', () => {
    let now = new Date('2026-12-03T00:00:00Z');
    const clocked = new CursorCodec(new TextEncoder().encode('x'.repeat(32)), () => now);
    const cursor = clocked.encode('claims:pending', position)!;
    now = new Date(now.getTime() + CURSOR_TTL_MS);
    expect(clocked.decode('claims:pending', cursor)).toEqual(position);
    now = new Date(now.getTime() + 1);
    const expired = refusal(() => clocked.decode('claims:pending', cursor));
    expect(expired.status).toBe(400);
    expect(expired.detail).toMatch(/expired.*24 hours/);
  });

  it('signs with a key of its own: a cursor signed with the token key itself is refused', () => {
    const secret = new TextEncoder().encode('x'.repeat(32));
    const payload = Buffer.from(JSON.stringify({ s: 'claims:pending', t: Date.now(), p: position })).toString('base64url');
    const withTokenKey = payload + createHmac('sha256', secret).update('cursor:').update(payload).digest('base64url');
    expect(refusal(() => codec.decode('claims:pending', withTokenKey)).status).toBe(400);
  });
});
