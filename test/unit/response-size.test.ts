/**
 * API v1.2: no response exceeds 5 MB at the documented limits. Each endpoint's largest body is built through the real
 * code paths (the extractor, newClaim, applyReview with its budgets, the storage round trip of items, queueItem,
 * the cursor codec), serialised as the HTTP adapter does, and measured in bytes.
 */
import { describe, expect, it } from 'vitest';
import { applyReview, CLAIM_ANNOTATION_BYTES_MAX, ARTICLE_ANNOTATION_BYTES_MAX, annotationBytes, queueItem, RECENT_HISTORY } from '../../lib/claims.js';
import { CLAIMS_PER_ARTICLE_MAX, newClaim, reviewableClaims } from '../../lib/articles.js';
import { CursorCodec } from '../../lib/cursor.js';
import { analyseArticle as analyseWith, defaultExtractor } from '../../lib/extract/index.js';

const analyseArticle = (text: string) => analyseWith(text, defaultExtractor());
import { ProblemError } from '../../lib/problems.js';
import * as articleStore from '../../lib/store/articles.js';
import { claimItem, reviewItem, toClaim, toReviewEvent } from '../../lib/store/claims.js';
import { readStats } from '../../lib/store/stats.js';
import * as keys from '../../lib/store/keys.js';
import { ARTICLE_TEXT_MAX, ArticleSummary, StatusCounts } from '../../schemas/article.js';
import { Claim, ClaimMatch, ClaimReview, MATCHES_PER_CLAIM_MAX, NOTE_MAX, ReviewEvent, SOURCES_PER_REQUEST_MAX } from '../../schemas/claim.js';
import { LIMIT_MAX } from '../../schemas/query.js';
import { contentHash } from '../../lib/text.js';

const LIMIT_BYTES = 5 * 1024 * 1024;
const bytes = (body: unknown) => Buffer.byteLength(JSON.stringify(body));
const reviewer = { name: 'r'.repeat(200), roles: ['reviewer' as const] };
const at = '2026-12-03T04:00:00.000Z';
const cursors = new CursorCodec(new Uint8Array(48));
const measured: Record<string, number> = {};

/** A note of NOTE_MAX characters of two-byte letters: the longest note that still fits a claim's budget. */
const LONG_NOTE = 'é'.repeat(NOTE_MAX);
/** Source URLs and titles at their limits (an URL of 2,048 characters, a title of 300 three-byte characters). */
const source = (n: number) => ({ url: `https://example.org/${String(n).padStart(6, '0')}/${'a'.repeat(2048 - 27)}`, title: '€'.repeat(300) });

/** The review through the real rules (schema, then applyReview): null when the claim's budget refuses it. */
function review(claim: Claim, body: unknown): { next: Claim; event: ReviewEvent } | null {
  try {
    const { next, event } = applyReview(claim, ClaimReview.parse(body), reviewer, at);
    // through storage and back, as a response would read them
    return { next: toClaim(claimItem(next)), event: toReviewEvent(reviewItem(event)) };
  } catch (error) {
    if (error instanceof ProblemError && error.status === 413) return null;
    throw error;
  }
}

const MATCHES = Array.from({ length: MATCHES_PER_CLAIM_MAX }, (_, i) =>
  ClaimMatch.parse({ claimId: `${'f'.repeat(24)}.${10000 + i}`, articleId: 'f'.repeat(24), relation: 'related', similarity: 0.123456789, status: 'dismissed' }),
);

/**
 * The claim filled to its budget: sourced with as many of the longest sources as fit, then the longest note that still
 * fits (the budget binds before NOTE_MAX and SOURCES_PER_CLAIM_MAX do), and the most matches.
 */
let noteFits = NOTE_MAX; // every claim's annotations are alike: the note length found once fits them all
function loaded(claim: Claim): Claim {
  let current = review(claim, { status: 'sourced', rating: 'mostly-false', addSources: [source(0)] })!.next;
  for (let n = 1; ; n++) {
    const next = review(current, { addSources: [source(n)] });
    if (!next) break;
    current = next.next;
  }
  for (let length = noteFits; length > 0; length -= 20) {
    const next = review(current, { note: LONG_NOTE.slice(0, length) });
    if (next) {
      current = next.next;
      noteFits = length;
      break;
    }
  }
  expect(annotationBytes(current)).toBeGreaterThan(CLAIM_ANNOTATION_BYTES_MAX - 100);
  return Claim.parse({ ...current, matches: MATCHES });
}

/** The largest article: 200,000 characters, 1,000 claims (each line one claim; the padded headline is none). */
function largestArticle() {
  const lines = Array.from({ length: CLAIMS_PER_ARTICLE_MAX }, (_, i) =>
    `The ministry said ${100 + i} schools closed in district ${i} on Monday, while officials in the regional education office reported that ${i + 7} teachers and ${i + 40} pupils were moved to other buildings nearby.`);
  const body = lines.join('\n\n');
  const text = `${'Headline '.repeat(ARTICLE_TEXT_MAX).slice(0, ARTICLE_TEXT_MAX - body.length - 2).trim().padEnd(ARTICLE_TEXT_MAX - body.length - 2, 'x')}\n\n${body}`;
  const analysis = reviewableClaims(analyseArticle(text));
  const articleId = contentHash(text).slice(0, 24);
  const claims = analysis.claims.map((claim) => newClaim(articleId, claim, at));
  const record: articleStore.ArticleRecord = {
    articleId, title: '€'.repeat(500), url: `https://example.org/${'u'.repeat(2020)}`, source: 'ß'.repeat(200), publishedAt: at, createdAt: at,
    createdBy: 'e'.repeat(200), contentHash: contentHash(text), claimCount: claims.length, statusCounts: StatusCounts.parse({ pending: claims.length, verified: 0, disputed: 0, sourced: 0, dismissed: 0 }), state: 'complete',
  };
  return { text, analysis, claims, record };
}

/** The longest claim the extractor makes (a 4,000-character list of figures: hundreds of entities). */
function longestClaims(): Claim[] {
  const lines = Array.from({ length: 45 }, (_, n) => `The ministry said ${Array.from({ length: 700 }, (_, i) => `${n * 1000 + i + 1000} troops`).join(', ')}`.slice(0, 3990) + '.');
  const text = `Figures\n\n${lines.join('\n\n')}`;
  const claims = reviewableClaims(analyseArticle(text)).claims;
  expect(claims.length).toBeGreaterThan(40);
  expect(Math.max(...claims.map((c) => c.text.length))).toBeGreaterThan(3900);
  return claims.map((claim) => newClaim(contentHash(text).slice(0, 24), claim, at));
}

describe('the largest response of every endpoint stays under 5 MB', () => {
  const article = largestArticle();

  it('the largest article is the documented largest', () => {
    expect(article.text.length).toBe(ARTICLE_TEXT_MAX);
    expect(article.claims).toHaveLength(CLAIMS_PER_ARTICLE_MAX);
  });

  it('POST /articles and GET /articles/{id}: 200,000 characters, 1,000 claims, notes and sources up to the article\'s budget', () => {
    // Fresh: every claim pending.
    const items = [articleStore.metaItem(article.record), ...articleStore.contentItems(article.record.articleId, article.text, article.analysis.segments), ...article.claims.map((c) => claimItem(c))];
    const fresh = articleStore.assemble(items)!;
    measured['POST /articles'] = bytes({ article: fresh.article, claims: fresh.claims });
    // Reviewed: the longest notes and most sources on as many claims as the article's budget allows, every claim with matches.
    let spent = 0;
    let full = true;
    const reviewed = article.claims.map((claim) => {
      if (full) {
        const filled = loaded(claim);
        const grows = annotationBytes(filled) - annotationBytes(claim);
        if (spent + grows <= ARTICLE_ANNOTATION_BYTES_MAX) {
          spent += grows;
          return filled;
        }
        full = false;
      }
      return Claim.parse({ ...claim, matches: MATCHES });
    });
    expect(spent).toBeGreaterThan(ARTICLE_ANNOTATION_BYTES_MAX * 0.95);
    const stored = articleStore.assemble([...items.slice(0, -article.claims.length), ...reviewed.map((c) => claimItem(c))])!;
    measured['GET /articles/{id}'] = bytes({ article: stored.article, claims: stored.claims });
  });

  it('GET /claims: 200 of the longest claims, each with the longest note and most sources, article titles of 500 characters', () => {
    const claims = longestClaims();
    const page = Array.from({ length: LIMIT_MAX }, (_, i) => queueItem(loaded(claims[i % claims.length]!), '€'.repeat(500)));
    const position = keys.indexPosition(claimItem(page.at(-1)!), 'GSI2');
    measured['GET /claims'] = bytes({ items: page, nextCursor: cursors.encode('claims:pending:quantity:', position) });
  });

  it('GET /claims/{id} and its history: the longest claim, 1,000 events each as large as a review can make one', () => {
    // the longest note alone is the largest event (sources would leave less room for it in the claim's budget)
    let claim = Claim.parse({ ...longestClaims()[0]!, matches: MATCHES });
    const events: ReviewEvent[] = [];
    for (let i = 0; i < 1000; i++) {
      // each review rewrites the longest note, moves status and rating: the largest event the rules allow
      const step = review(claim, { status: i % 2 ? 'verified' : 'disputed', rating: i % 2 ? 'true' : 'false', note: `${i}`.padEnd(NOTE_MAX, 'é') });
      claim = step!.next;
      events.push(step!.event);
    }
    expect(events.every((event) => bytes(event) > NOTE_MAX * 2)).toBe(true);
    expect(annotationBytes(claim)).toBeGreaterThan(NOTE_MAX * 2);
    measured['GET /claims/{id}'] = bytes({ claim, history: events.slice(-RECENT_HISTORY), historyTruncated: true });
    measured['GET /claims/{id}/history'] = bytes({ items: events.slice(0, LIMIT_MAX), nextCursor: cursors.encode(`history:${claim.claimId}`, { PK: 'x'.repeat(32), SK: 'y'.repeat(32) }) });
    measured['PATCH /claims/{id}'] = bytes({ claim });
    // the 412 problem body carries the current claim
    measured['PATCH /claims/{id} 412'] = bytes({ type: 'https://claimdesk.dev/problems/stale-version', title: 't', status: 412, detail: 'd'.repeat(500), claim });
    // one review adds at most SOURCES_PER_REQUEST_MAX sources: the event's sourcesAdded are inside the claim's budget
    expect(CLAIM_ANNOTATION_BYTES_MAX).toBeLessThan(SOURCES_PER_REQUEST_MAX * bytes(source(0)));
  });

  it('GET /articles: 200 summaries with the longest title, URL and source', () => {
    const summary = ArticleSummary.parse(articleStore.toSummary(articleStore.metaItem(article.record)));
    measured['GET /articles'] = bytes({ items: Array.from({ length: LIMIT_MAX }, () => summary), nextCursor: cursors.encode('articles', { PK: 'x'.repeat(40), SK: 'META', GSI1PK: 'ARTICLES', GSI1SK: 'y'.repeat(60) }) });
  });

  it('GET /stats: a handful of numbers', async () => {
    const huge = Number.MAX_SAFE_INTEGER;
    const storage = { tableName: 't', db: { send: async () => ({ Responses: { t: [{ claims: huge, articles: huge, pending: huge }] } }) } };
    measured['GET /stats'] = bytes(await readStats(storage as never));
  });

  it('every figure is under 5 MB', () => {
    console.log(Object.entries(measured).map(([route, size]) => `${route}: ${(size / 1024 / 1024).toFixed(2)} MB`).join('\n'));
    expect(Object.keys(measured)).toHaveLength(9);
    for (const [route, size] of Object.entries(measured)) expect(size, route).toBeLessThan(LIMIT_BYTES);
  });
});
