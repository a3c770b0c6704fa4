'use strict';
/**
 * Keeps local settings out of deployed stages (API.md "Version 1.2", Production configuration).
 * - package/deploy of a stage not listed in custom.localStages fails when CLAIMDESK_JWT_SECRET or DYNAMODB_ENDPOINT is
 *   set in the shell, or when no allowed CORS origin is configured: there is no placeholder to fall back to.
 * - Those two variables are never in serverless.yml; under serverless-offline this plugin hands them to the functions.
 * - ALLOWED_ORIGINS may list several origins (comma-separated): API Gateway's CORS gets each one.
 */
const LOCAL_ONLY = ['CLAIMDESK_JWT_SECRET', 'DYNAMODB_ENDPOINT'];

class ClaimdeskGuard {
  constructor(serverless, options) {
    this.serverless = serverless;
    this.options = options;
    this.hooks = {
      'before:package:initialize': () => this.refuseLocalSettings(),
      'before:deploy:deploy': () => this.refuseLocalSettings(),
      'before:deploy:function:initialize': () => this.refuseLocalSettings(),
      'before:offline:start:init': () => this.passLocalSettings(),
      'before:offline:start': () => this.passLocalSettings(),
    };
  }

  get stage() {
    return this.options.stage || this.serverless.service.provider.stage;
  }

  get isLocalStage() {
    const local = (this.serverless.service.custom && this.serverless.service.custom.localStages) || [];
    return local.includes(this.stage);
  }

  origins() {
    const environment = this.serverless.service.provider.environment || {};
    return String(environment.ALLOWED_ORIGINS || '')
      .split(',')
      .map((origin) => origin.trim())
      .filter(Boolean);
  }

  splitOrigins() {
    const cors = this.serverless.service.provider.httpApi && this.serverless.service.provider.httpApi.cors;
    if (cors && typeof cors === 'object') cors.allowedOrigins = this.origins();
  }

  refuseLocalSettings() {
    if (!this.isLocalStage) {
      const set = LOCAL_ONLY.filter((name) => process.env[name]);
      const problems = [];
      if (set.length) {
        problems.push(
          `${set.join(' and ')} ${set.length > 1 ? 'are' : 'is'} set in this shell, and ${set.length > 1 ? 'they are' : 'it is'} for the local stack only: ` +
            `a deployed stage reads its secret from SSM (${(this.serverless.service.custom || {}).jwtSecretParameter}) and uses DynamoDB in AWS. ` +
            `Unset ${set.join(' and ')} (e.g. \`env -u ${set.join(' -u ')} npx serverless deploy --stage ${this.stage}\`).`,
        );
      }
      if (this.origins().length === 0) {
        problems.push(
          `No allowed CORS origin for stage "${this.stage}". Set CLAIMDESK_ALLOWED_ORIGINS to the dashboard's origin(s), ` +
            'comma-separated (e.g. https://desk.example.org).',
        );
      }
      if (problems.length) {
        throw new this.serverless.classes.Error(`claimdesk refuses to package or deploy stage "${this.stage}":\n- ${problems.join('\n- ')}\nSee docs/DEPLOY.md.`);
      }
    }
    this.splitOrigins();
  }

  passLocalSettings() {
    const environment = (this.serverless.service.provider.environment ||= {});
    for (const name of LOCAL_ONLY) if (process.env[name]) environment[name] = process.env[name];
    this.splitOrigins();
  }
}

module.exports = ClaimdeskGuard;
