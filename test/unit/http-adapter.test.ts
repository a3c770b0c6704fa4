import { describe, expect, it } from 'vitest';
import { jsonBody, type Request } from '../../functions/http.js';
import { ProblemError } from '../../lib/problems.js';
import { requireProgram } from '../../scripts/local/processes.js';

const request = (body: string | undefined, contentType?: string, isBase64Encoded = false): Request => ({
  method: 'POST',
  route: 'POST /articles',
  headers: contentType ? { 'content-type': contentType } : {},
  query: {},
  params: {},
  rawBody: body,
  isBase64Encoded,
});

function statusOf(run: () => unknown): number {
  try {
    run();
    return 200;
  } catch (error) {
    if (error instanceof ProblemError) return error.status;
    throw error;
  }
}

describe('jsonBody', () => {
  it('parses JSON sent as application/json, with or without a charset', () => {
    expect(jsonBody(request('{"text":"a"}', 'application/json'))).toEqual({ text: 'a' });
    expect(jsonBody(request('{"a":1}', 'Application/JSON; charset=utf-8'))).toEqual({ a: 1 });
  });

  it('checks the content type first (415), then the size (413), then encoding and syntax (400)', () => {
    expect(statusOf(() => jsonBody(request('{}')))).toBe(415);
    expect(statusOf(() => jsonBody(request('{}', 'text/plain')))).toBe(415);
    expect(statusOf(() => jsonBody(request('x'.repeat(1024 * 1024 + 1), 'text/plain')))).toBe(415);
    expect(statusOf(() => jsonBody(request(`"${'x'.repeat(1024 * 1024)}"`, 'application/json')))).toBe(413);
    expect(statusOf(() => jsonBody(request(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]).toString('base64'), 'application/json', true)))).toBe(400);
    expect(statusOf(() => jsonBody(request('{"text":', 'application/json')))).toBe(400);
    expect(statusOf(() => jsonBody(request('   ', 'application/json')))).toBe(400);
    expect(statusOf(() => jsonBody(request(undefined, 'application/json')))).toBe(400);
  });

  it('counts the size in bytes, not characters', () => {
    const justOver = `"${'é'.repeat(524_288)}"`; // 524,290 characters, 1,048,578 bytes
    expect(statusOf(() => jsonBody(request(justOver, 'application/json')))).toBe(413);
  });
});

describe('local stack prerequisites', () => {
  it('fails at once with a clear message when a required program is missing', () => {
    expect(() => requireProgram('claimdesk-no-such-java', ['-version'], 'Install Java 17.')).toThrow(/claimdesk-no-such-java is required.*Install Java 17/);
  });
});
