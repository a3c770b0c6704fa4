/**
 * The scenario on the pure core: the demo article's sentences held in an in-memory LSH index (band key →
 * claims, at most K per bucket, as the store will hold them), then a second article that rewords some, changes a
 * number or a negation in others, and adds new ones. Reworded → `same`; changed → `related`, never `same`; new → no
 * link; and every lookup touches at most BANDS buckets × K candidates.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../lib/extract/segment.js';
import { BANDS, bandKeys, compareClaims, prepareClaim, type PreparedClaim, type Relation } from '../../lib/match/index.js';

const K = 25;
const article = readFileSync(new URL('../../data/articles/nato-russia-talks-2022-01-12.txt', import.meta.url), 'utf8');
const original = splitSentences(article).map((s) => article.slice(s.start, s.end).replace(/\s+/g, ' ').trim()).filter((s) => s.split(' ').length >= 6);

/** An in-memory stand-in for the LSH index items: PK = band key, items = claim ids (newest last, K per Query). */
function buildIndex(texts: string[]): { buckets: Map<string, number[]>; prepared: PreparedClaim[] } {
  const buckets = new Map<string, number[]>();
  texts.forEach((t, id) => {
    for (const key of bandKeys(t)) (buckets.get(key) ?? buckets.set(key, []).get(key)!).push(id);
  });
  return { buckets, prepared: texts.map((t) => prepareClaim(t)) };
}

function lookup(index: ReturnType<typeof buildIndex>, text: string): { best?: { id: number; relation: Relation; similarity: number }; read: number } {
  const keys = bandKeys(text);
  expect(keys).toHaveLength(BANDS);
  const candidates = new Set<number>();
  let read = 0;
  for (const key of keys) {
    const page = (index.buckets.get(key) ?? []).slice(-K); // Query with Limit K, newest first
    read += page.length;
    for (const id of page) candidates.add(id);
  }
  const query = prepareClaim(text);
  let best: { id: number; relation: Relation; similarity: number } | undefined;
  for (const id of candidates) {
    const c = compareClaims(query, index.prepared[id]!);
    if (c && (!best || c.similarity > best.similarity)) best = { id, relation: c.relation, similarity: c.similarity };
  }
  return best ? { best, read } : { read };
}

const find = (needle: string) => {
  const i = original.findIndex((s) => s.includes(needle));
  if (i < 0) throw new Error(`not in the demo article: ${needle}`);
  return i;
};

describe('the demo article and a rewritten copy', () => {
  const index = buildIndex(original);

  it.each([
    ['Russia met with 30 NATO member states', 'On Wednesday Russia met with thirty NATO member states at the alliance headquarters in Brussels, the second of three diplomatic meetings organised this week in Europe between Russia and Western countries amid fears raised by Russia massing 100000 troops on the border of Ukraine.'],
    ['Grushko said Russia was now waiting', 'According to Grushko, Russia was now waiting for NATO and the U.S. to send written responses to the Russian proposals and would then make a decision on how to proceed.'],
    ['Russia has denied it is planning to attack Ukraine', '"Russia has denied it is planning to attack Ukraine, despite the buildup on its border."'],
    ['Stoltenberg said Russia could not have a veto', 'Russia could not have a veto over Ukraine joining the alliance, Stoltenberg said.'],
  ])('reworded: %s → same', (needle, text) => {
    const r = lookup(index, text);
    expect(r.best).toMatchObject({ id: find(needle), relation: 'same' });
  });

  it.each([
    ['Russia met with 30 NATO member states', (s: string) => s.replace('100,000', '10,000')],
    ['staged live fire exercises', (s: string) => s.replace('3,000', '30,000')],
    ['Russia has denied it is planning to attack Ukraine', (s: string) => s.replace('has denied', 'has not denied')],
    ['Stoltenberg said Russia could not have a veto', (s: string) => s.replace('could not have', 'could have')],
    ['Russia and the United States held talks on Monday', (s: string) => s.replace('Monday', 'Tuesday')],
    ['Russia and the United States held talks on Monday', (s: string) => s.replace('Geneva', 'Vienna')],
  ])('changed fact: %s → related, never same', (needle, edit) => {
    const i = find(needle);
    const changed = edit(original[i]!);
    expect(changed).not.toBe(original[i]);
    const r = lookup(index, changed);
    expect(r.best).toMatchObject({ id: i, relation: 'related' });
  });

  it.each([
    'The European Central Bank left interest rates unchanged on Thursday, citing persistent inflation.',
    'Heavy snow closed three airports in Scandinavia and cancelled more than 400 flights.',
  ])('new: %s → no link', (text) => {
    expect(lookup(index, text).best).toBeUndefined();
  });

  it('a lookup reads at most BANDS × K index entries', () => {
    const crowded = buildIndex(Array.from({ length: 200 }, () => original[0]!));
    expect(lookup(crowded, original[0]!).read).toBeLessThanOrEqual(BANDS * K);
  });
});
