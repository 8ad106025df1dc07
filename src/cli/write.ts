/**
 * Writing a file atomically: to a temporary file beside it, with the
 * original's mode (and owner, where we may), then renamed over it, so a reader
 * never sees half a file and a crash never leaves one. A symlink is followed:
 * the file it points to is replaced, the link stays. Used for fixed domain XML
 * and for --output-file reports (which may not exist yet).
 */
import { chmodSync, chownSync, closeSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeAtomic(path: string, content: string, { mayCreate = false } = {}): void {
  let target = path;
  let stat: ReturnType<typeof statSync> | undefined;
  try {
    stat = statSync(path);
    if (stat.isDirectory()) throw Object.assign(new Error(`${path} is a directory`), { code: 'EISDIR', path });
    target = realpathSync(path);
  } catch (e) {
    if (!mayCreate || (e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
  const mode = stat ? Number(stat.mode) & 0o7777 : undefined;
  const temp = join(dirname(target), `.${basename(target)}.virt-lint-${process.pid}-${Date.now()}.tmp`);
  const fd = openSync(temp, 'wx', mode ?? 0o666);
  try {
    try {
      writeSync(fd, content, null, 'utf8');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (stat) {
      chmodSync(temp, mode!); // the umask may have narrowed the mode given to open
      try {
        chownSync(temp, Number(stat.uid), Number(stat.gid));
      } catch {
        // Only root may give a file away; an unprivileged user keeps their own ownership.
      }
    }
    renameSync(temp, target);
  } catch (e) {
    try {
      unlinkSync(temp);
    } catch {
      // already gone
    }
    throw e;
  }
}
