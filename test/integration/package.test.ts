/**
 * Packages the prod stage the way a deploy would (`serverless package`, osls 3) and reads the CloudFormation template:
 * local settings refused, one least-privilege role per function, throttles, reserved concurrency and access logs.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ORIGINS = 'https://desk.example.org,https://review.example.org';
const out = mkdtempSync(join(tmpdir(), 'claimdesk-package-'));

function packageProd(env: Record<string, string>) {
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !['CLAIMDESK_JWT_SECRET', 'DYNAMODB_ENDPOINT', 'CLAIMDESK_ALLOWED_ORIGINS', 'VITEST', 'IS_OFFLINE'].includes(name)),
  );
  const run = spawnSync(process.execPath, [join(ROOT, 'node_modules/osls/bin/serverless.js'), 'package', '--stage', 'prod', '--package', out], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 300_000,
    env: { ...clean, SLS_TELEMETRY_DISABLED: '1', SLS_NOTIFICATIONS_MODE: 'off', SLS_DEPRECATION_DISABLE: '*', ...env },
  });
  return { status: run.status, output: `${run.stdout}\n${run.stderr}` };
}

type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: string[] }; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('serverless package --stage prod', () => {
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('fails with a clear message when the local secret or endpoint is set in the shell', () => {
    const run = packageProd({ CLAIMDESK_JWT_SECRET: 'x'.repeat(48), DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000', CLAIMDESK_ALLOWED_ORIGINS: ORIGINS });
    expect(run.status, run.output).not.toBe(0);
    expect(run.output).toMatch(/refuses to package or deploy stage "prod"/);
    expect(run.output).toMatch(/CLAIMDESK_JWT_SECRET and DYNAMODB_ENDPOINT are set in this shell/);
    const one = packageProd({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000', CLAIMDESK_ALLOWED_ORIGINS: ORIGINS });
    expect(one.status).not.toBe(0);
    expect(one.output).toMatch(/DYNAMODB_ENDPOINT is set in this shell/);
  });

  it('fails with a clear message when no CORS origin is configured (no placeholder)', () => {
    const run = packageProd({});
    expect(run.status, run.output).not.toBe(0);
    expect(run.output).toMatch(/No allowed CORS origin for stage "prod".*CLAIMDESK_ALLOWED_ORIGINS/);
  });

  describe('packaged with the deployed settings', () => {
    let resources: Record<string, Resource>;
    let text: string;
    const of = (type: string) => Object.entries(resources).filter(([, resource]) => resource.Type === type);

    beforeAll(() => {
      const run = packageProd({ CLAIMDESK_ALLOWED_ORIGINS: ORIGINS });
      expect(run.status, run.output).toBe(0);
      text = readFileSync(join(out, 'cloudformation-template-update-stack.json'), 'utf8');
      resources = (JSON.parse(text) as { Resources: Record<string, Resource> }).Resources;
    }, 300_000);

    it('has neither local variable in the template', () => {
      expect(text).not.toMatch(/CLAIMDESK_JWT_SECRET|DYNAMODB_ENDPOINT|127\.0\.0\.1|localhost/);
    });

    it('gives each function a role of its own, and web no DynamoDB or SSM action', () => {
      const functions = of('AWS::Lambda::Function');
      expect(functions.map(([name]) => name).sort()).toEqual(['ArticlesLambdaFunction', 'ClaimsLambdaFunction', 'ExportsLambdaFunction', 'HealthLambdaFunction', 'WebLambdaFunction']);
      const roleOf = (resource: Resource) => resource.Properties.Role?.['Fn::GetAtt']?.[0] as string;
      const roles = functions.map(([, resource]) => roleOf(resource));
      expect(new Set(roles).size).toBe(functions.length);
      expect(of('AWS::IAM::Role').map(([name]) => name).sort()).toEqual([...roles].sort());
      const statements = (role: string) =>
        (resources[role]!.Properties.Policies as { PolicyDocument: { Statement: { Action: string[]; Resource: unknown }[] } }[]).flatMap((policy) => policy.PolicyDocument.Statement);
      const actions = (role: string) => statements(role).flatMap((statement) => statement.Action);
      const web = roleOf(resources.WebLambdaFunction!);
      expect(JSON.stringify(statements(web))).not.toMatch(/dynamodb:|ssm:|kms:/);
      expect(actions(web).sort()).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
      expect(actions(roleOf(resources.HealthLambdaFunction!))).toContain('dynamodb:GetItem');
      expect(actions(roleOf(resources.HealthLambdaFunction!)).sort()).toEqual(['dynamodb:GetItem', 'logs:CreateLogStream', 'logs:PutLogEvents']);
      for (const fn of ['ArticlesLambdaFunction', 'ClaimsLambdaFunction']) expect(actions(roleOf(resources[fn]!))).toContain('ssm:GetParameter');
      expect(actions(roleOf(resources.ArticlesLambdaFunction!))).not.toContain('dynamodb:BatchGetItem');
      expect(actions(roleOf(resources.ClaimsLambdaFunction!))).not.toContain('dynamodb:BatchWriteItem');
      // exports only read
      expect(actions(roleOf(resources.ExportsLambdaFunction!)).filter((action) => action.startsWith('dynamodb:')).sort()).toEqual(['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:Query']);
      for (const role of roles) {
        for (const statement of statements(role)) {
          expect(statement.Action.some((action) => action.includes('*')), `${role}: ${statement.Action}`).toBe(false);
          expect(JSON.stringify(statement.Resource), role).not.toBe('"*"');
        }
        // each role writes to its own function's log group only
        const logs = statements(role).find((statement) => statement.Action.includes('logs:PutLogEvents'));
        expect(JSON.stringify(logs?.Resource)).toMatch(new RegExp(`/aws/lambda/claimdesk-prod-${role.replace(/Role$/, '').toLowerCase()}:`));
      }
    });

    it('throttles routes (POST /articles below reads, /health low), reserves concurrency, logs access', () => {
      const stage = resources.HttpApiStage!.Properties;
      const reads = stage.DefaultRouteSettings.ThrottlingRateLimit as number;
      const routes = stage.RouteSettings as Record<string, { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }>;
      expect(routes['POST /articles']!.ThrottlingRateLimit).toBeLessThan(reads);
      expect(routes['GET /health']!.ThrottlingRateLimit).toBeLessThanOrEqual(2);
      for (const route of Object.keys(routes)) expect(of('AWS::ApiGatewayV2::Route').some(([, r]) => r.Properties.RouteKey === route), route).toBe(true);
      for (const [name, resource] of of('AWS::Lambda::Function')) expect(resource.Properties.ReservedConcurrentExecutions, name).toBeGreaterThan(0);
      expect(stage.AccessLogSettings?.DestinationArn).toBeDefined();
      expect(stage.AccessLogSettings?.Format).toMatch(/\$context\.requestId/);
      expect(stage.AccessLogSettings?.Format).not.toMatch(/authorization/i);
    });

    it('allows exactly the configured CORS origins, and serves /health/live', () => {
      expect(resources.HttpApi!.Properties.CorsConfiguration.AllowOrigins).toEqual(ORIGINS.split(','));
      expect(of('AWS::ApiGatewayV2::Route').map(([, route]) => route.Properties.RouteKey)).toContain('GET /health/live');
      const variables = resources.ClaimsLambdaFunction!.Properties.Environment.Variables as Record<string, string>;
      expect(variables).toMatchObject({ TOKEN_ISSUER: 'claimdesk-prod', TOKEN_AUDIENCE: 'claimdesk', ALLOWED_ORIGINS: ORIGINS });
      expect(Number(variables.TOKEN_MAX_LIFETIME_SECONDS)).toBeLessThanOrEqual(86_400);
    });
  });
});
