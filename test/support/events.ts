/**
 * API Gateway HTTP API (payload format 2.0) events and Lambda contexts for adapter unit tests, in the shape AWS sends
 * them and in the shapes serverless-offline sends them (null body, null queryStringParameters and pathParameters,
 * headers in the client's case).
 */
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

export interface EventOptions {
  headers?: Record<string, string>;
  query?: Record<string, string> | null;
  params?: Record<string, string> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
  /** The path as the client sent it; by default the route's path with the parameters filled in. */
  path?: string;
}

/** An event for a route key such as "GET /claims/{claimId}", as AWS sends it (absent members left out). */
export function httpEvent(routeKey: string, options: EventOptions = {}): APIGatewayProxyEventV2 {
  const [method, template] = routeKey.split(' ') as [string, string];
  const path = options.path ?? template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(options.params?.[name] ?? name));
  const query = options.query ?? undefined;
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey,
    rawPath: path,
    rawQueryString: query ? new URLSearchParams(query).toString() : '',
    headers: { host: 'api.example.org', 'user-agent': 'vitest', ...options.headers },
    requestContext: {
      accountId: '123456789012',
      apiId: 'api',
      domainName: 'api.example.org',
      domainPrefix: 'api',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '192.0.2.1', userAgent: 'vitest' },
      requestId: 'gateway-request-id',
      routeKey,
      stage: '$default',
      time: '03/Dec/2026:03:00:00 +0000',
      timeEpoch: 1_796_000_000_000,
    },
    isBase64Encoded: options.isBase64Encoded ?? false,
  };
  if (query) event.queryStringParameters = query;
  if (options.params) event.pathParameters = options.params;
  if (options.body !== undefined && options.body !== null) event.body = options.body;
  return event;
}

/** The same event as serverless-offline 13 builds it: nulls where AWS leaves members out, headers as the client wrote them. */
export function offlineEvent(routeKey: string, options: EventOptions = {}): APIGatewayProxyEventV2 {
  const event = httpEvent(routeKey, options) as unknown as Record<string, unknown>;
  event.body = options.body ?? null;
  event.queryStringParameters = options.query ?? null;
  event.pathParameters = options.params ?? null;
  event.headers = { Host: '127.0.0.1:3000', 'User-Agent': 'vitest', ...options.headers };
  return event as unknown as APIGatewayProxyEventV2;
}

/** A Lambda context with a request id and a remaining time that counts down from `remainingMs`. */
export function lambdaContext(options: { requestId?: string; remainingMs?: number; now?: () => number } = {}): Context {
  const now = options.now ?? Date.now;
  const endsAt = now() + (options.remainingMs ?? 15_000);
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: 'claimdesk-test-claims',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:claimdesk-test-claims',
    memoryLimitInMB: '1024',
    awsRequestId: options.requestId ?? 'request-1',
    logGroupName: '/aws/lambda/claimdesk-test-claims',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => Math.max(0, endsAt - now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
