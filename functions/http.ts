/**
 * The one adapter between API Gateway (HTTP API, payload v2) and lib/: it reads the event into plain values,
 * authenticates, renders results and problems, and logs one line per request. No business rules here.
 */
import { Logger } from '@aws-lambda-powertools/logger';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { z } from 'zod';
import { authenticate, type Person } from '../lib/auth.js';
import { readConfig } from '../lib/config.js';
import { createDesk, type Desk } from '../lib/desk.js';
import {
  fieldProblems,
  invalidRequest,
  payloadTooLarge,
  ProblemError,
  unsupportedMediaType,
} from '../lib/problems.js';
import { signingKey } from '../lib/secret.js';

export const logger = new Logger({ serviceName: 'claimdesk' });
const config = readConfig();
const BODY_MAX_BYTES = 1024 * 1024;
const PROBLEM_BASE = 'https://claimdesk.dev/problems/';

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
}

export interface Context {
  desk: Desk;
  request: Request;
  /** The signed-in person; throws 401 when the token is missing or bad. */
  person(): Promise<Person>;
}

type Route = (context: Context) => Promise<Reply>;

let deskPromise: Promise<Desk> | undefined;
function desk(): Promise<Desk> {
  deskPromise ??= signingKey(config).then((key) => createDesk(config, key)).catch((error: unknown) => {
    deskPromise = undefined;
    throw error;
  });
  return deskPromise;
}

function lowerCaseHeaders(headers: Record<string, string | undefined> | null | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) out[name.toLowerCase()] = value;
  return out;
}

/** Builds a Lambda handler from routes keyed by API Gateway route key ("GET /claims/{claimId}"). */
export function httpHandler(routes: Record<string, Route>) {
  return async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const started = Date.now();
    const headers = lowerCaseHeaders(event.headers);
    const method = event.requestContext?.http?.method ?? 'GET';
    const route = event.routeKey && event.routeKey !== '$default' ? event.routeKey : `${method} ${event.rawPath}`;
    const request: Request = {
      method,
      route,
      headers,
      query: Object.fromEntries(Object.entries(event.queryStringParameters ?? {}).filter((e): e is [string, string] => e[1] !== undefined)),
      params: Object.fromEntries(Object.entries(event.pathParameters ?? {}).filter((e): e is [string, string] => e[1] !== undefined)),
      rawBody: event.body ?? undefined,
      isBase64Encoded: Boolean(event.isBase64Encoded),
    };
    let reply: Reply;
    let person: Person | undefined;
    try {
      const handle = routes[route];
      if (!handle) throw new ProblemError(404, 'not-found', 'Not found', `No route ${route}.`);
      const theDesk = await desk();
      reply = await handle({
        desk: theDesk,
        request,
        person: async () => {
          person ??= await authenticate(headers.authorization, await signingKey(config));
          return person;
        },
      });
    } catch (error) {
      reply = problemReply(error);
    }
    const response = render(reply, headers.origin);
    const log = { method, route, status: response.statusCode, ms: Date.now() - started, person: person?.name };
    if ((response.statusCode ?? 500) >= 500) logger.error('request failed', log);
    else logger.info('request', log);
    return response;
  };
}

function problemReply(error: unknown): Reply {
  if (error instanceof ProblemError) {
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

function render(reply: Reply, origin: string | undefined): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...reply.headers,
  };
  if (origin && config.allowedOrigins.includes(origin)) {
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
