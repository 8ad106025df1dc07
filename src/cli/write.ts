/**
 * The one writer for `--fix` and `--output-file`: complete, verified and
 * atomic, or nothing is written.
 *
 * 1. The target is checked first, and refused (nothing written) when it is
 *    not a regular file, is read-only (no write bit, e.g. 0444: even root's
 *    fixes respect it), is not writable by the user, or has more than one hard
 *    link (replacing it would leave the other names with the old content).
 * 2. The content goes to a new temporary file beside the target (O_EXCL, so a
 *    planted file or link is never followed), written in a loop until every
 *    byte is written (a short write is an error, never success), then
 *    `fsync`ed and verified: the size on disk and a SHA-256 of the bytes read
 *    back must match what was written.
 * 3. The temporary file gets the target's mode and owner (an owner that
 *    cannot be kept, because only root may give a file away, is refused) and
 *    its extended attributes and ACLs, copied with GNU `cp --attributes-only`
 *    (Node has no xattr API). A copy that fails refuses the write; where GNU
 *    cp is missing the write goes ahead and a warning says attributes could
 *    not be kept.
 * 4. For a fix, the file must still be what was read (same file, size,
 *    modification and change times, and bytes); otherwise the edits made
 *    meanwhile win and nothing is written.
 * 5. The temporary file is renamed over the target and the directory is
 *    `fsync`ed. Any failure removes the temporary file: the target is left
 *    byte-identical.
 *
 * Symbolic links: a fix through a symlink replaces the file it points to (the
 * link stays); `--output-file` never writes through a symlink.
 */
import * as realFs from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { basename, dirname, join } from 'node:path';
import { type FileSnapshot, fileKind } from './read.js';

/** The part of node:fs the writer uses; tests replace it to inject short writes and failures. */
export type WriterFs = Pick<
  typeof realFs,
  | 'openSync'
  | 'writeSync'
  | 'readSync'
  | 'fsyncSync'
  | 'closeSync'
  | 'fstatSync'
  | 'statSync'
  | 'lstatSync'
  | 'realpathSync'
  | 'renameSync'
  | 'linkSync'
  | 'unlinkSync'
  | 'fchmodSync'
  | 'fchownSync'
  | 'accessSync'
>;

/** Copies extended attributes and ACLs from one file to another; returns a warning when it could not look. */
export type AttributeCopier = (from: string, to: string) => string | undefined;

export interface SafeWriteOptions {
  /** The file may not exist yet (--output-file). */
  mayCreate?: boolean;
  /**
   * The file must not exist (`--init`): refused when it does, and put in
   * place with link(2), which fails rather than replace a file that appeared
   * meanwhile.
   */
  createOnly?: boolean;
  /** Write through a symbolic link to the file it names (--fix); otherwise a symlink is refused. */
  followSymlink?: boolean;
  /** What was read: the write is refused when the file is no longer exactly this. */
  expected?: FileSnapshot;
  fs?: WriterFs;
  copyAttributes?: AttributeCopier;
}

/** A reason the file was not written, phrased to follow "cannot write 'PATH': ". */
export class WriteRefused extends Error {}

export interface SafeWriter {
  write(chunk: string | Uint8Array): void;
  /** Verifies and renames into place; returns warnings (attributes that could not be looked at). */
  commit(): string[];
  /** Removes the temporary file; the target is untouched. Safe to call at any time. */
  abort(): void;
}

/** Writes `content` to `path` in one go (see the module comment). */
export function writeFileSafely(path: string, content: string | Uint8Array, options: SafeWriteOptions = {}): string[] {
  const writer = openSafeWriter(path, options);
  try {
    writer.write(content);
    return writer.commit();
  } catch (e) {
    writer.abort();
    throw e;
  }
}

export function openSafeWriter(path: string, options: SafeWriteOptions = {}): SafeWriter {
  const fs = options.fs ?? realFs;
  const { target, stat } = checkTarget(fs, path, options);
  const mode = stat ? Number(stat.mode) & 0o7777 : 0o666;
  const temp = join(dirname(target), `.${basename(target)}.virt-lint-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let fd: number | undefined = fs.openSync(temp, 'wx+', mode);
  const hash = createHash('sha256');
  let written = 0;
  let done = false;

  const abort = () => {
    if (done) return;
    done = true;
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // already closed
      }
      fd = undefined;
    }
    try {
      fs.unlinkSync(temp);
    } catch {
      // already gone
    }
  };

  return {
    write(chunk) {
      if (done || fd === undefined) throw new Error('write after commit or abort');
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
      writeFully(fs, fd, bytes);
      hash.update(bytes);
      written += bytes.length;
    },
    commit() {
      if (done || fd === undefined) throw new Error('commit after commit or abort');
      try {
        fs.fsyncSync(fd);
        verify(fs, fd, written, hash.digest('hex'));
        const warnings: string[] = [];
        if (stat) {
          keepOwnerAndMode(fs, fd, stat, mode);
          const warning = (options.copyAttributes ?? copyAttributesWithCp)(target, temp);
          if (warning) warnings.push(warning);
          const after = fs.fstatSync(fd);
          if ((Number(after.mode) & 0o7777) !== mode) throw new WriteRefused(`its mode ${octal(mode)} could not be kept (got ${octal(Number(after.mode) & 0o7777)})`);
        }
        fs.closeSync(fd);
        fd = undefined;
        if (options.expected) checkUnchanged(fs, path, target, options.expected);
        if (options.createOnly) {
          try {
            fs.linkSync(temp, target);
          } catch (e) {
            if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new WriteRefused('already exists; virt-lint does not replace it');
            throw e;
          }
          fs.unlinkSync(temp);
        } else fs.renameSync(temp, target);
        done = true;
        syncDirectory(fs, dirname(target));
        return warnings;
      } catch (e) {
        abort();
        throw e;
      }
    },
    abort,
  };
}

function checkTarget(fs: WriterFs, path: string, options: SafeWriteOptions): { target: string; stat?: realFs.Stats } {
  let stat: realFs.Stats;
  try {
    stat = fs.lstatSync(path);
  } catch (e) {
    if ((options.mayCreate || options.createOnly) && (e as NodeJS.ErrnoException).code === 'ENOENT') return { target: path };
    throw e;
  }
  if (options.createOnly) throw new WriteRefused('already exists; virt-lint does not replace it');
  let target = path;
  if (stat.isSymbolicLink()) {
    if (!options.followSymlink) throw new WriteRefused('is a symbolic link; virt-lint does not write a report through a symbolic link (name the file it points to)');
    target = fs.realpathSync(path);
    stat = fs.statSync(target);
  }
  if (!stat.isFile()) {
    throw new WriteRefused(stat.isDirectory() ? 'is a directory' : `not a regular file (${fileKind(stat)}); virt-lint writes regular files only`);
  }
  if ((Number(stat.mode) & 0o222) === 0) {
    throw new WriteRefused(`is read-only (mode ${octal(Number(stat.mode) & 0o7777)}); virt-lint does not replace read-only files (make it writable first, e.g. chmod u+w)`);
  }
  try {
    fs.accessSync(target, realFs.constants.W_OK);
  } catch {
    throw new WriteRefused('permission denied (the file is not writable by you)');
  }
  if (Number(stat.nlink) > 1) {
    throw new WriteRefused(
      `has ${stat.nlink} hard links; replacing it would leave the other links with the old content, so virt-lint does not write it (fix a copy, or remove the other links first)`,
    );
  }
  return { target, stat };
}

/** write(2) may write less than asked (a full disk, a signal): loop until every byte is written; no progress is an error. */
function writeFully(fs: WriterFs, fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) {
    const n = fs.writeSync(fd, bytes, offset, bytes.length - offset, null);
    if (!(n > 0)) throw Object.assign(new Error(`short write: ${offset} of ${bytes.length} bytes written`), { code: 'EIO' });
    offset += n;
  }
}

/** The bytes on disk must be the bytes written: size, then a hash of what reads back. */
function verify(fs: WriterFs, fd: number, size: number, digest: string): void {
  const onDisk = Number(fs.fstatSync(fd).size);
  if (onDisk !== size) throw new WriteRefused(`verification failed: ${onDisk} bytes on disk, ${size} written`);
  const hash = createHash('sha256');
  const buf = Buffer.allocUnsafe(Math.min(size, 1 << 20) || 1);
  let position = 0;
  for (;;) {
    const n = fs.readSync(fd, buf, 0, buf.length, position);
    if (n === 0) break;
    hash.update(buf.subarray(0, n));
    position += n;
  }
  if (position !== size || hash.digest('hex') !== digest) throw new WriteRefused('verification failed: the bytes read back differ from the bytes written');
}

function keepOwnerAndMode(fs: WriterFs, fd: number, stat: realFs.Stats, mode: number): void {
  const own = fs.fstatSync(fd);
  if (Number(own.uid) !== Number(stat.uid) || Number(own.gid) !== Number(stat.gid)) {
    try {
      fs.fchownSync(fd, Number(stat.uid), Number(stat.gid));
    } catch {
      throw new WriteRefused(
        `it belongs to uid ${stat.uid} gid ${stat.gid}, and the replacement would belong to uid ${own.uid} gid ${own.gid} (only root may give a file away); the owner would change, so it was not written`,
      );
    }
  }
  fs.fchmodSync(fd, mode); // after chown, which clears set-id bits; the umask may also have narrowed open's mode
}

function checkUnchanged(fs: WriterFs, path: string, target: string, expected: FileSnapshot): void {
  const changed = new WriteRefused('it changed after virt-lint read it (edited or replaced meanwhile); nothing was written, so those changes are kept: run virt-lint again');
  let now: realFs.BigIntStats;
  try {
    if (fs.realpathSync(path) !== target) throw changed;
    now = fs.statSync(target, { bigint: true }) as realFs.BigIntStats;
  } catch (e) {
    throw e instanceof WriteRefused ? e : changed;
  }
  if (now.dev !== expected.dev || now.ino !== expected.ino || now.size !== expected.size || now.mtimeNs !== expected.mtimeNs || now.ctimeNs !== expected.ctimeNs) throw changed;
  // Same size and times can hide an edit on a file system with coarse timestamps: compare the bytes too.
  const fd = fs.openSync(target, realFs.constants.O_RDONLY | realFs.constants.O_NONBLOCK);
  try {
    const buf = Buffer.allocUnsafe(expected.bytes.length + 1);
    let total = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, total, buf.length - total, null);
      if (n === 0) break;
      total += n;
      if (total === buf.length) break;
    }
    if (total !== expected.bytes.length || !buf.subarray(0, total).equals(expected.bytes)) throw changed;
  } finally {
    fs.closeSync(fd);
  }
}

/** Makes the rename durable; some file systems cannot fsync a directory, which is not worth failing a written file for. */
function syncDirectory(fs: WriterFs, dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, realFs.constants.O_RDONLY);
    fs.fsyncSync(fd);
  } catch {
    // EINVAL/EISDIR on some file systems
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

const octal = (mode: number) => `0${mode.toString(8).padStart(3, '0')}`;

/** Where GNU cp is looked for: system directories only, never PATH (the repository being linted may set it up). */
const CP_CANDIDATES = ['/usr/bin/cp', '/bin/cp'];

/**
 * Copies extended attributes (SELinux label, user.* attributes) and POSIX ACLs
 * with GNU coreutils `cp --attributes-only --preserve=mode,ownership,xattr`,
 * which copies no data. A failure is a refusal (the attributes would be
 * lost), except "Operation not supported": the file system has no extended
 * attributes, so there are none to lose.
 */
export const copyAttributesWithCp: AttributeCopier = (from, to) => {
  const cp = CP_CANDIDATES.find((c) => {
    try {
      const st = realFs.statSync(c);
      return st.isFile() && st.uid === 0 && (st.mode & 0o022) === 0;
    } catch {
      return false;
    }
  });
  if (!cp) return 'GNU cp was not found in /usr/bin or /bin: extended attributes and ACLs of written files could not be checked or kept';
  try {
    execFileSync(cp, ['--attributes-only', '--preserve=mode,ownership,xattr', '--no-dereference', '--', from, to], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { LC_ALL: 'C', PATH: '/usr/bin:/bin' },
      timeout: 10_000,
      encoding: 'utf8',
    });
    return undefined;
  } catch (e) {
    const said = String((e as { stderr?: string }).stderr ?? '').trim();
    if (/Operation not supported/.test(said)) return undefined;
    if (/unrecognized option|invalid option/.test(said)) return `${cp} is not GNU cp: extended attributes and ACLs of written files could not be checked or kept`;
    throw new WriteRefused(`its extended attributes or ACL could not be copied to the replacement (${said.split('\n')[0] || (e as Error).message}), so it was not written`);
  }
};
