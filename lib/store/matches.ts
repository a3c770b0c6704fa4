/**
 * The matches repository: the LSH index entries that find repeated claims, and the links between claims of different
 * articles. Pure command builders (`…Input`) and the calls that send them.
 *
 *   LSH#<band>#<bucket> / <claimId>                          one index entry per band of a claim (16): its match text and
 *                                                            article, so candidates are scored without reading claims
 *   ARTICLE#<articleId> / MATCH#<seq>#<rank>#<otherClaimId>  a link of claim <seq> to a claim of another article;
 *                                                            <rank> is the inverted similarity, so a claim's links read
 *                                                            most similar first with a Limit
 *   ARTICLE#<articleId> / REPEATS#<seq>                      the link summary of claim <seq>: its strongest links, one
 *                                                            attribute each named <rank>#<otherClaimId> (the link's sort
 *                                                            key without its prefix), so a queue page reads the links of
 *                                                            all its claims in one BatchGetItem instead of a Query each.
 *                                                            Written with the links (articles whose META has
 *                                                            `linkSummaries`: older ones have only the link items)
 *
 * Links are items of their own, never attributes of the claim item: linking never bumps a claim's version (the ETag a
 * reviewer holds stays valid) and a review's Put of the claim can never drop a link written meanwhile.
 */
import { QueryCommand, UpdateCommand, type QueryCommandInput, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { storageUnavailable } from '../problems.js';
import { backoff, CONFLICT_BACKOFF } from './backoff.js';
import { Claim, ClaimMatch, MATCHES_PER_CLAIM_MAX, type ClaimStatus } from '../../schemas/claim.js';
import { getAll, putAll } from './batch.js';
import { guarded, transact, type Storage } from './client.js';
import { allowed, SCHEMA_VERSION, stamped, type Item } from './items.js';
import * as keys from './keys.js';

export const lshPk = (bandKey: string) => `LSH#${bandKey}`;
const MATCH_PREFIX = 'MATCH#';
const pad = (seq: number) => String(seq).padStart(5, '0');
export const matchPrefix = (seq: number) => `${MATCH_PREFIX}${pad(seq)}#`;
/** Similarity kept to 3 decimals: the same pair always gets the same sort key, so re-linking is idempotent. */
export const roundSimilarity = (similarity: number) => Math.round(Math.min(1, Math.max(0, similarity)) * 1000) / 1000;
/** `<rank>#<otherClaimId>`: a link's place among its owner's links (key order is strongest first). */
export const linkRank = (similarity: number, otherClaimId: string) =>
  `${String(1000 - Math.round(roundSimilarity(similarity) * 1000)).padStart(4, '0')}#${otherClaimId}`;
export const matchSk = (seq: number, similarity: number, otherClaimId: string) => `${matchPrefix(seq)}${linkRank(similarity, otherClaimId)}`;

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

// ---- Link summaries ------------------------------------------------------------------------------------------

/** A summary keeps the first MATCHES_PER_CLAIM_MAX links in key order, as the Query it replaces read (Limit 10). */
export const SUMMARY_KEPT = MATCHES_PER_CLAIM_MAX;
const RANK = /^\d{4}#/;
const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export const summaryKey = (claimId: string): Item => {
  const { articleId, seq } = keys.parseClaimId(claimId);
  return { PK: keys.articlePk(articleId), SK: keys.repeatsSk(seq) };
};

/** What a summary entry holds: the link's match, as the link item has it. */
const entryOf = (link: StoredLink) => ({ ...link.match, similarity: roundSimilarity(link.match.similarity), linkedAt: link.linkedAt });

/** A new claim's summary, written in the same batch as its links (nobody else links to it before its article is listed). */
export function summaryItem(ownerId: string, links: readonly StoredLink[]): Item {
  const entries = Object.fromEntries(
    links
      .map((link) => [linkRank(link.match.similarity, link.match.claimId), entryOf(link)] as const)
      .sort(([a], [b]) => byKey(a, b))
      .slice(0, SUMMARY_KEPT),
  );
  return stamped('linkSummary', summaryKey(ownerId), { ...entries, ownerId });
}

/** The links a summary item holds, strongest first (key order), at most SUMMARY_KEPT. */
export function summaryLinks(item: Item): StoredLink[] {
  const ownerId = String(item.ownerId);
  return Object.keys(item)
    .filter((name) => RANK.test(name))
    .sort(byKey)
    .slice(0, SUMMARY_KEPT)
    .map((name) => {
      const entry = item[name] as Item;
      return { ownerId, match: allowed(ClaimMatch, entry), linkedAt: String(entry.linkedAt) };
    });
}

/**
 * Adds links to a stored claim's summary: SETs those that rank among its first SUMMARY_KEPT (with what `stored` holds)
 * and REMOVEs stored entries pushed out. Concurrent writers only ever add, so removing what ranks past the kept ones
 * here is right whatever they add; undefined when nothing changes (the new links all rank past the kept ones).
 */
export function summaryUpdateInput(tableName: string, ownerId: string, stored: Item | undefined, links: readonly StoredLink[]): UpdateCommandInput | undefined {
  const held = Object.keys(stored ?? {}).filter((name) => RANK.test(name));
  const added = new Map(links.map((link) => [linkRank(link.match.similarity, link.match.claimId), link]));
  const all = [...new Set([...held, ...added.keys()])].sort(byKey);
  const kept = new Set(all.slice(0, SUMMARY_KEPT));
  const set = [...added.keys()].filter((name) => kept.has(name) && !held.includes(name));
  const remove = held.filter((name) => !kept.has(name));
  if (set.length === 0 && remove.length === 0) return undefined;
  const names: Record<string, string> = { '#owner': 'ownerId', '#entity': 'entity', '#v': 'v' };
  const values: Record<string, unknown> = { ':owner': ownerId, ':entity': 'linkSummary', ':v': SCHEMA_VERSION };
  const sets = ['#owner = :owner', '#entity = :entity', '#v = :v'];
  set.forEach((name, i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = entryOf(added.get(name)!);
    sets.push(`#s${i} = :s${i}`);
  });
  remove.forEach((name, i) => (names[`#r${i}`] = name));
  return {
    TableName: tableName,
    Key: summaryKey(ownerId),
    UpdateExpression: `SET ${sets.join(', ')}${remove.length ? ` REMOVE ${remove.map((_, i) => `#r${i}`).join(', ')}` : ''}`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: values,
  };
}

/** Summary updates per TransactWriteItems (DynamoDB's limit is 100 actions). */
export const SUMMARY_TRANSACTION = 100;
/** Conflicted attempts of one transaction before its updates go one by one. */
const SUMMARY_TRANSACTION_ATTEMPTS = 3;
/** How long one summary update is retried while other transactions hold its item. */
const SUMMARY_CONFLICT_MS = 8_000;

/** An UpdateItem on an item that a transaction in flight holds: nothing was written. */
const isConflict = (error: unknown) => error instanceof Error && error.name === 'TransactionConflictException';

/** One UpdateItem, retried while another ingest's transaction holds the same summary (nothing is written then). */
async function updateSummary(storage: Storage, input: UpdateCommandInput): Promise<void> {
  const deadline = Date.now() + SUMMARY_CONFLICT_MS;
  for (let attempt = 1; ; attempt++) {
    try {
      await guarded(() => storage.db.send(new UpdateCommand(input)));
      return;
    } catch (error) {
      if (!isConflict(error)) throw error;
      if (Date.now() > deadline) throw storageUnavailable(`link summary: ${input.Key?.PK} ${input.Key?.SK} held by other transactions`);
      await backoff(attempt, CONFLICT_BACKOFF);
    }
  }
}

/**
 * The summary updates for back-links into claims of other (listed) articles, which other ingests may link to at the
 * same time: their summaries are read in one BatchGetItem per 100, and only those that change get an update. Updates
 * only SET and REMOVE named entries, so sending one twice, or after another ingest's, is harmless.
 */
export async function summaryUpdates(storage: Storage, links: readonly StoredLink[]): Promise<UpdateCommandInput[]> {
  const byOwner = new Map<string, StoredLink[]>();
  for (const link of links) (byOwner.get(link.ownerId) ?? byOwner.set(link.ownerId, []).get(link.ownerId)!).push(link);
  if (byOwner.size === 0) return [];
  const stored = await getAll(storage, [...byOwner.keys()].map(summaryKey), undefined, { consistent: true });
  const storedOf = new Map(stored.map((item) => [String(item.ownerId), item]));
  return [...byOwner].flatMap(([ownerId, owned]) => summaryUpdateInput(storage.tableName, ownerId, storedOf.get(ownerId), owned) ?? []);
}

/** A summary update as a transaction item (the ingest's completion carries them when they fit). */
export const summaryTransactItem = (input: UpdateCommandInput) => ({ Update: { ...input, UpdateExpression: input.UpdateExpression! } });

/**
 * Summary updates on their own, when the completion could not carry them: up to 100 in one transaction, retried on a
 * collision with another ingest's, then sent as single UpdateItems (8 at a time), which only wait out the transactions
 * holding their own item.
 */
export async function writeSummaries(storage: Storage, updates: readonly UpdateCommandInput[]): Promise<void> {
  for (let i = 0; i < updates.length; i += SUMMARY_TRANSACTION) {
    const chunk = updates.slice(i, i + SUMMARY_TRANSACTION);
    if (chunk.length === 1) {
      await updateSummary(storage, chunk[0]!);
      continue;
    }
    // Summary updates carry no condition: a transaction that is not written collided with another ingest's.
    for (let attempt = 1; (await transact(storage, { TransactItems: chunk.map(summaryTransactItem) })) !== 'written'; attempt++) {
      if (attempt >= SUMMARY_TRANSACTION_ATTEMPTS) {
        await inParallel(chunk, 8, (input) => updateSummary(storage, input));
        break;
      }
      await backoff(attempt, CONFLICT_BACKOFF);
    }
  }
}

/** The summaries of these claims that exist (one BatchGetItem per 100), with `also` read in the same requests. */
export async function readSummaries(storage: Storage, claimIds: readonly string[], also: Item[] = []): Promise<{ summaries: Map<string, StoredLink[]>; also: Item[] }> {
  const items = await getAll(storage, [...claimIds.map(summaryKey), ...also], undefined);
  const summaries = new Map<string, StoredLink[]>();
  const rest: Item[] = [];
  for (const item of items) {
    if (item.entity === 'linkSummary') summaries.set(String(item.ownerId), summaryLinks(item));
    else rest.push(item);
  }
  return { summaries, also: rest };
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
