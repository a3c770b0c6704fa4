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
    expect(Object.keys(doc.paths)).toEqual(['/health', '/articles', '/articles/{articleId}', '/claims', '/claims/{claimId}', '/claims/{claimId}/history']);
    const review = doc.paths['/claims/{claimId}'].patch.requestBody.content['application/json'].schema as { properties: Record<string, unknown> };
    expect(Object.keys(review.properties)).toEqual(['status', 'rating', 'basedOn', 'note', 'addSources']);
  });
});
