#!/usr/bin/env node
// Startup benchmark: wall time of one `virt-lint` run on an example against
// the Node startup floor (`node -e 0`) on the same machine. Runs alternate so
// both see the same machine load; prints medians and their ratio.
//
// Two virt-lint cases: host facts given (--no-detect), and host detection on
// as a user runs it, with a warm cache (a temporary XDG_CACHE_HOME that the
// warm-up run fills): the libvirt.so.0 lookup and, where QEMU is installed,
// the cached `qemu-system-* --version` answer. What detection found is printed.
// Usage: npm run bench [-- --runs N] [-- FILE]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 25;
const file = args[0] ?? join(root, 'examples/win11-looking-glass.xml');
const BUDGET = 1.5;
const cacheHome = mkdtempSync(join(tmpdir(), 'virt-lint-bench-cache-'));
// Also when a run fails to start (time() throws) or the budget check exits.
process.on('exit', () => rmSync(cacheHome, { recursive: true, force: true }));
const bin = join(root, 'bin/virt-lint.cjs');
const env = { ...process.env, NO_COLOR: '1', VIRT_LINT_QEMU_VERSION: '', VIRT_LINT_LIBVIRT_VERSION: '', XDG_CACHE_HOME: cacheHome };

const commands = {
  'node -e 0': [process.execPath, ['-e', '0']],
  'virt-lint': [process.execPath, [bin, '--no-detect', '--qemu-version', '9.1.1', file]],
  'virt-lint, detecting': [process.execPath, [bin, file]],
};

function time([cmd, argv]) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { stdio: 'ignore', env });
  if (r.error) throw r.error;
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (const k of Object.keys(commands)) time(commands[k]); // warm the file cache and the --version cache
for (let i = 0; i < runs; i++) for (const k of Object.keys(commands)) samples[k].push(time(commands[k]));

const detected = spawnSync(commands['virt-lint, detecting'][0], commands['virt-lint, detecting'][1], { env, encoding: 'utf8' });
const facts = detected.stderr.split('\n').filter((l) => /^Host: |version unknown/.test(l));

console.log(`${runs} runs each, file: ${file}`);
const width = Math.max(...Object.keys(commands).map((k) => k.length));
for (const [k, xs] of Object.entries(samples)) {
  console.log(`${k.padEnd(width)}  median ${median(xs).toFixed(1)} ms  min ${Math.min(...xs).toFixed(1)} ms  max ${Math.max(...xs).toFixed(1)} ms`);
}
console.log(`detection found: ${facts.length ? facts.join(' | ') : 'nothing'}`);
let over = false;
for (const k of Object.keys(commands).filter((c) => c !== 'node -e 0')) {
  const ratio = median(samples[k]) / median(samples['node -e 0']);
  over ||= ratio > BUDGET;
  console.log(`ratio (median ${k} / median node -e 0): ${ratio.toFixed(2)}x  (budget ${BUDGET}x: ${ratio <= BUDGET ? 'within' : 'OVER'})`);
}
process.exitCode = over ? 1 : 0;
