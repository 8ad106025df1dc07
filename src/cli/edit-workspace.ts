/**
 * Where `virt-lint edit` keeps the copy being edited: a private directory
 * made for this session (`$TMPDIR/virt-lint-edit-XXXXXX`, mode 0700, created
 * by mkdtemp so no one else can have made or linked it) holding one file,
 * `<domain>.xml`, mode 0600 (the XML can hold secrets: VNC/SPICE passwords,
 * iSCSI user names). The file is named after the domain so editors pick XML
 * highlighting and the user recognises it; the name is reduced to plain
 * characters, so it is safe on any command line shown to the user.
 *
 * The copy is removed only after a successful define, or when it was not
 * changed; on every other outcome (abort, editor failure, define refused,
 * Ctrl-C, a crash) it stays, and the session says where.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join } from 'node:path';
import { readRegularFile } from './read.js';
import { FileError } from './io-errors.js';

export interface Workspace {
  dir: string;
  /** The copy the editor opens. */
  file: string;
}

/** `win11` → `win11.xml`; anything but letters, digits, `.`, `_` and `-` becomes `_`; at most 64 characters; never hidden. */
export function copyFileName(domain: string): string {
  const plain = domain.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 64).replace(/^[.-]/, '_');
  return `${plain || 'domain'}.xml`;
}

/** `$TMPDIR` when it is an absolute path, else the system's temporary directory. */
export function temporaryBase(env: NodeJS.ProcessEnv): string {
  const dir = env.TMPDIR;
  return dir && isAbsolute(dir) ? dir : tmpdir();
}

/** Makes the private directory and writes the copy into it. */
export function createWorkspace(base: string, domain: string, xml: string): Workspace {
  let dir: string;
  try {
    dir = mkdtempSync(join(base, 'virt-lint-edit-'));
  } catch (e) {
    throw new FileError('write', join(base, 'virt-lint-edit-*'), e);
  }
  const file = join(dir, copyFileName(domain));
  try {
    // 'wx': never through something that appeared there; 0600 whatever the umask allows more.
    writeFileSync(file, xml, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    // No copy to keep yet (a full disk, a file size limit): nothing of the session is left behind.
    rmSync(dir, { recursive: true, force: true });
    // One line, exit 2: a write error carries no path, and would otherwise be an internal error with a stack trace.
    throw new FileError('write', file, e);
  }
  return { dir, file };
}

/** What the editor left: the file's bytes (a regular file of at most `maxBytes`). */
export function readCopy(workspace: Workspace, maxBytes: number): Buffer {
  return readRegularFile(workspace.file, maxBytes, '--max-file-size', '').bytes;
}

/** Removes the directory and what the editor left in it (swap and backup files). */
export function removeWorkspace(workspace: Workspace): void {
  rmSync(workspace.dir, { recursive: true, force: true });
}
