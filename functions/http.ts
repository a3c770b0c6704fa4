/**
 * The one adapter between API Gateway (HTTP API, payload v2) and lib/: it reads the event into plain values,
 * authenticates, renders results and problems, and logs one line per request. No business rules here.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context as LambdaContext } from 'aws-lambda';
import type * as z from 'zod';
import { authenticate, oidcVerifier, type OidcVerifier, type Person } from '../lib/auth.js';
import { readConfig, type DeskConfig } from '../lib/config.js';
import { createDesk, forRequest, type Desk } from '../lib/desk.js';
import type { Keyring } from '../lib/keys.js';
import {
  fieldProblems,
  invalidRequest,
  payloadTooLarge,
  ProblemError,
  unsupportedMediaType,
} from '../lib/problems.js';
import { lowerCaseHeaders } from './headers.js';

const BODY_MAX_BYTES = 1024 * 1024;
const PROBLEM_BASE = 'https://claimdesk.dev/problems/';
/** Time kept back from the invocation's remaining time to answer a 503 before Lambda cuts the request off. */
const ANSWER_MARGIN_MS = 1500;

export interface Request {
  method: string;
  route: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  params: Record<string, string>;
  rawBody: string | undefined;
  isBase64Encoded: boolean;
}

export interface Reply {
  status: number;
  body?: unknown;
  /** A body sent as is instead of as JSON (CSV); set its Content-Type in headers. */
  text?: string;
  headers?: Record<string, string>;
  /** More fields for the request's log line (never sent to the caller). */
  log?: Record<string, unknown>;
}

export interface Context {
  desk: Desk;
  request: Request;
  /** The signed-in person; throws 401 when the token is missing or bad. */
  person(): Promise<Person>;
}

export type Route = ((context: Context) => Promise<Reply>) & { storageFree?: boolean };
/** Routes keyed by API Gateway route key ("GET /claims/{claimId}"). */
export type Routes = Record<string, Route>;

/** A route that needs neither storage nor keys (liveness): no desk is built for it. */
export function withoutStorage(route: (context: Omit<Context, 'desk'>) => Promise<Reply>): Route {
  return Object.assign((context: Context) => route(context), { storageFree: true });
}

/** The part of Powertools' Logger the adapter uses (tests pass a real Logger or a recorder). */
export type RequestLogger = Pick<Logger, 'addContext' | 'info' | 'error'>;

/** What a handler is built from; the module-level default wires the real ones once per container. */
export interface HttpDependencies {
  config: DeskConfig;
  /** The container's desk (storage client, cursor signer); a request gets a copy carrying its deadline. */
  desk: () => Promise<Desk>;
  keys: () => Promise<Keyring>;
  oidc?: OidcVerifier | undefined;
  logger: RequestLogger;
  now: () => Date;
}

/** Memoises an async value; a failure is forgotten so the next request tries again. */
function once<T>(load: () => Promise<T>): () => Promise<T> {
  let value: Promise<T> | undefined;
  return () => {
    value ??= load().catch((error: unknown) => {
      value = undefined;
      throw error;
    });
    return value;
  };
}

export const logger = new Logger({ serviceName: 'claimdesk' });

export interface Wiring {
  /**
   * How the function reads its token keys (`loadKeyring` of lib/keys.ts), or false for a function that never
   * authenticates or pages (health): it reads no keys, its role needs no SSM, and its bundle carries no SSM client.
   */
  keys: ((config: DeskConfig) => Promise<Keyring>) | false;
}

const defaults = new Map<Wiring['keys'], HttpDependencies>();
/** The real wiring, built on the first invocation of the container (so the environment is read then, not at import). */
export function defaultDependencies(wiring: Wiring): HttpDependencies {
  const built = defaults.get(wiring.keys);
  if (built) return built;
  const config = readConfig();
  const load = wiring.keys;
  const keys = load ? once(() => load(config)) : () => Promise.reject(new Error('this function was wired without keys'));
  const dependencies: HttpDependencies = {
    config,
    keys,
    desk: once(async () => createDesk(config, load ? (await keys()).current.key : undefined)),
    oidc: load && config.oidc ? oidcVerifier(config.oidc) : undefined,
    logger,
    now: () => new Date(),
  };
  defaults.set(wiring.keys, dependencies);
  return dependencies;
}

/** A Lambda handler for the routes, wired to the real configuration and services on first use. */
export function httpHandler(routes: Routes, wiring: Wiring) {
  let built: ReturnType<typeof createHttpHandler> | undefined;
  return (event: APIGatewayProxyEventV2, context?: LambdaContext) => {
    built ??= createHttpHandler(routes, defaultDependencies(wiring));
    return built(event, context);
  };
}

/** Reads an API Gateway HTTP API (payload v2) event into plain values; null body/query/path (serverless-offline) are empty. */
export function readRequest(event: APIGatewayProxyEventV2): Request {
  const method = event.requestContext?.http?.method ?? 'GET';
  const route = event.routeKey && event.routeKey !== '$default' ? event.routeKey : `${method} ${event.rawPath}`;
  const defined = (values: Record<string, string | undefined> | null | undefined) =>
    Object.fromEntries(Object.entries(values ?? {}).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  return {
    method,
    route,
    headers: lowerCaseHeaders(event.headers),
    query: defined(event.queryStringParameters),
    params: defined(event.pathParameters),
    rawBody: event.body ?? undefined,
    isBase64Encoded: Boolean(event.isBase64Encoded),
  };
}

/** Builds a Lambda handler from routes keyed by API Gateway route key ("GET /claims/{claimId}") and its dependencies. */
export function createHttpHandler(routes: Routes, deps: HttpDependencies) {
  const { config, logger } = deps;
  return async (event: APIGatewayProxyEventV2, lambda?: LambdaContext): Promise<APIGatewayProxyStructuredResultV2> => {
    const started = deps.now().getTime();
    // Request id and cold start on every line this invocation logs.
    if (lambda) logger.addContext(lambda);
    const request = readRequest(event);
    const remaining = typeof lambda?.getRemainingTimeInMillis === 'function' ? lambda.getRemainingTimeInMillis() : undefined;
    // Wall-clock time, like the retry loops in lib/ that compare against it (deps.now may be a pinned test clock).
    const deadline = remaining === undefined ? undefined : Date.now() + Math.max(0, remaining - ANSWER_MARGIN_MS);
    let reply: Reply;
    let person: Person | undefined;
    try {
      const handle = routes[request.route];
      if (!handle) throw new ProblemError(404, 'not-found', 'Not found', `No route ${request.route}.`);
      const desk = handle.storageFree ? (undefined as unknown as Desk) : forRequest(await deps.desk(), deadline);
      reply = await handle({
        desk,
        request,
        person: async () => {
          person ??= await authenticate(request.headers.authorization, {
            keys: await deps.keys(),
            rules: config.tokens,
            oidc: deps.oidc,
            now: deps.now,
          });
          return person;
        },
      });
    } catch (error) {
      reply = problemReply(error, logger);
    }
    const response = render(reply, request.headers.origin, config.allowedOrigins);
    const log = { method: request.method, route: request.route, status: response.statusCode, ms: deps.now().getTime() - started, person: person?.name, ...reply.log };
    if ((response.statusCode ?? 500) >= 500) logger.error('request failed', log);
    else logger.info('request', log);
    return response;
  };
}

function problemReply(error: unknown, logger: RequestLogger): Reply {
  if (error instanceof ProblemError) {
    // A 503 says in the log what storage answered (throttling, a timeout, a retry that ran out), never to the caller.
    if (error.status >= 500 && error.cause !== undefined) {
      const cause = error.cause;
      logger.error('storage did not answer', { cause: cause instanceof Error ? { name: cause.name, message: cause.message } : String(cause) });
    }
    return {
      status: error.status,
      headers: { 'Content-Type': 'application/problem+json', ...error.options.headers },
      body: {
        type: `${PROBLEM_BASE}${error.slug}`,
        title: error.title,
        status: error.status,
        detail: error.detail,
        ...(error.options.errors ? { errors: error.options.errors } : {}),
        ...error.options.extensions,
      },
    };
  }
  // Never show internals: the log has the error, the caller gets a plain 500.
  logger.error('unexpected error', { error: error instanceof Error ? { name: error.name, message: error.message, stack: error.stack } : String(error) });
  return {
    status: 500,
    headers: { 'Content-Type': 'application/problem+json' },
    body: { type: `${PROBLEM_BASE}internal`, title: 'Internal error', status: 500, detail: 'Something went wrong on our side; nothing was changed.' },
  };
}

function render(reply: Reply, origin: string | undefined, allowedOrigins: string[]): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...reply.headers,
  };
  if (origin && allowedOrigins.includes(origin)) {
    headers['Access-Control-Allow-Origin'] = origin;
    headers['Access-Control-Expose-Headers'] = 'ETag, Retry-After, Location, Link';
    headers.Vary = 'Origin';
  }
  return {
    statusCode: reply.status,
    headers,
    body: reply.text ?? (reply.body === undefined ? '' : JSON.stringify(reply.body)),
  };
}

/**
 * The request body as JSON, checked in the order a client can act on: content type (415), size (413),
 * encoding and syntax (400).
 */
export function jsonBody(request: Request, accept: string[] = ['application/json']): unknown {
  const contentType = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!accept.includes(contentType)) {
    throw unsupportedMediaType(`Send the body as ${accept.join(' or ')}${contentType ? `, not ${contentType}` : ''}.`);
  }
  const raw = request.rawBody ?? '';
  const bytes = request.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > BODY_MAX_BYTES) throw payloadTooLarge('Request bodies are limited to 1 MiB.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw invalidRequest('The body is not valid UTF-8.');
  }
  // A gateway that decodes the body for us (serverless-offline does) turns invalid UTF-8 into U+FFFD instead of failing.
  if (text.includes('\uFFFD')) throw invalidRequest('The body is not valid UTF-8 (it holds U+FFFD replacement characters).');
  if (text.trim() === '') throw invalidRequest('The body is empty; send a JSON object.');
  try {
    return JSON.parse(text);
  } catch {
    throw invalidRequest('The body is not valid JSON.');
  }
}

/** Validates with a schema from schemas/; failures list every field problem. */
export function parse<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw invalidRequest(`The ${what} is not valid.`, fieldProblems(result.error.issues));
  return result.data;
}
