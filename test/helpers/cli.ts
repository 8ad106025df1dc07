/**
 * The one way tests run the CLI.
 *
 * `runCli` calls `main(io)` (src/cli/main.ts) in this process: the arguments,
 * working directory, environment, stdin and terminal flags are the test's,
 * and nothing of the test process leaks in (its environment, its terminal,
 * this machine's QEMU and libvirt). Host detection sees a machine with
 * nothing installed unless the test passes a fake one (test/helpers/
 * fake-host.ts) or asks for this machine's ('system').
 *
 * `spawnCli` runs the real `bin/virt-lint.cjs` (built by `npm test`'s pretest
 * step) in a child process, with the same environment. It is for what only a
 * process shows: the loader and its code cache, a real terminal or pipe, a
 * FIFO that could hang, another user id. test/cli/smoke.test.ts gathers those.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { DetectionEnvironment } from '../../src/cli/host.js';
import { FakeMachine } from './fake-host.js';
import { tempDir } from './temp.js';
import { NO_PROMPT, type Prompt } from '../../src/cli/edit-prompt.js';
import type { SignalSource } from '../../src/cli/interrupt.js';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = join(ROOT, 'bin/virt-lint.cjs');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunCliOptions {
  /** Working directory (default: the repository root). */
  cwd?: string;
  /** Added to the environment (NO_COLOR=1 and PATH); a key set to undefined is removed. */
  env?: NodeJS.ProcessEnv;
  /** The bytes on stdin (default: none). */
  stdin?: string | Uint8Array;
  /** Which of stdout and stderr are terminals (default: neither); `true` for both. */
  tty?: boolean | { stdout?: boolean; stderr?: boolean; columns?: number };
  /** Host detection: a fake machine's, or 'system' for this machine's (default: a machine with nothing installed). */
  detection?: DetectionEnvironment | 'system';
  /** Called with each chunk as the CLI writes it to stdout. */
  onStdout?: (chunk: string) => void;
  /** Answers to `virt-lint edit`'s questions (default: no terminal, nothing is asked). */
  prompt?: Prompt;
  /** Where Ctrl-C and SIGTERM come from while the run writes files (default: this process). */
  signals?: SignalSource;
}

/**
 * What every run starts from: no colour (as in a pipe), PATH so that a live
 * run finds virsh, and TMPDIR so that what a command or its children leave
 * there is seen by the run's check (test/setup/tmpdir-guard.ts). Nothing
 * else: no GITHUB_ACTIONS, no VIRT_LINT_* version, no HOME (so no version
 * cache), whatever the test process has.
 */
export function cliEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { NO_COLOR: '1', PATH: process.env.PATH, TMPDIR: process.env.TMPDIR, ...extra };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete env[k];
  return env;
}

/** The CLI in this process: exit code and everything it wrote. */
export async function runCli(args: string[], opts: RunCliOptions = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const tty = typeof opts.tty === 'object' ? opts.tty : { stdout: opts.tty, stderr: opts.tty };
  const input = typeof opts.stdin === 'string' ? Buffer.from(opts.stdin) : (opts.stdin ?? new Uint8Array());
  const code = await main({
    argv: args,
    env: cliEnv(opts.env),
    cwd: opts.cwd ?? ROOT,
    stdout: (s) => {
      stdout += s;
      opts.onStdout?.(s);
    },
    stderr: (s) => void (stderr += s),
    // Like bin/virt-lint.cjs: may hand back more than maxBytes; main refuses it.
    readStdin: async () => input,
    stdoutIsTTY: tty.stdout === true,
    stderrIsTTY: tty.stderr === true,
    stderrColumns: typeof opts.tty === 'object' ? opts.tty.columns : undefined,
    detection: opts.detection === 'system' ? undefined : (opts.detection ?? new FakeMachine().environment()),
    prompt: opts.prompt ?? NO_PROMPT,
    signals: opts.signals,
  });
  return { code, stdout, stderr };
}

export interface SpawnCliOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  stdin?: string | Uint8Array;
  /** Run as this user (and group) id; needs root. */
  uid?: number;
  timeout?: number;
}

/** The real `virt-lint` executable in a child process; `code` is null when it was killed (e.g. by the timeout). */
export function spawnCli(args: string[], opts: SpawnCliOptions = {}): { code: number | null; stdout: string; stderr: string } {
  // Another user may not be able to enter the directories above the checkout (a CI
  // checkout below a 0700 temporary directory): that user runs a copy of the CLI.
  const bin = opts.uid !== undefined ? sharedCopyOfCli() : BIN;
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: cliEnv(opts.env),
    input: opts.stdin ?? '',
    encoding: 'utf8',
    timeout: opts.timeout ?? 15_000,
    ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.uid } : {}),
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let cliCopy: string | undefined;

/** bin/ and dist/ copied into a world-readable temporary directory, once per test file (it is removed with the file's directories). */
function sharedCopyOfCli(): string {
  if (!cliCopy || !existsSync(cliCopy)) {
    const dir = tempDir('cli');
    chmodSync(dir, 0o755);
    cpSync(join(ROOT, 'bin'), join(dir, 'bin'), { recursive: true });
    cpSync(join(ROOT, 'dist'), join(dir, 'dist'), { recursive: true });
    cliCopy = join(dir, 'bin/virt-lint.cjs');
  }
  return cliCopy;
}

/** stderr holds only the run's notes: the host facts used (QEMU from --qemu-version first), then lines about rules skipped for unknown facts. */
export function expectOnlyNotes(stderr: string, qemu: string): string[] {
  const lines = stderr.replace(/\n$/, '').split('\n');
  expect(lines[0]).toBe(`Host: QEMU ${qemu} (--qemu-version)`);
  for (const l of lines.slice(1)) expect(l).toMatch(/^(Host: |\S.* unknown: \d+ version-specific rules? skipped; pass --)/);
  expect(stderr).not.toContain('\r');
  return lines;
}

/** exit 2, one line on stderr (no stack trace, no usage hint). */
export function expectOneLineRefusal(r: { code: number | null; stderr: string }, message: string | RegExp): void {
  expect(r.code).toBe(2);
  const lines = r.stderr.replace(/\n$/, '').split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}
