/**
 * Reproduces the "storage that hangs" fault test many times on one stack: freeze DynamoDB Local, send the test's four
 * requests at once, thaw, and tally the answers (all should be 503). See docs/RELIABILITY.md, "A frozen store that
 * still answers".
 *
 *   npx tsx scripts/freeze-cycles.ts [cycles=10] [kill|wait] [idle|pin]
 *
 * kill: process.kill(SIGSTOP) alone (what the test did); wait: freezeProcess, which waits until every thread stopped.
 * idle: DynamoDB Local's leader thread (the one the kernel wakes to take SIGSTOP) on SCHED_IDLE; pin: that and pinned
 * to CPU 0 (run busy loops there, `taskset -c 0 node -e 'for(;;){}'`): both widen the window kill() leaves open.
 */
import { execFileSync } from 'node:child_process';
import { freezeProcess, threadStates } from './local/processes.js';
import { startReliabilityStack } from '../test/support/reliability-stack.js';
import { call, syntheticArticle, type Answer, type CallOptions } from '../test/support/reliability.js';

const cycles = Number(process.argv[2] ?? 10);
const mode = process.argv[3] === 'wait' ? 'wait' : 'kill';
const pin = process.argv[4] === 'pin';
const idle = pin || process.argv[4] === 'idle';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const stack = await startReliabilityStack({ persistent: true });
try {
  const editor = await stack.token('eve', ['editor']);
  const reviewer = await stack.token('hana', ['reviewer']);
  const seeded = await call(stack.baseUrl, 'POST', '/articles', { token: editor, body: { text: syntheticArticle(3, 4) } });
  const claimId: string = seeded.json.claims[0].claimId;
  const java = stack.storage.dynamo.child.process.pid!;
  if (idle) execFileSync('chrt', ['-i', '-p', '0', String(java)]);
  if (pin) execFileSync('taskset', ['-p', '-c', '0', String(java)]);
  const tally: Record<string, number> = {};
  for (let cycle = 0; cycle < cycles; cycle++) {
    const requests: [string, string, CallOptions][] = [
      ['GET', '/health', {}],
      ['GET', `/claims/${claimId}`, { token: reviewer }],
      ['PATCH', `/claims/${claimId}`, { token: reviewer, body: { status: 'disputed', note: `frozen ${cycle}` }, headers: { 'If-Match': '"999"' } }],
      ['POST', '/articles', { token: editor, body: { text: syntheticArticle(1000 + cycle, 4) } }],
    ];
    // storage answering again and the functions' sockets warm, as after the test's earlier retries
    for (let i = 0; i < 50 && (await call(stack.baseUrl, 'GET', '/health')).status !== 200; i++) await sleep(200);
    const started = performance.now();
    let runningAfterKill = '';
    if (mode === 'wait') await freezeProcess(java);
    else {
      process.kill(java, 'SIGSTOP');
      runningAfterKill = `, ${[...(threadStates(java)?.values() ?? [])].filter((state) => state !== 'T').length} threads not stopped right after kill()`;
    }
    const freezeMs = performance.now() - started;
    let answers: Answer[];
    try {
      answers = await Promise.all(requests.map(([method, path, options]) => call(stack.baseUrl, method, path, options)));
    } finally {
      process.kill(java, 'SIGCONT');
    }
    requests.forEach(([method, path], i) => {
      const key = `${method} /${path.split('/')[1]} ${answers[i]!.status}`;
      tally[key] = (tally[key] ?? 0) + 1;
    });
    const line = requests.map(([method, path], i) => `${method} /${path.split('/')[1]} ${answers[i]!.status} in ${answers[i]!.ms} ms`).join(' | ');
    console.log(`cycle ${cycle} (${mode}: ${freezeMs.toFixed(1)} ms${runningAfterKill}): ${answers.some((a) => a.status !== 503) ? 'NOT ALL 503: ' : ''}${line}`);
  }
  console.log(JSON.stringify({ mode, idle, pin, cycles, tally }));
} finally {
  await stack.stop();
}
