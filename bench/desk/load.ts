/**
 * Loads claims straight into a table through lib/store's item builders and batch writer (no HTTP, no extractor per
 * article): volume for the queue and read measurements. Articles are extracted once into a pool and stored many
 * times under new ids and dates; a share of their claims carries a reviewed status, and the article's counts agree.
 */
import { createHash } from 'node:crypto';
import { ClaimStatus, type Claim } from '../../schemas/claim.js';
import type { StatusCounts } from '../../schemas/article.js';
import { analyseArticle, defaultExtractor, type ArticleAnalysis } from '../../lib/extract/index.js';
import { distinctClaims, reviewableClaims } from '../../lib/articles.js';
import { bandKeys } from '../../lib/match/index.js';
import { matchTextOf } from '../../lib/repeats.js';
import { indexEntryItems } from '../../lib/store/matches.js';
import { contentItems, metaItem, type ArticleRecord } from '../../lib/store/articles.js';
import { putAll } from '../../lib/store/batch.js';
import { claimItem } from '../../lib/store/claims.js';
import * as keys from '../../lib/store/keys.js';
import { normaliseArticleText } from '../../lib/text.js';
import type { Desk } from '../../lib/desk.js';
import { seededRandom } from '../../scripts/stats.js';
import { wireArticle } from './corpus.js';
import { pool } from './stats.js';

interface Pooled {
  title: string;
  text: string;
  analysis: ArticleAnalysis;
}

let analysed: Pooled[] = [];

/** `size` extracted wire articles (set 202), extracted once per process. */
export function articlePool(size: number): Pooled[] {
  for (let i = analysed.length; i < size; i++) {
    const a = wireArticle(202, i);
    const text = normaliseArticleText(a.text);
    analysed.push({ title: a.title, text, analysis: distinctClaims(reviewableClaims(analyseArticle(text, defaultExtractor()))) });
  }
  return analysed.slice(0, size);
}

const REVIEWED = ClaimStatus.options.filter((s) => s !== 'pending');

/** The items of one loaded article: META (complete, listed), text, layout, claims. */
function articleItems(source: Pooled, articleId: string, createdAt: string, random: () => number): { items: Record<string, unknown>[]; claims: number } {
  const counts = Object.fromEntries(ClaimStatus.options.map((s) => [s, 0])) as StatusCounts;
  const claims: Claim[] = source.analysis.claims.map((extracted) => {
    // seven in ten claims are still pending; the rest spread over the reviewed statuses
    const status = random() < 0.7 ? 'pending' : REVIEWED[Math.floor(random() * REVIEWED.length)]!;
    counts[status] += 1;
    const reviewed = status !== 'pending';
    const claim = {
      ...extracted,
      claimId: keys.claimIdOf(articleId, extracted.seq),
      articleId,
      articleTitle: source.title,
      status,
      version: reviewed ? 2 : 1,
      sources: reviewed ? [{ url: `https://example.org/source/${articleId}/${extracted.seq}`, addedBy: 'bench', addedAt: createdAt }] : [],
      createdAt,
      updatedAt: createdAt,
      ...(reviewed ? { updatedBy: 'bench' } : {}),
    } as Claim;
    return claim;
  });
  const record: ArticleRecord = {
    articleId,
    title: source.title,
    createdAt,
    createdBy: 'bench',
    contentHash: createHash('sha256').update(articleId).digest('hex'),
    claimCount: claims.length,
    statusCounts: counts,
    state: 'complete',
    completedBy: 'bench-load',
    // no links are written here, so every claim's (empty) link summary is complete, as for an ingested article
    linkSummaries: true,
  };
  const meta = { ...metaItem(record), GSI1PK: keys.ARTICLE_LIST_PK, GSI1SK: keys.articleListSk(createdAt, articleId) };
  // each claim in its 16 repeated-claim buckets, as the ingest indexes it (links are left out: no matching runs here)
  const index = claims.flatMap((claim) => indexEntryItems({ claimId: claim.claimId, articleId, text: matchTextOf(claim) }, bandKeys(matchTextOf(claim))));
  return { items: [meta, ...contentItems(articleId, source.text, source.analysis.segments), ...claims.map((claim) => claimItem(claim)), ...index], claims: claims.length };
}

/**
 * Adds articles to the desk's table until it holds at least `targetClaims` more claims; returns how many claims and
 * articles were written and how long it took.
 */
export async function loadClaims(desk: Desk, targetClaims: number, options: { seed: number; poolSize: number; concurrency?: number }): Promise<{ claims: number; articles: number; ms: number }> {
  const sources = articlePool(options.poolSize);
  const random = seededRandom(options.seed);
  const plan: { source: Pooled; articleId: string; createdAt: string }[] = [];
  let planned = 0;
  for (let i = 0; planned < targetClaims; i++) {
    const source = sources[i % sources.length]!;
    if (source.analysis.claims.length === 0) continue;
    const articleId = createHash('sha256').update(`bench-load ${options.seed} ${i}`).digest('hex').slice(0, 24);
    const createdAt = new Date(Date.UTC(2025, 11, 1) + Math.floor(random() * 365 * 86_400_000)).toISOString();
    plan.push({ source, articleId, createdAt });
    planned += source.analysis.claims.length;
  }
  const t0 = performance.now();
  let claims = 0;
  // several articles per batch stream: the writer packs 25 items to a request
  const GROUP = 8;
  await pool(Math.ceil(plan.length / GROUP), options.concurrency ?? 6, async (g) => {
    const items: Record<string, unknown>[] = [];
    for (const p of plan.slice(g * GROUP, (g + 1) * GROUP)) {
      const built = articleItems(p.source, p.articleId, p.createdAt, seededRandom(options.seed * 7919 + g * GROUP + items.length));
      items.push(...built.items);
      claims += built.claims;
    }
    await putAll(desk.storage, items);
  });
  return { claims, articles: plan.length, ms: performance.now() - t0 };
}
