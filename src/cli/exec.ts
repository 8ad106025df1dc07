/**
 * Running programs (qemu-system-* --version, virsh). node:child_process pulls
 * in node:net and friends, a few milliseconds of startup, so it is loaded only
 * when a run really executes something.
 */
import type { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

export type ExecFileSync = typeof execFileSync;

let loaded: ExecFileSync | undefined;

/** node:child_process's execFileSync, loaded on first use. */
export function execFileSyncLazy(): ExecFileSync {
  if (!loaded) {
    // The bundled CLI is CommonJS run through vm.Script (bin/virt-lint.cjs) and
    // has `require`; sources run as ES modules (tests) make one.
    const req = typeof require === 'function' ? require : createRequire(`${process.cwd()}/`);
    loaded = (req('node:child_process') as typeof import('node:child_process')).execFileSync;
  }
  return loaded;
}

export async function loadExecFileSync(): Promise<ExecFileSync> {
  return execFileSyncLazy();
}

export type ProgramOutcome = { ok: true; stdout: string } | { ok: false; why: string };

/** Runs a program by absolute path with arguments (no shell); what it printed, or why it gave nothing. */
export type ProgramRunner = (program: string, args: readonly string[]) => ProgramOutcome;

export const PROGRAM_TIMEOUT_MS = 5000;
const MAX_OUTPUT_BYTES = 64 * 1024;

/**
 * The real runner for host detection: from `/` (nothing in the linted
 * repository is a relative path for it), stdin closed, stderr dropped,
 * stdout bounded, killed after PROGRAM_TIMEOUT_MS, LC_ALL=C.
 */
export function systemRunner(env: NodeJS.ProcessEnv): ProgramRunner {
  return (program, args) => {
    try {
      const stdout = execFileSyncLazy()(program, [...args], {
        encoding: 'utf8',
        cwd: '/',
        env: { ...env, LC_ALL: 'C' },
        timeout: PROGRAM_TIMEOUT_MS,
        killSignal: 'SIGKILL',
        maxBuffer: MAX_OUTPUT_BYTES,
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      return { ok: true, stdout };
    } catch (e) {
      const err = e as NodeJS.ErrnoException & { status?: number | null; signal?: string | null };
      if (err.code === 'ETIMEDOUT' || err.signal === 'SIGKILL') return { ok: false, why: `did not answer within ${PROGRAM_TIMEOUT_MS / 1000} s` };
      if (err.code === 'ENOBUFS') return { ok: false, why: `printed more than ${MAX_OUTPUT_BYTES / 1024} KiB` };
      if (typeof err.status === 'number') return { ok: false, why: `exited with status ${err.status}` };
      return { ok: false, why: `could not be run (${err.code ?? err.message})` };
    }
  };
}
