import { ClaimId } from '../schemas/query.js';
import {
  RATEABLE_STATUSES,
  SOURCES_PER_CLAIM_MAX,
  type Claim,
  type ClaimReview,
  type ClaimStatus,
  type ClaimType,
  type ReviewEvent,
  type Source,
} from '../schemas/claim.js';
import type { Person } from './auth.js';
import { retryDeadline, type Desk } from './desk.js';
import { articleArchived, conflict, notFound, payloadTooLarge, ProblemError, storageUnavailable } from './problems.js';
import { basedOnClaim, currentMatches, reuseVerdict } from './repeats.js';
import { isListed, listedArticles, readRecord } from './store/articles.js';
import { backoff, CONFLICT_BACKOFF } from './store/backoff.js';
import * as claimStore from './store/claims.js';
import { queueSk } from './store/keys.js';
import { readStats, type DeskStats } from './store/stats.js';

/** The ETag of a claim: its version, quoted. */
export const etagOf = (claim: Pick<Claim, 'version'>) => `"${claim.version}"`;

function checkedId(claimId: string): string {
  if (!ClaimId.safeParse(claimId).success) throw notFound(`No claim ${claimId}.`);
  return claimId;
}

export interface QueueQuery {
  status: ClaimStatus;
  articleId?: string | undefined;
  type?: ClaimType | undefined;
  /** At most 200 over HTTP; the CSV export asks for up to 1,000. */
  limit: number;
  cursor?: string | undefined;
}

/**
 * The review queue for one status, most check-worthy first, optionally narrowed to one article and/or one claim
 * type. Never a Scan, and no read grows with the table: a type has its own index (GSI2: status and type), and an
 * article's claims (at most 1,000) are read from its own partition. Every page is full unless it is the last.
 * Queue items carry their article's title, joined at read time (one BatchGet of the page's articles).
 */
export async function reviewQueue(desk: Desk, query: QueueQuery): Promise<{ items: Claim[]; nextCursor?: string }> {
  const scope = `claims:${query.status}:${query.type ?? ''}:${query.articleId ?? ''}`;
  const startKey = desk.cursors.decode(scope, query.cursor);
  const page = query.articleId !== undefined ? await articleQueue(desk, query, query.articleId, startKey) : await indexQueue(desk, query, startKey);
  const nextCursor = desk.cursors.encode(scope, page.position);
  return { items: page.items, ...(nextCursor ? { nextCursor } : {}) };
}

/**
 * A claim as a queue page shows it: with its article's title (joined at read time, at most 500 characters), without
 * the extractor's `entities` and `signals` (GET /claims/{id} has them): a page of 200 stays well under 5 MB.
 */
export function queueItem(claim: Claim, articleTitle: string): Claim {
  const { entities: _entities, signals: _signals, ...item } = claim;
  return { ...item, articleTitle };
}

type QueuePage = { items: Claim[]; position: Record<string, unknown> | undefined };

/**
 * Queries on the index (GSI1, or GSI2 for a type). Claims of an article still being stored, or archived (its claims
 * are leaving the index), are skipped, so the index is read on until the page is full (or the queue ends); the
 * cursor points just after the last claim returned.
 */
async function indexQueue(desk: Desk, query: QueueQuery, from: Record<string, unknown> | undefined): Promise<QueuePage> {
  let startKey = from;
  const items: Claim[] = [];
  const articles = new Map<string, { title: string } | undefined>();
  let position: Record<string, unknown> | undefined;
  let more = false;
  while (!more) {
    // One more than the page needs: finding it tells whether another page follows.
    const page = await claimStore.queuePage(desk.storage, { status: query.status, type: query.type }, query.limit - items.length + 1, startKey);
    const unseen = [...new Set(page.entries.map((entry) => entry.claim.articleId))].filter((id) => !articles.has(id));
    const listed = await listedArticles(desk.storage, unseen);
    for (const id of unseen) articles.set(id, listed.get(id));
    for (const entry of page.entries) {
      const article = articles.get(entry.claim.articleId);
      if (!article) continue;
      if (items.length === query.limit) {
        more = true;
        break;
      }
      items.push(queueItem(entry.claim, article.title));
      position = entry.position;
    }
    if (!page.lastKey) break;
    startKey = page.lastKey;
  }
  return { items, position: more ? position : undefined };
}

/** One article's claims of a status (and type), from its partition, in queue order; the cursor holds the queue key. */
async function articleQueue(desk: Desk, query: QueueQuery, articleId: string, from: Record<string, unknown> | undefined): Promise<QueuePage> {
  const record = await readRecord(desk.storage, articleId);
  if (!isListed(record)) return { items: [], position: undefined };
  const after = typeof from?.after === 'string' ? from.after : '';
  const keyed = (await claimStore.readArticleClaims(desk.storage, articleId))
    .filter((claim) => claim.status === query.status && (query.type === undefined || claim.type === query.type))
    .map((claim) => ({ claim, key: queueSk(claim.checkworthiness, claim.createdAt, claim.articleId, claim.seq) }))
    .filter(({ key }) => key > after)
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const shown = keyed.slice(0, query.limit);
  const more = keyed.length > query.limit;
  return {
    items: shown.map(({ claim }) => queueItem(claim, record!.title)),
    position: more ? { after: shown.at(-1)!.key } : undefined,
  };
}

/** The desk's counts (claims, articles, claims per status), excluding archived articles: one BatchGet. */
export function deskStats(desk: Desk): Promise<DeskStats> {
  return readStats(desk.storage);
}

/** The claim; 404 unless it exists and its article is completely stored, 410 when its article is archived. */
async function readClaimItem(desk: Desk, claimId: string): Promise<Claim> {
  const stored = await claimStore.readClaim(desk.storage, checkedId(claimId));
  if (!stored.claim || !stored.articleComplete) throw notFound(`No claim ${claimId}.`);
  if (stored.articleArchived) throw articleArchived(stored.claim.articleId);
  const claim = stored.claim;
  return claim;
}

/** Every accepted change of a claim, oldest first (unbounded: tests and tools; the API pages it). */
export async function claimHistory(desk: Desk, claimId: string): Promise<ReviewEvent[]> {
  return claimStore.readHistory(desk.storage, checkedId(claimId));
}

/** GET /claims/{id} shows this many of the most recent events; older ones are paged from /history. */
export const RECENT_HISTORY = 50;

export async function readClaim(desk: Desk, claimId: string): Promise<{ claim: Claim; history: ReviewEvent[]; historyTruncated: boolean }> {
  const claim = await readClaimItem(desk, claimId);
  const [recent, matches] = await Promise.all([claimStore.recentHistory(desk.storage, claimId, RECENT_HISTORY), currentMatches(desk, claimId)]);
  return { claim: matches.length ? { ...claim, matches } : claim, history: recent.events, historyTruncated: recent.truncated };
}

/** A page of the history of a claim that must exist (404 otherwise, 410 when archived), oldest first. */
export async function readClaimHistory(
  desk: Desk,
  claimId: string,
  query: { limit: number; cursor?: string | undefined } = { limit: RECENT_HISTORY },
): Promise<{ items: ReviewEvent[]; nextCursor?: string }> {
  await readClaimItem(desk, claimId);
  const scope = `history:${claimId}`;
  const page = await claimStore.historyPage(desk.storage, claimId, query.limit, desk.cursors.decode(scope, query.cursor));
  const nextCursor = desk.cursors.encode(scope, page.lastKey);
  return { items: page.events, ...(nextCursor ? { nextCursor } : {}) };
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

    const { next, event, annotationDelta } = applyReview(current, review, reviewer, desk.now().toISOString());
    const budget = { delta: annotationDelta, room: ARTICLE_ANNOTATION_BYTES_MAX - annotationDelta };
    const saved = await claimStore.recordReview(desk.storage, current, next, event, budget);
    if (saved.outcome === 'saved') return next;
    // Someone else's change landed first: answer with theirs (handed back by the failed condition when it can be).
    if (saved.outcome === 'stale') throw staleVersion(saved.current ?? (await readClaimItem(desk, claimId)));
    // The article refused it: archived meanwhile (410), or its notes and sources would pass the article's budget.
    if (saved.outcome === 'article') {
      await readClaimItem(desk, claimId);
      throw payloadTooLarge(
        `The notes and sources of this article's claims may take at most ${ARTICLE_ANNOTATION_BYTES_MAX.toLocaleString('en')} bytes together, so that the article and its claims stay one bounded response; this change would pass that. Nothing was saved: shorten notes or sources of this article's claims.`,
      );
    }
    // A TransactionConflict (another transaction on the same article's counts): nothing was written; try again.
    if (Date.now() > deadline) throw storageUnavailable('review: transaction conflicts until the retry deadline');
    await backoff(attempt, CONFLICT_BACKOFF);
  }
}

/**
 * A claim's note and sources take at most this many bytes (UTF-8 JSON), so a queue page of 200 claims stays far under
 * 5 MB: a 4,000-character note in Latin script and some 30 typical sources, or a shorter note and more sources.
 */
export const CLAIM_ANNOTATION_BYTES_MAX = 10_000;
/** The notes and sources of one article's claims together: an article with its 1,000 claims stays under 5 MB. */
export const ARTICLE_ANNOTATION_BYTES_MAX = 1_000_000;

/** The bytes of a claim's note and sources as a response carries them. */
export function annotationBytes(claim: Pick<Claim, 'note' | 'sources'>): number {
  return Buffer.byteLength(JSON.stringify({ note: claim.note, sources: claim.sources }));
}

/**
 * A review applied to a claim, without storage: the claim after it, its history event, and how many bytes its note
 * and sources grow by. Throws the 409/413 of the rules (sourced needs a source, ratings need a verdict, budgets).
 */
export function applyReview(
  current: Claim,
  review: ClaimReview,
  reviewer: Person,
  at: string,
): { next: Claim; event: ReviewEvent; annotationDelta: number } {
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
  const rating = nextRating(current, review, to);

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
  if (rating === undefined) delete next.rating;
  else next.rating = rating;
  const bytes = annotationBytes(next);
  if (bytes > CLAIM_ANNOTATION_BYTES_MAX && bytes > annotationBytes(current)) {
    throw payloadTooLarge(
      `A claim's note and sources may take at most ${CLAIM_ANNOTATION_BYTES_MAX.toLocaleString('en')} bytes together (UTF-8); with this change they would take ${bytes.toLocaleString('en')}. Nothing was saved: shorten the note or add fewer sources.`,
    );
  }
  const event: ReviewEvent = {
    claimId: current.claimId,
    version: next.version,
    at,
    by: reviewer.name,
    from: current.status,
    to,
    ...(review.note !== undefined ? { note: review.note.trim() } : {}),
    ...(added.length ? { sourcesAdded: added.map((s) => ({ url: s.url, ...(s.title ? { title: s.title } : {}) })) } : {}),
    // The event records a rating change only: the new rating, or null when it was cleared.
    ...(rating !== current.rating ? { rating: rating ?? null } : {}),
    ...(review.basedOn !== undefined ? { basedOn: review.basedOn } : {}),
  };
  return { next, event, annotationDelta: bytes - annotationBytes(current) };
}

/**
 * The rating after a review: a rating needs a status that carries a verdict (verified, disputed, sourced), else 409;
 * `null` clears it; moving to pending or dismissed clears it; otherwise it stays.
 */
export function nextRating(current: Pick<Claim, 'rating'>, review: Pick<ClaimReview, 'rating'>, to: ClaimStatus): Claim['rating'] {
  const rateable = RATEABLE_STATUSES.includes(to);
  if (review.rating === null) return undefined;
  if (review.rating !== undefined) {
    if (!rateable) {
      throw conflict(`A rating needs a verdict: the claim would be ${to}. Set status to ${RATEABLE_STATUSES.join(', ')} with the rating, or leave the rating out.`);
    }
    return review.rating;
  }
  return rateable ? current.rating : undefined;
}

/** If-Match holds one or more entity tags; a weak tag (W/"3") matches too, since versions are exact anyway. */
export function matchesEtag(ifMatch: string, claim: Claim): boolean {
  return ifMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etagOf(claim));
}
