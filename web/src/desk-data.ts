/**
 * Small page-lifetime caches of what several views need about articles: titles (claims no longer carry their
 * article's title, API v1.2) and the claims of an article (the "Seen before" panel shows a match's wording).
 */
import { api, ApiError, type ArticleSummary, type Claim } from './api.js';

interface ArticleInfo {
  title: string;
  claims?: Claim[];
  /** The article was archived (410) or is gone (404). */
  gone?: 'archived' | 'missing';
}

const info = new Map<string, ArticleInfo>();
const reads = new Map<string, Promise<ArticleInfo>>();
let listRead: { at: number; page: Promise<ArticleSummary[]> } | undefined;

/** The newest articles (one request of up to 200, reused for 30 s): titles for the queue, choices for its filter. */
export function recentArticles(): Promise<ArticleSummary[]> {
  if (!listRead || Date.now() - listRead.at > 30_000) {
    const page = api.listArticles(undefined, 200).then((p) => {
      for (const a of p.items) if (!info.has(a.articleId)) info.set(a.articleId, { title: a.title });
      return p.items;
    });
    page.catch(() => (listRead = undefined));
    listRead = { at: Date.now(), page };
  }
  return listRead.page;
}

export function knownTitle(articleId: string): string | undefined {
  return info.get(articleId)?.title;
}

/** A title learnt elsewhere (queue items carry theirs), so no read is spent on it. */
export function rememberTitle(articleId: string, title: string): void {
  if (!info.has(articleId)) info.set(articleId, { title });
}

/** An article's title and claims, read once per page life (GET /articles/{id}); a 410 or 404 is remembered as gone. */
export function readArticle(articleId: string): Promise<ArticleInfo> {
  const known = info.get(articleId);
  if (known?.claims || known?.gone) return Promise.resolve(known);
  let read = reads.get(articleId);
  if (!read) {
    read = api.getArticle(articleId).then(
      ({ article, claims }) => {
        const value = { title: article.title, claims };
        info.set(articleId, value);
        return value;
      },
      (error: unknown) => {
        reads.delete(articleId);
        if (error instanceof ApiError && (error.status === 410 || error.status === 404)) {
          const value: ArticleInfo = { title: known?.title ?? 'an archived article', gone: error.status === 410 ? 'archived' : 'missing' };
          info.set(articleId, value);
          return value;
        }
        throw error;
      },
    );
    reads.set(articleId, read);
  }
  return read;
}

/** Titles for these articles: from the recent list first, then one read per article still unknown (at most `limit`). */
export async function titlesFor(articleIds: string[], limit = 10): Promise<void> {
  const wanted = [...new Set(articleIds)].filter((id) => !info.has(id));
  if (!wanted.length) return;
  await recentArticles().catch(() => undefined);
  const still = wanted.filter((id) => !info.has(id)).slice(0, limit);
  await Promise.all(still.map((id) => readArticle(id).catch(() => undefined)));
}

/** Forget what is known of an article (archived, restored, or reviewed elsewhere). */
export function forgetArticle(articleId?: string): void {
  if (articleId === undefined) info.clear();
  else info.delete(articleId);
  listRead = undefined;
}

/** Keeps a cached article's claim up to date after a review, so a later panel shows the new status. */
export function rememberClaim(claim: Claim): void {
  const known = info.get(claim.articleId);
  if (!known?.claims) return;
  known.claims = known.claims.map((c) => (c.claimId === claim.claimId ? claim : c));
}
