/**
 * Running programs (qemu-system-* --version, virsh). node:child_process pulls
 * in node:net and friends, a few milliseconds of startup, so it is loaded only
 * when a run really executes something.
 */
import type { execFileSync } from 'node:child_process';

export type ExecFileSync = typeof execFileSync;

export async function loadExecFileSync(): Promise<ExecFileSync> {
  // The bundled CLI is CommonJS run through vm.Script (bin/virt-lint.cjs), where
  // import() of a builtin is unavailable: use require there. Sources run as ES
  // modules (tests) have no require and take the import.
  if (typeof require === 'function') return (require('node:child_process') as typeof import('node:child_process')).execFileSync;
  return (await import('node:child_process')).execFileSync;
}
