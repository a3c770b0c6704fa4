import { ArticleSubmission } from '../schemas/article.js';
import { ArticleId, ArticleListQuery } from '../schemas/query.js';
import { archiveArticle, listArticles, readArticle, restoreArticle, submitArticle } from '../lib/articles.js';
import { requireRole, type Person } from '../lib/auth.js';
import { forbidden, notFound } from '../lib/problems.js';
import { loadKeyring } from '../lib/keys.js';
import { httpHandler, jsonBody, parse, type Request, type Routes } from './http.js';

/** Archiving and the archived list are for admins only (requireRole lets admins through anything, not the reverse). */
function requireAdmin(person: Person, what: string): void {
  if (!person.roles.includes('admin')) {
    throw forbidden(`${what} needs the admin role; your token has ${person.roles.length ? person.roles.join(', ') : 'no role'}.`);
  }
}

function articleIdOf(request: Request): string {
  const articleId = request.params.articleId ?? '';
  if (!ArticleId.safeParse(articleId).success) throw notFound(`No article ${articleId}.`);
  return articleId;
}

export const routes: Routes = {
  'POST /articles': async ({ desk, request, person }) => {
    const editor = await person();
    requireRole(editor, 'editor');
    const submission = parse(ArticleSubmission, jsonBody(request), 'article');
    const { created, article, claims, notLookedUp } = await submitArticle(desk, submission, editor);
    return {
      status: created ? 201 : 200,
      headers: { Location: `/articles/${article.articleId}` },
      body: { article, claims },
      // claims matching skipped (deadline, or storage slow to answer): stored and indexed, but not linked by this ingest
      ...(notLookedUp ? { log: { notLookedUp } } : {}),
    };
  },
  'GET /articles': async ({ desk, request, person }) => {
    const reader = await person();
    const query = parse(ArticleListQuery, request.query, 'query');
    if (query.archived) requireAdmin(reader, 'Listing archived articles');
    return { status: 200, body: await listArticles(desk, query) };
  },
  'GET /articles/{articleId}': async ({ desk, request, person }) => {
    await person();
    return { status: 200, body: await readArticle(desk, articleIdOf(request)) };
  },
  'DELETE /articles/{articleId}': async ({ desk, request, person }) => {
    const admin = await person();
    requireAdmin(admin, 'Archiving an article');
    await archiveArticle(desk, articleIdOf(request), admin);
    return { status: 204 };
  },
  'POST /articles/{articleId}/restore': async ({ desk, request, person }) => {
    const admin = await person();
    requireAdmin(admin, 'Restoring an article');
    return { status: 200, body: await restoreArticle(desk, articleIdOf(request)) };
  },
};

export const handler = httpHandler(routes, { keys: loadKeyring });
