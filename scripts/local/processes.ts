/** Child processes of the local stack: free ports, waiting for readiness, and stopping whole process groups. */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface Child {
  process: ChildProcess;
  name: string;
  /** What it printed (the last 20,000 characters or more; everything with keepAllOutput). */
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts a process in its own group (so stopping it stops its children too), keeping the last output. */
export function startChild(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions & { echo?: boolean; keepAllOutput?: boolean } = {},
): Child {
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (!options.keepAllOutput && output.length > 40_000) output = output.slice(-20_000);
    if (options.echo) process.stderr.write(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    process: child,
    name,
    output: () => output,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        return;
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }, 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Polls `check` until it resolves true, the child dies, or the time runs out. */
export async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs: number, child?: Child): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child && (child.process.exitCode !== null || child.process.signalCode !== null)) {
      throw new Error(`${child.name} exited before ${what}:\n${child.output().slice(-4000)}`);
    }
    try {
      if (await check()) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${child ? `:\n${child.output().slice(-4000)}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Fails with a clear message when a required program is missing. */
export function requireProgram(program: string, versionArgs: string[], hint: string): void {
  const probe = spawnSync(program, versionArgs, { encoding: 'utf8', timeout: 15_000 });
  if (probe.error || probe.status !== 0) {
    throw new Error(`${program} is required but was not found or did not run (${probe.error?.message ?? `exit ${probe.status}`}). ${hint}`);
  }
}
