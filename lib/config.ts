/** Configuration read from the environment (set by serverless.yml, or by scripts/start.ts and the tests locally). */
export interface DeskConfig {
  tableName: string;
  /** DynamoDB endpoint for local runs (DynamoDB Local); undefined means the AWS regional endpoint. */
  dynamodbEndpoint: string | undefined;
  region: string;
  /** The secret itself (local runs only), or the SSM parameter that holds it (deployed). */
  jwtSecret: string | undefined;
  jwtSecretParameter: string | undefined;
  allowedOrigins: string[];
  tokens: TokenRules;
  /** Single sign-on: tokens signed by this OpenID Connect issuer are verified against its published keys. */
  oidc: OidcSettings | undefined;
}

/** What a token must say to be accepted (API.md "Version 1.2", Tokens). */
export interface TokenRules {
  issuer: string;
  audience: string;
  /** Largest `exp − iat` accepted, in seconds (at most 24 hours). */
  maxLifetimeSeconds: number;
}

export interface OidcSettings {
  issuer: string;
  audience: string;
  /** The claim that carries the desk roles; a dotted path reaches into objects (e.g. `realm_access.roles`). */
  rolesClaim: string;
  /** The issuer's JWKS; when unset, `jwks_uri` of `<issuer>/.well-known/openid-configuration`. */
  jwksUrl: string | undefined;
}

export const LOCAL_TOKEN_ISSUER = 'claimdesk-local';
export const LOCAL_TOKEN_AUDIENCE = 'claimdesk';
export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 60 * 60;

/** Local settings (a secret or an endpoint in the environment) count only under serverless-offline and in tests. */
export function runsLocally(env: NodeJS.ProcessEnv): boolean {
  return env.IS_OFFLINE === 'true' || env.VITEST === 'true' || env.NODE_ENV === 'test';
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): DeskConfig {
  const local = runsLocally(env);
  const lifetime = Number(env.TOKEN_MAX_LIFETIME_SECONDS);
  return {
    tableName: env.TABLE_NAME || 'claimdesk-dev',
    dynamodbEndpoint: (local && env.DYNAMODB_ENDPOINT) || undefined,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'eu-west-1',
    jwtSecret: (local && env.CLAIMDESK_JWT_SECRET) || undefined,
    jwtSecretParameter: env.JWT_SECRET_PARAMETER || undefined,
    allowedOrigins: list(env.ALLOWED_ORIGINS),
    tokens: {
      issuer: env.TOKEN_ISSUER || LOCAL_TOKEN_ISSUER,
      audience: env.TOKEN_AUDIENCE || LOCAL_TOKEN_AUDIENCE,
      // configurable lower, never higher than the contract's 24 hours
      maxLifetimeSeconds: lifetime > 0 ? Math.min(lifetime, MAX_TOKEN_LIFETIME_SECONDS) : MAX_TOKEN_LIFETIME_SECONDS,
    },
    oidc: env.OIDC_ISSUER
      ? {
          issuer: env.OIDC_ISSUER,
          audience: env.OIDC_AUDIENCE || LOCAL_TOKEN_AUDIENCE,
          rolesClaim: env.OIDC_ROLES_CLAIM || 'roles',
          jwksUrl: env.OIDC_JWKS_URL || undefined,
        }
      : undefined,
  };
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}
