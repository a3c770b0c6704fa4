/** Gives a claim a status and a rating on the real stack, as a reviewer does (for the export tests). */
import { expect } from 'vitest';
import type { ClaimStatus, Rating } from '../../schemas/claim.js';
import type { client } from './http.js';

/** PATCHes the status and rating under the claim's current ETag; the answer must carry the rating. */
export async function rateClaim(call: ReturnType<typeof client>, claimId: string, status: ClaimStatus, rating: Rating): Promise<void> {
  const read = await call('GET', `/claims/${claimId}`);
  if (read.status !== 200) throw new Error(`GET /claims/${claimId}: ${read.status} ${read.text}`);
  const answer = await call('PATCH', `/claims/${claimId}`, { body: { status, rating }, headers: { 'If-Match': read.headers.get('etag')! } });
  if (answer.status !== 200) throw new Error(`PATCH /claims/${claimId}: ${answer.status} ${answer.text}`);
  expect(answer.body.claim.rating).toBe(rating);
}
