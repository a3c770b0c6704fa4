import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { listArticles, readArticle, submitArticle } from '../../lib/articles.js';
import { claimHistory, markClaim, readClaim, reviewQueue } from '../../lib/claims.js';
import type { Desk } from '../../lib/desk.js';
import { ProblemError } from '../../lib/problems.js';
import { claimIngest, putContent } from '../../lib/store/articles.js';
import { queuePage } from '../../lib/store/claims.js';
import { META } from '../../lib/store/keys.js';
import { normaliseArticleText } from '../../lib/text.js';
import { startStorage, type Storage } from '../support/stack.js';
import { DEMO_TEXT, deskOn, partitionItems, problem } from '../support/desk.js';

const editor = { name: 'eve', roles: ['editor' as const] };
const alice = { name: 'alice', roles: ['reviewer' as const] };
const bob = { name: 'bob', roles: ['reviewer' as const] };

let storage: Storage;
let desk: Desk;

beforeAll(async () => {
  storage = await startStorage();
  desk = deskOn(storage);
});
afterAll(async () => storage?.stop());

describe('ingest', () => {
  it('stores the article with its claims in text order, each claim pointing at its exact text', async () => {
    const { created, article, claims } = await submitArticle(desk, { text: DEMO_TEXT }, editor);
    expect(created).toBe(true);
    expect(article.text).toBe(normaliseArticleText(DEMO_TEXT));
    expect(claims.length).toBeGreaterThan(10);
    expect(article.claimCount).toBe(claims.length);
    expect(article.statusCounts).toEqual({ pending: claims.length, verified: 0, disputed: 0, sourced: 0, dismissed: 0 });
    expect(article.createdBy).toBe('eve');
    claims.forEach((claim, index) => {
      expect(claim.seq).toBe(index + 1);
      expect(claim.text).toBe(article.text.slice(claim.start, claim.end));
      expect(claim).toMatchObject({ status: 'pending', version: 1, sources: [], articleId: article.articleId });
      if (index > 0) expect(claim.start).toBeGreaterThanOrEqual(claims[index - 1]!.end);
    });
  });

  it('answers the same text again (whitespace aside) with the stored article and writes nothing', async () => {
    const first = await submitArticle(desk, { text: DEMO_TEXT }, editor);
    const before = await partitionItems(desk, first.article.articleId);
    const again = await submitArticle(desk, { text: `\n  ${DEMO_TEXT.replace(/\n\n/g, '\n').replace(/ /g, '  ')}  \n`, title: 'Another title' }, bob);
    expect(again.created).toBe(false);
    expect(again.article.articleId).toBe(first.article.articleId);
    expect(again.article.createdBy).toBe('eve');
    expect(await partitionItems(desk, first.article.articleId)).toEqual(before);
  });

  it('refuses empty text and text over 200,000 characters without storing anything', async () => {
    expect((await problem(() => submitArticle(desk, { text: ' \n\t ' }, editor))).status).toBe(400);
    expect((await problem(() => submitArticle(desk, { text: 'A fact. '.repeat(25_001) }, editor))).status).toBe(413);
  });

  it('stores texts longer than one DynamoDB item in chunks and gives back exactly the same text', async () => {
    const paragraph = 'Россия заявила, что 100 000 военнослужащих проводят учения у границы, сообщили официальные лица. ';
    const text = normaliseArticleText(Array.from({ length: 1500 }, (_, i) => `${paragraph}${i}`).join('\n\n'));
    expect(text.length).toBeGreaterThan(100_000);
    const { article, claims } = await submitArticle(desk, { text, title: 'Long' }, editor);
    expect(article.text).toBe(text);
    for (const claim of claims) expect(claim.text).toBe(text.slice(claim.start, claim.end));
  });

  it('takes over an ingest whose writer died mid-way, and never shows the half-written article', async () => {
    const text = 'Crash test headline\n\nThe minister said unemployment rose to 7.5% in March, up from 6.1% a year earlier.';
    const { contentHash } = await import('../../lib/text.js');
    const articleId = contentHash(normaliseArticleText(text)).slice(0, 24);
    // A writer that claimed the article and then died (its lease ran out long ago).
    const dead = await claimIngest(desk.storage, {
      articleId, title: 'Crash test headline', createdAt: '2026-01-01T00:00:00.000Z', createdBy: 'ghost', contentHash: 'x', claimCount: 0,
      statusCounts: { pending: 0, verified: 0, disputed: 0, sourced: 0, dismissed: 0 }, state: 'ingesting', leaseToken: 'dead', leaseUntil: 1,
    }, 0);
    expect(dead.written).toBe(true);
    expect((await problem(() => readArticle(desk, articleId))).status).toBe(404);
    const listed = await listArticles(desk, { limit: 200 });
    expect(listed.items.map((item) => item.articleId)).not.toContain(articleId);
    const { created, article, claims } = await submitArticle(desk, { text }, editor);
    expect(created).toBe(true);
    expect(article.articleId).toBe(articleId);
    expect(claims.length).toBeGreaterThan(0);
    expect((await listArticles(desk, { limit: 200 })).items.map((item) => item.articleId)).toContain(articleId);
  });
});

describe('ingest when an answer is lost', () => {
  it('counts a re-sent claim of the article, or a re-sent completion, as its own (201), not as another writer', async () => {
    // The SDK re-sends a request whose answer was lost; the second copy then fails its condition against the first.
    const resending = deskOn(storage);
    const send = resending.storage.db.send.bind(resending.storage.db) as (command: unknown) => Promise<unknown>;
    let reads = 0;
    (resending.storage.db as { send: unknown }).send = async (command: { input?: { Item?: { SK?: string }; Key?: { SK?: string } } }) => {
      const input = command.input ?? {};
      if (command instanceof GetCommand) reads++;
      // every write of the article's META item (the lease, the completion) is sent twice
      if ((input.Item ?? input.Key)?.SK === META) {
        await send(command);
      }
      return send(command);
    };
    const { created, claims } = await submitArticle(resending, { text: 'Lost answers\n\nThe agency said 12 flights were cancelled on Monday.' }, editor);
    expect(created).toBe(true);
    expect(claims.length).toBeGreaterThan(0);
    // One read checks whether the article exists; waiting for itself as if it were another writer would poll it again.
    expect(reads).toBe(1);
  });
});

describe('review', () => {
  it('marks a claim: version + 1, one history event by the reviewer, status counts follow', async () => {
    const { article, claims } = await submitArticle(desk, { text: DEMO_TEXT }, editor);
    const target = claims[0]!;
    const claim = await markClaim(desk, target.claimId, '"1"', { status: 'verified', note: 'Checked against NATO transcript' }, alice);
    expect(claim).toMatchObject({ status: 'verified', version: 2, updatedBy: 'alice', note: 'Checked against NATO transcript' });
    const history = await claimHistory(desk, target.claimId);
    expect(history).toEqual([expect.objectContaining({ claimId: target.claimId, version: 2, by: 'alice', from: 'pending', to: 'verified', note: 'Checked against NATO transcript' })]);
    const { article: after } = await readArticle(desk, article.articleId);
    expect(after.statusCounts).toEqual({ ...article.statusCounts, pending: article.statusCounts.pending - 1, verified: article.statusCounts.verified + 1 });
  });

  it('refuses a stale If-Match with 412 carrying the current claim, and changes nothing', async () => {
    const { claims } = await submitArticle(desk, { text: DEMO_TEXT }, editor);
    const target = claims[1]!;
    await markClaim(desk, target.claimId, '"1"', { status: 'disputed' }, alice);
    const before = await readClaim(desk, target.claimId);
    const stale = await problem(() => markClaim(desk, target.claimId, '"1"', { status: 'verified' }, bob));
    expect(stale.status).toBe(412);
    expect(stale.options.extensions?.claim).toMatchObject({ version: 2, status: 'disputed', updatedBy: 'alice' });
    expect(await readClaim(desk, target.claimId)).toEqual(before);
    expect((await problem(() => markClaim(desk, target.claimId, undefined, { status: 'verified' }, bob))).status).toBe(428);
  });

  it('lets exactly one of many racing reviews of the same version through', async () => {
    const { article, claims } = await submitArticle(desk, { text: DEMO_TEXT }, editor);
    const target = claims[2]!;
    const { claim } = await readClaim(desk, target.claimId);
    const reviewers = Array.from({ length: 12 }, (_, i) => ({ name: `r${i}`, roles: ['reviewer' as const] }));
    const outcomes = await Promise.allSettled(
      reviewers.map((reviewer, i) => markClaim(desk, target.claimId, `"${claim.version}"`, { status: i % 2 ? 'verified' : 'disputed' }, reviewer)),
    );
    const accepted = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(accepted).toHaveLength(1);
    for (const outcome of outcomes) if (outcome.status === 'rejected') expect((outcome.reason as ProblemError).status).toBe(412);
    const history = await claimHistory(desk, target.claimId);
    expect(history.filter((event) => event.version === claim.version + 1)).toHaveLength(1);
    const { article: after, claims: afterClaims } = await readArticle(desk, article.articleId);
    const recount = { pending: 0, verified: 0, disputed: 0, sourced: 0, dismissed: 0 };
    for (const c of afterClaims) recount[c.status] += 1;
    expect(after.statusCounts).toEqual(recount);
  });

  it('marks sourced only with a source; adds sources once each with who added them', async () => {
    const { claims } = await submitArticle(desk, { text: DEMO_TEXT }, editor);
    const target = claims[3]!;
    const refused = await problem(() => markClaim(desk, target.claimId, '"1"', { status: 'sourced' }, alice));
    expect(refused.status).toBe(409);
    expect((await readClaim(desk, target.claimId)).claim.version).toBe(1);
    const sourced = await markClaim(desk, target.claimId, '"1"', {
      status: 'sourced',
      addSources: [{ url: 'https://www.nato.int/cps/en/natohq/opinions_190666.htm', title: 'NATO press conference' }],
    }, alice);
    expect(sourced).toMatchObject({ status: 'sourced', version: 2 });
    expect(sourced.sources).toEqual([expect.objectContaining({ url: 'https://www.nato.int/cps/en/natohq/opinions_190666.htm', addedBy: 'alice' })]);
    const again = await markClaim(desk, target.claimId, '"2"', { addSources: [{ url: 'https://www.nato.int/cps/en/natohq/opinions_190666.htm' }] }, bob);
    expect(again.sources).toHaveLength(1);
    expect(again.version).toBe(3);
  });
});

describe('queue', () => {
  it('lists one status most check-worthy first and pages through it without repeats or gaps', async () => {
    await submitArticle(desk, { text: DEMO_TEXT }, editor);
    const all = await reviewQueue(desk, { status: 'pending', limit: 200 });
    expect(all.items.length).toBeGreaterThan(10);
    for (let i = 1; i < all.items.length; i++) {
      expect(all.items[i - 1]!.checkworthiness).toBeGreaterThanOrEqual(all.items[i]!.checkworthiness);
    }
    expect(all.items.every((claim) => claim.status === 'pending')).toBe(true);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await reviewQueue(desk, { status: 'pending', limit: 7, cursor });
      paged.push(...page.items.map((claim) => claim.claimId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(paged).toEqual(all.items.map((claim) => claim.claimId));
    const verified = await reviewQueue(desk, { status: 'verified', limit: 50 });
    expect(verified.items.every((claim) => claim.status === 'verified')).toBe(true);
  });
});

describe('queue pages are full', () => {
  it('skips the claims of an article stuck mid-ingest, and still fills every page but the last, none twice or lost', async () => {
    // Complete claims in the verified queue: a small article, every claim marked verified.
    const { claims } = await submitArticle(desk, {
      text: [
        'Queue pages',
        'The ministry said 120 schools closed on Monday.',
        'Officials reported 45 arrests in the capital on Tuesday.',
        'Unemployment rose to 7.2% in May, the statistics office said.',
        'The company cut 3,000 jobs in 2023, according to its annual report.',
        'Exports fell by 12% last year, the trade ministry said.',
        'The council approved a budget of $4 million on Friday.',
      ].join('\n\n'),
    }, editor);
    expect(claims.length).toBeGreaterThanOrEqual(4);
    for (const claim of claims) await markClaim(desk, claim.claimId, '"1"', { status: 'verified' }, alice);

    // An article whose writer holds a live lease: its claims are in the index, scores spread across the queue.
    const stuckId = 'f'.repeat(24);
    const createdAt = new Date().toISOString();
    const held = await claimIngest(desk.storage, {
      articleId: stuckId, title: 'Stuck', createdAt, createdBy: 'ghost', contentHash: 'x', claimCount: 24,
      statusCounts: { pending: 24, verified: 0, disputed: 0, sourced: 0, dismissed: 0 }, state: 'ingesting', leaseToken: 'alive', leaseUntil: Date.now() + 3_600_000,
    }, Date.now());
    expect(held.written).toBe(true);
    const stuck = Array.from({ length: 24 }, (_, i) => ({
      seq: i + 1, text: `Stuck claim ${i + 1}.`, start: 0, end: 1, checkworthiness: (i + 1) / 25, type: 'other' as const,
      claimId: `${stuckId}.${i + 1}`, articleId: stuckId, status: 'verified' as const, version: 1, sources: [], createdAt, updatedAt: createdAt,
    }));
    await putContent(desk.storage, stuckId, 'Stuck', [], stuck);

    // The queue as the index holds it, read raw; what a reviewer must see is that without the stuck article.
    const raw: string[] = [];
    for (let startKey: Record<string, unknown> | undefined, first = true; first || startKey; first = false) {
      const page = await queuePage(desk.storage, 'verified', 100, startKey);
      raw.push(...page.entries.map((entry) => entry.claim.claimId));
      startKey = page.lastKey;
    }
    const expected = raw.filter((id) => !id.startsWith(stuckId));
    const stuckAt = raw.map((id, i) => (id.startsWith(stuckId) ? i : -1)).filter((i) => i >= 0);
    const completeAt = raw.map((id, i) => (id.startsWith(stuckId) ? -1 : i)).filter((i) => i >= 0);
    expect(stuckAt.some((i) => i > completeAt[0]! && i < completeAt.at(-1)!)).toBe(true); // really between complete ones
    expect(expected.length).toBeGreaterThanOrEqual(claims.length);

    for (const limit of [1, 2, 3, 5, expected.length, expected.length + 1]) {
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const page = await reviewQueue(desk, { status: 'verified', limit, cursor });
        pages.push(page.items.map((claim) => claim.claimId));
        cursor = page.nextCursor;
      } while (cursor);
      for (const page of pages.slice(0, -1)) expect(page).toHaveLength(limit);
      expect(pages.at(-1)!.length).toBeGreaterThan(0);
      expect(pages.at(-1)!.length).toBeLessThanOrEqual(limit);
      expect(pages.flat()).toEqual(expected);
    }
  });
});

describe('limits of storage', () => {
  it('keeps a run-on "sentence" longer than a claim can be out of the queue instead of failing to store it', async () => {
    const text = `Run-on paste\n\n${'The minister said 3,000 troops and 45% of funds were moved in 2021 '.repeat(2800).trim()}.\n\nOfficials said 40 people were arrested on Tuesday.`;
    const { article, claims } = await submitArticle(desk, { text }, editor);
    expect(claims.length).toBeGreaterThan(0);
    expect(claims.every((claim) => claim.end - claim.start <= 4000)).toBe(true);
    expect(claims.map((claim) => claim.seq)).toEqual(claims.map((_, i) => i + 1));
    expect(article.segments?.some((segment) => segment.end - segment.start > 4000 && segment.kind === 'sentence')).toBe(true);
  });
});
