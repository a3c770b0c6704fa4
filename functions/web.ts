/**
 * Serves the reviewer's dashboard: `GET /` (the page) and `GET /app/{file}` (its hashed script and styles).
 * No auth: the page holds no data; every API call it makes carries the reviewer's token.
 */
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import assets from 'claimdesk:web-assets';
import { lowerCaseHeaders } from './headers.js';

/** The page runs only its own script and styles and talks only to its own origin. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Strict-Transport-Security': 'max-age=63072000; includeSubDomains',
};

interface Prepared {
  type: string;
  body: string;
  gzip: string | undefined;
  etag: string;
  cacheControl: string;
}

const prepared = new Map<string, Prepared>();
for (const [name, asset] of Object.entries(assets)) {
  const gzip = asset.body.length > 1024 ? gzipSync(asset.body, { level: 9 }).toString('base64') : undefined;
  prepared.set(name, {
    type: asset.type,
    body: asset.body,
    gzip,
    etag: `"${createHash('sha256').update(asset.body).digest('base64url').slice(0, 22)}"`,
    // Hashed names never change content; the page itself is revalidated every time so a deploy shows at once.
    cacheControl: asset.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
}

function notFound(): APIGatewayProxyStructuredResultV2 {
  return {
    statusCode: 404,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'application/problem+json', 'Cache-Control': 'no-store' },
    body: JSON.stringify({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'No such dashboard file.' }),
  };
}

export async function handler(event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> {
  const file = event.pathParameters?.file;
  const asset = prepared.get(file ?? 'index.html');
  if (!asset) return notFound();
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'Content-Type': asset.type,
    'Cache-Control': asset.cacheControl,
    ETag: asset.etag,
    Vary: 'Accept-Encoding',
  };
  const requestHeaders = lowerCaseHeaders(event.headers);
  if (requestHeaders['if-none-match'] === asset.etag) return { statusCode: 304, headers, body: '' };
  if (asset.gzip && /\bgzip\b/.test(requestHeaders['accept-encoding'] ?? '')) {
    return { statusCode: 200, headers: { ...headers, 'Content-Encoding': 'gzip' }, body: asset.gzip, isBase64Encoded: true };
  }
  return { statusCode: 200, headers, body: asset.body };
}
