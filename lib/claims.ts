import { ClaimId } from '../schemas/query.js';
import {
  SOURCES_PER_CLAIM_MAX,
  type Claim,
  type ClaimReview,
  type ClaimStatus,
  type ReviewEvent,
  type Source,
} from '../schemas/claim.js';
import type { Person } from './auth.js';
import { retryDeadline, type Desk } from './desk.js';
import { conflict, notFound, ProblemError, storageUnavailable } from './problems.js';
import { basedOnClaim, currentMatches, reuseVerdict } from './repeats.js';
import { completeArticleIds } from './store/articles.js';
import { backoff, CONFLICT_BACKOFF } from './store/backoff.js';
import * as claimStore from './store/claims.js';

/** The ETag of a claim: its version, quoted. */
export const etagOf = (claim: Pick<Claim, 'version'>) => `"${claim.version}"`;

function checkedId(claimId: string): string {
  if (!ClaimId.safeParse(claimId).success) throw notFound(`No claim ${claimId}.`);
  return claimId;
}

/**
 * The review queue for one status, most check-worthy first: Queries on the index, never a Scan. Claims of an
 * article still being stored are not reviewable yet and are skipped, so the queue is read on until the page is full
 * (or the queue ends); the cursor points just after the last claim returned.
 */
export async function reviewQueue(
  desk: Desk,
  query: { status: ClaimStatus; articleId?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<{ items: Claim[]; nextCursor?: string }> {
  const scope = `claims:${query.status}${query.articleId ? `:${query.articleId}` : ''}`;
  let startKey = desk.cursors.decode(scope, query.cursor);
  const items: Claim[] = [];
  const complete = new Map<string, boolean>();
  let position: Record<string, unknown> | undefined;
  let more = false;
  while (!more) {
    // One more than the page needs: finding it tells whether another page follows.
    const page = await claimStore.queuePage(desk.storage, query.status, query.limit - items.length + 1, startKey);
    const unseen = [...new Set(page.entries.map((entry) => entry.claim.articleId))].filter((id) => !complete.has(id));
    const done = await completeArticleIds(desk.storage, unseen);
    for (const id of unseen) complete.set(id, done.has(id));
    for (const entry of page.entries) {
      if (!complete.get(entry.claim.articleId)) continue;
      // Interim articleId filter for the CSV export (reads the whole status queue); the desk branch narrows it in storage.
      if (query.articleId !== undefined && entry.claim.articleId !== query.articleId) continue;
      if (items.length === query.limit) {
        more = true;
        break;
      }
      items.push(entry.claim);
      position = entry.position;
    }
    if (!page.lastKey) break;
    startKey = page.lastKey;
  }
  const nextCursor = more ? desk.cursors.encode(scope, position) : undefined;
  return { items, ...(nextCursor ? { nextCursor } : {}) };
}

/** The claim; 404 unless it exists and its article is completely stored. */
async function readClaimItem(desk: Desk, claimId: string): Promise<Claim> {
  const { claim, articleComplete } = await claimStore.readClaim(desk.storage, checkedId(claimId));
  if (!claim || !articleComplete) throw notFound(`No claim ${claimId}.`);
  return claim;
}

/** Every accepted change of a claim, oldest first. */
export async function claimHistory(desk: Desk, claimId: string): Promise<ReviewEvent[]> {
  return claimStore.readHistory(desk.storage, checkedId(claimId));
}

export async function readClaim(desk: Desk, claimId: string): Promise<{ claim: Claim; history: ReviewEvent[] }> {
  const claim = await readClaimItem(desk, claimId);
  const [history, matches] = await Promise.all([claimHistory(desk, claimId), currentMatches(desk, claimId)]);
  return { claim: matches.length ? { ...claim, matches } : claim, history };
}

/** History for a claim that must exist (404 otherwise). */
export async function readClaimHistory(desk: Desk, claimId: string): Promise<ReviewEvent[]> {
  await readClaimItem(desk, claimId);
  return claimHistory(desk, claimId);
}

export const staleVersion = (current: Claim) =>
  new ProblemError(
    412,
    'stale-version',
    'The claim has changed since you read it',
    `Someone changed this claim (now version ${current.version}, by ${current.updatedBy ?? 'the extractor'}). Nothing was saved; review the current claim and send your change again with If-Match: ${etagOf(current)}.`,
    { extensions: { claim: current }, headers: { ETag: etagOf(current) } },
  );

/**
 * Reviews of one article's claims all update its statusCounts, so simultaneous reviews of the same article can
 * cancel each other (TransactionConflict; nothing written). They are retried with jitter for up to this long, well
 * inside the function's timeout, before the reviewer is told to retry (503).
 */
const CONFLICT_RETRY_MS = 8_000;

/**
 * Records a reviewer's decision on a claim: status, note and sources, as one atomic write of the claim (on the
 * condition that nobody changed it since `ifMatch`), its review event and the article's status counts.
 */
export async function markClaim(
  desk: Desk,
  claimId: string,
  ifMatch: string | undefined,
  review: ClaimReview,
  reviewer: Person,
): Promise<Claim> {
  const deadline = retryDeadline(desk, CONFLICT_RETRY_MS);
  const asked = review;
  for (let attempt = 1; ; attempt++) {
    const current = await readClaimItem(desk, claimId);
    if (ifMatch === undefined) {
      throw new ProblemError(428, 'precondition-required', 'If-Match is required', `Send If-Match: ${etagOf(current)} (the ETag of the claim you reviewed) so no one else's change is overwritten.`);
    }
    // Verdict reuse: the other claim's status, rating and sources become this review's, then the usual rules apply.
    if (asked.basedOn !== undefined) review = reuseVerdict(asked, await basedOnClaim(desk, claimId, asked.basedOn));
    if (!matchesEtag(ifMatch, current)) throw staleVersion(current);

    const at = desk.now().toISOString();
    const known = new Set(current.sources.map((source) => source.url));
    const added = (review.addSources ?? []).filter((source) => !known.has(source.url) && known.add(source.url));
    const sources: Source[] = [
      ...current.sources,
      ...added.map((source) => ({ url: source.url, ...(source.title ? { title: source.title } : {}), addedBy: reviewer.name, addedAt: at })),
    ];
    const to = review.status ?? current.status;
    if (to === 'sourced' && sources.length === 0) {
      throw conflict('A claim can be marked sourced only once it has a source: add one in addSources.');
    }
    if (sources.length > SOURCES_PER_CLAIM_MAX) throw conflict(`A claim holds at most ${SOURCES_PER_CLAIM_MAX} sources.`);

    const note = review.note === undefined ? current.note : review.note.trim() || undefined;
    const next: Claim = {
      ...current,
      status: to,
      version: current.version + 1,
      sources,
      updatedAt: at,
      updatedBy: reviewer.name,
    };
    if (note === undefined) delete next.note;
    else next.note = note;
    const event: ReviewEvent = {
      claimId,
      version: next.version,
      at,
      by: reviewer.name,
      from: current.status,
      to,
      ...(review.note !== undefined ? { note: review.note.trim() } : {}),
      ...(added.length ? { sourcesAdded: added.map((s) => ({ url: s.url, ...(s.title ? { title: s.title } : {}) })) } : {}),
      ...(review.basedOn !== undefined ? { basedOn: review.basedOn } : {}),
    };
    const saved = await claimStore.recordReview(desk.storage, current, next, event);
    if (saved.outcome === 'saved') return next;
    // Someone else's change landed first: answer with theirs (handed back by the failed condition when it can be).
    if (saved.outcome === 'stale') throw staleVersion(saved.current ?? (await readClaimItem(desk, claimId)));
    // A TransactionConflict (another transaction on the same article's counts): nothing was written; try again.
    if (Date.now() > deadline) throw storageUnavailable();
    await backoff(attempt, CONFLICT_BACKOFF);
  }
}

/** If-Match holds one or more entity tags; a weak tag (W/"3") matches too, since versions are exact anyway. */
export function matchesEtag(ifMatch: string, claim: Claim): boolean {
  return ifMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etagOf(claim));
}
