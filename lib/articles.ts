import { randomUUID } from 'node:crypto';
import { ARTICLE_TEXT_MAX, type Article, type ArticleSubmission, type ArticleSummary, type StatusCounts } from '../schemas/article.js';
import { ClaimStatus, type Claim, type ExtractedClaim } from '../schemas/claim.js';
import type { Person } from './auth.js';
import { retryDeadline, type Desk } from './desk.js';
import { analyseArticle, defaultExtractor, htmlToArticle, type ArticleAnalysis } from './extract/index.js';
import { normaliseClaim } from './match/index.js';
import { articleArchived, conflict, invalidRequest, notFound, payloadTooLarge, ProblemError, storageUnavailable } from './problems.js';
import { attachMatches, findRepeats } from './repeats.js';
import { SUMMARY_TRANSACTION, summaryTransactItem, summaryUpdates, writeSummaries } from './store/matches.js';
import * as articleStore from './store/articles.js';
import { transact } from './store/client.js';
import type { ArticleRecord } from './store/articles.js';
import { backoff, CONFLICT_BACKOFF, sleep } from './store/backoff.js';
import { claimIdOf } from './store/keys.js';
import { contentHash, normaliseArticleText } from './text.js';

/** Longer than the function timeout, so a writer whose lease ran out is certainly gone. */
const INGEST_LEASE_MS = 35_000; // the articles function's timeout is 28 s
const WAIT_FOR_OTHER_WRITER_MS = 8_000;
/** Matching may take this long from the start of the request; the rest of the 28 s is for writing the article. */
export const MATCH_BUDGET_MS = 15_000;
/** Time kept back from the invocation's deadline for writing the article after matching. */
const WRITE_RESERVE_MS = 10_000;
const TITLE_MAX = 500;

export interface SubmittedArticle {
  /** false when the same text was already stored: nothing new was written. */
  created: boolean;
  article: Article;
  claims: Claim[];
  /** Claims of a new article that matching did not look up (its deadline, or storage slow to answer). */
  notLookedUp?: number;
}

/** The article's canonical text and title, from plain text or an article page's HTML. */
export function articleText(submission: ArticleSubmission): { text: string; title?: string } {
  const raw = submission.text ?? '';
  if (submission.html !== undefined) {
    if (submission.html.length > ARTICLE_TEXT_MAX * 5) throw payloadTooLarge('The HTML is too large.');
    const page = htmlToArticle(submission.html);
    return { text: normaliseArticleText(page.text), ...(page.title ? { title: page.title } : {}) };
  }
  if (raw.length > ARTICLE_TEXT_MAX * 2) throw payloadTooLarge(`Article text is limited to ${ARTICLE_TEXT_MAX} characters.`);
  return { text: normaliseArticleText(raw) };
}

function deriveTitle(text: string): string {
  const first = text.slice(0, text.indexOf('\n\n') === -1 ? text.length : text.indexOf('\n\n'));
  return first.length <= 200 ? first : `${first.slice(0, 120).replace(/\s+\S*$/, '')}…`;
}

/**
 * Stores an article and its claims once per distinct text (after normalisation).
 * The META item is claimed first under a lease, the body and claims are written, and only then is the article marked
 * complete and listed: a reader never sees an article without its claims, and a writer that died mid-way is taken over.
 */
export async function submitArticle(desk: Desk, submission: ArticleSubmission, person: Person): Promise<SubmittedArticle> {
  const started = Date.now();
  const { text, title: pageTitle } = articleText(submission);
  if (text.length === 0) throw invalidRequest('The article has no text.', [{ path: submission.html !== undefined ? 'html' : 'text', message: 'is empty' }]);
  if (text.length > ARTICLE_TEXT_MAX) throw payloadTooLarge(`Article text is limited to ${ARTICLE_TEXT_MAX} characters; this one has ${text.length}.`);
  const hash = contentHash(text);
  const articleId = hash.slice(0, 24);

  const existing = await articleStore.readRecord(desk.storage, articleId);
  if (existing?.archived) throw archivedConflict(existing);
  if (existing?.state === 'complete') return { created: false, ...(await readArticle(desk, articleId)) };

  const analysis = distinctClaims(reviewableClaims(analyseArticle(text, defaultExtractor())));
  // Checked before anything is written: an article this long is refused whole.
  if (analysis.claims.length > CLAIMS_PER_ARTICLE_MAX) throw tooManyClaims(analysis.claims.length);
  const nowMs = desk.now().getTime();
  const leaseToken = randomUUID();
  const record: ArticleRecord = {
    articleId,
    // A page title can be any length: titles are at most 500 characters, as submitted ones are (queue items carry them).
    title: (submission.title ?? pageTitle ?? deriveTitle(text)).slice(0, TITLE_MAX),
    ...(submission.url ? { url: submission.url } : {}),
    ...(submission.source ? { source: submission.source } : {}),
    ...(submission.publishedAt ? { publishedAt: submission.publishedAt } : {}),
    createdAt: existing?.createdAt ?? new Date(nowMs).toISOString(),
    createdBy: existing?.createdBy ?? person.name,
    contentHash: hash,
    claimCount: analysis.claims.length,
    statusCounts: Object.fromEntries(ClaimStatus.options.map((status) => [status, status === 'pending' ? analysis.claims.length : 0])) as StatusCounts,
    state: 'ingesting',
    linkSummaries: true,
    leaseToken,
    leaseUntil: nowMs + INGEST_LEASE_MS,
  };
  const claimed = await articleStore.claimIngest(desk.storage, record, nowMs);
  // The SDK may have re-sent our own Put after a lost answer: then the lease is ours after all.
  if (!claimed.written && claimed.current?.leaseToken !== leaseToken) {
    return { created: false, ...(await waitForOtherWriter(desk, articleId, claimed.current)) };
  }

  const claims = analysis.claims.map((claim) => newClaim(articleId, claim, record.createdAt));
  // Matched before the claims are written, so the article's own index entries never take a bucket's K places.
  const repeats = await findRepeats(desk, articleId, claims, new Date(nowMs).toISOString(), Math.min(started + (desk.matchBudgetMs ?? MATCH_BUDGET_MS), retryDeadline(desk, Infinity) - WRITE_RESERVE_MS));
  await articleStore.putContent(desk.storage, articleId, text, analysis.segments, claims, repeats.items);
  const summaries = await summaryUpdates(desk.storage, repeats.backLinks);

  const completed = await completeWithRetries(desk, record, leaseToken, summaries);
  // Either the SDK re-sent our own update after a lost answer (completedBy is our token), or our lease ran out
  // and another request took the article over: its result is the article.
  if (!completed.written && completed.current?.completedBy !== leaseToken) {
    return { created: false, ...(await waitForOtherWriter(desk, articleId, completed.current)) };
  }
  // What was just written, put together as a read would: reading it back cost a Query as large as the article.
  const stored = articleStore.asStored(record, text, analysis.segments, claims, repeats.items);
  return {
    created: true,
    article: stored.article,
    claims: await attachMatches(desk, stored.claims, stored.links),
    ...(repeats.notLookedUp ? { notLookedUp: repeats.notLookedUp } : {}),
  };
}

/** Completions collide with reviews and other completions on the desk's counts: retried (nothing written) for this long. */
const COMPLETE_RETRY_MS = 8_000;

/** Completions that carry the back-links' summary updates before those are written apart (fewer items to collide on). */
const SUMMARIES_IN_COMPLETION_ATTEMPTS = 2;

/**
 * Completes the ingest; the matched claims' summary updates ride in the same transaction (no request of their own), or,
 * when there are too many or that transaction keeps colliding with other ingests', are written first on their own.
 */
async function completeWithRetries(
  desk: Desk,
  record: ArticleRecord,
  leaseToken: string,
  summaries: Parameters<typeof writeSummaries>[1],
): Promise<articleStore.ConditionalOutcome> {
  const started = Date.now();
  // the completion's own two items (META, the counts shard) and the summaries: at most 100 in one transaction
  let pending = summaries.length <= SUMMARY_TRANSACTION - 2 ? summaries : [];
  if (pending.length === 0) await writeSummaries(desk.storage, summaries);
  for (let attempt = 1; ; attempt++) {
    if (pending.length && attempt > SUMMARIES_IN_COMPLETION_ATTEMPTS) {
      await writeSummaries(desk.storage, pending);
      pending = [];
    }
    const outcome = await articleStore.completeIngest(desk.storage, record, leaseToken, attempt, pending.map(summaryTransactItem));
    if (!('conflict' in outcome)) return outcome;
    if (Date.now() - started > COMPLETE_RETRY_MS) throw storageUnavailable('ingest completion: transaction conflicts until the retry deadline');
    await backoff(attempt, CONFLICT_BACKOFF);
  }
}

/**
 * A "sentence" of thousands of characters (a table or list without stops, a run-on paste) is no claim a reviewer can
 * check as one, and would not fit a DynamoDB item: it stays in the layout as a sentence and out of the queue.
 */
export const CLAIM_MAX_CHARS = 4_000;

/** An article yields at most this many claims (API v1.2): every response that carries them stays bounded. */
export const CLAIMS_PER_ARTICLE_MAX = 1_000;

export const tooManyClaims = (found: number) =>
  new ProblemError(
    413,
    'too-many-claims',
    'Too many claims in one article',
    `This article yields ${found.toLocaleString('en')} claims; an article may yield at most ${CLAIMS_PER_ARTICLE_MAX.toLocaleString('en')}. Nothing was stored. Split it into shorter articles (for example by section) and submit each.`,
  );

const archivedConflict = (record: ArticleRecord) =>
  new ProblemError(
    409,
    'article-archived',
    'The same text is an archived article',
    `The same text is already stored as article ${record.articleId} ("${record.title}"), which is archived. An admin can bring it back with POST /articles/${record.articleId}/restore.`,
    { extensions: { articleId: record.articleId } },
  );

export function reviewableClaims(analysis: ArticleAnalysis): ArticleAnalysis {
  const tooLong = (span: { start: number; end: number }) => span.end - span.start > CLAIM_MAX_CHARS;
  if (!analysis.claims.some(tooLong)) return analysis;
  return {
    claims: analysis.claims.filter((claim) => !tooLong(claim)).map((claim, index) => ({ ...claim, seq: index + 1 })),
    segments: analysis.segments.map((segment) => (segment.kind === 'claim' && tooLong(segment) ? { ...segment, kind: 'sentence' } : segment)),
  };
}

/**
 * The same sentence twice in one article is one claim (API v1.1): claims whose normalised wording (lib/match's
 * normaliseClaim) was seen earlier in the article are dropped, the first kept. The later copy stays in the layout as a
 * plain `sentence`: it is text the reader sees, but not a second claim to review (the first carries the verdict).
 */
export function distinctClaims(analysis: ArticleAnalysis): ArticleAnalysis {
  const seen = new Set<string>();
  const repeated = new Set<number>();
  for (const claim of analysis.claims) {
    const key = normaliseClaim(claim.text);
    if (seen.has(key)) repeated.add(claim.start);
    else seen.add(key);
  }
  if (repeated.size === 0) return analysis;
  return {
    claims: analysis.claims.filter((claim) => !repeated.has(claim.start)).map((claim, index) => ({ ...claim, seq: index + 1 })),
    segments: analysis.segments.map((segment) => (segment.kind === 'claim' && repeated.has(segment.start) ? { ...segment, kind: 'sentence' } : segment)),
  };
}

/** A claim as the extractor found it, before anyone reviewed it (it does not carry its article's title). */
export function newClaim(articleId: string, claim: ExtractedClaim, createdAt: string): Claim {
  return {
    ...claim,
    claimId: claimIdOf(articleId, claim.seq),
    articleId,
    status: 'pending',
    version: 1,
    sources: [],
    createdAt,
    updatedAt: createdAt,
  };
}

/** Waits for the request that holds the article's lease to complete it; `seen` is the article as last read. */
async function waitForOtherWriter(desk: Desk, articleId: string, seen: ArticleRecord | undefined): Promise<{ article: Article; claims: Claim[] }> {
  const deadline = retryDeadline(desk, WAIT_FOR_OTHER_WRITER_MS);
  for (let record = seen; ; record = await articleStore.readRecord(desk.storage, articleId)) {
    if (record?.state === 'complete') return readArticle(desk, articleId);
    if (Date.now() > deadline) {
      throw conflict('The same article is being stored by another request right now; retry in a moment.', { 'Retry-After': '2' });
    }
    await sleep(150);
  }
}

/** The article with its text, layout and claims in text order; 404 unless it is completely stored, 410 if archived. */
export async function readArticle(desk: Desk, articleId: string): Promise<{ article: Article; claims: Claim[] }> {
  const stored = await articleStore.readStored(desk.storage, articleId);
  if (!stored || stored.record.state !== 'complete') throw notFound(`No article ${articleId}.`);
  if (stored.record.archived) throw articleArchived(articleId);
  return { article: stored.article, claims: await attachMatches(desk, stored.claims, stored.links) };
}

export async function listArticles(
  desk: Desk,
  query: { limit: number; cursor?: string | undefined; archived?: boolean | undefined },
): Promise<{ items: ArticleSummary[]; nextCursor?: string }> {
  const scope = query.archived ? 'articles:archived' : 'articles';
  const startKey = desk.cursors.decode(scope, query.cursor);
  const page = await articleStore.listPage(desk.storage, query.limit, startKey, query.archived === true);
  const nextCursor = desk.cursors.encode(scope, page.lastKey);
  return { items: page.items, ...(nextCursor ? { nextCursor } : {}) };
}

/** Archive and restore give up on transaction conflicts after this long, inside the function's timeout. */
const ARCHIVE_RETRY_MS = 8_000;

/** Sends one archive transaction, retrying passing conflicts; false when the article's state moved on. */
async function archiveStep(desk: Desk, input: Parameters<typeof transact>[1]): Promise<boolean> {
  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    const outcome = await transact(desk.storage, input);
    if (outcome !== 'conflict') return outcome === 'written';
    if (Date.now() - started > ARCHIVE_RETRY_MS) throw conflict('The article is busy (reviews or another archive running); retry in a moment.', { 'Retry-After': '2' });
    await backoff(attempt, CONFLICT_BACKOFF);
  }
}

const busy = () => conflict('Another archive or restore of this article is running; retry in a moment.', { 'Retry-After': '2' });

/**
 * Moves the article's claims out of (archiving) or back into (restoring) the queues, in chunks; skips those done.
 * False when the article's archive state moved on (another run took over).
 */
async function moveClaims(desk: Desk, articleId: string, state: 'archiving' | 'restoring'): Promise<boolean> {
  const claims = await articleStore.claimsWithQueueState(desk.storage, articleId);
  const todo = claims.filter(({ queued }) => (state === 'archiving' ? queued : !queued)).map(({ claim }) => claim);
  for (let at = 0; at < todo.length; at += articleStore.ARCHIVE_CHUNK) {
    const chunk = todo.slice(at, at + articleStore.ARCHIVE_CHUNK);
    if (!(await archiveStep(desk, articleStore.moveClaimsInput(desk.storage.tableName, articleId, chunk, state)))) return false;
  }
  return true;
}

/**
 * Archives an article (idempotent, resumable): META is marked archived first (so readers drop it and its claims at
 * once, and the desk's counts lose it in the same transaction), then its claims leave the queues in chunks, then the
 * archive is marked done. A run that died mid-way left META archived; running it again completes the move.
 */
export async function archiveArticle(desk: Desk, articleId: string, person: Person): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const record = await articleStore.readRecord(desk.storage, articleId);
    if (!record || record.state !== 'complete') throw notFound(`No article ${articleId}.`);
    if (record.archiveState === 'archived') return;
    if (record.archiveState === 'restoring') {
      if (!(await articleStore.setArchiveState(desk.storage, articleId, 'restoring', 'archiving')).written) continue;
    } else if (!record.archived) {
      const started = await archiveStep(desk, articleStore.archiveStartInput(desk.storage.tableName, record, desk.now().toISOString(), person.name));
      // A review changed the counts (or someone archived it) between our read and our write: read again.
      if (!started) {
        if (attempt > 20) throw busy();
        continue;
      }
    }
    const moved = (await moveClaims(desk, articleId, 'archiving')) && (await articleStore.setArchiveState(desk.storage, articleId, 'archiving', 'archived')).written;
    // Another run of the same archive may have finished it meanwhile: then it is done all the same.
    if (!moved && (await articleStore.readRecord(desk.storage, articleId))?.archiveState !== 'archived') throw busy();
    return;
  }
}

/**
 * Restores an archived article exactly as it was: its claims go back to their queue positions first (readers still
 * drop them while META says archived), then META returns to the list and the desk's counts regain it, in one
 * transaction. Resumable like archiving. Restoring an article that is not archived changes nothing.
 */
export async function restoreArticle(desk: Desk, articleId: string): Promise<{ article: Article; claims: Claim[] }> {
  for (let attempt = 1; ; attempt++) {
    const record = await articleStore.readRecord(desk.storage, articleId);
    if (!record || record.state !== 'complete') throw notFound(`No article ${articleId}.`);
    if (!record.archived) break;
    // Another run may have marked it restoring between our read and our write: read again, then join that run.
    if (record.archiveState !== 'restoring' && !(await articleStore.setArchiveState(desk.storage, articleId, record.archiveState ?? 'archived', 'restoring')).written) {
      if (attempt > 20) throw busy();
      continue;
    }
    const restored = (await moveClaims(desk, articleId, 'restoring')) && (await archiveStep(desk, articleStore.restoreEndInput(desk.storage.tableName, record)));
    // Another run of the same restore may have finished it meanwhile: then it is back all the same.
    if (!restored && (await articleStore.readRecord(desk.storage, articleId))?.archived) throw busy();
    break;
  }
  return readArticle(desk, articleId);
}
