/**
 * Progress on standard error: on a terminal, one bar redrawn in place (notes such as retries and failures print above
 * it); otherwise plain lines, one per event, that a log or CI keeps readable.
 */

export interface ProgressStream {
  write(chunk: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Progress {
  /** A line that stays (a retry, a failure, a finished file when not on a terminal). */
  note(line: string): void;
  /** The current state: `done` of `total`, and a short status such as "3 created · 1 failed". */
  update(done: number, total: number, status: string): void;
  /** Clears the bar (a terminal) before the summary is printed. */
  end(): void;
}

export function progressOn(stream: ProgressStream, label: string): Progress {
  if (!stream.isTTY) {
    return {
      note: (line) => stream.write(`${label}: ${line}\n`),
      update: () => undefined,
      end: () => undefined,
    };
  }
  let bar = '';
  const clear = () => bar && stream.write('\r\x1b[K');
  return {
    note(line) {
      clear();
      stream.write(`${line}\n`);
      if (bar) stream.write(bar);
    },
    update(done, total, status) {
      const columns = stream.columns || 80; // 0 when the terminal does not say
      const counter = `${done}/${total}`;
      const width = Math.max(10, Math.min(40, columns - counter.length - status.length - 8));
      const filled = total ? Math.round((done / total) * width) : width;
      const line = `[${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${counter} ${status}`;
      bar = line.slice(0, columns - 1);
      stream.write(`\r\x1b[K${bar}`);
    },
    end() {
      clear();
      bar = '';
    },
  };
}
