import { randomUUID } from 'node:crypto';
import { ARTICLE_TEXT_MAX, type Article, type ArticleSubmission, type ArticleSummary, type StatusCounts } from '../schemas/article.js';
import { ClaimStatus, type Claim, type ExtractedClaim } from '../schemas/claim.js';
import type { Person } from './auth.js';
import { retryDeadline, type Desk } from './desk.js';
import { analyseArticle, defaultExtractor, htmlToArticle, type ArticleAnalysis } from './extract/index.js';
import { normaliseClaim } from './match/index.js';
import { conflict, invalidRequest, notFound, payloadTooLarge } from './problems.js';
import { attachMatches, findRepeats } from './repeats.js';
import * as articleStore from './store/articles.js';
import type { ArticleRecord } from './store/articles.js';
import { sleep } from './store/backoff.js';
import { claimIdOf } from './store/keys.js';
import { contentHash, normaliseArticleText } from './text.js';

/** Longer than the function timeout, so a writer whose lease ran out is certainly gone. */
const INGEST_LEASE_MS = 35_000; // the articles function's timeout is 28 s
const WAIT_FOR_OTHER_WRITER_MS = 8_000;
/** Matching may take this long from the start of the request; the rest of the 28 s is for writing the article. */
export const MATCH_BUDGET_MS = 15_000;

export interface SubmittedArticle {
  /** false when the same text was already stored: nothing new was written. */
  created: boolean;
  article: Article;
  claims: Claim[];
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
  if (existing?.state === 'complete') return { created: false, ...(await readArticle(desk, articleId)) };

  const analysis = distinctClaims(reviewableClaims(analyseArticle(text, defaultExtractor())));
  const nowMs = desk.now().getTime();
  const leaseToken = randomUUID();
  const record: ArticleRecord = {
    articleId,
    title: submission.title ?? pageTitle ?? deriveTitle(text),
    ...(submission.url ? { url: submission.url } : {}),
    ...(submission.source ? { source: submission.source } : {}),
    ...(submission.publishedAt ? { publishedAt: submission.publishedAt } : {}),
    createdAt: existing?.createdAt ?? new Date(nowMs).toISOString(),
    createdBy: existing?.createdBy ?? person.name,
    contentHash: hash,
    claimCount: analysis.claims.length,
    statusCounts: Object.fromEntries(ClaimStatus.options.map((status) => [status, status === 'pending' ? analysis.claims.length : 0])) as StatusCounts,
    state: 'ingesting',
    leaseToken,
    leaseUntil: nowMs + INGEST_LEASE_MS,
  };
  const claimed = await articleStore.claimIngest(desk.storage, record, nowMs);
  // The SDK may have re-sent our own Put after a lost answer: then the lease is ours after all.
  if (!claimed.written && claimed.current?.leaseToken !== leaseToken) {
    return { created: false, ...(await waitForOtherWriter(desk, articleId, claimed.current)) };
  }

  const claims = analysis.claims.map((claim) => newClaim(articleId, claim, record.createdAt, record.title));
  // Matched before the claims are written, so the article's own index entries never take a bucket's K places.
  const repeats = await findRepeats(desk, articleId, claims, new Date(nowMs).toISOString(), started + (desk.matchBudgetMs ?? MATCH_BUDGET_MS));
  await articleStore.putContent(desk.storage, articleId, text, analysis.segments, claims, repeats.items);

  const completed = await articleStore.completeIngest(desk.storage, record, leaseToken);
  // Either the SDK re-sent our own update after a lost answer (completedBy is our token), or our lease ran out
  // and another request took the article over: its result is the article.
  if (!completed.written && completed.current?.completedBy !== leaseToken) {
    return { created: false, ...(await waitForOtherWriter(desk, articleId, completed.current)) };
  }
  // What was just written, put together as a read would: reading it back cost a Query as large as the article.
  const stored = articleStore.asStored(record, text, analysis.segments, claims, repeats.items);
  return { created: true, article: stored.article, claims: await attachMatches(desk, stored.claims, stored.links) };
}

/**
 * A "sentence" of thousands of characters (a table or list without stops, a run-on paste) is no claim a reviewer can
 * check as one, and would not fit a DynamoDB item: it stays in the layout as a sentence and out of the queue.
 */
export const CLAIM_MAX_CHARS = 4_000;

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

/** A claim as the extractor found it, before anyone reviewed it. */
function newClaim(articleId: string, claim: ExtractedClaim, createdAt: string, articleTitle: string): Claim {
  return {
    ...claim,
    claimId: claimIdOf(articleId, claim.seq),
    articleId,
    articleTitle,
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

/** The article with its text, layout and claims in text order; 404 unless it is completely stored. */
export async function readArticle(desk: Desk, articleId: string): Promise<{ article: Article; claims: Claim[] }> {
  const stored = await articleStore.readStored(desk.storage, articleId);
  if (!stored || stored.record.state !== 'complete') throw notFound(`No article ${articleId}.`);
  return { article: stored.article, claims: await attachMatches(desk, stored.claims, stored.links) };
}

export async function listArticles(
  desk: Desk,
  query: { limit: number; cursor?: string | undefined },
): Promise<{ items: ArticleSummary[]; nextCursor?: string }> {
  const startKey = desk.cursors.decode('articles', query.cursor);
  const page = await articleStore.listPage(desk.storage, query.limit, startKey);
  const nextCursor = desk.cursors.encode('articles', page.lastKey);
  return { items: page.items, ...(nextCursor ? { nextCursor } : {}) };
}
