/** The pure parts of repeated claims: verdict reuse, one claim per repeated sentence, and the index/link items. */
import { describe, expect, it, vi } from 'vitest';
import type { Claim } from '../../schemas/claim.js';
import { distinctClaims } from '../../lib/articles.js';
import { analyseArticle as analyseWith, defaultExtractor } from '../../lib/extract/index.js';

const analyseArticle = (text: string) => analyseWith(text, defaultExtractor());
import { BANDS } from '../../lib/match/index.js';
import { MATCH_K, reuseVerdict, SIMILAR_MAX_QUERIES, similarLookupKeys } from '../../lib/repeats.js';
import { bucketInput, claimLinksInput, indexEntryItems, linkItem, matchSk, summaryItem, summaryLinks, summaryUpdateInput, toLink, writeSummaries, type StoredLink } from '../../lib/store/matches.js';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { Storage } from '../../lib/store/client.js';
import { DEMO_TEXT } from '../support/desk.js';

const based: Claim = {
  seq: 3, text: 'Russia staged exercises with 3,000 troops.', start: 0, end: 42, checkworthiness: 0.9, type: 'quantity',
  claimId: 'aaaaaaaaaaaaaaaaaaaaaaaa.3', articleId: 'aaaaaaaaaaaaaaaaaaaaaaaa', status: 'disputed', rating: 'mostly-false', version: 4,
  sources: [{ url: 'https://example.org/a', title: 'A', addedBy: 'bob', addedAt: '2026-01-01T00:00:00.000Z' }, { url: 'https://example.org/b', addedBy: 'bob', addedAt: '2026-01-01T00:00:00.000Z' }],
  createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('reuseVerdict', () => {
  it('copies status, rating and sources when not given', () => {
    expect(reuseVerdict({ basedOn: based.claimId }, based)).toEqual({
      basedOn: based.claimId, status: 'disputed', rating: 'mostly-false',
      addSources: [{ url: 'https://example.org/a', title: 'A' }, { url: 'https://example.org/b' }],
    });
  });
  it("keeps what the reviewer gives (a rating of null too) and adds the other claim's sources after theirs", () => {
    const review = reuseVerdict({ basedOn: based.claimId, status: 'verified', rating: null, note: 'n', addSources: [{ url: 'https://mine.org/' }] }, based);
    expect(review).toMatchObject({ status: 'verified', rating: null, note: 'n' });
    expect(review.addSources!.map((s) => s.url)).toEqual(['https://mine.org/', 'https://example.org/a', 'https://example.org/b']);
  });
  it('sets no rating when the other claim has none', () => {
    const { rating: _, ...unrated } = based;
    expect(reuseVerdict({ basedOn: based.claimId }, { ...unrated, sources: [] })).toEqual({ basedOn: based.claimId, status: 'disputed' });
  });
});

describe('distinctClaims', () => {
  it('keeps the first of a repeated sentence, renumbers, and leaves the second copy in the layout as a sentence', () => {
    const once = analyseArticle(DEMO_TEXT);
    const twice = distinctClaims(analyseArticle(`${DEMO_TEXT}\n\n${DEMO_TEXT}`));
    const texts = twice.claims.map((c) => c.text);
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts.slice(0, once.claims.length)).toEqual(once.claims.map((c) => c.text));
    expect(twice.claims.map((c) => c.seq)).toEqual(texts.map((_, i) => i + 1));
    const claimSegments = twice.segments.filter((s) => s.kind === 'claim');
    expect(claimSegments.map((s) => s.start)).toEqual(twice.claims.map((c) => c.start));
  });
  it('changes nothing when no sentence repeats', () => {
    const once = analyseArticle(DEMO_TEXT);
    expect(distinctClaims(once)).toBe(once);
  });
});

describe('index entries and links', () => {
  it('one entry per band key, keyed LSH#<band>#<bucket> / claimId, carrying what scoring needs', () => {
    const items = indexEntryItems({ claimId: based.claimId, articleId: based.articleId, text: based.text }, ['0#abc', '1#def']);
    expect(items).toEqual([
      { PK: 'LSH#0#abc', SK: based.claimId, claimId: based.claimId, articleId: based.articleId, text: based.text, entity: 'lshEntry', v: 1 },
      { PK: 'LSH#1#def', SK: based.claimId, claimId: based.claimId, articleId: based.articleId, text: based.text, entity: 'lshEntry', v: 1 },
    ]);
  });
  it('a bucket is one Query with Limit K, never a Scan', () => {
    expect(bucketInput('t', '3#xyz', MATCH_K)).toMatchObject({ TableName: 't', KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': 'LSH#3#xyz' }, Limit: 25 });
  });
  it('links sort most similar first under their claim and read back as the API match', () => {
    expect(matchSk(7, 0.9, 'b.1') < matchSk(7, 0.6, 'a.1')).toBe(true);
    expect(matchSk(7, 1, 'b.1')).toBe('MATCH#00007#0000#b.1');
    const match = { claimId: 'bbbbbbbbbbbbbbbbbbbbbbbb.2', articleId: 'bbbbbbbbbbbbbbbbbbbbbbbb', relation: 'related' as const, similarity: 0.81234, status: 'pending' as const, differences: { changed: ['number' as const], here: ['3000'], there: ['30000'] } };
    const item = linkItem({ ownerId: based.claimId, match, linkedAt: 'now' });
    expect(item).toMatchObject({ PK: 'ARTICLE#aaaaaaaaaaaaaaaaaaaaaaaa', SK: 'MATCH#00003#0188#bbbbbbbbbbbbbbbbbbbbbbbb.2', entity: 'matchLink' });
    expect(toLink(item)).toEqual({ ownerId: based.claimId, match: { ...match, similarity: 0.812 }, linkedAt: 'now' });
    expect(claimLinksInput('t', based.claimId, 20)).toMatchObject({ ExpressionAttributeValues: { ':pk': 'ARTICLE#aaaaaaaaaaaaaaaaaaaaaaaa', ':prefix': 'MATCH#00003#' }, Limit: 20 });
  });
  it('a pasted text is looked up by at most 64 bucket Queries however long it is', () => {
    expect(similarLookupKeys('Russia staged exercises with 3,000 troops.')).toHaveLength(BANDS);
    expect(similarLookupKeys(DEMO_TEXT.slice(0, 2000)).length).toBeLessThanOrEqual(SIMILAR_MAX_QUERIES);
  });
});

describe('link summaries (a queue page reads its claims\' links in one BatchGetItem)', () => {
  const link = (n: number, similarity: number): StoredLink => ({
    ownerId: based.claimId,
    match: { claimId: `bbbbbbbbbbbbbbbbbbbbbbb${n.toString(16)}.1`, articleId: `bbbbbbbbbbbbbbbbbbbbbbb${n.toString(16)}`, relation: 'related', similarity, status: 'pending' },
    linkedAt: 'now',
  });
  const twelve = Array.from({ length: 12 }, (_, n) => link(n, (60 + n) / 100));
  const sk = (l: StoredLink) => matchSk(3, l.match.similarity, l.match.claimId);
  // what the Query on the link items read: the first 10 in key order
  const queried = (links: StoredLink[]) => [...links].sort((a, b) => (sk(a) < sk(b) ? -1 : 1)).slice(0, 10);

  it('holds the first 10 links in key order, as the Query of the link items read them', () => {
    const item = summaryItem(based.claimId, twelve);
    expect(item).toMatchObject({ PK: 'ARTICLE#aaaaaaaaaaaaaaaaaaaaaaaa', SK: 'REPEATS#00003', entity: 'linkSummary', ownerId: based.claimId });
    expect(summaryLinks(item)).toEqual(queried(twelve));
  });

  it('an update adds what ranks among the first 10 and removes what it pushes out; nothing when all rank after', () => {
    const stored = summaryItem(based.claimId, twelve.slice(0, 10));
    const stronger = link(20, 0.99);
    const update = summaryUpdateInput('t', based.claimId, stored, [stronger])!;
    expect(update.Key).toEqual({ PK: 'ARTICLE#aaaaaaaaaaaaaaaaaaaaaaaa', SK: 'REPEATS#00003' });
    const names = update.ExpressionAttributeNames!;
    const setNames = Object.entries(names).filter(([k]) => k.startsWith('#s')).map(([, v]) => v);
    const removed = Object.entries(names).filter(([k]) => k.startsWith('#r')).map(([, v]) => v);
    expect(setNames).toEqual([sk(stronger).slice('MATCH#00003#'.length)]);
    // the weakest of the ten stored (similarity 0.6) leaves
    expect(removed).toEqual([sk(twelve[0]!).slice('MATCH#00003#'.length)]);
    expect(summaryUpdateInput('t', based.claimId, stored, [link(21, 0.5)])).toBeUndefined();
    // a summary not yet stored takes the link (an older claim's first back-link)
    expect(summaryUpdateInput('t', based.claimId, undefined, [link(21, 0.5)])!.UpdateExpression).not.toContain('REMOVE');
  });

  it('summaries written apart: one transaction; after colliding three times, single updates that wait out the holder', async () => {
    const updates = [link(1, 0.9), link(2, 0.8), link(3, 0.7)].map((l, i) => summaryUpdateInput('t', `aaaaaaaaaaaaaaaaaaaaaaa${i}.1`, undefined, [l])!);
    const collided = () => new TransactionCanceledException({ message: 'cancelled', $metadata: {}, CancellationReasons: [{ Code: 'TransactionConflict' }] });
    const held = Object.assign(new Error('held'), { name: 'TransactionConflictException' });
    const send = vi.fn().mockResolvedValue({});
    const storage = { db: { send }, tableName: 't' } as unknown as Storage;
    await writeSummaries(storage, updates);
    expect(send.mock.calls.map(([command]) => command.constructor.name)).toEqual(['TransactWriteCommand']);
    expect(send.mock.calls[0]![0].input.TransactItems).toHaveLength(3);

    send.mockReset().mockRejectedValueOnce(collided()).mockRejectedValueOnce(collided()).mockRejectedValueOnce(collided()).mockRejectedValueOnce(held).mockResolvedValue({});
    await writeSummaries(storage, updates);
    const sent = send.mock.calls.map(([command]) => command.constructor.name);
    expect(sent.slice(0, 3)).toEqual(['TransactWriteCommand', 'TransactWriteCommand', 'TransactWriteCommand']);
    // three single updates, one of them sent twice (its item was held by another transaction the first time)
    expect(sent.slice(3)).toEqual(['UpdateCommand', 'UpdateCommand', 'UpdateCommand', 'UpdateCommand']);
    expect(new Set(send.mock.calls.slice(3).map(([command]) => command.input.Key.PK)).size).toBe(3);
  });
});
