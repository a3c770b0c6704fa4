/**
 * Repeated claims across articles (API v1.1): matching at ingest, links both ways, "has anyone checked this already?"
 * and verdict reuse. The pure scoring is lib/match; the index and links are lib/store/matches. See docs/MATCHING.md.
 *
 * Cost of a lookup, whatever the table holds: one Query of at most MATCH_K entries per band key (16 for a claim),
 * then one BatchGetItem for the state of the candidates' articles and one for the matched claims' statuses.
 */
import { MATCHES_PER_CLAIM_MAX, type Claim, type ClaimMatch, type ClaimReview } from '../schemas/claim.js';
import { ClaimId } from '../schemas/query.js';
import type { Desk } from './desk.js';
import {
  bandKeys, compareClaims, LINK_FLOOR, prepareClaim, querySentences, similarText, type Comparison, type PreparedClaim,
} from './match/index.js';
import { conflict, invalidRequest, ProblemError } from './problems.js';
import { completeArticleIds } from './store/articles.js';
import { readClaim as readClaimRecord } from './store/claims.js';
import type { Item } from './store/items.js';
import { parseClaimId } from './store/keys.js';
import {
  claimStatuses, indexEntryItems, readClaims, inParallel, linkItem, readBucket, readClaimLinks, readSummaries, roundSimilarity, summaryItem,
  type IndexEntry, type StoredLink,
} from './store/matches.js';
import { metaKey } from './store/articles.js';

/** Entries read per bucket (Query Limit): a lookup reads at most BANDS × MATCH_K = 400 entries. */
export const MATCH_K = 25;
/**
 * Bucket Queries in flight at once for one request (an article of 1,000 claims needs up to 16,000). Eight keeps
 * several ingests at once from swamping the table's request rate (the load tests: 20 clients at once).
 */
export const LOOKUP_CONCURRENCY = 8;
/** `/claims/similar`: the whole text's keys and those of its first sentences, at most this many Queries. */
export const SIMILAR_MAX_QUERIES = 64;
export const SIMILAR_FLOOR = 0.5;
/** Links read for one claim on GET /claims/{id}: room for some whose article was archived since. */
const LINKS_READ = 2 * MATCHES_PER_CLAIM_MAX;

/** What matching compares: the claim as printed (stand-alone rewordings depend on context and would differ). */
export const matchTextOf = (claim: Pick<Claim, 'text'>) => claim.text;

const byStrength = (a: { similarity: number; relation: string }, b: { similarity: number; relation: string }) =>
  b.similarity - a.similarity || (a.relation === b.relation ? 0 : a.relation === 'same' ? -1 : 1);

/** The differing content words, for the dashboard to highlight (normalised forms: "3000", "%", "not"). */
function differences(comparison: Comparison, flip: boolean): ClaimMatch['differences'] {
  const here = flip ? comparison.onlyB : comparison.onlyA;
  const there = flip ? comparison.onlyA : comparison.onlyB;
  if (comparison.changed.length === 0 && here.length === 0 && there.length === 0) return undefined;
  return { changed: [...comparison.changed], here: [...here], there: [...there] };
}

/**
 * Reads the distinct buckets of `bandKeyLists` in list order (bounded Queries, `LOOKUP_CONCURRENCY` at a time). No
 * Query starts after `deadlineMs`: buckets left unread are absent from the result. With `bestEffort` (matching at
 * ingest), a bucket storage did not answer is left unread too, and no further Query starts: the article is still
 * stored and indexed (later articles link to it), and a storage outage is left to the writes to report, well inside
 * the function's timeout instead of after a Query that waited for every bucket.
 */
async function readBuckets(
  desk: Desk,
  bandKeyLists: readonly string[][],
  options: { deadlineMs?: number; bestEffort?: boolean } = {},
): Promise<Map<string, IndexEntry[]>> {
  const distinct = [...new Set(bandKeyLists.flat())];
  const deadlineMs = options.deadlineMs ?? Infinity;
  let unanswered = false;
  const pages = await inParallel(distinct, LOOKUP_CONCURRENCY, async (key) => {
    if (unanswered || Date.now() > deadlineMs) return undefined;
    try {
      return await readBucket(desk.storage, key, MATCH_K);
    } catch (error) {
      if (!options.bestEffort || !(error instanceof ProblemError && error.status === 503)) throw error;
      unanswered = true;
      return undefined;
    }
  });
  const read = new Map<string, IndexEntry[]>();
  distinct.forEach((key, i) => pages[i] && read.set(key, pages[i]));
  return read;
}

export interface Repeats {
  /** Index entries, links and the new claims' link summaries to write with the article's claims (same batch). */
  items: Item[];
  /** The links back from matched claims of other articles, to add to their summaries (summaryUpdates, at completion). */
  backLinks: StoredLink[];
  /** Each new claim's matches, most similar first, ≤ 10, statuses at link time. */
  matches: Map<string, ClaimMatch[]>;
  /** Claims not looked up before the deadline (still indexed: later articles that repeat them link to them). */
  notLookedUp: number;
}

/**
 * Finds, for each new claim of an article, the stored claims of other listed articles that repeat it, and builds the
 * items to write: its 16 index entries, a link under the new claim and one back under each matched claim.
 */
export async function findRepeats(desk: Desk, articleId: string, claims: readonly Claim[], at: string, deadlineMs = Infinity): Promise<Repeats> {
  const keyLists = claims.map((claim) => bandKeys(matchTextOf(claim)));
  // The most check-worthy claims are looked up first, so a deadline leaves out the least worth checking.
  const order = claims.map((_, i) => i).sort((a, b) => claims[b]!.checkworthiness - claims[a]!.checkworthiness);
  const buckets = await readBuckets(desk, order.map((i) => keyLists[i]!), { deadlineMs, bestEffort: true });
  let notLookedUp = 0;
  const prepared = new Map<string, PreparedClaim>();
  const preparedOf = (entry: IndexEntry) => prepared.get(entry.claimId) ?? prepared.set(entry.claimId, prepareClaim(entry.text)).get(entry.claimId)!;

  const found = claims.map((claim, i) => {
    if (!keyLists[i]!.every((key) => buckets.has(key))) {
      notLookedUp++;
      return [];
    }
    const mine = prepareClaim(matchTextOf(claim));
    const seen = new Map<string, { entry: IndexEntry; comparison: Comparison }>();
    for (const key of keyLists[i]!) {
      for (const entry of buckets.get(key) ?? []) {
        if (entry.articleId === articleId || seen.has(entry.claimId)) continue;
        const comparison = compareClaims(mine, preparedOf(entry));
        if (comparison) seen.set(entry.claimId, { entry, comparison });
      }
    }
    return [...seen.values()];
  });

  const listed = await completeArticleIds(desk.storage, [...new Set(found.flat().map((f) => f.entry.articleId))]);
  const kept = found.map((list) =>
    list
      .filter((f) => listed.has(f.entry.articleId))
      .sort((a, b) => byStrength(a.comparison, b.comparison))
      .slice(0, MATCHES_PER_CLAIM_MAX),
  );
  const statuses = await claimStatuses(desk.storage, [...new Set(kept.flat().map((f) => f.entry.claimId))]);

  const items: Item[] = [];
  const backLinks: StoredLink[] = [];
  const matches = new Map<string, ClaimMatch[]>();
  claims.forEach((claim, i) => {
    const forwardLinks: StoredLink[] = [];
    items.push(...indexEntryItems({ claimId: claim.claimId, articleId, text: matchTextOf(claim) }, keyLists[i]!));
    const list: ClaimMatch[] = [];
    for (const { entry, comparison } of kept[i]!) {
      const status = statuses.get(entry.claimId);
      if (!status) continue;
      const similarity = roundSimilarity(comparison.similarity);
      const forward = differences(comparison, false);
      const backward = differences(comparison, true);
      const match: ClaimMatch = { claimId: entry.claimId, articleId: entry.articleId, relation: comparison.relation, similarity, status, ...(forward ? { differences: forward } : {}) };
      list.push(match);
      const forwardLink = { ownerId: claim.claimId, match, linkedAt: at };
      const backLink: StoredLink = {
        ownerId: entry.claimId,
        match: { claimId: claim.claimId, articleId, relation: comparison.relation, similarity, status: claim.status, ...(backward ? { differences: backward } : {}) },
        linkedAt: at,
      };
      forwardLinks.push(forwardLink);
      backLinks.push(backLink);
      items.push(linkItem(forwardLink), linkItem(backLink));
    }
    if (list.length) matches.set(claim.claimId, list);
    if (forwardLinks.length) items.push(summaryItem(claim.claimId, forwardLinks));
  });
  return { items, backLinks, matches, notLookedUp };
}

/** Matches from stored links (status at link time), skipping claims of articles that are no longer listed. */
export async function attachMatches(desk: Desk, claims: Claim[], links: readonly StoredLink[]): Promise<Claim[]> {
  if (links.length === 0) return claims;
  const listed = await completeArticleIds(desk.storage, [...new Set(links.map((link) => link.match.articleId))]);
  const byOwner = new Map<string, ClaimMatch[]>();
  for (const link of links) {
    if (!listed.has(link.match.articleId)) continue;
    (byOwner.get(link.ownerId) ?? byOwner.set(link.ownerId, []).get(link.ownerId)!).push(link.match);
  }
  return claims.map((claim) => {
    const list = byOwner.get(claim.claimId);
    return list ? { ...claim, matches: list.sort(byStrength).slice(0, MATCHES_PER_CLAIM_MAX) } : claim;
  });
}

/** Claims of articles stored before link summaries: their links are read with a Query each, this many at a time. */
const QUEUE_LINKS_CONCURRENCY = 16;

/**
 * Queue items with their matches (status at link time), so the dashboard can group repeats: the page's link summaries
 * and its articles' META in one BatchGetItem (per 100 keys), then one for the linked articles' state. Claims of
 * articles stored before summaries existed (no `linkSummaries` on META) read their links with a Query each, as before.
 */
export async function withQueueMatches(desk: Desk, claims: Claim[]): Promise<Claim[]> {
  if (claims.length === 0) return claims;
  const articleIds = [...new Set(claims.map((claim) => claim.articleId))];
  const { summaries, also } = await readSummaries(desk.storage, claims.map((claim) => claim.claimId), articleIds.map(metaKey));
  const summarised = new Set(also.filter((item) => item.linkSummaries === true).map((item) => String(item.articleId)));
  const older = claims.filter((claim) => !summarised.has(claim.articleId));
  const pages = await inParallel(older, QUEUE_LINKS_CONCURRENCY, (claim) => readClaimLinks(desk.storage, claim.claimId, MATCHES_PER_CLAIM_MAX));
  const summarisedLinks = claims.filter((claim) => summarised.has(claim.articleId)).flatMap((claim) => summaries.get(claim.claimId) ?? []);
  return attachMatches(desk, claims, [...summarisedLinks, ...pages.flat()]);
}

/** A claim's matches with each linked claim's status as it is now (GET /claims/{id}): one Query, two BatchGets. */
export async function currentMatches(desk: Desk, claimId: string): Promise<ClaimMatch[]> {
  const links = await readClaimLinks(desk.storage, claimId, LINKS_READ);
  if (links.length === 0) return [];
  const [listed, statuses] = await Promise.all([
    completeArticleIds(desk.storage, [...new Set(links.map((link) => link.match.articleId))]),
    claimStatuses(desk.storage, links.map((link) => link.match.claimId)),
  ]);
  return links
    .filter((link) => listed.has(link.match.articleId) && statuses.has(link.match.claimId))
    .map((link) => ({ ...link.match, status: statuses.get(link.match.claimId)! }))
    .sort(byStrength)
    .slice(0, MATCHES_PER_CLAIM_MAX);
}

export interface SimilarItem {
  claim: Claim;
  relation: ClaimMatch['relation'];
  similarity: number;
}

/** The band keys a pasted text is looked up by: the whole text's, then each sentence's, at most SIMILAR_MAX_QUERIES. */
export function similarLookupKeys(text: string): string[] {
  const keys = new Set(bandKeys(text));
  const sentences = querySentences(text);
  if (sentences.length > 1) {
    for (const sentence of sentences) {
      const more = bandKeys(sentence).filter((key) => !keys.has(key));
      if (keys.size + more.length > SIMILAR_MAX_QUERIES) break;
      for (const key of more) keys.add(key);
    }
  }
  return [...keys];
}

/** "Has anyone checked this already?": stored claims of listed articles similar to `text`, most similar first. */
export async function similarClaims(desk: Desk, text: string, limit: number): Promise<SimilarItem[]> {
  const keys = similarLookupKeys(text);
  const buckets = await readBuckets(desk, [keys]);
  const candidates = new Map<string, IndexEntry>();
  for (const entries of buckets.values()) for (const entry of entries) candidates.set(entry.claimId, entry);
  const hits = similarText(text, [...candidates.values()], (entry) => entry.text, candidates.size).filter(
    (hit) => hit.similarity >= Math.max(SIMILAR_FLOOR, LINK_FLOOR),
  );
  if (hits.length === 0) return [];
  const listed = await completeArticleIds(desk.storage, [...new Set(hits.map((hit) => hit.item.articleId))]);
  const top = hits.filter((hit) => listed.has(hit.item.articleId)).slice(0, limit);
  const claims = await readClaims(desk.storage, top.map((hit) => hit.item.claimId));
  return top.flatMap((hit) => {
    const claim = claims.get(hit.item.claimId);
    return claim ? [{ claim, relation: hit.relation, similarity: roundSimilarity(hit.similarity) }] : [];
  });
}

/**
 * A review with `basedOn`, resolved into a plain review: status and rating not given are copied from the other claim,
 * and its sources are added (after the reviewer's own). The rules of markClaim then apply as to any review.
 */
export function reuseVerdict(review: ClaimReview, based: Claim): ClaimReview {
  const sources = [...(review.addSources ?? []), ...based.sources.map((s) => ({ url: s.url, ...(s.title ? { title: s.title } : {}) }))];
  const rating = review.rating !== undefined ? review.rating : based.rating;
  return {
    ...review,
    status: review.status ?? based.status,
    ...(rating !== undefined ? { rating } : {}),
    ...(sources.length ? { addSources: sources } : {}),
  };
}

/** The claim a review is based on: 400 when there is no such claim, 409 when its verdict cannot be reused here. */
export async function basedOnClaim(desk: Desk, claimId: string, basedOn: string): Promise<Claim> {
  const unknown = () => invalidRequest(`No claim ${basedOn} to base this review on.`, [{ path: 'basedOn', message: 'is not a claim of the desk' }]);
  if (!ClaimId.safeParse(basedOn).success) throw unknown();
  if (basedOn === claimId) throw conflict('A review cannot be based on the claim itself: name a claim of another article.');
  if (parseClaimId(basedOn).articleId === parseClaimId(claimId).articleId) {
    throw conflict('A review can only reuse the verdict of a claim of another article.');
  }
  const { claim } = await readClaimRecord(desk.storage, basedOn);
  const listed = claim ? await completeArticleIds(desk.storage, [claim.articleId]) : new Set<string>();
  if (!claim || !listed.has(claim.articleId)) throw unknown();
  if (claim.status === 'pending') throw conflict(`Claim ${basedOn} has no verdict yet (it is pending): there is nothing to reuse.`);
  return claim;
}
