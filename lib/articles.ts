import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { ARTICLE_TEXT_MAX, type Article, type ArticleSubmission, type ArticleSummary, type StatusCounts } from '../schemas/article.js';
import type { Claim, ExtractedClaim, Segment } from '../schemas/claim.js';
import type { Person } from './auth.js';
import { retryDeadline, type Desk } from './desk.js';
import { analyseArticle, htmlToArticle, type ArticleAnalysis } from './extract/index.js';
import { conflict, invalidRequest, notFound, payloadTooLarge } from './problems.js';
import { putAll } from './store/batch.js';
import { decodeSegments, encodeSegments, splitText } from './store/chunks.js';
import { guarded, queryAll, sleep } from './store/client.js';
import * as keys from './store/keys.js';
import { contentHash, normaliseArticleText } from './text.js';

/** Longer than the function timeout, so a writer whose lease ran out is certainly gone. */
const INGEST_LEASE_MS = 35_000; // the articles function's timeout is 28 s
const WAIT_FOR_OTHER_WRITER_MS = 8_000;

export interface SubmittedArticle {
  /** false when the same text was already stored: nothing new was written. */
  created: boolean;
  article: Article;
  claims: Claim[];
}

interface ArticleMeta extends ArticleSummary {
  state: 'ingesting' | 'complete';
  leaseToken?: string;
  leaseUntil?: number;
  /** The lease token of the request that completed the ingest. */
  completedBy?: string;
}

const META_ONLY_FIELDS = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'state', 'leaseToken', 'leaseUntil', 'completedBy', 'entity'];
const CLAIM_ONLY_FIELDS = ['PK', 'SK', 'GSI1PK', 'GSI1SK', 'entity'];

function strip<T>(item: Record<string, unknown>, fields: string[]): T {
  const copy: Record<string, unknown> = { ...item };
  for (const field of fields) delete copy[field];
  return copy as T;
}
export const toClaim = (item: Record<string, unknown>) => strip<Claim>(item, CLAIM_ONLY_FIELDS);
const toSummary = (item: Record<string, unknown>) => strip<ArticleSummary>(item, META_ONLY_FIELDS);

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
  const { text, title: pageTitle } = articleText(submission);
  if (text.length === 0) throw invalidRequest('The article has no text.', [{ path: submission.html !== undefined ? 'html' : 'text', message: 'is empty' }]);
  if (text.length > ARTICLE_TEXT_MAX) throw payloadTooLarge(`Article text is limited to ${ARTICLE_TEXT_MAX} characters; this one has ${text.length}.`);
  const hash = contentHash(text);
  const articleId = hash.slice(0, 24);

  const existing = await readMeta(desk, articleId);
  if (existing?.state === 'complete') return { created: false, ...(await readArticle(desk, articleId)) };

  const analysis = reviewableClaims(analyseArticle(text));
  const nowMs = desk.now().getTime();
  const leaseToken = randomUUID();
  const meta: ArticleMeta = {
    articleId,
    title: submission.title ?? pageTitle ?? deriveTitle(text),
    ...(submission.url ? { url: submission.url } : {}),
    ...(submission.source ? { source: submission.source } : {}),
    ...(submission.publishedAt ? { publishedAt: submission.publishedAt } : {}),
    createdAt: existing?.createdAt ?? new Date(nowMs).toISOString(),
    createdBy: existing?.createdBy ?? person.name,
    contentHash: hash,
    claimCount: analysis.claims.length,
    statusCounts: { pending: analysis.claims.length, verified: 0, disputed: 0, sourced: 0 },
    state: 'ingesting',
    leaseToken,
    leaseUntil: nowMs + INGEST_LEASE_MS,
  };
  try {
    await guarded(() =>
      desk.storage.db.send(
        new PutCommand({
          TableName: desk.storage.tableName,
          Item: { PK: keys.articlePk(articleId), SK: keys.META, entity: 'article', ...meta },
          ConditionExpression: 'attribute_not_exists(PK) OR (#state = :ingesting AND leaseUntil < :now)',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':ingesting': 'ingesting', ':now': nowMs },
        }),
      ),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // The SDK may have re-sent our own Put after a lost answer: then the lease is ours after all.
    if ((await readMeta(desk, articleId))?.leaseToken !== leaseToken) {
      return { created: false, ...(await waitForOtherWriter(desk, articleId)) };
    }
  }

  await putAll(desk.storage, [
    ...bodyItems(articleId, text, analysis.segments),
    ...analysis.claims.map((claim) => claimItem(articleId, claim, meta.createdAt, meta.title)),
  ]);

  try {
    await guarded(() =>
      desk.storage.db.send(
        new UpdateCommand({
          TableName: desk.storage.tableName,
          Key: { PK: keys.articlePk(articleId), SK: keys.META },
          UpdateExpression: 'SET #state = :complete, GSI1PK = :listPk, GSI1SK = :listSk, completedBy = :token REMOVE leaseToken, leaseUntil',
          ConditionExpression: 'leaseToken = :token',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: {
            ':complete': 'complete',
            ':listPk': keys.ARTICLE_LIST_PK,
            ':listSk': keys.articleListSk(meta.createdAt, articleId),
            ':token': leaseToken,
          },
        }),
      ),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    // Either the SDK re-sent our own update after a lost answer (completedBy is our token), or our lease ran out
    // and another request took the article over: its result is the article.
    if ((await readMeta(desk, articleId))?.completedBy !== leaseToken) {
      return { created: false, ...(await waitForOtherWriter(desk, articleId)) };
    }
  }
  return { created: true, ...(await readArticle(desk, articleId)) };
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

function bodyItems(articleId: string, text: string, segments: Segment[]): Record<string, unknown>[] {
  const pk = keys.articlePk(articleId);
  return [
    ...splitText(text).map((piece, n) => ({ PK: pk, SK: keys.bodySk(n), entity: 'body', text: piece })),
    ...splitText(encodeSegments(segments)).map((piece, n) => ({ PK: pk, SK: keys.layoutSk(n), entity: 'layout', segments: piece })),
  ];
}

function claimItem(articleId: string, claim: ExtractedClaim, createdAt: string, articleTitle: string): Record<string, unknown> {
  const stored: Claim = {
    ...claim,
    claimId: keys.claimIdOf(articleId, claim.seq),
    articleId,
    articleTitle,
    status: 'pending',
    version: 1,
    sources: [],
    createdAt,
    updatedAt: createdAt,
  };
  return {
    PK: keys.articlePk(articleId),
    SK: keys.claimSk(claim.seq),
    GSI1PK: keys.queuePk('pending'),
    GSI1SK: keys.queueSk(claim.checkworthiness, createdAt, articleId, claim.seq),
    entity: 'claim',
    ...stored,
  };
}

async function waitForOtherWriter(desk: Desk, articleId: string): Promise<{ article: Article; claims: Claim[] }> {
  const deadline = retryDeadline(desk, WAIT_FOR_OTHER_WRITER_MS);
  for (;;) {
    const meta = await readMeta(desk, articleId);
    if (meta?.state === 'complete') return readArticle(desk, articleId);
    if (Date.now() > deadline) {
      throw conflict('The same article is being stored by another request right now; retry in a moment.', { 'Retry-After': '2' });
    }
    await sleep(150);
  }
}

async function readMeta(desk: Desk, articleId: string): Promise<ArticleMeta | undefined> {
  const answer = await guarded(() =>
    desk.storage.db.send(
      new GetCommand({ TableName: desk.storage.tableName, Key: { PK: keys.articlePk(articleId), SK: keys.META }, ConsistentRead: true }),
    ),
  );
  return answer.Item as ArticleMeta | undefined;
}

/** The article with its text, layout and claims in text order; 404 unless it is completely stored. */
export async function readArticle(desk: Desk, articleId: string): Promise<{ article: Article; claims: Claim[] }> {
  const items = await queryAll(desk.storage, {
    KeyConditionExpression: 'PK = :pk AND SK BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':pk': keys.articlePk(articleId), ':from': 'BODY#', ':to': keys.META },
  });

  const meta = items.find((item) => item.SK === keys.META);
  if (!meta || meta.state !== 'complete') throw notFound(`No article ${articleId}.`);
  const text = items
    .filter((item) => String(item.SK).startsWith('BODY#'))
    .map((item) => String(item.text))
    .join('');
  const layout = items
    .filter((item) => String(item.SK).startsWith('LAYOUT#'))
    .map((item) => String(item.segments))
    .join('');
  const claims = items.filter((item) => String(item.SK).startsWith('CLAIM#')).map(toClaim);
  const article: Article = {
    ...toSummary(meta),
    text,
    segments: decodeSegments(layout),
  };
  return { article, claims };
}

export async function listArticles(
  desk: Desk,
  query: { limit: number; cursor?: string | undefined },
): Promise<{ items: ArticleSummary[]; nextCursor?: string }> {
  const startKey = desk.cursors.decode('articles', query.cursor);
  const page = await guarded(() =>
    desk.storage.db.send(
      new QueryCommand({
        TableName: desk.storage.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.ARTICLE_LIST_PK },
        ScanIndexForward: false,
        Limit: query.limit,
        ExclusiveStartKey: startKey,
      }),
    ),
  );
  const nextCursor = desk.cursors.encode('articles', page.LastEvaluatedKey);
  return { items: (page.Items ?? []).map((item) => toSummary(item)), ...(nextCursor ? { nextCursor } : {}) };
}

export const emptyCounts = (): StatusCounts => ({ pending: 0, verified: 0, disputed: 0, sourced: 0 });
