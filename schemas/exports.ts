/** Exports (API v1.1): schema.org ClaimReview documents and the CSV export's query and columns. */
import * as z from 'zod';
import { ClaimStatus, Rating } from './claim.js';
import { ArticleId } from './query.js';

/**
 * One schema.org ClaimReview, with the properties search engines document as required (claimReviewed, reviewRating,
 * url) and recommended (author, datePublished, itemReviewed with its appearance). Strict: nothing else is emitted.
 */
export const ClaimReviewDocument = z.strictObject({
  '@context': z.literal('https://schema.org'),
  '@type': z.literal('ClaimReview'),
  /** Where the desk publishes this review (CLAIMDESK_REVIEW_URL with the claim's id). */
  url: z.url({ protocol: /^https?$/ }),
  /** The claim in the desk's words: its stand-alone wording when it has one. */
  claimReviewed: z.string().min(1),
  /** When the verdict was last changed (the claim's updatedAt). */
  datePublished: z.iso.datetime({ offset: true }),
  author: z.strictObject({ '@type': z.literal('Organization'), name: z.string().min(1), url: z.url().optional() }),
  reviewRating: z.strictObject({
    '@type': z.literal('Rating'),
    /** 5 (true) … 1 (false); absent for `unproven`, which has no place on the scale. */
    ratingValue: z.number().int().min(1).max(5).optional(),
    bestRating: z.literal(5),
    worstRating: z.literal(1),
    /** The verdict in words, as search engines show it ("Mostly true"). */
    alternateName: z.string().min(1),
  }),
  itemReviewed: z.strictObject({
    '@type': z.literal('Claim'),
    /** Who made the claim, when the extractor found a speaker. */
    author: z.strictObject({ '@type': z.enum(['Person', 'Organization']), name: z.string().min(1) }).optional(),
    /** The article's publication date, when it was given. */
    datePublished: z.string().optional(),
    /** Where the claim appeared: the article. */
    appearance: z.strictObject({ '@type': z.literal('CreativeWork'), url: z.string().optional(), headline: z.string() }),
  }),
});
export type ClaimReviewDocument = z.infer<typeof ClaimReviewDocument>;

export const ClaimReviewList = z.array(ClaimReviewDocument);

/** The verdict in words (ClaimReview's alternateName). */
export const RATING_LABEL: Record<Rating, string> = {
  true: 'True',
  'mostly-true': 'Mostly true',
  mixed: 'Mixed',
  'mostly-false': 'Mostly false',
  false: 'False',
  unproven: 'Unproven',
};

/** The CSV export's columns, in API.md's order. */
export const CSV_COLUMNS = [
  'claimId', 'articleId', 'articleTitle', 'seq', 'status', 'rating', 'checkworthiness', 'type', 'speaker',
  'text', 'standalone', 'note', 'sources', 'updatedAt', 'updatedBy',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/** At most this many rows in one CSV response; more come on the page `Link: rel="next"` names. */
export const CSV_ROWS_MAX = 1_000;

/** Query of `GET /claims/export.csv`: no status means every status, one after another (see docs/API.md). */
export const ClaimExportQuery = z.strictObject({
  status: ClaimStatus.optional(),
  articleId: ArticleId.optional(),
  cursor: z.string().min(1).max(4096).regex(/^[A-Za-z0-9_-]+$/, 'is not a cursor this API gave out').optional(),
});
export type ClaimExportQuery = z.infer<typeof ClaimExportQuery>;
