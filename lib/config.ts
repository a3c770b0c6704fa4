/** Configuration read from the environment (set by serverless.yml, or by scripts/start.ts locally). */
export interface DeskConfig {
  tableName: string;
  /** DynamoDB endpoint for local runs (DynamoDB Local); empty means the AWS regional endpoint. */
  dynamodbEndpoint: string | undefined;
  region: string;
  /** The secret itself (local runs), or the SSM parameter that holds it (deployed). */
  jwtSecret: string | undefined;
  jwtSecretParameter: string | undefined;
  allowedOrigins: string[];
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): DeskConfig {
  return {
    tableName: env.TABLE_NAME || 'claimdesk-dev',
    dynamodbEndpoint: env.DYNAMODB_ENDPOINT || undefined,
    region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'eu-west-1',
    jwtSecret: env.CLAIMDESK_JWT_SECRET || undefined,
    jwtSecretParameter: env.JWT_SECRET_PARAMETER || undefined,
    allowedOrigins: (env.ALLOWED_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean),
  };
}
