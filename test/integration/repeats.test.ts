/**
 * Repeated claims on a real DynamoDB Local (issue #10): the demo article, then a rewritten copy → reworded claims link
 * `same`, changed ones `related` (never `same`), new ones nothing, and links go both ways; similar search; verdict
 * reuse with `basedOn`; the same sentence twice in one article; archived articles are skipped.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Claim } from '../../schemas/claim.js';
import { readArticle, submitArticle } from '../../lib/articles.js';
import { claimHistory, markClaim, readClaim } from '../../lib/claims.js';
import type { Desk } from '../../lib/desk.js';
import { findRepeats, similarClaims } from '../../lib/repeats.js';
import { articlePk, META } from '../../lib/store/keys.js';
import { readBucket } from '../../lib/store/matches.js';
import { bandKeys } from '../../lib/match/index.js';
import { startStorage, type Storage } from '../support/stack.js';
import { DEMO_TEXT, deskOn, partitionItems, problem } from '../support/desk.js';
import { CHANGED, COPY_TEXT, NEW, PARAPHRASE, REWORDED } from '../support/repeats.js';

const editor = { name: 'eve', roles: ['editor' as const] };
const alice = { name: 'alice', roles: ['reviewer' as const] };

let storage: Storage;
let desk: Desk;
let demo: Claim[];
let copy: Claim[];

const demoClaim = (needle: string) => {
  const found = demo.find((claim) => claim.text.includes(needle));
  if (!found) throw new Error(`no demo claim with ${needle}`);
  return found;
};
const copyClaim = (text: string) => {
  const found = copy.find((claim) => claim.text === text);
  if (!found) throw new Error(`no copy claim ${text}`);
  return found;
};

async function setArchived(articleId: string, archived: boolean) {
  await desk.storage.db.send(
    new UpdateCommand({
      TableName: desk.storage.tableName,
      Key: { PK: articlePk(articleId), SK: META },
      UpdateExpression: archived ? 'SET archived = :yes' : 'REMOVE archived',
      ...(archived ? { ExpressionAttributeValues: { ':yes': true } } : {}),
    }),
  );
}

beforeAll(async () => {
  storage = await startStorage();
  // a loaded machine must not turn a slow lookup into a missing link (the deadline has a test of its own)
  desk = { ...deskOn(storage), matchBudgetMs: 120_000 };
  demo = (await submitArticle(desk, { text: DEMO_TEXT }, editor)).claims;
  copy = (await submitArticle(desk, { text: COPY_TEXT }, editor)).claims;
});
afterAll(async () => storage?.stop());

describe('matching at ingest', () => {
  it('the first article had nothing to match', () => {
    expect(demo.filter((claim) => claim.matches?.length)).toEqual([]);
  });

  it.each(REWORDED)('reworded → same: $copy', ({ original, copy: text }) => {
    const claim = copyClaim(text);
    expect(claim.matches?.[0]).toMatchObject({ claimId: demoClaim(original).claimId, articleId: demo[0]!.articleId, relation: 'same', status: 'pending' });
    expect(claim.matches![0]!.similarity).toBeGreaterThanOrEqual(0.75);
  });

  it.each(CHANGED)('changed number, day or negation → related, never same: $copy', ({ original, copy: text }) => {
    const claim = copyClaim(text);
    const link = claim.matches?.find((match) => match.claimId === demoClaim(original).claimId);
    expect(link).toMatchObject({ relation: 'related' });
    expect(link!.differences!.changed.length).toBeGreaterThan(0);
    expect(claim.matches!.filter((match) => match.relation === 'same')).toEqual([]);
  });

  it('says what differs on a related link (the number on each side)', () => {
    const link = copyClaim(CHANGED[0]!.copy).matches!.find((match) => match.claimId === demoClaim(CHANGED[0]!.original).claimId)!;
    expect(link.differences).toMatchObject({ changed: expect.arrayContaining(['number']), here: expect.arrayContaining(['30000']), there: expect.arrayContaining(['3000']) });
  });

  it.each(NEW)('new → no link: %s', (text) => {
    expect(copyClaim(text).matches).toBeUndefined();
  });

  it('links back: the original claims list the copy claims, with their status now (GET /claims/{id})', async () => {
    for (const { original, copy: text } of [...REWORDED, ...CHANGED]) {
      const { claim } = await readClaim(desk, demoClaim(original).claimId);
      const back = claim.matches?.find((match) => match.claimId === copyClaim(text).claimId);
      expect(back).toMatchObject({ articleId: copy[0]!.articleId, relation: copyClaim(text).matches!.find((m) => m.claimId === claim.claimId)!.relation });
    }
    const { claims } = await readArticle(desk, demo[0]!.articleId);
    const linked = claims.filter((claim) => claim.matches?.some((match) => match.articleId === copy[0]!.articleId));
    expect(linked.length).toBeGreaterThanOrEqual(REWORDED.length + CHANGED.length);
    for (const claim of claims) for (const match of claim.matches ?? []) expect(match.articleId).not.toBe(claim.articleId);
  });

  it('linking never bumps a claim version: a reviewer holding ETag "1" still saves', async () => {
    const original = demoClaim(REWORDED[2]!.original);
    const { claim } = await readClaim(desk, original.claimId);
    expect(claim.version).toBe(1);
    expect(claim.matches?.length).toBeGreaterThan(0);
    const saved = await markClaim(desk, original.claimId, '"1"', { status: 'disputed', note: 'NATO says so; Russia disagrees' }, alice);
    expect(saved.version).toBe(2);
    const { claim: after } = await readClaim(desk, copyClaim(REWORDED[2]!.copy).claimId);
    expect(after.matches?.[0]).toMatchObject({ claimId: original.claimId, status: 'disputed' }); // status at response time
    expect(after.version).toBe(1);
  });

  it('the same sentence twice in one article is one claim; the second copy stays in the layout as a sentence', async () => {
    const twice = await submitArticle(desk, { text: `${DEMO_TEXT}\n\n${DEMO_TEXT}` }, editor);
    const texts = twice.claims.map((claim) => claim.text);
    expect(new Set(texts).size).toBe(texts.length); // each claim once…
    expect(texts).toEqual(expect.arrayContaining(demo.map((claim) => claim.text))); // …every claim of the demo
    expect(texts.length).toBeLessThan(demo.length + 3); // (the second copy's standfirst reads as a claim there)
    expect(twice.claims.map((claim) => claim.seq)).toEqual(texts.map((_, i) => i + 1));
    expect(twice.article.claimCount).toBe(texts.length);
    const half = twice.article.text.length / 2;
    const text = twice.article.text;
    const segments = twice.article.segments!;
    // every demo claim's second copy is in the layout, as a plain sentence
    for (const claim of demo) {
      const second = segments.find((s) => s.start > half && text.slice(s.start, s.end) === claim.text);
      expect(second?.kind).toBe('sentence');
    }
    // …and each claim is the same as the demo's
    const demoTexts = new Set(demo.map((claim) => claim.text));
    for (const claim of twice.claims.filter((c) => demoTexts.has(c.text))) expect(claim.matches?.some((m) => m.articleId === demo[0]!.articleId && m.relation === 'same' && m.similarity === 1)).toBe(true);
  });

  it('writes 16 index entries per claim, and links as items of their own under each claim', async () => {
    for (const claim of copy) {
      const keys = bandKeys(claim.text);
      expect(keys).toHaveLength(16);
      for (const key of keys) expect((await readBucket(desk.storage, key, 100)).map((entry) => entry.claimId)).toContain(claim.claimId);
    }
    const items = await partitionItems(desk, copy[0]!.articleId);
    expect(items.filter((item) => item.entity === 'claim')).toHaveLength(copy.length);
    const links = items.filter((item) => item.entity === 'matchLink');
    expect(links.length).toBeGreaterThanOrEqual(REWORDED.length + CHANGED.length);
    expect(Object.keys(links[0]!)).not.toContain('version');
  });
});

describe('GET /claims/similar', () => {
  it('finds the original from a paraphrase, most similar first, all ≥ 0.5', async () => {
    const items = await similarClaims(desk, PARAPHRASE.text, 10);
    // the demo claim, or its copy in the pasted-twice article (the same text, so the same similarity)
    expect(items[0]!.claim.text).toBe(demoClaim(PARAPHRASE.original).text);
    expect(items.map((item) => item.claim.claimId)).toContain(demoClaim(PARAPHRASE.original).claimId);
    for (const [i, item] of items.entries()) {
      expect(item.similarity).toBeGreaterThanOrEqual(0.5);
      if (i > 0) expect(item.similarity).toBeLessThanOrEqual(items[i - 1]!.similarity);
    }
  });

  it('finds a sentence inside a pasted paragraph, and nothing for unrelated text', async () => {
    const items = await similarClaims(desk, `Some context first. ${REWORDED[1]!.copy} And then more words about other things.`, 5);
    expect(items.map((item) => item.claim.claimId)).toContain(copyClaim(REWORDED[1]!.copy).claimId);
    expect(await similarClaims(desk, 'Bananas are yellow and grow in bunches on tall plants.', 10)).toEqual([]);
  });

  it('respects limit', async () => {
    expect((await similarClaims(desk, REWORDED[0]!.copy, 1)).length).toBe(1);
  });
});

describe('verdict reuse (basedOn)', () => {
  it('copies status and sources, records basedOn in the history', async () => {
    const original = demoClaim(REWORDED[0]!.original);
    await markClaim(desk, original.claimId, '"1"', { status: 'sourced', addSources: [{ url: 'https://www.nato.int/cps/en/natohq/opinions_190666.htm', title: 'NATO press conference' }] }, alice);
    const target = copyClaim(REWORDED[0]!.copy);
    const saved = await markClaim(desk, target.claimId, '"1"', { basedOn: original.claimId, note: 'Same claim as in the NATO piece' }, alice);
    expect(saved).toMatchObject({ status: 'sourced', version: 2, note: 'Same claim as in the NATO piece' });
    expect(saved.sources.map((s) => s.url)).toEqual(['https://www.nato.int/cps/en/natohq/opinions_190666.htm']);
    const history = await claimHistory(desk, target.claimId);
    expect(history.at(-1)).toMatchObject({ basedOn: original.claimId, from: 'pending', to: 'sourced', by: 'alice' });
  });

  it('keeps a status the reviewer gives, and is refused under a stale If-Match', async () => {
    const original = demoClaim(REWORDED[0]!.original);
    const target = copyClaim(REWORDED[1]!.copy);
    expect((await problem(() => markClaim(desk, target.claimId, '"7"', { basedOn: original.claimId }, alice))).status).toBe(412);
    const saved = await markClaim(desk, target.claimId, '"1"', { basedOn: original.claimId, status: 'verified' }, alice);
    expect(saved.status).toBe('verified');
    expect(saved.sources).toHaveLength(1);
  });

  it('unknown claim → 400 field error; pending, same claim or same article → 409; nothing changes', async () => {
    const target = copyClaim(NEW[0]!);
    const unknown = await problem(() => markClaim(desk, target.claimId, '"1"', { basedOn: 'ffffffffffffffffffffffff.1' }, alice));
    expect(unknown.status).toBe(400);
    expect(unknown.options.errors?.[0]?.path).toBe('basedOn');
    expect((await problem(() => markClaim(desk, target.claimId, '"1"', { basedOn: 'nonsense' }, alice))).status).toBe(400);
    expect((await problem(() => markClaim(desk, target.claimId, '"1"', { basedOn: demoClaim('Kremlin now alleges').claimId }, alice))).status).toBe(409);
    expect((await problem(() => markClaim(desk, target.claimId, '"1"', { basedOn: target.claimId }, alice))).status).toBe(409);
    expect((await problem(() => markClaim(desk, target.claimId, '"1"', { basedOn: copyClaim(REWORDED[0]!.copy).claimId }, alice))).status).toBe(409);
    expect((await readClaim(desk, target.claimId)).claim.version).toBe(1);
  });
});

describe('archived articles', () => {
  it('are skipped by similar search, by matches on read and by new matches', async () => {
    const ecb = copyClaim(NEW[0]!);
    expect((await similarClaims(desk, NEW[0]!, 10)).map((item) => item.claim.claimId)).toContain(ecb.claimId);
    const original = demoClaim(CHANGED[1]!.original);
    expect((await readClaim(desk, original.claimId)).claim.matches?.map((m) => m.articleId)).toContain(copy[0]!.articleId);

    await setArchived(copy[0]!.articleId, true);
    try {
      expect((await similarClaims(desk, NEW[0]!, 10)).map((item) => item.claim.claimId)).not.toContain(ecb.claimId);
      expect((await readClaim(desk, original.claimId)).claim.matches?.map((m) => m.articleId) ?? []).not.toContain(copy[0]!.articleId);
      const third = await submitArticle(desk, { text: `Markets this week\n\n${NEW[0]!}` }, editor);
      expect(third.claims[0]!.matches).toBeUndefined();
    } finally {
      await setArchived(copy[0]!.articleId, false);
    }
  });
});

describe('the matching deadline', () => {
  it('past the deadline no lookup starts, and every claim is still indexed', async () => {
    const claim = { ...copyClaim(REWORDED[0]!.copy), articleId: 'e'.repeat(24), claimId: `${'e'.repeat(24)}.1` };
    const late = await findRepeats(desk, claim.articleId, [claim], new Date().toISOString(), Date.now() - 1);
    expect(late.notLookedUp).toBe(1);
    expect(late.matches.size).toBe(0);
    expect(late.items.filter((item) => item.entity === 'lshEntry')).toHaveLength(16);
    const inTime = await findRepeats(desk, claim.articleId, [claim], new Date().toISOString());
    expect(inTime.notLookedUp).toBe(0);
    expect(inTime.matches.get(claim.claimId)?.[0]?.relation).toBe('same');
  });
});
