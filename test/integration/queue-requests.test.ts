/**
 * What a queue page costs in DynamoDB requests once its claims have matches (issue #13 item 6: no N+1 reads): the
 * page's links come from the claims' link summaries in one BatchGetItem, not one Query per claim; the matches are
 * exactly those the per-claim Query of the link items gives. Articles stored before summaries keep the Query.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '../../schemas/claim.js';
import { MATCHES_PER_CLAIM_MAX } from '../../schemas/claim.js';
import { submitArticle } from '../../lib/articles.js';
import { reviewQueue } from '../../lib/claims.js';
import type { Desk } from '../../lib/desk.js';
import { attachMatches, withQueueMatches } from '../../lib/repeats.js';
import { articlePk, META } from '../../lib/store/keys.js';
import { readClaimLinks } from '../../lib/store/matches.js';
import { countRequests } from '../../bench/desk/count.js';
import { startStorage, type Storage } from '../support/stack.js';
import { DEMO_TEXT, deskOn } from '../support/desk.js';

const editor = { name: 'eve', roles: ['editor' as const] };
let storage: Storage;
let desk: Desk;
let counter: ReturnType<typeof countRequests>;
const articleIds: string[] = [];

/** The queue's matches as they were read before summaries: one Query of each claim's link items (Limit 10). */
async function matchesByQuery(claims: Claim[]): Promise<Claim[]> {
  const links = await Promise.all(claims.map((claim) => readClaimLinks(desk.storage, claim.claimId, MATCHES_PER_CLAIM_MAX)));
  return attachMatches(desk, claims, links.flat());
}

async function queuePage(): Promise<{ items: Claim[]; commands: string[]; plain: Claim[] }> {
  counter.take();
  const page = await reviewQueue(desk, { status: 'pending', limit: 50 });
  const items = await withQueueMatches(desk, page.items);
  return { items, commands: counter.take().map((sent) => sent.command), plain: page.items };
}

beforeAll(async () => {
  storage = await startStorage();
  // a loaded machine must not turn a slow lookup into a missing link
  desk = { ...deskOn(storage), matchBudgetMs: 120_000 };
  counter = countRequests(desk.storage.db);
  // the demo article and two copies of it: every claim of the queue's first page repeats claims of the others
  for (const text of [DEMO_TEXT, `${DEMO_TEXT}\n\nReporting by the desk.`, `${DEMO_TEXT}\n\nEditing by the desk.`]) {
    articleIds.push((await submitArticle(desk, { text }, editor)).article.articleId);
  }
}, 240_000);
afterAll(async () => storage?.stop());

describe('a queue page of 50 claims with matches', () => {
  it('costs the same few requests whatever the page size: the page, its articles, the summaries, the linked articles', async () => {
    const { items, commands, plain } = await queuePage();
    expect(items).toHaveLength(50);
    expect(items.filter((claim) => (claim.matches ?? []).length > 0).length).toBeGreaterThanOrEqual(45);
    // one Query (the queue on GSI1) and three BatchGetItems; before summaries this was 50 more Queries
    expect(commands.filter((c) => c === 'QueryCommand')).toHaveLength(1);
    expect(commands.length).toBeLessThanOrEqual(4);
    expect(items).toEqual(await matchesByQuery(plain));
  });

  it('answers exactly the matches the Query of the link items gives: at most 10, most similar first', async () => {
    const { items, plain } = await queuePage();
    expect(items).toEqual(await matchesByQuery(plain));
    const withMatches = items.find((claim) => claim.matches?.length);
    expect(withMatches!.matches!.length).toBeLessThanOrEqual(MATCHES_PER_CLAIM_MAX);
    expect(withMatches!.matches!.map((match) => match.similarity)).toEqual([...withMatches!.matches!.map((match) => match.similarity)].sort((a, b) => b - a));
  });

  it('reads the links of an article stored before summaries with a Query per claim, with the same answer', async () => {
    // an article stored before this change: its META has no `linkSummaries`
    await desk.storage.db.send(
      new UpdateCommand({ TableName: desk.storage.tableName, Key: { PK: articlePk(articleIds[1]!), SK: META }, UpdateExpression: 'REMOVE linkSummaries' }),
    );
    try {
      const { items, commands, plain } = await queuePage();
      const older = plain.filter((claim) => claim.articleId === articleIds[1]).length;
      expect(older).toBeGreaterThan(0);
      expect(commands.filter((c) => c === 'QueryCommand')).toHaveLength(1 + older);
      expect(items).toEqual(await matchesByQuery(plain));
    } finally {
      await desk.storage.db.send(
        new UpdateCommand({
          TableName: desk.storage.tableName,
          Key: { PK: articlePk(articleIds[1]!), SK: META },
          UpdateExpression: 'SET linkSummaries = :yes',
          ExpressionAttributeValues: { ':yes': true },
        }),
      );
    }
  });

  it('keeps giving the Query\'s matches when simultaneous ingests link to the same claims, more than 10 each', async () => {
    const copies = ['Photos by the desk.', 'Additional reporting by the desk.', 'Writing by the desk.', 'Compiled by the desk.', 'Updated by the desk.', 'Fact box by the desk.'];
    await Promise.all(copies.map((line) => submitArticle(desk, { text: `${DEMO_TEXT}\n\n${line}` }, editor)));
    // then three more, which see all nine before them (simultaneous ones do not see each other: not yet listed)
    await Promise.all(['Graphics by the desk.', 'Sub-editing by the desk.', 'Research by the desk.'].map((line) => submitArticle(desk, { text: `${DEMO_TEXT}\n\n${line}` }, editor)));
    let cursor: string | undefined;
    let pages = 0;
    let full = 0;
    do {
      const page = await reviewQueue(desk, { status: 'pending', limit: 50, ...(cursor ? { cursor } : {}) });
      const items = await withQueueMatches(desk, page.items);
      expect(items).toEqual(await matchesByQuery(page.items));
      full += items.filter((claim) => claim.matches?.length === MATCHES_PER_CLAIM_MAX).length;
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThan(4);
    // twelve copies of each claim: the first ones hold more than 10 links, so their summaries were pruned
    expect(full).toBeGreaterThan(0);
  }, 240_000);
});
