/** Gives a claim a status and a rating on the real stack, for the export tests. */
import type { Desk } from '../../lib/desk.js';
import * as claimStore from '../../lib/store/claims.js';
import type { ClaimStatus, Rating } from '../../schemas/claim.js';
import type { client } from './http.js';

/**
 * PATCH the status and rating like a reviewer. Until markClaim stores `rating` (desk branch), the answer lacks it; the
 * rating is then written through lib/store as one more review (claim, event, same status), as markClaim will.
 */
export async function rateClaim(call: ReturnType<typeof client>, desk: Desk, claimId: string, status: ClaimStatus, rating: Rating): Promise<void> {
  const read = await call('GET', `/claims/${claimId}`);
  if (read.status !== 200) throw new Error(`GET /claims/${claimId}: ${read.status} ${read.text}`);
  const answer = await call('PATCH', `/claims/${claimId}`, { body: { status, rating }, headers: { 'If-Match': read.headers.get('etag')! } });
  if (answer.status !== 200) throw new Error(`PATCH /claims/${claimId}: ${answer.status} ${answer.text}`);
  if (answer.body.claim.rating === rating) return;
  const { claim } = await claimStore.readClaim(desk.storage, claimId);
  if (!claim) throw new Error(`claim ${claimId} vanished`);
  const at = new Date().toISOString();
  const next = { ...claim, rating, version: claim.version + 1, updatedAt: at, updatedBy: 'rating-setup' };
  const saved = await claimStore.recordReview(desk.storage, claim, next, { claimId, version: next.version, at, by: 'rating-setup', from: claim.status, to: claim.status, rating });
  if (saved.outcome !== 'saved') throw new Error(`rating ${claimId}: ${saved.outcome}`);
}
