import * as z from 'zod';
import { ClaimStatus, ClaimType } from './claim.js';

export const LIMIT_DEFAULT = 50;
export const LIMIT_MAX = 200;

const limit = z
  .string()
  .regex(/^\d{1,4}$/, 'must be a whole number')
  .transform(Number)
  .pipe(z.number().int().min(1).max(LIMIT_MAX))
  .default(LIMIT_DEFAULT);
const cursor = z.string().min(1).max(2048).regex(/^[A-Za-z0-9_-]+$/, 'is not a cursor this API gave out').optional();

/** Ids are hex article hashes; a claim id is `<articleId>.<seq>`. Anything else is unknown (404). */
export const ArticleId = z.string().regex(/^[0-9a-f]{24}$/);
export const ClaimId = z.string().regex(/^[0-9a-f]{24}\.[1-9]\d{0,4}$/);

/** `archived=true` (admins) lists archived articles instead of the others. */
export const ArticleListQuery = z.strictObject({
  limit,
  cursor,
  archived: z.enum(['true', 'false']).transform((value) => value === 'true').optional(),
});
export type ArticleListQuery = z.infer<typeof ArticleListQuery>;

export const ClaimQueueQuery = z.strictObject({
  status: ClaimStatus.default('pending'),
  articleId: z.string().regex(/^[0-9a-f]{24}$/, 'is not an article id').optional(),
  type: ClaimType.optional(),
  limit,
  cursor,
});
export type ClaimQueueQuery = z.infer<typeof ClaimQueueQuery>;

export const HistoryQuery = z.strictObject({ limit, cursor });
export type HistoryQuery = z.infer<typeof HistoryQuery>;

export const SIMILAR_LIMIT_DEFAULT = 10;
export const SIMILAR_LIMIT_MAX = 50;
export const SIMILAR_TEXT_MIN = 3;
export const SIMILAR_TEXT_MAX = 2000;

/** `GET /claims/similar`: "has anyone checked this already?" for any text a reviewer pastes. */
export const SimilarQuery = z.strictObject({
  text: z
    .string()
    .refine((text) => text.trim().length >= SIMILAR_TEXT_MIN, `at least ${SIMILAR_TEXT_MIN} characters`)
    .refine((text) => text.length <= SIMILAR_TEXT_MAX, `at most ${SIMILAR_TEXT_MAX} characters`),
  limit: z
    .string()
    .regex(/^\d{1,4}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(SIMILAR_LIMIT_MAX))
    .default(SIMILAR_LIMIT_DEFAULT),
});
export type SimilarQuery = z.infer<typeof SimilarQuery>;
