/**
 * schema.org ClaimReview for an article's rated claims (GET /articles/{articleId}/claimreview): what search engines
 * and the Google Fact Check Explorer read. The desk's name and where it publishes reviews come from configuration.
 */
import type { Article } from '../../schemas/article.js';
import { RATING_VALUE, type Claim, type Entity } from '../../schemas/claim.js';
import { ClaimReviewDocument, RATING_LABEL } from '../../schemas/exports.js';
import { readArticle } from '../articles.js';
import type { Desk } from '../desk.js';

export interface ClaimReviewSettings {
  /** The fact-checking organisation named as the reviews' author. */
  organisationName: string;
  /** Its home page, when configured. */
  organisationUrl?: string;
  /** Where a claim's review is published: an http(s) URL with `{claimId}` (and optionally `{articleId}`). */
  reviewUrl: string;
}

/** The dashboard's view of a claim, on its origin. */
const DASHBOARD_CLAIM_PATH = '/#/article/{articleId}/{claimId}';

/** Local defaults: the dashboard of `npm start`. */
export const LOCAL_REVIEW_SETTINGS: ClaimReviewSettings = {
  organisationName: 'claimdesk',
  reviewUrl: `http://localhost:3000${DASHBOARD_CLAIM_PATH}`,
};

/**
 * The settings from the environment (serverless.yml sets CLAIMDESK_ORG_NAME, CLAIMDESK_ORG_URL, CLAIMDESK_REVIEW_URL).
 * Without a review URL, reviews link to the claim in the dashboard, on the stage's first allowed origin.
 */
export function claimReviewSettings(env: NodeJS.ProcessEnv = process.env): ClaimReviewSettings {
  const dashboard = (env.ALLOWED_ORIGINS ?? '').split(',').map((origin) => origin.trim()).find(Boolean);
  const reviewUrl = env.CLAIMDESK_REVIEW_URL?.trim() || (dashboard ? `${dashboard.replace(/\/+$/, '')}${DASHBOARD_CLAIM_PATH}` : LOCAL_REVIEW_SETTINGS.reviewUrl);
  // A misconfigured stage must not publish broken review links: fail loudly instead (logged; the caller gets a 500).
  if (!reviewUrl.includes('{claimId}') || !isHttpUrl(reviewUrl.replaceAll('{claimId}', 'x').replaceAll('{articleId}', 'x'))) {
    throw new Error(`CLAIMDESK_REVIEW_URL must be an http(s) URL containing {claimId}; it is ${JSON.stringify(reviewUrl)}`);
  }
  const organisationUrl = env.CLAIMDESK_ORG_URL?.trim();
  if (organisationUrl && !isHttpUrl(organisationUrl)) throw new Error(`CLAIMDESK_ORG_URL must be an http(s) URL; it is ${JSON.stringify(organisationUrl)}`);
  return {
    organisationName: env.CLAIMDESK_ORG_NAME?.trim() || LOCAL_REVIEW_SETTINGS.organisationName,
    ...(organisationUrl ? { organisationUrl } : {}),
    reviewUrl,
  };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function reviewUrlOf(settings: ClaimReviewSettings, claim: Pick<Claim, 'claimId' | 'articleId'>): string {
  return settings.reviewUrl
    .replaceAll('{claimId}', encodeURIComponent(claim.claimId))
    .replaceAll('{articleId}', encodeURIComponent(claim.articleId));
}

/** Words that make a speaker a body rather than a person ("U.S. officials", "the ministry"). */
const COLLECTIVE = /\b(officials?|government|ministry|ministries|department|agency|council|committee|commission|police|army|office|spokes(?:man|woman|people)|party|parliament|court|union|alliance|administration|authorities|bank|company|group|organi[sz]ation|kremlin|white house|pentagon|NATO|UN|EU)\b/i;

/**
 * The claim's speaker as a schema.org Person or Organization. The extractor's entities of the whole article say what a
 * name is (a person's full name is used: "Stoltenberg" → "Jens Stoltenberg"); places speak as their governments.
 * Unknown single names count as persons; several speakers ("Sherman and Stoltenberg") keep the wording as found.
 */
export function speakerOf(speaker: string | undefined, entities: Entity[]): { '@type': 'Person' | 'Organization'; name: string } | undefined {
  const name = speaker?.trim();
  if (!name) return undefined;
  const lower = name.toLowerCase();
  const same = entities.filter((entity) => entity.text.toLowerCase() === lower);
  const fuller = entities.filter((entity) => entity.kind === 'person' && entity.text.toLowerCase().endsWith(` ${lower}`));
  if (same.some((entity) => entity.kind === 'organisation' || entity.kind === 'place')) return { '@type': 'Organization', name };
  if (same.some((entity) => entity.kind === 'person')) return { '@type': 'Person', name: fuller[0]?.text ?? name };
  if (COLLECTIVE.test(name)) return { '@type': 'Organization', name };
  if (fuller.length) return { '@type': 'Person', name: fuller[0]!.text };
  return { '@type': 'Person', name };
}

/** One ClaimReview per rated claim of the article, in text order. */
export function claimReviewsOf(article: Article, claims: Claim[], settings: ClaimReviewSettings): ClaimReviewDocument[] {
  const entities = claims.flatMap((claim) => claim.entities ?? []);
  return claims.flatMap((claim) => {
    if (!claim.rating) return [];
    const ratingValue = RATING_VALUE[claim.rating];
    const author = speakerOf(claim.speaker, entities);
    return [
      ClaimReviewDocument.parse({
        '@context': 'https://schema.org',
        '@type': 'ClaimReview',
        url: reviewUrlOf(settings, claim),
        claimReviewed: claim.standalone ?? claim.text,
        datePublished: claim.updatedAt,
        author: { '@type': 'Organization', name: settings.organisationName, ...(settings.organisationUrl ? { url: settings.organisationUrl } : {}) },
        reviewRating: {
          '@type': 'Rating',
          ...(ratingValue !== undefined ? { ratingValue } : {}),
          bestRating: 5,
          worstRating: 1,
          alternateName: RATING_LABEL[claim.rating],
        },
        itemReviewed: {
          '@type': 'Claim',
          ...(author ? { author } : {}),
          ...(article.publishedAt ? { datePublished: article.publishedAt } : {}),
          appearance: { '@type': 'CreativeWork', ...(article.url ? { url: article.url } : {}), headline: article.title },
        },
      }),
    ];
  });
}

/** The article's ClaimReviews; 404 unless the article is stored (and not archived). */
export async function articleClaimReviews(desk: Desk, articleId: string, settings: ClaimReviewSettings): Promise<ClaimReviewDocument[]> {
  const { article, claims } = await readArticle(desk, articleId);
  return claimReviewsOf(article, claims, settings);
}
