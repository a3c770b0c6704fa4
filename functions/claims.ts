import { ClaimReview } from '../schemas/claim.js';
import { ClaimQueueQuery, HistoryQuery, SimilarQuery } from '../schemas/query.js';
import { requireRole } from '../lib/auth.js';
import { deskStats, etagOf, markClaim, readClaim, readClaimHistory, reviewQueue } from '../lib/claims.js';
import { similarClaims, withQueueMatches } from '../lib/repeats.js';
import { loadKeyring } from '../lib/keys.js';
import { httpHandler, jsonBody, parse, type Routes } from './http.js';

export const routes: Routes = {
  'GET /claims': async ({ desk, request, person }) => {
    await person();
    const page = await reviewQueue(desk, parse(ClaimQueueQuery, request.query, 'query'));
    return { status: 200, body: { ...page, items: await withQueueMatches(desk, page.items) } };
  },
  // A route of its own: API Gateway and serverless-offline both prefer a literal segment to {claimId}.
  'GET /claims/similar': async ({ desk, request, person }) => {
    await person();
    const query = parse(SimilarQuery, request.query, 'query');
    return { status: 200, body: { items: await similarClaims(desk, query.text, query.limit) } };
  },
  'GET /claims/{claimId}': async ({ desk, request, person }) => {
    await person();
    const { claim, history, historyTruncated } = await readClaim(desk, request.params.claimId ?? '');
    return { status: 200, headers: { ETag: etagOf(claim) }, body: { claim, history, historyTruncated } };
  },
  'PATCH /claims/{claimId}': async ({ desk, request, person }) => {
    const reviewer = await person();
    requireRole(reviewer, 'reviewer');
    const review = parse(ClaimReview, jsonBody(request, ['application/json', 'application/merge-patch+json']), 'review');
    const claim = await markClaim(desk, request.params.claimId ?? '', request.headers['if-match'], review, reviewer);
    return { status: 200, headers: { ETag: etagOf(claim) }, body: { claim } };
  },
  'GET /claims/{claimId}/history': async ({ desk, request, person }) => {
    await person();
    return { status: 200, body: await readClaimHistory(desk, request.params.claimId ?? '', parse(HistoryQuery, request.query, 'query')) };
  },
  'GET /stats': async ({ desk, person }) => {
    await person();
    return { status: 200, body: await deskStats(desk) };
  },
};

export const handler = httpHandler(routes, { keys: loadKeyring });
