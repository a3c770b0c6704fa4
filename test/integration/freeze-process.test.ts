/**
 * freezeProcess (scripts/local/processes.ts), which the "storage that hangs" fault test freezes DynamoDB Local with:
 * once it resolves, no thread of the process runs, so nothing sent afterwards is answered until SIGCONT.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { freezeProcess, threadStates } from '../../scripts/local/processes.js';

// A TCP server on the main thread and a worker thread spinning on the CPU: threads asleep and running when frozen.
const SERVER = `
const { Worker } = require('node:worker_threads');
new Worker('const end = Date.now() + 60000; while (Date.now() < end) {}', { eval: true });
require('node:net').createServer((socket) => socket.end('answered')).listen(0, '127.0.0.1', function () {
  process.stdout.write(this.address().port + '\\n');
});`;

let child: ChildProcess | undefined;
afterEach(() => {
  if (child?.pid && child.exitCode === null) {
    process.kill(child.pid, 'SIGCONT');
    child.kill('SIGKILL');
  }
  child = undefined;
});

async function startServer(): Promise<number> {
  child = spawn(process.execPath, ['-e', SERVER], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child!.stdout!.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child!.once('exit', (code) => reject(new Error(`server exited (${code})`)));
  });
}

/** Connects and sends a line; resolves with what comes back (the kernel accepts the connection even when frozen). */
function ask(port: number): { answer: Promise<string>; answered: () => boolean } {
  let done = false;
  const answer = new Promise<string>((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write('hello\n'));
    let text = '';
    socket.on('data', (chunk) => (text += chunk.toString()));
    socket.on('end', () => {
      done = true;
      resolve(text);
    });
    socket.on('error', reject);
  });
  return { answer, answered: () => done };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(threadStates(process.pid) === undefined)('freezeProcess', () => {
  it('resolves only once every thread is stopped; nothing sent afterwards is answered until SIGCONT', async () => {
    const port = await startServer();
    expect(await ask(port).answer).toBe('answered');
    const pid = child!.pid!;
    expect(threadStates(pid)!.size).toBeGreaterThan(2); // main, the worker, V8's and libuv's threads

    await freezeProcess(pid);
    const states = threadStates(pid)!;
    expect([...states.values()].filter((state) => state !== 'T' && state !== 't'), `thread states ${JSON.stringify([...states])}`).toEqual([]);
    const question = ask(port);
    await sleep(500);
    expect(question.answered()).toBe(false);

    process.kill(pid, 'SIGCONT');
    expect(await question.answer).toBe('answered');
  });
});
