import * as z from 'zod';
import { Claim, ClaimStatus, Segment } from './claim.js';
import { plainText, wellFormedString } from './text.js';

export const ARTICLE_TEXT_MAX = 200_000;

// eslint-disable-next-line no-control-regex
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
const optionalText = (max: number) => plainText().trim().min(1).max(max).regex(NO_CONTROL, 'must not contain control characters').optional();

/** Body of `POST /articles`: exactly one of `text` or `html`. */
export const ArticleSubmission = z
  .strictObject({
    text: wellFormedString().optional(),
    html: wellFormedString().optional(),
    title: optionalText(500),
    url: wellFormedString()
      .trim()
      .max(2048)
      .refine((value) => {
        try {
          const url = new URL(value);
          return url.protocol === 'http:' || url.protocol === 'https:';
        } catch {
          return false;
        }
      }, 'must be an absolute http or https URL')
      .optional(),
    source: optionalText(200),
    publishedAt: z.iso.datetime({ offset: true }).or(z.iso.date()).optional(),
  })
  .refine((body) => (body.text === undefined) !== (body.html === undefined), {
    message: 'give exactly one of text or html',
    path: ['text'],
  });
export type ArticleSubmission = z.infer<typeof ArticleSubmission>;

const count = z.number().int().nonnegative();
/** How many of an article's claims have each status: one count per status of the one status list. */
export const StatusCounts = z.object(Object.fromEntries(ClaimStatus.options.map((status) => [status, count])) as Record<ClaimStatus, typeof count>);
export type StatusCounts = z.infer<typeof StatusCounts>;

export const ArticleSummary = z.object({
  articleId: z.string(),
  title: z.string(),
  url: z.string().optional(),
  source: z.string().optional(),
  publishedAt: z.string().optional(),
  createdAt: z.string(),
  createdBy: z.string(),
  contentHash: z.string(),
  claimCount: z.number().int().nonnegative(),
  statusCounts: StatusCounts,
});
export type ArticleSummary = z.infer<typeof ArticleSummary>;

export const Article = ArticleSummary.extend({
  text: z.string(),
  /** How the extractor read each sentence (claims, captions, credits, …), for the article view. */
  segments: z.array(Segment).optional(),
});
export type Article = z.infer<typeof Article>;

export const ArticleWithClaims = z.object({ article: Article, claims: z.array(Claim) });
export type ArticleWithClaims = z.infer<typeof ArticleWithClaims>;

/** GET /stats: the desk's counts over every listed article (archived ones excluded). */
export const DeskStats = z.object({ claims: count, articles: count, statusCounts: StatusCounts });
export type DeskStats = z.infer<typeof DeskStats>;
