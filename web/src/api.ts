/**
 * The only way the dashboard talks to the world: same-origin relative URLs, the token in the
 * Authorization header (never in a URL), problem+json errors turned into ApiError.
 */
import type { Article, ArticleSummary, ArticleWithClaims } from '../../schemas/article.js';
import type { Claim, ClaimMatch, ClaimStatus, ClaimType, Rating, ReviewEvent } from '../../schemas/claim.js';
import type { Problem } from '../../schemas/problem.js';
import { getToken } from './auth.js';

export type { Article, ArticleSummary, Claim, ClaimMatch, ClaimStatus, ClaimType, Rating, ReviewEvent, Problem };

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem> & Record<string, unknown>,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

/** Called when the API says the token is no good (401). */
let onUnauthorised: (() => void) | undefined;
export function whenUnauthorised(callback: () => void): void {
  onUnauthorised = callback;
}

interface RequestOptions {
  body?: unknown;
  ifMatch?: number;
}

async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  return (await send<T>(method, path, options)).data;
}

async function send<T>(method: string, path: string, options: RequestOptions = {}): Promise<{ status: number; data: T }> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.ifMatch !== undefined) headers['If-Match'] = `"${options.ifMatch}"`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, { title: 'Network error', detail: 'The API could not be reached. Check your connection and try again.' });
  }
  const text = await response.text();
  let data: unknown = undefined;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = undefined;
    }
  }
  if (!response.ok) {
    const problem = (typeof data === 'object' && data !== null ? data : {}) as ApiError['problem'];
    if (response.status === 401) onUnauthorised?.();
    throw new ApiError(response.status, { status: response.status, ...problem });
  }
  return { status: response.status, data: data as T };
}

const query = (params: Record<string, string | number | undefined>): string => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};

export interface Page<T> {
  items: T[];
  nextCursor?: string;
}

export interface ReviewChange {
  status?: ClaimStatus;
  rating?: Rating | null;
  /** Reuse the verdict of a claim of another article (API v1.1). */
  basedOn?: string;
  note?: string;
  addSources?: { url: string; title?: string }[];
}

/** GET /stats (API v1.1): totals in one request. */
export interface DeskStats {
  claims: number;
  articles: number;
  statusCounts: Record<ClaimStatus, number>;
}

export interface QueueFilter {
  articleId?: string | undefined;
  type?: ClaimType | undefined;
}

export interface SimilarItem {
  claim: Claim;
  relation: ClaimMatch['relation'];
  similarity: number;
}

/** A file the API makes (CSV, JSON-LD), fetched with the token: the token is not a cookie, so a plain link would be refused. */
export interface Download {
  blob: Blob;
  /** The next page of a paged export (`Link: <…>; rel="next"`). */
  next?: string;
}

async function download(path: string, accept: string): Promise<Download> {
  const headers: Record<string, string> = { Accept: accept };
  const token = getToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, { headers, credentials: 'omit', cache: 'no-store' });
  } catch {
    throw new ApiError(0, { title: 'Network error', detail: 'The API could not be reached. Check your connection and try again.' });
  }
  if (!response.ok) {
    let problem: ApiError['problem'] = {};
    try {
      problem = (await response.json()) as ApiError['problem'];
    } catch {
      /* not problem+json */
    }
    if (response.status === 401) onUnauthorised?.();
    throw new ApiError(response.status, { status: response.status, ...problem });
  }
  const next = /<([^>]+)>\s*;\s*rel="?next"?/.exec(response.headers.get('Link') ?? '')?.[1];
  return { blob: await response.blob(), ...(next ? { next } : {}) };
}

const claimPath = (claimId: string) => `/claims/${encodeURIComponent(claimId)}`;
const articlePath = (articleId: string) => `/articles/${encodeURIComponent(articleId)}`;

export const api = {
  listArticles: (cursor?: string, limit = 200) => request<Page<ArticleSummary>>('GET', `/articles${query({ limit, cursor })}`),
  listArchived: (cursor?: string, limit = 50) => request<Page<ArticleSummary>>('GET', `/articles${query({ archived: 'true', limit, cursor })}`),
  getArticle: (articleId: string) => request<ArticleWithClaims>('GET', articlePath(articleId)),
  archiveArticle: (articleId: string) => request<void>('DELETE', articlePath(articleId)),
  restoreArticle: (articleId: string) => request<unknown>('POST', `${articlePath(articleId)}/restore`),
  submitArticle: (body: { text?: string; html?: string; title?: string; url?: string; source?: string; publishedAt?: string }) =>
    send<ArticleWithClaims>('POST', '/articles', { body }),
  queue: (status: ClaimStatus, cursor?: string, limit = 30, filter: QueueFilter = {}) =>
    request<Page<Claim>>('GET', `/claims${query({ status, articleId: filter.articleId, type: filter.type, limit, cursor })}`),
  stats: () => request<DeskStats>('GET', '/stats'),
  similar: (text: string, limit = 10) => request<{ items: SimilarItem[] }>('GET', `/claims/similar${query({ text, limit })}`),
  getClaim: (claimId: string) => request<{ claim: Claim; history: ReviewEvent[]; historyTruncated?: boolean }>('GET', claimPath(claimId)),
  history: (claimId: string, cursor?: string, limit = 50) => request<Page<ReviewEvent>>('GET', `${claimPath(claimId)}/history${query({ limit, cursor })}`),
  review: (claimId: string, version: number, change: ReviewChange) => request<{ claim: Claim }>('PATCH', claimPath(claimId), { body: change, ifMatch: version }),
  claimReview: (articleId: string) => download(`${articlePath(articleId)}/claimreview`, 'application/ld+json'),
  exportCsv: (filter: { status?: ClaimStatus; articleId?: string | undefined }, next?: string) =>
    download(next ?? `/claims/export.csv${query({ status: filter.status, articleId: filter.articleId })}`, 'text/csv'),
};

export const STATUSES: readonly ClaimStatus[] = ['pending', 'verified', 'disputed', 'sourced', 'dismissed'];
export const RATINGS: readonly Rating[] = ['true', 'mostly-true', 'mixed', 'mostly-false', 'false', 'unproven'];
export const CLAIM_TYPES: readonly ClaimType[] = ['quantity', 'causation', 'rule', 'prediction', 'personal', 'other'];
/** Statuses that may carry a rating (API v1.1). */
export const RATEABLE: readonly ClaimStatus[] = ['verified', 'disputed', 'sourced'];

/** Saves a file made in the browser (a Blob) under `name`. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
