/**
 * The only way the dashboard talks to the world: same-origin relative URLs, the token in the
 * Authorization header (never in a URL), problem+json errors turned into ApiError.
 */
import type { Article, ArticleSummary, ArticleWithClaims } from '../../schemas/article.js';
import type { Claim, ClaimStatus, ReviewEvent } from '../../schemas/claim.js';
import type { Problem } from '../../schemas/problem.js';
import { getToken } from './auth.js';

export type { Article, ArticleSummary, Claim, ClaimStatus, ReviewEvent, Problem };

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
  note?: string;
  addSources?: { url: string; title?: string }[];
}

export const api = {
  listArticles: (cursor?: string, limit = 200) => request<Page<ArticleSummary>>('GET', `/articles${query({ limit, cursor })}`),
  getArticle: (articleId: string) => request<ArticleWithClaims>('GET', `/articles/${encodeURIComponent(articleId)}`),
  submitArticle: (body: { text?: string; html?: string; title?: string; url?: string; source?: string; publishedAt?: string }) =>
    send<ArticleWithClaims>('POST', '/articles', { body }),
  queue: (status: ClaimStatus, cursor?: string, limit = 30) => request<Page<Claim>>('GET', `/claims${query({ status, limit, cursor })}`),
  getClaim: (claimId: string) => request<{ claim: Claim; history: ReviewEvent[] }>('GET', `/claims/${encodeURIComponent(claimId)}`),
  review: (claimId: string, version: number, change: ReviewChange) =>
    request<{ claim: Claim }>('PATCH', `/claims/${encodeURIComponent(claimId)}`, { body: change, ifMatch: version }),
};

export const STATUSES: readonly ClaimStatus[] = ['pending', 'verified', 'disputed', 'sourced'];
