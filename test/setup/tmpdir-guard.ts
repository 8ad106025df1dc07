/**
 * The test run leaves nothing in the temporary directory (vitest `globalSetup`).
 *
 * Before any worker starts, TMPDIR is pointed at a new directory made for this
 * run; workers, and the children they spawn with process.env or cliEnv()
 * (test/helpers/cli.ts), inherit it, so os.tmpdir(), mktemp and QEMU write
 * there. At the end the directory must be empty: whatever is in it was left
 * by this run (a test that made a directory without test/helpers/temp.ts, a
 * command that does not clean up after itself), it is listed and the run
 * fails. The directory is then removed either way.
 *
 * Why a directory of the run's own rather than counting `virt-lint-*` in /tmp
 * before and after: other test runs, editors and `virt-lint edit` sessions on
 * the same machine make and remove entries there at the same time, so a count
 * can neither be trusted to fail nor to pass.
 *
 * Mode 1777 (sticky, like /tmp): smoke tests run the CLI as another user
 * (nobody), which must reach a copy of the CLI below this directory.
 */
import { chmodSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { removeTree } from '../helpers/temp.js';

export default function setup(): () => void {
  const outer = process.env.TMPDIR;
  const run = mkdtempSync(join(tmpdir(), 'virt-lint-test-run-'));
  chmodSync(run, 0o1777);
  process.env.TMPDIR = run;
  return () => {
    if (outer === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outer;
    const left = readdirSync(run);
    removeTree(run);
    if (left.length > 0) {
      process.exitCode = 1;
      throw new Error(`the tests left ${left.length} entr${left.length === 1 ? 'y' : 'ies'} in the temporary directory (make them with tempDir() from test/helpers/temp.ts): ${left.join(', ')}`);
    }
  };
}
