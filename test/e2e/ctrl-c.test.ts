/**
 * Ctrl-C leaves nothing behind, tried the way a terminal does it: `npm start` leads its own process group (as a
 * shell's foreground job does), and SIGINT goes to the whole group at once (npm, tsx and scripts/start.ts), cycle
 * after cycle on the same ports and the same data folder. After each: no process of the stack is left, and every
 * port can be bound again. Half the cycles stop a desk that is up, half one still loading the demo article.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePortOutsideEphemeralRange, portIsFree } from '../../scripts/local/processes.js';
import { ROOT } from '../../scripts/local/offline.js';

const CYCLES = 5;
const dataDir = mkdtempSync(join(tmpdir(), 'claimdesk-ctrl-c-'));
let current: ChildProcess | undefined;

afterAll(() => {
  // a failed cycle must not leave its stack running for the next test file
  if (current?.pid && current.exitCode === null) {
    try {
      process.kill(-current.pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  for (const { pid } of leftovers()) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
});

interface Leftover {
  pid: number;
  why: string;
  cmdline: string;
}

/** Every process that belongs to this test's stack: it carries the data folder in its environment or command line. */
function leftovers(group?: number): Leftover[] {
  const found: Leftover[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replaceAll('\0', ' ').trim();
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8');
      // field 5 of stat, after the parenthesised name (which may hold spaces): the process group
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const pgrp = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
      const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
      if (state === 'Z') continue; // exited, waiting for its parent to read its status: holds nothing
      const why = environ.includes(`CLAIMDESK_DATA_DIR=${dataDir}\0`)
        ? 'environment'
        : cmdline.includes(dataDir)
          ? 'command line'
          : group !== undefined && pgrp === group
            ? 'process group'
            : undefined;
      if (why) found.push({ pid: Number(entry), why, cmdline: cmdline.slice(0, 200) });
    } catch {
      /* ended while being read */
    }
  }
  return found;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs: number, output: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}:\n${output().slice(-3000)}`);
    await sleep(100);
  }
}

describe('Ctrl-C in a terminal', () => {
  it(`stops the whole stack, ${CYCLES} times over, leaving no process and no port behind`, { timeout: 900_000 }, async () => {
    const [port, dynamoPort, lambdaPort] = [await freePortOutsideEphemeralRange(), await freePortOutsideEphemeralRange(), await freePortOutsideEphemeralRange()];
    const env = {
      ...process.env,
      PORT: String(port),
      DYNAMODB_PORT: String(dynamoPort),
      CLAIMDESK_LAMBDA_PORT: String(lambdaPort),
      CLAIMDESK_DATA_DIR: dataDir,
      CI: '', // npm start is a person's command: no CI behaviour
    };
    const timings: string[] = [];
    for (let cycle = 1; cycle <= CYCLES; cycle++) {
      const started = Date.now();
      const npm = spawn('npm', ['start'], { cwd: ROOT, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      current = npm;
      let output = '';
      npm.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      npm.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<void>((resolve) => npm.once('exit', () => resolve()));
      const story = () => `cycle ${cycle}:\n${output}`;
      const health = async () => {
        if (npm.exitCode !== null) throw new Error(`npm start exited (${npm.exitCode}) before /health answered:\n${story()}`);
        try {
          return (await fetch(`http://127.0.0.1:${port}/health`, { signal: AbortSignal.timeout(5000) })).status === 200;
        } catch {
          return false;
        }
      };
      await until('/health to answer 200', health, 180_000, story);
      // odd cycles: the desk is up (link printed); even ones: SIGINT while the demo article may still be loading
      if (cycle % 2 === 1) await until('the desk to be up', () => output.includes('Ctrl-C stops everything'), 120_000, story);
      const up = Date.now();

      process.kill(-npm.pid!, 'SIGINT'); // what the terminal does on Ctrl-C: the signal to every process of the group
      await Promise.race([exited, sleep(60_000)]);
      expect(npm.exitCode ?? npm.signalCode, `npm start did not exit within 60 s of SIGINT\n${story()}`).not.toBeNull();

      // The stack is gone once npm has exited; allow a moment for the kernel to finish tearing processes down.
      let left = leftovers(npm.pid);
      for (let waited = 0; left.length > 0 && waited < 10_000; waited += 100) {
        await sleep(100);
        left = leftovers(npm.pid);
      }
      expect(left, `processes of the stack left after Ctrl-C\n${story()}`).toEqual([]);
      for (const [name, p] of [['PORT', port], ['DYNAMODB_PORT', dynamoPort], ['CLAIMDESK_LAMBDA_PORT', lambdaPort]] as const) {
        expect(await portIsFree(p, '::'), `${name} ${p} still taken after Ctrl-C\n${story()}`).toBe(true);
        expect(await portIsFree(p, '127.0.0.1'), `${name} ${p} still taken after Ctrl-C\n${story()}`).toBe(true);
      }
      timings.push(`cycle ${cycle}: up in ${((up - started) / 1000).toFixed(1)} s, stopped in ${((Date.now() - up) / 1000).toFixed(1)} s`);
    }
    console.log(`[ctrl-c] ${timings.join('; ')}`);
  });
});
