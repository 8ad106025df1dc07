/**
 * Temporary directories for tests: the one way a test makes one.
 *
 * `tempDir('name')` makes `$TMPDIR/virt-lint-name-XXXXXX` and remembers it;
 * test/setup/remove-temp-dirs.ts removes everything remembered once the
 * test file is done (its `afterAll` runs after the file's own hooks), so a
 * test may still look at what a command left in its directory. Directories
 * made at a file's top level or in a `describe` live as long as the file.
 *
 * test/setup/tmpdir-guard.ts points TMPDIR at a fresh directory for the run
 * and fails the run if anything is left in it.
 */
import { chmodSync, lstatSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const made: string[] = [];

/** A new directory `virt-lint-<name>-XXXXXX` in the temporary directory, removed after this test file. */
export function tempDir(name: string): string {
  const dir = mkdtempSync(join(tmpdir(), `virt-lint-${name}-`));
  made.push(dir);
  return dir;
}

/** Removes every directory tempDir() made so far (the setup file calls it after each test file). */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) removeTree(dir);
}

/**
 * `rm -rf`, also through the directories tests make unreadable (mode 0, 0555)
 * to check refusals: those cannot be emptied without root until they are
 * opened again, which only their owner (this process) can do.
 */
export function removeTree(path: string): void {
  try {
    rmSync(path, { recursive: true, force: true });
  } catch {
    openUp(path);
    rmSync(path, { recursive: true, force: true });
  }
}

function openUp(path: string): void {
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return;
  }
  if (!st.isDirectory()) return;
  try {
    chmodSync(path, 0o700);
  } catch {
    return; // not ours: rmSync reports it
  }
  for (const name of readdirSync(path)) openUp(join(path, name));
}
