import type { ClaimStatus } from '../../schemas/claim.js';

/**
 * One table. An article's partition holds, in sort-key order:
 *   BODY#<n>         the text, in chunks (an item is at most 400 KB)
 *   CLAIM#<seq>      each claim (GSI1: STATUS#<status> → the review queue)
 *   LAYOUT#<n>       how the extractor read each sentence (compact, in chunks)
 *   META             the article (GSI1: ARTICLES → the article list, once complete)
 *   REVIEW#<seq>#<v> one review event per accepted change
 */
export const articlePk = (articleId: string) => `ARTICLE#${articleId}`;
export const META = 'META';
export const bodySk = (chunk: number) => `BODY#${String(chunk).padStart(3, '0')}`;
export const layoutSk = (chunk: number) => `LAYOUT#${String(chunk).padStart(3, '0')}`;
const pad = (seq: number) => String(seq).padStart(5, '0');
export const claimSk = (seq: number) => `CLAIM#${pad(seq)}`;
export const reviewSk = (seq: number, version: number) => `REVIEW#${pad(seq)}#${String(version).padStart(8, '0')}`;
export const reviewPrefix = (seq: number) => `REVIEW#${pad(seq)}#`;

export const ARTICLE_LIST_PK = 'ARTICLES';
export const articleListSk = (createdAt: string, articleId: string) => `${createdAt}#${articleId}`;

export const queuePk = (status: ClaimStatus) => `STATUS#${status}`;
/** Most check-worthy first (ascending on the inverted score), then oldest, then text order. */
export function queueSk(checkworthiness: number, createdAt: string, articleId: string, seq: number): string {
  const inverted = 1_000_000 - Math.round(Math.min(1, Math.max(0, checkworthiness)) * 1_000_000);
  return `${String(inverted).padStart(7, '0')}#${createdAt}#${articleId}#${pad(seq)}`;
}

export const claimIdOf = (articleId: string, seq: number) => `${articleId}.${seq}`;
export function parseClaimId(claimId: string): { articleId: string; seq: number } {
  const dot = claimId.lastIndexOf('.');
  return { articleId: claimId.slice(0, dot), seq: Number(claimId.slice(dot + 1)) };
}
