/** A small client for the desk's HTTP API in tests. */
export interface Answer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export function client(baseUrl: string, token?: string) {
  return async function call<T = any>(
    method: string,
    path: string,
    options: { body?: unknown; raw?: string | Uint8Array; headers?: Record<string, string>; token?: string | null } = {},
  ): Promise<Answer<T>> {
    const headers: Record<string, string> = { ...options.headers };
    const bearer = options.token === undefined ? token : options.token;
    if (bearer) headers.Authorization = `Bearer ${bearer}`;
    let payload: string | Uint8Array | undefined = options.raw;
    if (options.body !== undefined) {
      payload = JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const response = await fetch(`${baseUrl}${path}`, { method, headers, body: payload as BodyInit | undefined });
    const text = await response.text();
    let body: unknown = undefined;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: response.status, headers: response.headers, body: body as T, text };
  };
}

/** Asserts the RFC 9457 shape every error of the API has. */
export function isProblem(answer: Answer, status: number): boolean {
  const body = answer.body as Record<string, unknown> | undefined;
  return (
    answer.status === status &&
    (answer.headers.get('content-type') ?? '').startsWith('application/problem+json') &&
    !!body &&
    typeof body.type === 'string' &&
    typeof body.title === 'string' &&
    body.status === status &&
    typeof body.detail === 'string' &&
    !/at .+\.(ts|js|mjs):\d+|stack|Exception/.test(answer.text)
  );
}
