/**
 * When a program may be run: its real path (after resolving every symbolic
 * link) is a regular, executable file owned by root and not writable by group
 * or others, and so is every directory from it up to `/` (a directory that
 * others may write to counts only when its sticky bit keeps them from
 * replacing root's entries, as in /nix/store). Then only root can have put
 * that program there or change it, and what runs is what the administrator
 * installed, whatever the linted XML says.
 *
 * The file system is passed in, so tests prove each refusal with a fake one.
 */
import { lstatSync, realpathSync } from 'node:fs';
import { dirname } from 'node:path';

export interface FileFacts {
  kind: 'file' | 'directory' | 'symlink' | 'other';
  uid: number;
  /** Permission bits, with the sticky bit (0o1000). */
  mode: number;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
  dev: number;
}

export interface HostFileSystem {
  /** The path with every symbolic link resolved; throws when it does not exist. */
  realpath(path: string): string;
  /** Facts about the path itself (a link is not followed); undefined when it does not exist. */
  lstat(path: string): FileFacts | undefined;
}

export const realFileSystem: HostFileSystem = {
  realpath: (path) => realpathSync.native(path),
  lstat(path) {
    const s = lstatSync(path, { throwIfNoEntry: false });
    if (!s) return undefined;
    const kind = s.isFile() ? 'file' : s.isDirectory() ? 'directory' : s.isSymbolicLink() ? 'symlink' : 'other';
    return { kind, uid: s.uid, mode: s.mode & 0o7777, size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs, ino: s.ino, dev: s.dev };
  },
};

export type TrustResult = { trusted: true; real: string; facts: FileFacts } | { trusted: false; why: string; missing?: boolean };

const WRITABLE_BY_OTHERS = 0o022;
const STICKY = 0o1000;

/** Resolves `path` and checks the file and every directory above it (see the module comment). */
export function checkTrustedProgram(path: string, fs: HostFileSystem): TrustResult {
  let real: string;
  try {
    real = fs.realpath(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { trusted: false, why: `${path} does not exist`, missing: true };
    return { trusted: false, why: `${path} cannot be resolved (${code ?? 'error'})` };
  }
  const shown = real === path ? path : `${path} (${real})`;
  const facts = fs.lstat(real);
  if (!facts) return { trusted: false, why: `${shown} does not exist` };
  if (facts.kind !== 'file') return { trusted: false, why: `${shown} is not a regular file` };
  if ((facts.mode & 0o111) === 0) return { trusted: false, why: `${shown} is not executable` };
  const fileProblem = ownershipProblem(facts, false);
  if (fileProblem) return { trusted: false, why: `${shown} ${fileProblem}` };
  for (let dir = dirname(real); ; dir = dirname(dir)) {
    const d = fs.lstat(dir);
    if (!d || d.kind !== 'directory') return { trusted: false, why: `${shown}: ${dir} is not a directory` };
    const problem = ownershipProblem(d, true);
    if (problem) return { trusted: false, why: `${shown}: its directory ${dir} ${problem}` };
    if (dir === dirname(dir)) break;
  }
  return { trusted: true, real, facts };
}

function ownershipProblem(facts: FileFacts, isDirectory: boolean): string | undefined {
  if (facts.uid !== 0) return `is owned by uid ${facts.uid}, not root`;
  if (facts.mode & WRITABLE_BY_OTHERS && !(isDirectory && facts.mode & STICKY)) return 'is writable by group or others';
  return undefined;
}
