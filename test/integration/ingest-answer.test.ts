import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readArticle, submitArticle } from '../../lib/articles.js';
import { readClaim } from '../../lib/claims.js';
import type { Desk } from '../../lib/desk.js';
import { ARTICLE_TEXT_MAX } from '../../schemas/article.js';
import { normaliseArticleText } from '../../lib/text.js';
import { countRequests, isWrite, summarise } from '../../bench/desk/count.js';
import { longEnglish, longThreeByte, wireArticle } from '../../bench/desk/corpus.js';
import { startStorage, type Storage } from '../support/stack.js';
import { DEMO_TEXT, deskOn } from '../support/desk.js';

const editor = { name: 'eve', roles: ['editor' as const] };
let storage: Storage;
let desk: Desk;
let counter: ReturnType<typeof countRequests>;

beforeAll(async () => {
  storage = await startStorage();
  desk = deskOn(storage);
  counter = countRequests(desk.storage.db);
});
afterAll(async () => storage?.stop());

describe('what an ingest and a claim read cost and answer', () => {
  it('answers exactly what a read of the stored article returns, without reading it back', async () => {
    counter.take();
    const submitted = await submitArticle(desk, { text: DEMO_TEXT, title: 'NATO talks' }, editor);
    const sent = counter.take();
    const read = await readArticle(desk, submitted.article.articleId);
    expect({ article: submitted.article, claims: submitted.claims }).toEqual(read);
    // the article is never read back: one GetItem (is it stored already?) and no Query of its own partition
    // (the Queries an ingest sends are repeated-claim lookups in the index buckets)
    const reads = sent.filter((s) => !isWrite(s.command));
    expect(reads.filter((s) => s.command === 'GetItemCommand')).toHaveLength(1);
    expect(reads.filter((s) => s.command === 'QueryCommand' && s.partition === `ARTICLE#${submitted.article.articleId}`)).toEqual([]);
    const s = summarise(sent);
    expect(s.writeRequests).toBeLessThanOrEqual(Math.ceil(s.distinctItems / 25) + 2);
  });

  it('answers with the repeated-claim matches a read gives (an article repeating the demo\'s paragraphs)', async () => {
    const submitted = await submitArticle(desk, { text: wireArticle(7, 1).text }, editor);
    expect(submitted.claims.some((claim) => (claim.matches ?? []).length > 0)).toBe(true);
    expect({ article: submitted.article, claims: submitted.claims }).toEqual(await readArticle(desk, submitted.article.articleId));
  });

  it('reads a claim with its article\'s state in one batch read, then its history', async () => {
    const { claims } = await submitArticle(desk, { text: wireArticle(6, 0).text }, editor);
    counter.take();
    const { claim, history } = await readClaim(desk, claims[0]!.claimId);
    // one BatchGetItem (claim and article state), then Queries of the history and the repeated-claim links
    const commands = counter.take().map((s) => s.command);
    expect(commands.filter((c) => c !== 'QueryCommand')).toEqual(['BatchGetItemCommand']);
    expect({ ...claim, matches: undefined }).toEqual({ ...claims[0], matches: undefined });
    expect(history).toEqual([]);
  });

  it('keeps every wire article within ⌈items/25⌉ + 2 write requests', async () => {
    for (let i = 0; i < 5; i++) {
      counter.take();
      await submitArticle(desk, { text: wireArticle(5, i).text }, editor);
      const s = summarise(counter.take());
      expect(s.writeRequests).toBeLessThanOrEqual(Math.ceil(s.distinctItems / 25) + 2);
    }
  });

  it.each([
    ['English', longEnglish(ARTICLE_TEXT_MAX)],
    ['3-byte characters', longThreeByte(ARTICLE_TEXT_MAX)],
  ])('stores the largest article the API accepts (%s) and reads it back whole, every item under 400 KB', async (_name, raw) => {
    const text = normaliseArticleText(raw);
    counter.take();
    const submitted = await submitArticle(desk, { text }, editor);
    const s = summarise(counter.take());
    expect(s.largestItem).toBeLessThan(400 * 1024);
    const read = await readArticle(desk, submitted.article.articleId);
    expect(read.article.text).toBe(text);
    expect(read.claims.length).toBe(submitted.claims.length);
  }, 120_000);
});
