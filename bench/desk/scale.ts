/**
 * 3. Queue and reads at many claims against few: the same requests against two stages of the desk (one table
 * each, the same DynamoDB Local), interleaved round by round so both see the same machine load; medians and their
 * ratio. An endpoint this build does not have yet is reported as not available instead of failing the run.
 */
import { median } from './stats.js';

export interface Side {
  name: string;
  baseUrl: string;
  /** Query values that differ per table (a deep page's cursor). */
  deepCursor: string | undefined;
}

export interface Probe {
  name: string;
  /** The path for a side (undefined: cannot be built on this side). */
  path: (side: Side) => string | undefined;
  /** Names a query parameter that a build without the feature refuses as unknown (400 naming it). */
  feature?: string;
  /**
   * Rows of an answer, for a response whose length depends on the table (the CSV export's first page is up to 1,000
   * rows, and fewer at 1,000 claims): its ratio is then per row, so both sides are compared on equal work.
   */
  rows?: (text: string) => number;
}

export type ScaleRow =
  | { name: string; available: false; why: string }
    /** ratio: the median of each round's large/small (pairs cancel the machine's drift); ofMedians: median over median. */
  | {
      name: string;
      available: true;
      small: number;
      large: number;
      ratio: number;
      ofMedians: number;
      rounds: number;
      bytes: number;
      smallBytes: number;
      /** Set for a probe with `rows`: the rows of each side's answer; ratio and ofMedians are then per row. */
      rows?: { small: number; large: number };
    };

async function timed(url: string, token: string): Promise<{ ms: number; status: number; text: string }> {
  const t0 = performance.now();
  const response = await fetch(url, { headers: { Authorization: `Bearer ${token}` } });
  const text = await response.text();
  return { ms: performance.now() - t0, status: response.status, text };
}

/** Why an answer means "this build has no such endpoint or filter", or undefined when it is a real answer. */
function unavailable(probe: Probe, answer: { status: number; text: string }): string | undefined {
  if (answer.status === 404) return `404 (${answer.text.slice(0, 120).replace(/\s+/g, ' ')})`;
  if (answer.status === 400 && probe.feature && answer.text.includes(probe.feature)) return `400: the query parameter \`${probe.feature}\` is refused as unknown`;
  if (answer.status === 405) return '405';
  return undefined;
}

export const WARM_ROUNDS = 5;

export async function compareScale(small: Side, large: Side, probes: Probe[], token: string, rounds: number): Promise<ScaleRow[]> {
  const rows: ScaleRow[] = [];
  for (const probe of probes) {
    const smallPath = probe.path(small);
    const largePath = probe.path(large);
    if (smallPath === undefined || largePath === undefined) {
      rows.push({ name: probe.name, available: false, why: 'no data to ask for on this build' });
      continue;
    }
    const first = await timed(small.baseUrl + smallPath, token);
    const why = unavailable(probe, first);
    if (why) {
      rows.push({ name: probe.name, available: false, why: `not available in this build: ${why}` });
      continue;
    }
    if (first.status !== 200) throw new Error(`${probe.name}: ${smallPath} answered ${first.status}: ${first.text.slice(0, 300)}`);
    // warm both sides: the first requests pay the function's start and the JIT's warm-up
    for (let i = 0; i < WARM_ROUNDS; i++) {
      await timed(small.baseUrl + smallPath, token);
      const w = await timed(large.baseUrl + largePath, token);
      if (w.status !== 200) throw new Error(`${probe.name}: ${largePath} answered ${w.status}: ${w.text.slice(0, 300)}`);
    }
    const s: number[] = [];
    const l: number[] = [];
    let bytes = 0;
    let smallBytes = 0;
    const rowsOf = { small: 1, large: 1 };
    for (let r = 0; r < rounds; r++) {
      // alternate which side goes first, so neither always follows the other
      const order = r % 2 === 0 ? [small, large] : [large, small];
      for (const side of order) {
        const answer = await timed(side.baseUrl + (side === small ? smallPath : largePath), token);
        if (answer.status !== 200) throw new Error(`${probe.name}: answered ${answer.status}: ${answer.text.slice(0, 300)}`);
        (side === small ? s : l).push(answer.ms);
        if (side === large) bytes = answer.text.length;
        else smallBytes = answer.text.length;
        if (probe.rows) rowsOf[side === small ? 'small' : 'large'] = Math.max(1, probe.rows(answer.text));
      }
    }
    // per row when the answers differ in length (rowsOf stays 1 and 1 otherwise)
    const paired = s.map((x, i) => l[i]! / rowsOf.large / (x / rowsOf.small));
    rows.push({
      name: probe.name,
      available: true,
      small: median(s),
      large: median(l),
      ratio: median(paired),
      ofMedians: median(l) / rowsOf.large / (median(s) / rowsOf.small),
      rounds,
      bytes,
      smallBytes,
      ...(probe.rows ? { rows: rowsOf } : {}),
    });
  }
  return rows;
}

/** The cursor `pages` pages into the pending queue (undefined when the queue is shorter). */
export async function deepCursor(baseUrl: string, token: string, pages: number, limit: number): Promise<string | undefined> {
  let cursor: string | undefined;
  for (let i = 0; i < pages; i++) {
    const answer = await timed(`${baseUrl}/claims?status=pending&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`, token);
    if (answer.status !== 200) throw new Error(`queue page ${i}: ${answer.status} ${answer.text.slice(0, 200)}`);
    cursor = (JSON.parse(answer.text) as { nextCursor?: string }).nextCursor;
    if (!cursor) return undefined;
  }
  return cursor;
}
