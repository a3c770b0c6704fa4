/** Text hygiene lives in schemas/ (API.md "Version 1.2", Text hygiene): bidi controls, lone surrogates, URL user info. */
import { describe, expect, it } from 'vitest';
import { ArticleSubmission } from '../../schemas/article.js';
import { ClaimReview } from '../../schemas/claim.js';
import { hasBidiControl, isWellFormed } from '../../schemas/text.js';
import { authenticate, mintToken, secretKey } from '../../lib/auth.js';
import { readConfig } from '../../lib/config.js';
import { ProblemError } from '../../lib/problems.js';

const BIDI = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069'];
const LONE = ['\uD800', '\uDBFF', '\uDC00', '\uDFFF', 'a\uD83Db', 'x\uDE42'];
const article = (fields: Record<string, unknown>) => ArticleSubmission.safeParse({ text: 'The council spent £4m on roads.', ...fields });
const review = (fields: Record<string, unknown>) => ClaimReview.safeParse(fields);
const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => result.error?.issues.map((issue) => issue.path.join('.'));

describe('the text checks', () => {
  it('finds lone surrogates but not pairs, and every bidi control but no neighbour', () => {
    for (const value of LONE) expect(isWellFormed(value), JSON.stringify(value)).toBe(false);
    for (const value of ['', 'plain', '🙂', 'a🙂b', '\uD83D\uDE42']) expect(isWellFormed(value)).toBe(true);
    for (const value of BIDI) expect(hasBidiControl(`a${value}b`)).toBe(true);
    for (const value of ['\u2029', '\u202F', '\u2065', '\u206A', '\u200F', 'مرحبا', 'שלום']) expect(hasBidiControl(value)).toBe(false);
  });
});

describe('POST /articles body', () => {
  it('refuses bidi controls in title and source, lone surrogates in every field', () => {
    for (const mark of BIDI) {
      expect(paths(article({ title: `Budget ${mark}cod.exe` }))).toEqual(['title']);
      expect(paths(article({ source: `Daily ${mark}News` }))).toEqual(['source']);
    }
    for (const lone of LONE) {
      expect(paths(article({ text: `The council ${lone} spent £4m.` }))).toEqual(['text']);
      expect(paths(ArticleSubmission.safeParse({ html: `<p>The council ${lone} spent £4m.</p>` }))).toEqual(['html']);
      expect(paths(article({ title: `T${lone}` }))).toEqual(['title']);
      expect(paths(article({ source: `S${lone}` }))).toEqual(['source']);
      expect(paths(article({ url: `https://example.org/${lone}` }))).toEqual(['url']);
    }
  });

  it('still takes right-to-left text and emoji as they are', () => {
    const result = article({ title: 'ميزانية المجلس 🙂', source: 'חדשות' });
    expect(result.success).toBe(true);
    expect(result.data?.title).toBe('ميزانية المجلس 🙂');
  });
});

describe('PATCH /claims/{claimId} body', () => {
  it('refuses bidi controls and lone surrogates in notes and source titles, lone surrogates in URLs', () => {
    for (const mark of BIDI) {
      expect(paths(review({ note: `checked ${mark}fine` }))).toEqual(['note']);
      expect(paths(review({ addSources: [{ url: 'https://ons.gov.uk/a', title: `ONS ${mark}` }] }))).toEqual(['addSources.0.title']);
    }
    for (const lone of LONE) {
      expect(paths(review({ note: `n${lone}` }))).toEqual(['note']);
      expect(paths(review({ addSources: [{ url: 'https://ons.gov.uk/a', title: `t${lone}` }] }))).toEqual(['addSources.0.title']);
      expect(review({ addSources: [{ url: `https://ons.gov.uk/${lone}` }] }).success).toBe(false);
    }
  });

  it('refuses source URLs with user information', () => {
    for (const url of ['https://user:pw@ons.gov.uk/x', 'https://user@ons.gov.uk/', 'http://:pw@ons.gov.uk/', 'https://a%40b:c@ons.gov.uk']) {
      const result = review({ addSources: [{ url }] });
      expect(result.success, url).toBe(false);
      expect(result.error?.issues[0]?.message).toMatch(/user information/);
    }
  });

  it('stores the normalised URL.href', () => {
    const result = review({ addSources: [{ url: '  HTTPS://ONS.gov.UK:443/a/../b?x=1#top ' }, { url: 'https://ons.gov.uk' }, { url: 'https://bücher.example/ä' }] });
    expect(result.success).toBe(true);
    expect(result.data?.addSources?.map((source) => source.url)).toEqual(['https://ons.gov.uk/b?x=1#top', 'https://ons.gov.uk/', 'https://xn--bcher-kva.example/%C3%A4']);
  });
});

describe('the token sub', () => {
  const key = secretKey('s'.repeat(40));
  const check = { keys: { current: { kid: undefined, key }, previous: undefined }, rules: readConfig({}).tokens };
  it('refuses a sub with bidi controls or a lone surrogate (400), before anything is recorded under it', async () => {
    for (const sub of ['alice\u202Eecila', '\u2066bob', 'carol\uD800']) {
      const token = await mintToken(key, { sub, roles: ['reviewer'] });
      const error = await authenticate(`Bearer ${token}`, check).catch((caught: unknown) => caught);
      expect(error, sub).toBeInstanceOf(ProblemError);
      expect((error as ProblemError).status).toBe(400);
    }
    expect(await authenticate(`Bearer ${await mintToken(key, { sub: 'سارة', roles: [] })}`, check)).toEqual({ name: 'سارة', roles: [] });
  });
});
