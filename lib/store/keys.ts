import type { ClaimStatus } from '../../schemas/claim.js';

/**
 * One table. An article's partition holds, in sort-key order:
 *   BODY#<n>         the text, in chunks (an item is at most 400 KB)
 *   CLAIM#<seq>      each claim (GSI1: STATUS#<status> → the review queue)
 *   LAYOUT#<n>       how the extractor read each sentence (compact, in chunks)
 *   META             the article (GSI1: ARTICLES → the article list, once complete)
 *   REVIEW#<seq>#<v> one review event per accepted change
 * Only lib/store spells these.
 */
const ARTICLE_PREFIX = 'ARTICLE#';
export const articlePk = (articleId: string) => `${ARTICLE_PREFIX}${articleId}`;
/** The article id of an article partition key; undefined for any other partition. */
export const articleIdOfPk = (pk: unknown): string | undefined =>
  typeof pk === 'string' && pk.startsWith(ARTICLE_PREFIX) ? pk.slice(ARTICLE_PREFIX.length) : undefined;
export const META = 'META';
/** The first sort key of an article partition: every item from here to META is the article, its text and claims. */
export const FIRST_ARTICLE_SK = 'BODY#';
export const bodySk = (chunk: number) => `BODY#${String(chunk).padStart(3, '0')}`;
export const layoutSk = (chunk: number) => `LAYOUT#${String(chunk).padStart(3, '0')}`;
const pad = (seq: number) => String(seq).padStart(5, '0');
export const claimSk = (seq: number) => `CLAIM#${pad(seq)}`;
export const reviewSk = (seq: number, version: number) => `REVIEW#${pad(seq)}#${String(version).padStart(8, '0')}`;
export const reviewPrefix = (seq: number) => `REVIEW#${pad(seq)}#`;

/** The one secondary index: the review queue by status and the article list. */
export const INDEX = 'GSI1';
export const ARTICLE_LIST_PK = 'ARTICLES';
export const articleListSk = (createdAt: string, articleId: string) => `${createdAt}#${articleId}`;

export const queuePk = (status: ClaimStatus) => `STATUS#${status}`;
/** Most check-worthy first (ascending on the inverted score), then oldest, then text order. */
export function queueSk(checkworthiness: number, createdAt: string, articleId: string, seq: number): string {
  const inverted = 1_000_000 - Math.round(Math.min(1, Math.max(0, checkworthiness)) * 1_000_000);
  return `${String(inverted).padStart(7, '0')}#${createdAt}#${articleId}#${pad(seq)}`;
}

/** The position of an item in the index (an ExclusiveStartKey): its table keys and its index keys. */
export function indexPosition(item: Record<string, unknown>): Record<string, unknown> {
  return { PK: item.PK, SK: item.SK, GSI1PK: item.GSI1PK, GSI1SK: item.GSI1SK };
}

/** The item the health check reads: it need not exist, the read only has to be answered. */
export const HEALTH_KEY = { PK: 'HEALTH', SK: 'HEALTH' };

export const claimIdOf = (articleId: string, seq: number) => `${articleId}.${seq}`;
export function parseClaimId(claimId: string): { articleId: string; seq: number } {
  const dot = claimId.lastIndexOf('.');
  return { articleId: claimId.slice(0, dot), seq: Number(claimId.slice(dot + 1)) };
}
