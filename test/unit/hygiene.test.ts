/**
 * Security hygiene that needs no running stack: CORS limited to the configured origins (the adapter, invoked the way
 * Lambda invokes it), API Gateway throttling and CORS in serverless.yml, and `npm audit` of the production
 * dependencies. (No token or secret in logs or responses: see hostile.test.ts, which has the stack running.)
 */
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseDocument } from 'yaml';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { recordFigures } from '../support/reliability.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The claims handler as a fresh module, configured by `env` (the default wiring reads the environment on its first invocation). */
async function claimsHandler(env: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  vi.stubEnv('CLAIMDESK_JWT_SECRET', randomBytes(48).toString('base64url'));
  vi.stubEnv('DYNAMODB_ENDPOINT', 'http://127.0.0.1:9'); // never reached: the requests below fail before storage
  vi.stubEnv('POWERTOOLS_LOG_LEVEL', 'SILENT');
  const { handler } = await import('../../functions/claims.js');
  return async (origin: string | undefined, method = 'GET'): Promise<APIGatewayProxyStructuredResultV2> => {
    const event = {
      version: '2.0',
      routeKey: `${method} /claims`,
      rawPath: '/claims',
      rawQueryString: '',
      headers: origin === undefined ? {} : { origin },
      requestContext: { http: { method, path: '/claims' } },
      isBase64Encoded: false,
    } as unknown as APIGatewayProxyEventV2;
    return handler(event);
  };
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('CORS: the adapter allows only the configured origins', () => {
  it('echoes Access-Control-Allow-Origin for a configured origin only, also on errors', async () => {
    const handle = await claimsHandler({ ALLOWED_ORIGINS: 'http://localhost:3000' });
    const allowed = await handle('http://localhost:3000');
    expect(allowed.statusCode).toBe(401); // no token: an error answer still carries CORS, so the browser can read it
    expect(allowed.headers?.['Access-Control-Allow-Origin']).toBe('http://localhost:3000');
    expect(String(allowed.headers?.Vary)).toMatch(/Origin/);
    for (const origin of [
      'http://evil.example',
      'null',
      'http://localhost:3000.evil.example',
      'http://localhost:30000',
      'https://localhost:3000',
      'http://localhost:3000/',
      'http://LOCALHOST:3000',
      '*',
      '',
    ]) {
      const answer = await handle(origin);
      expect(answer.headers?.['Access-Control-Allow-Origin'], origin).toBeUndefined();
      expect(JSON.stringify(answer.headers)).not.toContain('evil');
    }
    expect((await handle(undefined)).headers?.['Access-Control-Allow-Origin']).toBeUndefined();
  });

  it('takes several origins from ALLOWED_ORIGINS, and none when it is empty', async () => {
    const several = await claimsHandler({ ALLOWED_ORIGINS: 'https://desk.example.org, https://review.example.org' });
    expect((await several('https://desk.example.org')).headers?.['Access-Control-Allow-Origin']).toBe('https://desk.example.org');
    expect((await several('https://review.example.org')).headers?.['Access-Control-Allow-Origin']).toBe('https://review.example.org');
    expect((await several('http://localhost:3000')).headers?.['Access-Control-Allow-Origin']).toBeUndefined();
    const none = await claimsHandler({ ALLOWED_ORIGINS: '' });
    expect((await none('http://localhost:3000')).headers?.['Access-Control-Allow-Origin']).toBeUndefined();
  });
});

describe('serverless.yml', () => {
  const config = parseDocument(readFileSync(`${ROOT}serverless.yml`, 'utf8')).toJS() as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

  it('throttles every route of the HTTP API (the packaged values: test/integration/package.test.ts)', () => {
    const settings = config.resources?.extensions?.HttpApiStage?.Properties?.DefaultRouteSettings;
    expect(settings?.ThrottlingRateLimit).toBe('${self:custom.throttle.default.rate}');
    const throttle = config.custom.throttle as Record<string, { rate: number; burst: number }>;
    for (const [name, { rate, burst }] of Object.entries(throttle)) {
      expect(rate, name).toBeGreaterThan(0);
      expect(burst, name).toBeGreaterThanOrEqual(rate);
    }
  });

  it('limits API Gateway CORS to the configured origins (local stages default to http://localhost:3000, deployed ones have no default), never *', () => {
    expect(config.provider.httpApi.cors.allowedOrigins).toEqual(['${param:allowedOrigins}']);
    expect(config.provider.environment.ALLOWED_ORIGINS).toBe('${param:allowedOrigins}');
    expect(config.params.default.allowedOrigins).toBe("${env:CLAIMDESK_ALLOWED_ORIGINS, ''}");
    for (const stage of config.custom.localStages) expect(config.params[stage].allowedOrigins).toMatch(/'http:\/\/localhost:3000'\}$/);
    expect(JSON.stringify(config.params)).not.toMatch(/['"]\*['"]/);
    expect(config.provider.httpApi.cors.allowCredentials).not.toBe(true);
  });

  it('keeps the JWT secret and the local endpoint out of the template (SSM in deployment, guard.cjs hands them to serverless-offline)', () => {
    expect(config.provider.environment.CLAIMDESK_JWT_SECRET).toBeUndefined();
    expect(config.provider.environment.DYNAMODB_ENDPOINT).toBeUndefined();
    expect(config.plugins).toContain('./scripts/serverless/guard.cjs');
    expect(config.custom.jwtSecretParameter).toMatch(/^\/claimdesk\//);
  });
});

describe('dependencies', () => {
  it('npm audit --omit=dev finds nothing high or critical', { timeout: 130_000 }, async (context) => {
    const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000 });
    let report: { error?: { code?: string; summary?: string; detail?: string }; message?: string; statusCode?: number; metadata?: { vulnerabilities?: Record<string, number> } };
    try {
      report = JSON.parse(run.stdout);
    } catch {
      throw new Error(`npm audit printed no JSON: ${run.stdout.slice(0, 300)} ${run.stderr.slice(0, 300)}`);
    }
    if (!report.metadata) {
      // The audit service could not be reached (offline, or a registry mirror without the advisory endpoint):
      // say so rather than pretend the dependencies were checked.
      const why = `${report.error?.code ?? report.statusCode ?? ''} ${report.message ?? report.error?.summary ?? ''}`.trim();
      expect(why, 'npm audit failed for a reason other than reaching the audit service').toMatch(/405|404|5\d\d|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|audit endpoint|network/i);
      await recordFigures('npmAudit', { checked: false, reason: why });
      context.skip(`npm audit could not reach the audit service: ${why}`);
      return;
    }
    const vulnerabilities = report.metadata.vulnerabilities ?? {};
    await recordFigures('npmAudit', { checked: true, ...vulnerabilities });
    expect(vulnerabilities.high ?? 0).toBe(0);
    expect(vulnerabilities.critical ?? 0).toBe(0);
  });
});
