import { ArticleSubmission } from '../schemas/article.js';
import { ArticleId, ArticleListQuery } from '../schemas/query.js';
import { listArticles, readArticle, submitArticle } from '../lib/articles.js';
import { requireRole } from '../lib/auth.js';
import { notFound } from '../lib/problems.js';
import { httpHandler, jsonBody, parse, type Routes } from './http.js';

export const routes: Routes = {
  'POST /articles': async ({ desk, request, person }) => {
    const editor = await person();
    requireRole(editor, 'editor');
    const submission = parse(ArticleSubmission, jsonBody(request), 'article');
    const { created, article, claims } = await submitArticle(desk, submission, editor);
    return {
      status: created ? 201 : 200,
      headers: { Location: `/articles/${article.articleId}` },
      body: { article, claims },
    };
  },
  'GET /articles': async ({ desk, request, person }) => {
    await person();
    return { status: 200, body: await listArticles(desk, parse(ArticleListQuery, request.query, 'query')) };
  },
  'GET /articles/{articleId}': async ({ desk, request, person }) => {
    await person();
    const articleId = request.params.articleId ?? '';
    if (!ArticleId.safeParse(articleId).success) throw notFound(`No article ${articleId}.`);
    return { status: 200, body: await readArticle(desk, articleId) };
  },
};

export const handler = httpHandler(routes);
