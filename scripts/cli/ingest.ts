/**
 * Batch ingest: every file submitted once as an article (POST /articles), a few at a time, retried where the API or
 * the network says "try again". The API's ingest is idempotent (the same text answers 200 with the stored article),
 * so a retry after a timeout can never store an article twice.
 */
import { articleBody, collectFiles, EXTENSIONS, UnreadableFile } from './files.js';
import { NoAnswer, problemDetail, requestWithRetry, type HttpAnswer, type RetryPolicy } from './http.js';
import type { Progress } from './progress.js';

export interface IngestOptions {
  api: string;
  token: string;
  paths: string[];
  concurrency: number;
  policy: RetryPolicy;
  progress: Progress;
  /** Progress shows every finished file as a line (plain output); on a terminal the bar is enough. */
  fileLines: boolean;
  /** Aborted: no new file is sent; those in flight finish, the rest are listed as not sent. */
  signal?: AbortSignal;
}

export interface IngestFailure {
  file: string;
  /** The API's answer; null when none came (unreadable file, network). */
  status: number | null;
  detail: string;
}

export interface IngestSummary {
  created: number;
  existing: number;
  failed: IngestFailure[];
}

type Outcome = { kind: 'created' | 'existing'; articleId: string; claims: number; note?: string } | { kind: 'failed'; status: number | null; detail: string };

/** Slack for comparing the server's createdAt with our send time: Date has whole seconds, clocks drift. */
const CLOCK_SLACK_MS = 2_000;

/**
 * 201 is "created", 200 "existing", except after an attempt that timed out or lost its connection: that attempt may
 * have stored the article, and then this file is in the desk because of this run, once, which the user counts as
 * created. The article's createdAt (server clock, aligned by the answer's Date header) tells which it was.
 */
export function classify(answer: HttpAnswer): Outcome {
  let body: { article?: { articleId?: string; createdAt?: string }; claims?: unknown[] } = {};
  try {
    body = JSON.parse(answer.text);
  } catch {
    // checked below
  }
  const articleId = body.article?.articleId;
  if ((answer.status === 201 || answer.status === 200) && typeof articleId === 'string') {
    const claims = Array.isArray(body.claims) ? body.claims.length : 0;
    if (answer.status === 201) return { kind: 'created', articleId, claims };
    if (answer.ambiguous && body.article?.createdAt) {
      const serverDate = Date.parse(answer.headers.get('date') ?? '');
      // Date is truncated to the second: the server's clock was in [date, date + 1 s) when it answered
      const skew = Number.isNaN(serverDate) ? 0 : serverDate + 500 - answer.receivedAt;
      if (Date.parse(body.article.createdAt) >= answer.firstSentAt + skew - CLOCK_SLACK_MS) {
        return { kind: 'created', articleId, claims, note: 'stored by an attempt that timed out; the retry found it' };
      }
    }
    return { kind: 'existing', articleId, claims };
  }
  if (answer.status === 200 || answer.status === 201) return { kind: 'failed', status: answer.status, detail: 'the answer is not an article' };
  return { kind: 'failed', status: answer.status, detail: problemDetail(answer) };
}

export async function ingest(options: IngestOptions): Promise<IngestSummary> {
  const { progress } = options;
  const summary: IngestSummary = { created: 0, existing: 0, failed: [] };
  const { files, problems } = await collectFiles(options.paths);
  const total = files.length + problems.length;
  let done = 0;
  const status = () => `${summary.created} created · ${summary.existing} existing · ${summary.failed.length} failed`;
  const fail = (file: string, status: number | null, detail: string) => {
    summary.failed.push({ file, status, detail });
    progress.note(`failed ${file}: ${status === null ? '' : `${status} `}${detail}`);
  };
  const finish = () => {
    done += 1;
    progress.update(done, total, status());
  };
  if (!total) progress.note(`nothing to send: no ${EXTENSIONS.join(', ')} files under ${options.paths.join(', ')}`);
  progress.update(0, total, status());
  for (const problem of problems) {
    fail(problem.file, null, problem.detail);
    finish();
  }

  const url = new URL('articles', options.api.endsWith('/') ? options.api : `${options.api}/`).href;
  let refused: { status: number; detail: string } | undefined;
  const submit = async (file: string): Promise<Outcome> => {
    let body;
    try {
      body = await articleBody(file);
    } catch (error) {
      if (error instanceof UnreadableFile) return { kind: 'failed', status: null, detail: error.message };
      throw error;
    }
    if (refused) return { kind: 'failed', status: refused.status, detail: `not sent: ${refused.detail}` };
    try {
      const answer = await requestWithRetry(
        url,
        {
          method: 'POST',
          headers: { Authorization: `Bearer ${options.token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
          body: JSON.stringify(body),
        },
        options.policy,
        ({ attempt, delayMs, reason }) => progress.note(`retrying ${file} in ${(delayMs / 1000).toFixed(1)} s (${reason}; retry ${attempt} of ${options.policy.retries})`),
      );
      const outcome = classify(answer);
      // a refused token refuses every file: stop sending rather than fail them one by one
      if (outcome.kind === 'failed' && (answer.status === 401 || answer.status === 403)) refused ??= { status: answer.status, detail: `the API refused the token (${answer.status}: ${outcome.detail})` };
      return outcome;
    } catch (error) {
      if (error instanceof NoAnswer) return { kind: 'failed', status: null, detail: error.message };
      throw error;
    }
  };

  const queue = [...files];
  const worker = async () => {
    for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
      const outcome: Outcome = options.signal?.aborted ? { kind: 'failed', status: null, detail: 'not sent: interrupted' } : await submit(file);
      if (outcome.kind === 'failed') fail(file, outcome.status, outcome.detail);
      else {
        summary[outcome.kind] += 1;
        if (options.fileLines) progress.note(`[${done + 1}/${total}] ${outcome.kind} ${file} → ${outcome.articleId} (${outcome.claims} claims)${outcome.note ? `; ${outcome.note}` : ''}`);
        else if (outcome.note) progress.note(`${file}: ${outcome.note}`);
      }
      finish();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, files.length)) }, worker));
  progress.end();
  // completion order depends on timing; a sorted list reads and compares the same run after run
  summary.failed.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return summary;
}
