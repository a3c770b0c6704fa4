import * as z from 'zod';
import { plainText, WebUrl, wellFormedString } from './text.js';

/** What a reviewer can decide about a claim; `pending` means nobody has yet, `dismissed` that it is no checkable claim. */
export const ClaimStatus = z.enum(['pending', 'verified', 'disputed', 'sourced', 'dismissed']);
export type ClaimStatus = z.infer<typeof ClaimStatus>;

/** A verdict's rating (API v1.1); only a claim that is verified, disputed or sourced can carry one. */
export const Rating = z.enum(['true', 'mostly-true', 'mixed', 'mostly-false', 'false', 'unproven']);
export type Rating = z.infer<typeof Rating>;
/** The numeric scale of ClaimReview (5 best, 1 worst); `unproven` has no number. */
export const RATING_VALUE: Record<Rating, number | undefined> = {
  true: 5,
  'mostly-true': 4,
  mixed: 3,
  'mostly-false': 2,
  false: 1,
  unproven: undefined,
};
/** Statuses that may carry a rating. */
export const RATEABLE_STATUSES: readonly ClaimStatus[] = ['verified', 'disputed', 'sourced'];

/** Full Fact's claim typology. */
export const ClaimType = z.enum(['quantity', 'causation', 'rule', 'prediction', 'personal', 'other']);
export type ClaimType = z.infer<typeof ClaimType>;

export const EntityKind = z.enum(['person', 'organisation', 'place', 'date', 'quantity']);
export type EntityKind = z.infer<typeof EntityKind>;

export const Entity = z.object({
  text: z.string(),
  kind: EntityKind,
  /** UTF-16 offsets into the article text. */
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
});
export type Entity = z.infer<typeof Entity>;

/** What the extractor finds: a claim before it is stored. */
export const ExtractedClaim = z.object({
  seq: z.number().int().positive(),
  text: z.string(),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  standalone: z.string().optional(),
  checkworthiness: z.number().min(0).max(1),
  type: ClaimType,
  signals: z.array(z.string()).optional(),
  entities: z.array(Entity).optional(),
  speaker: z.string().optional(),
});
export type ExtractedClaim = z.infer<typeof ExtractedClaim>;

/** How the extractor classified a stretch of article text (for the dashboard's article view). */
export const SegmentKind = z.enum([
  'claim', 'sentence', 'headline', 'standfirst', 'dateline', 'byline', 'caption', 'credit', 'question', 'opinion',
]);
export type SegmentKind = z.infer<typeof SegmentKind>;
export const Segment = z.object({
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  kind: SegmentKind,
  checkworthiness: z.number().min(0).max(1),
});
export type Segment = z.infer<typeof Segment>;

/** A source's URL: http(s), no user information, stored as the normalised `URL.href`. */
export const SourceUrl = WebUrl();

export const Source = z.object({
  url: z.string(),
  title: z.string().optional(),
  addedBy: z.string(),
  addedAt: z.string(),
});
export type Source = z.infer<typeof Source>;

/** A stored claim of another article that says the same thing (`same`) or nearly (`related`). */
export const MatchRelation = z.enum(['same', 'related']);
export type MatchRelation = z.infer<typeof MatchRelation>;
export const ClaimMatch = z.object({
  claimId: z.string(),
  articleId: z.string(),
  relation: MatchRelation,
  similarity: z.number().min(0).max(1),
  status: ClaimStatus,
  /**
   * What differs, for highlighting: the kinds of fact that changed, and the content words only on this claim (`here`)
   * or only on the matched one (`there`), in normalised form ("3000", "%", "not"). Absent when the words are the same.
   */
  differences: z
    .object({
      changed: z.array(z.enum(['number', 'date', 'negation', 'name', 'direction'])),
      here: z.array(z.string()),
      there: z.array(z.string()),
    })
    .optional(),
});
export type ClaimMatch = z.infer<typeof ClaimMatch>;
export const MATCHES_PER_CLAIM_MAX = 10;

export const Claim = ExtractedClaim.extend({
  claimId: z.string(),
  articleId: z.string(),
  status: ClaimStatus,
  version: z.number().int().positive(),
  sources: z.array(Source),
  note: z.string().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  updatedBy: z.string().optional(),
  rating: Rating.optional(),
  /** Claims of other articles that repeat this one, most similar first. */
  matches: z.array(ClaimMatch).max(MATCHES_PER_CLAIM_MAX).optional(),
  /** Added to queue items: the title of the claim's article (not stored on the claim). */
  articleTitle: z.string().optional(),
});
export type Claim = z.infer<typeof Claim>;

/** One accepted change of a claim; never edited or deleted. */
export const ReviewEvent = z.object({
  claimId: z.string(),
  version: z.number().int().positive(),
  at: z.string(),
  by: z.string(),
  from: ClaimStatus,
  to: ClaimStatus,
  note: z.string().optional(),
  sourcesAdded: z.array(z.object({ url: z.string(), title: z.string().optional() })).optional(),
  /** The rating set by this change (`null`: cleared); absent when the rating did not change. */
  rating: Rating.nullable().optional(),
  /** The claim whose verdict this change reused. */
  basedOn: z.string().optional(),
});
export type ReviewEvent = z.infer<typeof ReviewEvent>;

export const NOTE_MAX = 4000;
export const SOURCE_TITLE_MAX = 300;
export const SOURCES_PER_REQUEST_MAX = 20;
export const SOURCES_PER_CLAIM_MAX = 100;

/** Body of `PATCH /claims/{claimId}`. Unknown fields are refused so a typo never passes silently. */
export const ClaimReview = z
  .strictObject({
    status: ClaimStatus.optional(),
    rating: Rating.nullable().optional(),
    /** Reuse the verdict of a claim of another article (status, rating, sources). */
    basedOn: wellFormedString().max(40).optional(),
    note: plainText()
      .max(NOTE_MAX, `at most ${NOTE_MAX} characters`)
      // eslint-disable-next-line no-control-regex
      .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/, 'must not contain control characters other than line breaks and tabs')
      .optional(),
    addSources: z
      .array(
        z.strictObject({
          url: SourceUrl,
          title: plainText()
            .trim()
            .max(SOURCE_TITLE_MAX, `at most ${SOURCE_TITLE_MAX} characters`)
            // eslint-disable-next-line no-control-regex
            .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters')
            .optional(),
        }),
      )
      .min(1)
      .max(SOURCES_PER_REQUEST_MAX)
      .optional(),
  })
  .refine(
    (body) =>
      body.status !== undefined || body.note !== undefined || body.addSources !== undefined || body.rating !== undefined || body.basedOn !== undefined,
    { message: 'give at least one of status, rating, note, addSources, basedOn' },
  );
export type ClaimReview = z.infer<typeof ClaimReview>;
