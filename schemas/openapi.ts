/** The OpenAPI 3.1 description of the API, generated from the same zod schemas that validate requests. */
import * as z from 'zod';
import { Article, ArticleSubmission, ArticleSummary, DeskStats } from './article.js';
import { Claim, ClaimReview, ClaimStatus, ClaimType, MatchRelation, ReviewEvent } from './claim.js';
import { ClaimReviewList, CSV_COLUMNS, CSV_ROWS_MAX } from './exports.js';
import { Problem } from './problem.js';
import { LIMIT_DEFAULT, LIMIT_MAX, SIMILAR_LIMIT_DEFAULT, SIMILAR_LIMIT_MAX, SIMILAR_TEXT_MAX, SIMILAR_TEXT_MIN } from './query.js';

const json = (schema: z.ZodType, io: 'input' | 'output' = 'output') => z.toJSONSchema(schema, { io, unrepresentable: 'any' });
const content = (schema: z.ZodType, io: 'input' | 'output' = 'output') => ({ 'application/json': { schema: json(schema, io) } });
const problem = (description: string, schema: z.ZodType = Problem) => ({ description, content: { 'application/problem+json': { schema: json(schema) } } });
/** A stale If-Match answers with the current claim, so the reviewer can redo their change on it. */
const StaleProblem = Problem.extend({ claim: Claim });
const errors = (...codes: number[]) =>
  Object.fromEntries(
    codes.map((code) => [
      String(code),
      problem(
        ({
          400: 'Malformed JSON or invalid fields (see `errors`)',
          401: 'No token, or a bad or expired one',
          403: 'The token lacks the role',
          404: 'Unknown id',
          409: 'Conflicts with the current state',
          410: 'The article is archived (an admin can restore it)',
          412: 'If-Match is stale; the body holds the current claim as `claim`',
          413: 'Body over 1 MiB, article text over 200,000 characters, an article of more than 1,000 claims (`too-many-claims`), or notes and sources over their budget',
          415: 'Unsupported content type',
          428: 'If-Match missing',
          503: 'Storage unavailable; retry after Retry-After seconds',
        } as Record<number, string>)[code] ?? 'Error',
        code === 412 ? StaleProblem : Problem,
      ),
    ]),
  );
const page = (item: z.ZodType) => content(z.object({ items: z.array(item), nextCursor: z.string().optional() }));
const limit = { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: LIMIT_MAX, default: LIMIT_DEFAULT } };
const cursor = { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'Opaque; from nextCursor' };
const claimId = { name: 'claimId', in: 'path', required: true, schema: { type: 'string' } };
const articleId = { name: 'articleId', in: 'path', required: true, schema: { type: 'string' } };
const withClaims = z.object({ article: Article, claims: z.array(Claim) });
const etag = { ETag: { schema: { type: 'string' }, description: 'The claim version, quoted: "3"' } };
const csvColumns = CSV_COLUMNS.join(',');
const ok = content(z.strictObject({ status: z.literal('ok') }));

export function openApiDocument() {
  return {
    openapi: '3.1.0',
    info: { title: 'claimdesk', version: '1', description: 'Fact-claim verification desk. Errors are RFC 9457 problem details.' },
    components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT (HS256; sub, roles)' } } },
    security: [{ bearer: [] }],
    paths: {
      '/health': {
        get: { security: [], summary: 'Storage answers', responses: { 200: { description: 'ok', content: ok }, ...errors(503) } },
      },
      '/health/live': { get: { security: [], summary: 'The API runs (no storage read; for uptime checks)', responses: { 200: { description: 'ok', content: ok } } } },
      '/articles': {
        post: {
          summary: 'Submit an article (editor): split into claims and store; the same text again answers 200',
          requestBody: { required: true, content: content(ArticleSubmission, 'input') },
          responses: {
            201: { description: 'Stored', content: content(withClaims) },
            200: { description: 'Already stored', content: content(withClaims) },
            ...errors(400, 401, 403, 409, 413, 415, 503),
          },
        },
        get: {
          summary: 'Articles, newest first; archived ones instead with archived=true (admin)',
          parameters: [limit, cursor, { name: 'archived', in: 'query', schema: { type: 'string', enum: ['true', 'false'], default: 'false' } }],
          responses: { 200: { description: 'A page', content: page(ArticleSummary) }, ...errors(400, 401, 403, 503) },
        },
      },
      '/articles/{articleId}': {
        get: {
          summary: 'An article with its claims in text order',
          parameters: [articleId],
          responses: { 200: { description: 'Found', content: content(withClaims) }, ...errors(401, 404, 410, 503) },
        },
        delete: {
          summary: 'Archive an article (admin): it and its claims leave every list, queue, count and search; again: 204 as well',
          parameters: [articleId],
          responses: { 204: { description: 'Archived' }, ...errors(401, 403, 404, 409, 503) },
        },
      },
      '/articles/{articleId}/restore': {
        post: {
          summary: 'Restore an archived article (admin) exactly as it was',
          parameters: [articleId],
          responses: { 200: { description: 'Restored (or was not archived)', content: content(withClaims) }, ...errors(401, 403, 404, 409, 503) },
        },
      },
      '/articles/{articleId}/claimreview': {
        get: {
          summary: 'schema.org ClaimReview (JSON-LD) for each rated claim of the article, in text order',
          parameters: [articleId],
          responses: {
            200: { description: 'One ClaimReview per claim with a rating (an empty array when none has one)', content: { 'application/ld+json': { schema: json(ClaimReviewList) } } },
            ...errors(401, 404, 503),
          },
        },
      },
      '/claims': {
        get: {
          summary: 'The review queue for one status, most check-worthy first, optionally of one article and/or one type; items carry articleTitle',
          parameters: [
            { name: 'status', in: 'query', schema: { type: 'string', enum: ClaimStatus.options, default: 'pending' } },
            { name: 'articleId', in: 'query', schema: { type: 'string', pattern: '^[0-9a-f]{24}$' } },
            { name: 'type', in: 'query', schema: { type: 'string', enum: ClaimType.options } },
            limit,
            cursor,
          ],
          responses: { 200: { description: 'A page, full unless it is the last', content: page(Claim) }, ...errors(400, 401, 503) },
        },
      },
      '/claims/export.csv': {
        get: {
          summary: `The claims as CSV (RFC 4180), at most ${CSV_ROWS_MAX} rows a response; without status, every status in the order ${ClaimStatus.options.join(', ')}`,
          parameters: [
            { name: 'status', in: 'query', schema: { type: 'string', enum: ClaimStatus.options }, description: 'Only this status; absent: all' },
            { name: 'articleId', in: 'query', schema: { type: 'string', pattern: '^[0-9a-f]{24}$' }, description: 'Only the claims of this article' },
            { name: 'cursor', in: 'query', schema: { type: 'string' }, description: 'Opaque; from the Link header of the previous page' },
          ],
          responses: {
            200: {
              description: `Header row \`${csvColumns}\`, then one row per claim; cells that begin with =, +, -, @, tab or CR get a leading '`,
              headers: { Link: { schema: { type: 'string' }, description: 'When more rows follow: <URL of the next page, relative to this one>; rel="next"' } },
              content: { 'text/csv': { schema: { type: 'string' } } },
            },
            ...errors(400, 401, 404, 503),
          },
        },
      },
      '/claims/similar': {
        get: {
          summary: 'Has anyone checked this already? Stored claims similar to a pasted text, most similar first (similarity ≥ 0.5)',
          parameters: [
            { name: 'text', in: 'query', required: true, schema: { type: 'string', minLength: SIMILAR_TEXT_MIN, maxLength: SIMILAR_TEXT_MAX } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: SIMILAR_LIMIT_MAX, default: SIMILAR_LIMIT_DEFAULT } },
          ],
          responses: {
            200: { description: 'Similar claims', content: content(z.object({ items: z.array(z.object({ claim: Claim, relation: MatchRelation, similarity: z.number().min(0).max(1) })) })) },
            ...errors(400, 401, 503),
          },
        },
      },
      '/claims/{claimId}': {
        get: {
          summary: 'A claim with its 50 most recent history events, oldest first; `claim.matches` carry the linked claims\' status now',
          parameters: [claimId],
          responses: {
            200: {
              description: 'Found',
              headers: etag,
              content: content(z.object({ claim: Claim, history: z.array(ReviewEvent), historyTruncated: z.boolean() })),
            },
            ...errors(401, 404, 410, 503),
          },
        },
        patch: {
          summary: 'Review a claim (reviewer): status, rating, note, sources, or reuse the verdict of a claim of another article (basedOn)',
          parameters: [claimId, { name: 'If-Match', in: 'header', required: true, schema: { type: 'string' }, description: 'The ETag last read' }],
          requestBody: { required: true, content: { ...content(ClaimReview, 'input'), 'application/merge-patch+json': { schema: json(ClaimReview, 'input') } } },
          responses: { 200: { description: 'Recorded', headers: etag, content: content(z.object({ claim: Claim })) }, ...errors(400, 401, 403, 404, 409, 410, 412, 413, 415, 428, 503) },
        },
      },
      '/claims/{claimId}/history': {
        get: {
          summary: 'Review events, oldest first, in pages',
          parameters: [claimId, limit, cursor],
          responses: { 200: { description: 'A page', content: page(ReviewEvent) }, ...errors(400, 401, 404, 410, 503) },
        },
      },
      '/stats': {
        get: {
          summary: "The desk's counts over every listed article (archived ones excluded)",
          responses: { 200: { description: 'Counts', content: content(DeskStats) }, ...errors(401, 503) },
        },
      },
      '/openapi.json': {
        get: { security: [], summary: 'This document (OpenAPI 3.1), generated from schemas/', responses: { 200: { description: 'The document', content: { 'application/json': { schema: { type: 'object' } } } } } },
      },
      '/': { get: { security: [], summary: 'The dashboard page', responses: { 200: { description: 'HTML', content: { 'text/html': { schema: { type: 'string' } } } }, 304: { description: 'Not modified (If-None-Match)' } } } },
      '/app/{file}': {
        get: {
          security: [],
          summary: "The dashboard's scripts and styles (hashed names)",
          parameters: [{ name: 'file', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { 200: { description: 'The file', content: { 'text/javascript': { schema: { type: 'string' } }, 'text/css': { schema: { type: 'string' } } } }, 304: { description: 'Not modified (If-None-Match)' }, 404: problem('No such dashboard file') },
        },
      },
    },
  };
}
