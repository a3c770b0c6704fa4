/** Child processes of the local stack: free ports, waiting for readiness, and stopping whole process groups. */
import { spawn, spawnSync, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';

/** A port the kernel considers free now (it may hand the same port to anyone else once this returns). */
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

/** True when `port` can be bound on every address (as DynamoDB Local and serverless-offline bind it). */
export function portIsFree(port: number, host = '::'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The kernel's ephemeral range: ports it hands out for bind(0) (freePort) and for outgoing connections. */
function ephemeralRange(): [number, number] {
  try {
    const [low, high] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (low && high) return [low, high];
  } catch {
    /* not Linux: the IANA range */
  }
  return [49152, 65535];
}

/**
 * A free port below the ephemeral range, for a process that is stopped and started again on the same port (the
 * storage-fault tests): no bind(0) and no outgoing connection of any process can take such a port while it is down.
 */
export async function freePortOutsideEphemeralRange(): Promise<number> {
  const [low] = ephemeralRange();
  const from = 20_000;
  const to = Math.max(from + 1000, low - 1);
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = from + Math.floor(Math.random() * (to - from));
    if ((await portIsFree(port, '::')) && (await portIsFree(port, '127.0.0.1'))) return port;
  }
  throw new Error(`no free port between ${from} and ${to}`);
}

/** Socket inodes listening on `port` (IPv4 and IPv6), from /proc/net; undefined where there is no /proc. */
function listeningInodes(port: number): Set<string> | undefined {
  if (!existsSync('/proc/net/tcp')) return undefined;
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let lines: string[];
    try {
      lines = readFileSync(table, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const line of lines) {
      const fields = line.trim().split(/\s+/);
      if (fields.length < 10 || fields[3] !== '0A') continue; // 0A: LISTEN
      if (parseInt(fields[1]!.split(':').at(-1)!, 16) === port) inodes.add(fields[9]!);
    }
  }
  return inodes;
}

function socketInodesOf(pid: number): Set<string> {
  const inodes = new Set<string>();
  try {
    for (const fd of readdirSync(`/proc/${pid}/fd`)) {
      try {
        const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (match) inodes.add(match[1]!);
      } catch {
        /* closed meanwhile */
      }
    }
  } catch {
    /* gone */
  }
  return inodes;
}

/** The pids that listen on `port` (from /proc); undefined where there is no /proc to ask. */
export function listenerPids(port: number): number[] | undefined {
  const inodes = listeningInodes(port);
  if (!inodes) return undefined;
  if (inodes.size === 0) return [];
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const owned = socketInodesOf(Number(entry));
    if ([...inodes].some((inode) => owned.has(inode))) pids.push(Number(entry));
  }
  return pids;
}

/** True when process `pid` itself listens on `port`; true as well where /proc cannot tell. */
export function listensOn(pid: number, port: number): boolean {
  const inodes = listeningInodes(port);
  if (!inodes) return true;
  const owned = socketInodesOf(pid);
  return [...inodes].some((inode) => owned.has(inode));
}

/** The scheduler state of each thread of `pid` ('R', 'S', 'D', 'T' stopped…), from /proc; undefined where there is no /proc. */
export function threadStates(pid: number): Map<number, string> | undefined {
  if (!existsSync('/proc/self/task')) return undefined;
  const states = new Map<number, string>();
  let tids: string[];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return states; // the process is gone
  }
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      states.set(Number(tid), stat.charAt(stat.lastIndexOf(')') + 2)); // the command name may hold spaces and parentheses
    } catch {
      /* the thread ended meanwhile */
    }
  }
  return states;
}

/**
 * Stops process `pid` with SIGSTOP and resolves once every one of its threads is stopped. kill() returns as soon as
 * the signal is queued: the kernel wakes one thread to take it, and the others run on until that thread is scheduled
 * and stops them all (tens of ms on a busy machine), so a process "stopped" by kill() alone can still answer requests.
 */
export async function freezeProcess(pid: number, timeoutMs = 10_000): Promise<void> {
  process.kill(pid, 'SIGSTOP');
  const started = Date.now();
  for (;;) {
    const states = threadStates(pid);
    if (!states) throw new Error(`cannot tell whether pid ${pid} has stopped: no /proc`);
    if (states.size === 0) throw new Error(`pid ${pid} is gone: nothing to freeze`);
    const running = [...states].filter(([, state]) => state !== 'T' && state !== 't');
    if (running.length === 0) return;
    if (Date.now() - started > timeoutMs) {
      throw new Error(`pid ${pid}: ${running.length} of ${states.size} threads still not stopped ${timeoutMs} ms after SIGSTOP (${running.slice(0, 5).map(([tid, state]) => `${tid} ${state}`).join(', ')})`);
    }
    await pause(1);
  }
}

export interface Child {
  process: ChildProcess;
  name: string;
  /** What it printed (the last 20,000 characters or more; everything with keepAllOutput). */
  output: () => string;
  /** Stops the child's whole process group and resolves once nothing of the group is left (idempotent). */
  stop: () => Promise<void>;
}

/** Children started and not yet stopped, so one call can stop them all whatever the start had got to. */
const running = new Set<Child>();
let stoppingEverything: Promise<void> | undefined;
let watchdog: ChildProcess | undefined;

// The watchdog: reads process group ids, one a line, and when its input closes (this process has exited, however:
// a clean stop, a crash, or tsx's SIGKILL after a Ctrl-C it thinks went unanswered) stops every group it was given.
const WATCHDOG = `
const groups = new Set(); let rest = '';
const alive = (g) => { try { process.kill(-g, 0); return true; } catch (e) { return e.code === 'EPERM'; } };
const signal = (s) => { for (const g of groups) { try { process.kill(-g, s); } catch {} } };
process.stdin.on('data', (chunk) => { const lines = (rest + chunk).split('\\n'); rest = lines.pop(); for (const l of lines) if (+l > 1) groups.add(+l); });
process.stdin.on('end', () => {
  signal('SIGTERM');
  const started = Date.now();
  const timer = setInterval(() => {
    if (Date.now() - started > 5000) signal('SIGKILL');
    if (![...groups].some(alive) || Date.now() - started > 15000) { clearInterval(timer); process.exit(0); }
  }, 100);
});`;

/**
 * From now on, every child started here is also handed to a watchdog process (in a process group of its own, named
 * by `label` in its command line) that stops it if this process dies without stopping it.
 */
export function watchOverChildren(label: string): void {
  if (watchdog) return;
  watchdog = spawn(process.execPath, ['-e', WATCHDOG, 'claimdesk-watchdog', label], { detached: true, stdio: ['pipe', 'ignore', 'ignore'] });
  watchdog.on('error', () => undefined);
  watchdog.stdin?.on('error', () => undefined);
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
}

/** True while some process of group `pgid` still exists. */
function groupAlive(pgid: number): boolean {
  try {
    process.kill(-pgid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    /* the group is gone */
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a process as the leader of its own process group: a terminal's Ctrl-C (SIGINT to the foreground group) never
 * reaches it directly, and stopping it stops everything it started (esbuild, workers) with it.
 */
export function startChild(
  name: string,
  command: string,
  args: string[],
  options: SpawnOptions & { echo?: boolean; keepAllOutput?: boolean; graceMs?: number } = {},
): Child {
  if (stoppingEverything) throw new Error(`not starting ${name}: the stack is stopping`);
  const child = spawn(command, args, { ...options, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    if (!options.keepAllOutput && output.length > 40_000) output = output.slice(-20_000);
    if (options.echo) process.stderr.write(chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.once('error', () => undefined); // a failed spawn shows as an exit; waitFor reports it with the output
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  const pgid = child.pid;
  if (pgid !== undefined) watchdog?.stdin?.write(`${pgid}\n`);
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopped ??= (async () => {
      if (pgid !== undefined) {
        // SIGTERM to the group, SIGKILL to whatever is left after the grace period, then wait until none is left
        signalGroup(pgid, 'SIGTERM');
        const graceMs = options.graceMs ?? 5000;
        const inTime = await Promise.race([exited.then(() => true), pause(graceMs).then(() => false)]);
        if (!inTime) process.stderr.write(`${name} did not stop within ${graceMs} ms of SIGTERM: killing its process group\n`);
        signalGroup(pgid, 'SIGKILL');
        await exited;
        for (let waited = 0; groupAlive(pgid) && waited < 10_000; waited += 50) {
          signalGroup(pgid, 'SIGKILL');
          await pause(50);
        }
      }
      running.delete(handle);
    })());
  const handle: Child = { process: child, name, output: () => output, stop };
  running.add(handle);
  return handle;
}

/**
 * Stops every child started here, newest first (serverless-offline before the storage it talks to). Idempotent: a
 * second call (a second SIGINT, from tsx or npm passing on the terminal's) waits for the same stop instead of cutting it short.
 */
export function stopEveryChild(): Promise<void> {
  return (stoppingEverything ??= (async () => {
    for (const child of [...running].reverse()) await child.stop().catch(() => undefined);
  })());
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
