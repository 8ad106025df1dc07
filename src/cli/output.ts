/**
 * Where the report goes and in which format when none is asked for:
 * - `--format` wins; otherwise `github` when running in GitHub Actions
 *   (GITHUB_ACTIONS=true) and the report goes to stdout (annotations are read
 *   from the step's log only), else `stylish`;
 * - `--output-file PATH` writes the report to PATH (atomically: a temporary
 *   file beside it, then renamed over it) instead of stdout; the exit code is
 *   the same as without it.
 */
import { chmodSync, closeSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export const FORMAT_NAMES = ['stylish', 'json', 'compact', 'sarif', 'github'] as const;

export function defaultFormat(env: Readonly<Record<string, string | undefined>>, toFile: boolean): string {
  return env.GITHUB_ACTIONS === 'true' && !toFile ? 'github' : 'stylish';
}

/** Formats whose report itself carries the run's notes (host facts used, rules skipped); others get them on stderr. */
export function reportHasNotes(format: string): boolean {
  return format === 'stylish' || format === 'github';
}

/**
 * Writes the report to `path`, replacing it atomically. An existing file keeps
 * its mode. Errors carry `path` (the target, not the temporary file) so the CLI
 * names the file the user gave.
 */
export function writeReportFile(path: string, content: string): void {
  let target = path;
  let mode: number | undefined;
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR', path });
    mode = st.mode & 0o7777;
    target = realpathSync(path); // a symlink stays a symlink; the file it points to is replaced
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const temp = join(dirname(target), `.${basename(target)}.virt-lint-${process.pid}-${Date.now()}.tmp`);
  let fd: number;
  try {
    fd = openSync(temp, 'wx', mode ?? 0o666);
  } catch (e) {
    throw Object.assign(e as NodeJS.ErrnoException, { path });
  }
  try {
    try {
      writeSync(fd, content, null, 'utf8');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (mode !== undefined) chmodSync(temp, mode); // the umask may have narrowed it
    renameSync(temp, target);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
    throw Object.assign(e as NodeJS.ErrnoException, { path });
  }
}
