import { describe, expect, it } from 'vitest';
import { readConfig } from '../../lib/config.js';

describe('readConfig', () => {
  const local = { CLAIMDESK_JWT_SECRET: 's'.repeat(40), DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000', JWT_SECRET_PARAMETER: '/claimdesk/prod/jwt-secret' };

  it('ignores the local secret and endpoint in a deployed function (no IS_OFFLINE, not a test)', () => {
    const config = readConfig({ ...local, AWS_REGION: 'eu-west-1' });
    expect(config.jwtSecret).toBeUndefined();
    expect(config.dynamodbEndpoint).toBeUndefined();
    expect(config.jwtSecretParameter).toBe('/claimdesk/prod/jwt-secret');
  });

  it('takes them under serverless-offline and in tests', () => {
    for (const flag of [{ IS_OFFLINE: 'true' }, { VITEST: 'true' }, { NODE_ENV: 'test' }]) {
      const config = readConfig({ ...local, ...flag });
      expect(config.jwtSecret).toBe(local.CLAIMDESK_JWT_SECRET);
      expect(config.dynamodbEndpoint).toBe(local.DYNAMODB_ENDPOINT);
    }
  });

  it('has the local token issuer and audience by default, and single sign-on only with an issuer', () => {
    expect(readConfig({}).tokens).toEqual({ issuer: 'claimdesk-local', audience: 'claimdesk', maxLifetimeSeconds: 86_400 });
    expect(readConfig({}).oidc).toBeUndefined();
    expect(readConfig({ OIDC_ISSUER: 'https://login.example.org', OIDC_AUDIENCE: 'desk' }).oidc).toEqual({
      issuer: 'https://login.example.org',
      audience: 'desk',
      rolesClaim: 'roles',
      jwksUrl: undefined,
    });
    expect(readConfig({ ALLOWED_ORIGINS: ' https://a.example , ,https://b.example' }).allowedOrigins).toEqual(['https://a.example', 'https://b.example']);
  });
});
