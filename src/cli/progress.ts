/**
 * Progress while linting many files on a terminal: one line on stderr,
 * rewritten in place (`\r` + erase line), cleared before the report is
 * printed. Nothing at all when stderr is not a terminal (pipes, CI logs,
 * pre-commit) or when there are only a few files.
 */

/** With at most this many files, no progress is shown: the run is over before it would help. */
export const PROGRESS_MIN_FILES = 8;
/** Redraw at most this often (a terminal write per file would slow a large run). */
export const PROGRESS_INTERVAL_MS = 80;

export interface Progress {
  /** Called as each file starts. */
  tick(label: string): void;
  /** Erases the line (call before printing anything else). */
  done(): void;
}

export interface ProgressOptions {
  isTTY: boolean | undefined;
  write: (s: string) => void;
  total: number;
  /** Terminal width, to keep the line from wrapping (a wrapped line cannot be rewritten). */
  columns?: number;
  now?: () => number;
}

/** Shows nothing. */
export const NO_PROGRESS: Progress = { tick() {}, done() {} };
const ERASE = '\r\x1b[2K';

export function createProgress(opts: ProgressOptions): Progress {
  if (!opts.isTTY || opts.total <= PROGRESS_MIN_FILES) return NO_PROGRESS;
  const now = opts.now ?? Date.now;
  // A pseudo-terminal without a size (script(1), some CI runners) reports 0 columns.
  const width = Math.max(20, (opts.columns && opts.columns > 0 ? opts.columns : 80) - 1);
  let count = 0;
  let last = -Infinity;
  let shown = false;
  return {
    tick(label) {
      count++;
      const t = now();
      if (t - last < PROGRESS_INTERVAL_MS && count < opts.total) return;
      last = t;
      const prefix = `virt-lint: [${count}/${opts.total}] `;
      const room = width - prefix.length;
      // Keep the end of a long path: the file name is what tells files apart.
      const shownLabel = label.length <= room ? label : `…${label.slice(label.length - Math.max(room - 1, 0))}`;
      opts.write(ERASE + prefix + shownLabel);
      shown = true;
    },
    done() {
      if (shown) opts.write(ERASE);
      shown = false;
    },
  };
}
