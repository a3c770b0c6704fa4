/**
 * The matches repository: the LSH index entries that find repeated claims, and the links between claims of different
 * articles. Pure command builders (`…Input`) and the calls that send them.
 *
 *   LSH#<band>#<bucket> / <claimId>                          one index entry per band of a claim (16): its match text and
 *                                                            article, so candidates are scored without reading claims
 *   ARTICLE#<articleId> / MATCH#<seq>#<rank>#<otherClaimId>  a link of claim <seq> to a claim of another article;
 *                                                            <rank> is the inverted similarity, so a claim's links read
 *                                                            most similar first with a Limit
 *
 * Links are items of their own, never attributes of the claim item: linking never bumps a claim's version (the ETag a
 * reviewer holds stays valid) and a review's Put of the claim can never drop a link written meanwhile.
 */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { Claim, ClaimMatch, type ClaimStatus } from '../../schemas/claim.js';
import { getAll, putAll } from './batch.js';
import { guarded, type Storage } from './client.js';
import { allowed, stamped, type Item } from './items.js';
import * as keys from './keys.js';

export const lshPk = (bandKey: string) => `LSH#${bandKey}`;
const MATCH_PREFIX = 'MATCH#';
const pad = (seq: number) => String(seq).padStart(5, '0');
export const matchPrefix = (seq: number) => `${MATCH_PREFIX}${pad(seq)}#`;
/** Similarity kept to 3 decimals: the same pair always gets the same sort key, so re-linking is idempotent. */
export const roundSimilarity = (similarity: number) => Math.round(Math.min(1, Math.max(0, similarity)) * 1000) / 1000;
export const matchSk = (seq: number, similarity: number, otherClaimId: string) =>
  `${matchPrefix(seq)}${String(1000 - Math.round(roundSimilarity(similarity) * 1000)).padStart(4, '0')}#${otherClaimId}`;

/** What an index entry carries: enough to score a candidate without reading its claim. */
export interface IndexEntry {
  claimId: string;
  articleId: string;
  /** The claim's text as printed, which matching compares. */
  text: string;
}

export function indexEntryItems(entry: IndexEntry, bandKeys: readonly string[]): Item[] {
  return bandKeys.map((bandKey) => stamped('lshEntry', { PK: lshPk(bandKey), SK: entry.claimId }, entry));
}

/** One bucket, at most `limit` entries: a bucket shared by thousands of claims still costs one bounded Query. */
export function bucketInput(tableName: string, bandKey: string, limit: number): QueryCommandInput {
  return {
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk',
    ExpressionAttributeValues: { ':pk': lshPk(bandKey) },
    ProjectionExpression: 'claimId, articleId, #text',
    ExpressionAttributeNames: { '#text': 'text' },
    Limit: limit,
  };
}

export async function readBucket(storage: Storage, bandKey: string, limit: number): Promise<IndexEntry[]> {
  const page = await guarded(() => storage.db.send(new QueryCommand(bucketInput(storage.tableName, bandKey, limit))));
  return (page.Items ?? []).map((item) => ({ claimId: String(item.claimId), articleId: String(item.articleId), text: String(item.text) }));
}

/** A link as stored under the claim it belongs to (`ownerId`); its other fields are the API's ClaimMatch. */
export interface StoredLink {
  ownerId: string;
  match: ClaimMatch;
  linkedAt: string;
}

export function linkItem(link: StoredLink): Item {
  const { articleId, seq } = keys.parseClaimId(link.ownerId);
  return stamped(
    'matchLink',
    { PK: keys.articlePk(articleId), SK: matchSk(seq, link.match.similarity, link.match.claimId) },
    { ...link.match, similarity: roundSimilarity(link.match.similarity), ownerId: link.ownerId, linkedAt: link.linkedAt },
  );
}

export const isLinkItem = (item: Item) => item.entity === 'matchLink';

export function toLink(item: Item): StoredLink {
  return { ownerId: String(item.ownerId), match: allowed(ClaimMatch, item), linkedAt: String(item.linkedAt) };
}

/** A claim's links, most similar first, at most `limit`. */
export function claimLinksInput(tableName: string, claimId: string, limit: number): QueryCommandInput {
  const { articleId, seq } = keys.parseClaimId(claimId);
  return {
    TableName: tableName,
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.articlePk(articleId), ':prefix': matchPrefix(seq) },
    Limit: limit,
  };
}

export async function readClaimLinks(storage: Storage, claimId: string, limit: number): Promise<StoredLink[]> {
  const page = await guarded(() => storage.db.send(new QueryCommand(claimLinksInput(storage.tableName, claimId, limit))));
  return (page.Items ?? []).map(toLink);
}

function claimKey(claimId: string): Item {
  const { articleId, seq } = keys.parseClaimId(claimId);
  return { PK: keys.articlePk(articleId), SK: keys.claimSk(seq) };
}

/** The current status of each claim that exists (one BatchGetItem per 100 claims). */
export async function claimStatuses(storage: Storage, claimIds: readonly string[]): Promise<Map<string, ClaimStatus>> {
  const items = await getAll(storage, claimIds.map(claimKey), ['claimId', 'status']);
  return new Map(items.map((item) => [String(item.claimId), item.status as ClaimStatus]));
}

const CLAIM_FIELDS = Object.keys(Claim.shape);

/** Whole claims by id (those that exist), one BatchGetItem per 100. */
export async function readClaims(storage: Storage, claimIds: readonly string[]): Promise<Map<string, Claim>> {
  const items = await getAll(storage, claimIds.map(claimKey), CLAIM_FIELDS);
  return new Map(items.map((item) => [String(item.claimId), allowed(Claim, item)]));
}

/** Runs `task` over `inputs` with at most `cap` in flight; results in input order. */
export async function inParallel<T, R>(inputs: readonly T[], cap: number, task: (input: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(inputs.length);
  let next = 0;
  const worker = async () => {
    while (next < inputs.length) {
      const i = next++;
      results[i] = await task(inputs[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(cap, inputs.length) }, worker));
  return results;
}

/** Items per putAll call when writing in parallel: 10 BatchWriteItems each. */
const PARALLEL_SLICE = 250;

/** Puts many items with up to `cap` BatchWriteItem sequences in flight (an article's index entries and links). */
export async function putInParallel(storage: Storage, items: Item[], cap = 8): Promise<void> {
  const slices: Item[][] = [];
  for (let i = 0; i < items.length; i += PARALLEL_SLICE) slices.push(items.slice(i, i + PARALLEL_SLICE));
  await inParallel(slices, cap, (slice) => putAll(storage, slice));
}
