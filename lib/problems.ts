/** A failure the API answers as RFC 9457 problem details. lib/ throws these; the HTTP adapter renders them. */
export interface FieldProblem {
  path: string;
  message: string;
}

export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly slug: string,
    readonly title: string,
    readonly detail: string,
    readonly options: {
      errors?: FieldProblem[];
      /** Extra members of the problem body (e.g. the current claim on a 412). */
      extensions?: Record<string, unknown>;
      headers?: Record<string, string>;
    } = {},
  ) {
    super(detail);
    this.name = 'ProblemError';
  }
}

export const invalidRequest = (detail: string, errors?: FieldProblem[]) =>
  new ProblemError(400, 'invalid-request', 'Invalid request', detail, errors ? { errors } : {});
export const unauthenticated = (detail: string) =>
  new ProblemError(401, 'unauthenticated', 'Not signed in', detail, {
    headers: { 'WWW-Authenticate': 'Bearer realm="claimdesk"' },
  });
export const forbidden = (detail: string) => new ProblemError(403, 'forbidden', 'Not allowed', detail);
export const notFound = (detail: string) => new ProblemError(404, 'not-found', 'Not found', detail);
export const conflict = (detail: string, headers?: Record<string, string>) =>
  new ProblemError(409, 'conflict', 'Conflict with the current state', detail, headers ? { headers } : {});
/** An archived article, or a claim of one: 410 until an admin restores it. */
export const articleArchived = (articleId: string) =>
  new ProblemError(
    410,
    'archived',
    'Archived',
    `Article ${articleId} is archived: it and its claims are out of every list. An admin can restore it (POST /articles/${articleId}/restore).`,
  );
export const payloadTooLarge = (detail: string) => new ProblemError(413, 'too-large', 'Request too large', detail);
export const unsupportedMediaType = (detail: string) =>
  new ProblemError(415, 'unsupported-media-type', 'Unsupported content type', detail);
/** `why` is for the log only (the error DynamoDB gave, or which retry ran out): the caller sees the same 503. */
export const storageUnavailable = (why?: unknown) =>
  Object.assign(
    new ProblemError(503, 'storage-unavailable', 'Storage unavailable', 'The claim store did not answer; nothing was changed. Retry shortly.', {
      headers: { 'Retry-After': '2' },
    }),
    why === undefined ? {} : { cause: why },
  );

/** zod issues → field problems with dotted paths. */
export function fieldProblems(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>): FieldProblem[] {
  return issues.map((issue) => ({
    path: issue.path.length ? issue.path.map(String).join('.') : '(body)',
    message: issue.message,
  }));
}
