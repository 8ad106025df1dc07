/**
 * Writing a fixed file: to a temporary file beside it, with the original's
 * mode (and owner, where we may), then renamed over it, so a reader never sees
 * half a file and a crash never leaves one. A symlink is followed: the file it
 * points to is replaced, the link stays.
 */
import { chmodSync, chownSync, closeSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeAtomic(path: string, content: string): void {
  const target = realpathSync(path);
  const stat = statSync(target);
  const temp = join(dirname(target), `.${basename(target)}.virt-lint-${process.pid}-${Date.now()}.tmp`);
  const fd = openSync(temp, 'wx', stat.mode & 0o7777);
  try {
    try {
      writeSync(fd, content, null, 'utf8');
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    chmodSync(temp, stat.mode & 0o7777); // the umask may have narrowed the mode given to open
    try {
      chownSync(temp, stat.uid, stat.gid);
    } catch {
      // Only root may give a file away; an unprivileged user keeps their own ownership.
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
