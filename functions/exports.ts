import { ClaimExportQuery } from '../schemas/exports.js';
import { openApiDocument } from '../schemas/openapi.js';
import { ArticleId } from '../schemas/query.js';
import { articleClaimReviews, claimReviewSettings } from '../lib/exports/claimreview.js';
import { exportPage } from '../lib/exports/csv.js';
import { notFound } from '../lib/problems.js';
import { loadKeyring } from '../lib/keys.js';
import { httpHandler, parse, withoutStorage, type Routes } from './http.js';

// Generated once per container from schemas/: the served document is the one the code validates with.
const openApi = JSON.stringify(openApiDocument());

export const routes: Routes = {
  'GET /articles/{articleId}/claimreview': async ({ desk, request, person }) => {
    await person();
    const articleId = request.params.articleId ?? '';
    if (!ArticleId.safeParse(articleId).success) throw notFound(`No article ${articleId}.`);
    // settings read per request: a misconfigured review URL fails this route (500, logged), not the CSV export beside it
    return { status: 200, headers: { 'Content-Type': 'application/ld+json; charset=utf-8' }, body: await articleClaimReviews(desk, articleId, claimReviewSettings()) };
  },
  'GET /claims/export.csv': async ({ desk, request, person }) => {
    await person();
    const query = parse(ClaimExportQuery, request.query, 'query');
    const page = await exportPage(desk, query);
    const headers: Record<string, string> = {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="claims-${query.status ?? 'all'}${query.articleId ? `-${query.articleId}` : ''}.csv"`,
    };
    if (page.nextCursor) {
      const next = new URLSearchParams({ ...(query.status ? { status: query.status } : {}), ...(query.articleId ? { articleId: query.articleId } : {}), cursor: page.nextCursor });
      // Relative to this page's URL (RFC 8288), so it stays right behind any base path or custom domain.
      headers.Link = `<export.csv?${next}>; rel="next"`;
    }
    return { status: 200, headers, text: page.csv };
  },
  // No token, no storage: served even while storage is away.
  'GET /openapi.json': withoutStorage(async () => ({ status: 200, headers: { 'Cache-Control': 'public, max-age=300' }, text: openApi })),
};

export const handler = httpHandler(routes, { keys: loadKeyring });
