/**
 * ClaimReview documents: the properties search engines document as required (claimReviewed, reviewRating with
 * alternateName, url) and recommended (author, datePublished, itemReviewed with appearance), and the configuration.
 */
import { describe, expect, it } from 'vitest';
import { claimReviewSettings, claimReviewsOf, LOCAL_REVIEW_SETTINGS, speakerOf } from '../../lib/exports/claimreview.js';
import type { Article } from '../../schemas/article.js';
import { Rating, type Claim, type Entity } from '../../schemas/claim.js';
import { ClaimReviewDocument } from '../../schemas/exports.js';

const ARTICLE_ID = '0123456789abcdef01234567';
const article: Article = {
  articleId: ARTICLE_ID,
  title: 'NATO talks end without breakthrough',
  url: 'https://news.example/nato',
  publishedAt: '2022-01-12',
  createdAt: '2026-12-01T10:00:00.000Z',
  createdBy: 'eddie',
  contentHash: 'ff',
  text: '…',
  claimCount: 3,
  statusCounts: { pending: 1, verified: 1, disputed: 1, sourced: 0, dismissed: 0 },
};
const claim = (seq: number, overrides: Partial<Claim> = {}): Claim => ({
  claimId: `${ARTICLE_ID}.${seq}`,
  articleId: ARTICLE_ID,
  seq,
  text: `He said spending rose ${seq}%.`,
  start: 0,
  end: 10,
  checkworthiness: 0.9,
  type: 'quantity',
  status: 'verified',
  version: 2,
  sources: [],
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-02T11:00:00.000Z',
  ...overrides,
});
const settings = { organisationName: 'Example Fact Check', reviewUrl: 'https://checks.example/review/{claimId}' };

describe('claimReviewsOf', () => {
  it('gives one ClaimReview per rated claim, none for unrated ones', () => {
    const reviews = claimReviewsOf(article, [claim(1, { rating: 'false' }), claim(2), claim(3, { status: 'pending' }), claim(4, { rating: 'mostly-true' })], settings);
    expect(reviews.map((review) => review.url)).toEqual([`https://checks.example/review/${ARTICLE_ID}.1`, `https://checks.example/review/${ARTICLE_ID}.4`]);
    expect(claimReviewsOf(article, [claim(1), claim(2)], settings)).toEqual([]);
  });

  it('has every required and recommended property', () => {
    const entities: Entity[] = [{ text: 'Jens Stoltenberg', kind: 'person', start: 0, end: 16 }];
    const [review] = claimReviewsOf(article, [claim(1, { rating: 'mostly-false', speaker: 'Stoltenberg', standalone: 'Stoltenberg said spending rose 1%.', entities })], settings);
    expect(review).toEqual({
      '@context': 'https://schema.org',
      '@type': 'ClaimReview',
      url: `https://checks.example/review/${ARTICLE_ID}.1`,
      claimReviewed: 'Stoltenberg said spending rose 1%.',
      datePublished: '2026-12-02T11:00:00.000Z',
      author: { '@type': 'Organization', name: 'Example Fact Check' },
      reviewRating: { '@type': 'Rating', ratingValue: 2, bestRating: 5, worstRating: 1, alternateName: 'Mostly false' },
      itemReviewed: {
        '@type': 'Claim',
        author: { '@type': 'Person', name: 'Jens Stoltenberg' },
        datePublished: '2022-01-12',
        appearance: { '@type': 'CreativeWork', url: 'https://news.example/nato', headline: 'NATO talks end without breakthrough' },
      },
    });
    expect(ClaimReviewDocument.safeParse(review).success).toBe(true);
  });

  it('maps every rating to the scale, with no ratingValue for unproven', () => {
    const values = Rating.options.map((rating) => claimReviewsOf(article, [claim(1, { rating })], settings)[0]!.reviewRating);
    expect(values.map((r) => [r.alternateName, r.ratingValue])).toEqual([
      ['True', 5], ['Mostly true', 4], ['Mixed', 3], ['Mostly false', 2], ['False', 1], ['Unproven', undefined],
    ]);
    expect('ratingValue' in values[5]!).toBe(false);
    for (const r of values) expect([r.bestRating, r.worstRating]).toEqual([5, 1]);
  });

  it('uses the claim text without a stand-alone wording, and leaves out what the article does not say', () => {
    const bare: Article = { ...article, url: undefined, publishedAt: undefined } as Article;
    delete bare.url;
    delete bare.publishedAt;
    const [review] = claimReviewsOf(bare, [claim(1, { rating: 'true' })], settings);
    expect(review!.claimReviewed).toBe('He said spending rose 1%.');
    expect(review!.itemReviewed).toEqual({ '@type': 'Claim', appearance: { '@type': 'CreativeWork', headline: article.title } });
  });
});

describe('speakerOf', () => {
  const entities: Entity[] = [
    { text: 'Jens Stoltenberg', kind: 'person', start: 0, end: 1 },
    { text: 'Kremlin', kind: 'organisation', start: 0, end: 1 },
    { text: 'Russia', kind: 'place', start: 0, end: 1 },
  ];
  it.each([
    ['Stoltenberg', 'Person', 'Jens Stoltenberg'],
    ['Kremlin', 'Organization', 'Kremlin'],
    ['Russia', 'Organization', 'Russia'],
    ['U.S. officials', 'Organization', 'U.S. officials'],
    ['the health ministry', 'Organization', 'the health ministry'],
    ['Sherman', 'Person', 'Sherman'],
  ])('%s is a %s named %s', (speaker, type, name) => expect(speakerOf(speaker, entities)).toEqual({ '@type': type, name }));

  it('is absent without a speaker', () => {
    expect(speakerOf(undefined, entities)).toBeUndefined();
    expect(speakerOf('  ', entities)).toBeUndefined();
  });
});

describe('claimReviewSettings', () => {
  it('has local defaults', () => {
    expect(claimReviewSettings({})).toEqual(LOCAL_REVIEW_SETTINGS);
  });
  it('links to the claim in the dashboard on the first allowed origin when no review URL is set', () => {
    expect(claimReviewSettings({ ALLOWED_ORIGINS: 'https://desk.example.org/, https://other.example' }).reviewUrl).toBe('https://desk.example.org/#/article/{articleId}/{claimId}');
  });
  it('reads the organisation and the review URL pattern from the environment', () => {
    const env = { CLAIMDESK_ORG_NAME: 'Desk', CLAIMDESK_ORG_URL: 'https://desk.example', CLAIMDESK_REVIEW_URL: 'https://desk.example/{articleId}/c/{claimId}' };
    const read = claimReviewSettings(env);
    expect(read).toEqual({ organisationName: 'Desk', organisationUrl: 'https://desk.example', reviewUrl: env.CLAIMDESK_REVIEW_URL });
    const [review] = claimReviewsOf(article, [claim(7, { rating: 'mixed' })], read);
    expect(review!.url).toBe(`https://desk.example/${ARTICLE_ID}/c/${ARTICLE_ID}.7`);
    expect(review!.author).toEqual({ '@type': 'Organization', name: 'Desk', url: 'https://desk.example' });
  });
  it.each(['https://desk.example/review', 'ftp://desk.example/{claimId}', 'not a url {claimId}'])('refuses the review URL %s', (url) => {
    expect(() => claimReviewSettings({ CLAIMDESK_REVIEW_URL: url })).toThrow(/CLAIMDESK_REVIEW_URL/);
  });
});
