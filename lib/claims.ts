import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { ClaimId } from '../schemas/query.js';
import {
  SOURCES_PER_CLAIM_MAX,
  type Claim,
  type ClaimReview,
  type ClaimStatus,
  type ReviewEvent,
  type Source,
} from '../schemas/claim.js';
import { toClaim } from './articles.js';
import type { Person } from './auth.js';
import { retryDeadline, type Desk } from './desk.js';
import { conflict, notFound, ProblemError, storageUnavailable } from './problems.js';
import { guarded, queryAll, sleep } from './store/client.js';
import * as keys from './store/keys.js';

/** The ETag of a claim: its version, quoted. */
export const etagOf = (claim: Pick<Claim, 'version'>) => `"${claim.version}"`;

function locate(claimId: string): { articleId: string; seq: number } {
  if (!ClaimId.safeParse(claimId).success) throw notFound(`No claim ${claimId}.`);
  return keys.parseClaimId(claimId);
}

/** The review queue for one status, most check-worthy first. One Query on GSI1, never a Scan. */
export async function reviewQueue(
  desk: Desk,
  query: { status: ClaimStatus; limit: number; cursor?: string | undefined },
): Promise<{ items: Claim[]; nextCursor?: string }> {
  const scope = `claims:${query.status}`;
  const startKey = desk.cursors.decode(scope, query.cursor);
  const page = await guarded(() =>
    desk.storage.db.send(
      new QueryCommand({
        TableName: desk.storage.tableName,
        IndexName: 'GSI1',
        KeyConditionExpression: 'GSI1PK = :pk',
        ExpressionAttributeValues: { ':pk': keys.queuePk(query.status) },
        Limit: query.limit,
        ExclusiveStartKey: startKey,
      }),
    ),
  );
  const claims = (page.Items ?? []).map((item) => toClaim(item));
  const complete = await completeArticles(desk, [...new Set(claims.map((claim) => claim.articleId))]);
  const nextCursor = desk.cursors.encode(scope, page.LastEvaluatedKey);
  // Claims of an article that is still being stored are not reviewable yet.
  return { items: claims.filter((claim) => complete.has(claim.articleId)), ...(nextCursor ? { nextCursor } : {}) };
}

async function completeArticles(desk: Desk, articleIds: string[]): Promise<Set<string>> {
  const complete = new Set<string>();
  for (let i = 0; i < articleIds.length; i += 100) {
    let request: Record<string, unknown>[] | undefined = articleIds
      .slice(i, i + 100)
      .map((articleId) => ({ PK: keys.articlePk(articleId), SK: keys.META }));
    for (let round = 0; request && request.length > 0; round++) {
      if (round > 8) throw storageUnavailable();
      if (round > 0) await sleep(50 * 2 ** round);
      const keysToRead = request;
      const answer = await guarded(() =>
        desk.storage.db.send(
          new BatchGetCommand({
            RequestItems: {
              [desk.storage.tableName]: { Keys: keysToRead, ProjectionExpression: 'articleId, #state', ExpressionAttributeNames: { '#state': 'state' } },
            },
          }),
        ),
      );
      for (const item of answer.Responses?.[desk.storage.tableName] ?? []) {
        if (item.state === 'complete') complete.add(String(item.articleId));
      }
      request = answer.UnprocessedKeys?.[desk.storage.tableName]?.Keys as Record<string, unknown>[] | undefined;
    }
  }
  return complete;
}

async function readClaimItem(desk: Desk, claimId: string): Promise<Claim> {
  const { articleId, seq } = locate(claimId);
  const [claimAnswer, metaAnswer] = await Promise.all([
    guarded(() =>
      desk.storage.db.send(
        new GetCommand({ TableName: desk.storage.tableName, Key: { PK: keys.articlePk(articleId), SK: keys.claimSk(seq) }, ConsistentRead: true }),
      ),
    ),
    guarded(() =>
      desk.storage.db.send(
        new GetCommand({
          TableName: desk.storage.tableName,
          Key: { PK: keys.articlePk(articleId), SK: keys.META },
          ProjectionExpression: '#state',
          ExpressionAttributeNames: { '#state': 'state' },
          ConsistentRead: true,
        }),
      ),
    ),
  ]);
  if (!claimAnswer.Item || metaAnswer.Item?.state !== 'complete') throw notFound(`No claim ${claimId}.`);
  return toClaim(claimAnswer.Item);
}

/** Every accepted change of a claim, oldest first. */
export async function claimHistory(desk: Desk, claimId: string): Promise<ReviewEvent[]> {
  const { articleId, seq } = locate(claimId);
  const items = await queryAll(desk.storage, {
    KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
    ExpressionAttributeValues: { ':pk': keys.articlePk(articleId), ':prefix': keys.reviewPrefix(seq) },
  });
  return items.map(({ PK: _pk, SK: _sk, entity: _entity, ...event }) => event as ReviewEvent);
}

export async function readClaim(desk: Desk, claimId: string): Promise<{ claim: Claim; history: ReviewEvent[] }> {
  const claim = await readClaimItem(desk, claimId);
  return { claim, history: await claimHistory(desk, claimId) };
}

/** History for a claim that must exist (404 otherwise). */
export async function readClaimHistory(desk: Desk, claimId: string): Promise<ReviewEvent[]> {
  await readClaimItem(desk, claimId);
  return claimHistory(desk, claimId);
}

export const staleVersion = (current: Claim) =>
  new ProblemError(
    412,
    'stale-version',
    'The claim has changed since you read it',
    `Someone changed this claim (now version ${current.version}, by ${current.updatedBy ?? 'the extractor'}). Nothing was saved; review the current claim and send your change again with If-Match: ${etagOf(current)}.`,
    { extensions: { claim: current }, headers: { ETag: etagOf(current) } },
  );

/**
 * Reviews of one article's claims all update its statusCounts, so simultaneous reviews of the same article can
 * cancel each other (TransactionConflict; nothing written). They are retried with jitter for up to this long, well
 * inside the function's timeout, before the reviewer is told to retry (503).
 */
const CONFLICT_RETRY_MS = 8_000;

/**
 * Records a reviewer's decision on a claim: status, note and sources, as one atomic write of the claim (on the
 * condition that nobody changed it since `ifMatch`), its review event and the article's status counts.
 */
export async function markClaim(
  desk: Desk,
  claimId: string,
  ifMatch: string | undefined,
  review: ClaimReview,
  reviewer: Person,
): Promise<Claim> {
  const deadline = retryDeadline(desk, CONFLICT_RETRY_MS);
  for (let attempt = 1; ; attempt++) {
    const current = await readClaimItem(desk, claimId);
    if (ifMatch === undefined) {
      throw new ProblemError(428, 'precondition-required', 'If-Match is required', `Send If-Match: ${etagOf(current)} (the ETag of the claim you reviewed) so no one else's change is overwritten.`);
    }
    if (!matchesEtag(ifMatch, current)) throw staleVersion(current);

    const at = desk.now().toISOString();
    const known = new Set(current.sources.map((source) => source.url));
    const added = (review.addSources ?? []).filter((source) => !known.has(source.url) && known.add(source.url));
    const sources: Source[] = [
      ...current.sources,
      ...added.map((source) => ({ url: source.url, ...(source.title ? { title: source.title } : {}), addedBy: reviewer.name, addedAt: at })),
    ];
    const to = review.status ?? current.status;
    if (to === 'sourced' && sources.length === 0) {
      throw conflict('A claim can be marked sourced only once it has a source: add one in addSources.');
    }
    if (sources.length > SOURCES_PER_CLAIM_MAX) throw conflict(`A claim holds at most ${SOURCES_PER_CLAIM_MAX} sources.`);

    const note = review.note === undefined ? current.note : review.note.trim() || undefined;
    const next: Claim = {
      ...current,
      status: to,
      version: current.version + 1,
      sources,
      updatedAt: at,
      updatedBy: reviewer.name,
    };
    if (note === undefined) delete next.note;
    else next.note = note;
    const event: ReviewEvent = {
      claimId,
      version: next.version,
      at,
      by: reviewer.name,
      from: current.status,
      to,
      ...(review.note !== undefined ? { note: review.note.trim() } : {}),
      ...(added.length ? { sourcesAdded: added.map((s) => ({ url: s.url, ...(s.title ? { title: s.title } : {}) })) } : {}),
    };
    const { articleId, seq } = keys.parseClaimId(claimId);
    const pk = keys.articlePk(articleId);
    const { articleTitle: _title, ...claimFields } = next;
    const transaction = new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: desk.storage.tableName,
            Item: {
              PK: pk,
              SK: keys.claimSk(seq),
              GSI1PK: keys.queuePk(to),
              GSI1SK: keys.queueSk(next.checkworthiness, next.createdAt, articleId, seq),
              entity: 'claim',
              ...claimFields,
              ...(current.articleTitle ? { articleTitle: current.articleTitle } : {}),
            },
            ConditionExpression: 'version = :expected',
            ExpressionAttributeValues: { ':expected': current.version },
          },
        },
        {
          Put: {
            TableName: desk.storage.tableName,
            Item: { PK: pk, SK: keys.reviewSk(seq, next.version), entity: 'review', ...event },
            ConditionExpression: 'attribute_not_exists(PK)',
          },
        },
        ...(to !== current.status
          ? [
              {
                Update: {
                  TableName: desk.storage.tableName,
                  Key: { PK: pk, SK: keys.META },
                  UpdateExpression: 'SET statusCounts.#from = statusCounts.#from - :one, statusCounts.#to = statusCounts.#to + :one',
                  ConditionExpression: 'attribute_exists(PK)',
                  ExpressionAttributeNames: { '#from': current.status, '#to': to },
                  ExpressionAttributeValues: { ':one': 1 },
                },
              },
            ]
          : []),
      ],
    });
    try {
      await guarded(() => desk.storage.db.send(transaction));
      return next;
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      const reasons = (error.CancellationReasons ?? []).map((reason) => reason.Code);
      if (reasons[0] === 'ConditionalCheckFailed' || reasons[1] === 'ConditionalCheckFailed') {
        // Someone else's change landed first: answer with theirs.
        throw staleVersion(await readClaimItem(desk, claimId));
      }
      // TransactionConflict (another transaction on the same article's counts): nothing was written; try again.
      if (Date.now() > deadline) throw storageUnavailable();
      await sleep(Math.min(300, 10 * 2 ** attempt) * (0.5 + Math.random()));
    }
  }
}

/** If-Match holds one or more entity tags; a weak tag (W/"3") matches too, since versions are exact anyway. */
export function matchesEtag(ifMatch: string, claim: Claim): boolean {
  return ifMatch
    .split(',')
    .map((tag) => tag.trim().replace(/^W\//, ''))
    .some((tag) => tag === etagOf(claim));
}
