/**
 * A request gives up on storage at its deadline: with the real SDK client against a storage endpoint that accepts
 * connections and never answers, a call made through the request's desk is abandoned at the deadline (503, one
 * connection) instead of running through the client's three 3-second attempts past the function's timeout.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readClaim } from '../../lib/claims.js';
import { readConfig } from '../../lib/config.js';
import { createDesk, forRequest } from '../../lib/desk.js';
import { ProblemError } from '../../lib/problems.js';

let server: Server;
let port: number;
const sockets: Socket[] = [];

beforeAll(async () => {
  // TCP accepts, nothing answers: a storage brownout.
  server = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

describe('a request against storage that hangs', () => {
  it('is abandoned at its deadline with a 503 problem, after one attempt, not the client’s three', async () => {
    const config = { ...readConfig({}), tableName: 'hanging', dynamodbEndpoint: `http://127.0.0.1:${port}` };
    const desk = forRequest(createDesk(config, new Uint8Array(32)), Date.now() + 400);
    const error = await readClaim(desk, `${'a'.repeat(24)}.1`).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ProblemError);
    expect((error as ProblemError).status).toBe(503);
    expect((error as ProblemError).options.headers?.['Retry-After']).toBeDefined();
    // Without the deadline the client would have tried again after its 3 s request timeout: a second connection.
    await new Promise((resolve) => setTimeout(resolve, 3_500));
    expect(sockets).toHaveLength(1);
  });

  it('leaves a desk without a deadline (tests, scripts) as it was', () => {
    const config = { ...readConfig({}), tableName: 'hanging', dynamodbEndpoint: `http://127.0.0.1:${port}` };
    const desk = createDesk(config, new Uint8Array(32));
    expect(forRequest(desk, undefined)).toBe(desk);
  });
});
