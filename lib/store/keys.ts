import type { ClaimStatus, ClaimType } from '../../schemas/claim.js';

/**
 * One table. An article's partition holds, in sort-key order:
 *   BODY#<n>         the text, in chunks (an item is at most 400 KB)
 *   CLAIM#<seq>      each claim (GSI1: STATUS#<status> → the review queue; GSI2: STATUS#<status>#TYPE#<type>)
 *   LAYOUT#<n>       how the extractor read each sentence (compact, in chunks)
 *   META             the article (GSI1: ARTICLES → the article list, once complete; ARCHIVED once archived)
 *   REPEATS#<seq>    a claim's link summary (its MATCH#<seq># links sort before META)
 *   REVIEW#<seq>#<v> one review event per accepted change
 * and the desk-wide partition DESK holds STATS#<shard> (the desk's counts, one item per shard) and MIGRATION#<name>.
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
/** A claim's link summary (lib/store/matches.ts): after META, so an article read never reads it. */
export const repeatsSk = (seq: number) => `REPEATS#${pad(seq)}`;

/** The first secondary index: the review queue by status and the article lists. */
export const INDEX = 'GSI1';
export const ARTICLE_LIST_PK = 'ARTICLES';
/** Archived articles are listed apart (GET /articles?archived=true), under the same sort key. */
export const ARCHIVED_LIST_PK = 'ARCHIVED';
/** The second secondary index: the review queue by status and claim type, in the same order as GSI1. */
export const TYPE_INDEX = 'GSI2';
export const typeQueuePk = (status: ClaimStatus, type: ClaimType) => `STATUS#${status}#TYPE#${type}`;
/** The claim sort key prefix of an article's partition: its claims in text order. */
export const CLAIM_PREFIX = 'CLAIM#';
export const articleListSk = (createdAt: string, articleId: string) => `${createdAt}#${articleId}`;

export const queuePk = (status: ClaimStatus) => `STATUS#${status}`;
/** Most check-worthy first (ascending on the inverted score), then oldest, then text order. */
export function queueSk(checkworthiness: number, createdAt: string, articleId: string, seq: number): string {
  const inverted = 1_000_000 - Math.round(Math.min(1, Math.max(0, checkworthiness)) * 1_000_000);
  return `${String(inverted).padStart(7, '0')}#${createdAt}#${articleId}#${pad(seq)}`;
}

/** The position of an item in an index (an ExclusiveStartKey): its table keys and that index's keys. */
export function indexPosition(item: Record<string, unknown>, index: 'GSI1' | 'GSI2' = 'GSI1'): Record<string, unknown> {
  return index === 'GSI1'
    ? { PK: item.PK, SK: item.SK, GSI1PK: item.GSI1PK, GSI1SK: item.GSI1SK }
    : { PK: item.PK, SK: item.SK, GSI2PK: item.GSI2PK, GSI2SK: item.GSI2SK };
}

/**
 * The desk's counts live in STATS_SHARDS items, an article's counts always in the same one: reviews of different
 * articles then rarely touch the same counter item (fewer transaction conflicts), and GET /stats reads all of them in
 * one BatchGet (which takes at most 100 keys).
 */
export const STATS_SHARDS = 64;
export const DESK_PK = 'DESK';
export const statsKey = (shard: number) => ({ PK: DESK_PK, SK: `STATS#${String(shard).padStart(2, '0')}` });
export const statsShardOf = (articleId: string) => (parseInt(articleId.slice(0, 6), 16) || 0) % STATS_SHARDS;
export const migrationKey = (name: string) => ({ PK: DESK_PK, SK: `MIGRATION#${name}` });

/** The item the health check reads: it need not exist, the read only has to be answered. */
export const HEALTH_KEY = { PK: 'HEALTH', SK: 'HEALTH' };

export const claimIdOf = (articleId: string, seq: number) => `${articleId}.${seq}`;
export function parseClaimId(claimId: string): { articleId: string; seq: number } {
  const dot = claimId.lastIndexOf('.');
  return { articleId: claimId.slice(0, dot), seq: Number(claimId.slice(dot + 1)) };
}
