/**
 * The stack of test/support/stack.ts (same serverless.yml, same DynamoDB Local, same functions and handlers), with
 * serverless-offline started `--useInProcess`: every request runs in serverless-offline's own process, like one warm
 * Lambda container that serves all requests concurrently.
 *
 * Why: by default serverless-offline gives each concurrent request of a function its own worker thread, cold-started
 * on demand (importing a 1–2 MB bundle: 2–10 s on two busy cores). The cold start counts against the 15 s function
 * timeout, and an instance that timed out once keeps a terminated worker, so every later request routed to it "times
 * out" too (answered 200 with a LambdaTimeoutError body). Fifty concurrent clients then measure the emulator, not the
 * desk. In-process there is one cold start; the function timeout still applies to every request. Sharing one module
 * instance among concurrent requests is, if anything, a stricter test of module-level state than Lambda is.
 */
import { startStack, type Stack, type StackOptions } from './stack.js';

export interface ReliabilityStack extends Stack {
  /** Everything serverless-offline and the functions printed since the start (not only the tail). */
  logs(): string;
  /** Handler durations (ms) serverless-offline reported. */
  handlerDurations(): number[];
}

export async function startReliabilityStack(options: Omit<StackOptions, 'offlineFlags'> = {}): Promise<ReliabilityStack> {
  const stack = await startStack({ ...options, offlineFlags: ['--useInProcess', '--terminateIdleLambdaTime', '3600'] });
  const logs = () => stack.offline.child.output();
  return Object.assign(stack, {
    logs,
    handlerDurations: () => [...logs().matchAll(/Duration: ([\d.]+) ms/g)].map((match) => Number(match[1])),
  });
}
