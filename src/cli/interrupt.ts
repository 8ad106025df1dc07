/**
 * Ctrl-C (SIGINT) and SIGTERM while virt-lint writes files.
 *
 * A signal's default action ends the process at once, wherever it is: in the
 * middle of a fix's write or with `--output-file`'s report half written, it
 * left the temporary file beside the target (`.<name>.virt-lint-PID-….tmp`).
 * While a run writes, the CLI takes these signals itself. JavaScript sees a
 * signal only between two turns of the event loop, so a write in progress
 * (synchronous: src/cli/write.ts) always completes or is undone first; the
 * run yields between files (`checkpoint`) so a signal is not held until the
 * end. On a signal the open writers are aborted (their temporary files
 * removed; the targets never changed) and the signal is raised again with the
 * default action back, so the process ends as it would have (the shell sees
 * 128 + the signal's number). SIGHUP is left alone: `nohup` runs a command
 * with it ignored, and taking it would undo that.
 */

export type InterruptSignal = 'SIGINT' | 'SIGTERM';

/** Where signals come from; tests pass a fake (default: the process, `processSignals`). */
export interface SignalSource {
  on(signal: InterruptSignal, listener: (signal: InterruptSignal) => void): unknown;
  off(signal: InterruptSignal, listener: (signal: InterruptSignal) => void): unknown;
  /** Raises the signal again after the listeners are gone: the process then ends by it. */
  raise(signal: InterruptSignal): void;
}

export const processSignals: SignalSource = {
  on: (signal, listener) => process.on(signal, listener),
  off: (signal, listener) => process.off(signal, listener),
  raise: (signal) => process.kill(process.pid, signal),
};

const SIGNALS: readonly InterruptSignal[] = ['SIGINT', 'SIGTERM'];

/** Exit status of a run ended by `signal`, when raising it did not end the process (a test's fake). */
export const SIGNAL_EXIT: Readonly<Record<InterruptSignal, number>> = { SIGINT: 130, SIGTERM: 143 };

export class InterruptGuard {
  /** The signal received, once one was. */
  signal: InterruptSignal | undefined;
  private readonly aborts = new Set<() => void>();
  private readonly listener = (signal: InterruptSignal) => this.interrupted(signal);

  constructor(private readonly source: SignalSource) {
    for (const s of SIGNALS) source.on(s, this.listener);
  }

  /** Undoes `abort` (a writer's) if a signal comes before `release` is called. */
  track(abort: () => void): () => void {
    this.aborts.add(abort);
    return () => this.aborts.delete(abort);
  }

  /** One turn of the event loop, so that a signal received meanwhile is handled now. */
  checkpoint(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
  }

  /** The signals get their default action back. */
  release(): void {
    for (const s of SIGNALS) this.source.off(s, this.listener);
  }

  private interrupted(signal: InterruptSignal): void {
    this.signal ??= signal;
    for (const abort of this.aborts) abort();
    this.aborts.clear();
    this.release();
    this.source.raise(signal);
  }
}
