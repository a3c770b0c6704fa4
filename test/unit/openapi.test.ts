import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openApiDocument } from '../../schemas/openapi.js';

describe('OpenAPI document', () => {
  it('is generated from schemas/ and the committed docs/openapi.json is current (npm run openapi)', () => {
    const committed = JSON.parse(readFileSync(new URL('../../docs/openapi.json', import.meta.url), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });

  it('describes every route of API.md with the review body fields', () => {
    const doc = openApiDocument();
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/health', '/health/live', '/articles', '/articles/{articleId}', '/claims', '/claims/similar', '/claims/{claimId}', '/claims/{claimId}/history']));
    const review = doc.paths['/claims/{claimId}'].patch.requestBody.content['application/json'].schema as { properties: Record<string, unknown> };
    expect(Object.keys(review.properties)).toEqual(['status', 'rating', 'basedOn', 'note', 'addSources']);
  });

  it('describes every route serverless.yml serves, and no other', () => {
    const yml = readFileSync(new URL('../../serverless.yml', import.meta.url), 'utf8');
    const routes = [...yml.matchAll(/httpApi: '(GET|POST|PATCH|PUT|DELETE) ([^']+)'/g)].map((m) => `${m[1]!.toLowerCase()} ${m[2]}`).sort();
    const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const described = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => `${method} ${path}`)).sort();
    expect(described).toEqual(routes);
  });
});
