/** The pure parts of repeated claims: verdict reuse, one claim per repeated sentence, and the index/link items. */
import { describe, expect, it } from 'vitest';
import type { Claim } from '../../schemas/claim.js';
import { distinctClaims } from '../../lib/articles.js';
import { analyseArticle as analyseWith, defaultExtractor } from '../../lib/extract/index.js';

const analyseArticle = (text: string) => analyseWith(text, defaultExtractor());
import { BANDS } from '../../lib/match/index.js';
import { MATCH_K, reuseVerdict, SIMILAR_MAX_QUERIES, similarLookupKeys } from '../../lib/repeats.js';
import { bucketInput, claimLinksInput, indexEntryItems, linkItem, matchSk, toLink } from '../../lib/store/matches.js';
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
