#!/usr/bin/env node
// Startup benchmark: wall time of one `virt-lint` run on an example against
// the Node startup floor (`node -e 0`) on the same machine. Runs alternate so
// both see the same machine load; prints medians and their ratio.
// Usage: npm run bench [-- --runs N] [-- FILE]
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args.splice(runsAt, 2)[1]) : 25;
const file = args[0] ?? join(root, 'examples/win11-looking-glass.xml');
const BUDGET = 1.5;

const commands = {
  'node -e 0': [process.execPath, ['-e', '0']],
  'virt-lint': [process.execPath, [join(root, 'bin/virt-lint.cjs'), '--no-detect', '--qemu-version', '9.1.1', file]],
};

function time([cmd, argv]) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, argv, { stdio: 'ignore', env: { ...process.env, NO_COLOR: '1' } });
  if (r.error) throw r.error;
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const samples = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
for (const k of Object.keys(commands)) time(commands[k]); // warm the file cache
for (let i = 0; i < runs; i++) for (const k of Object.keys(commands)) samples[k].push(time(commands[k]));

console.log(`${runs} runs each, file: ${file}`);
for (const [k, xs] of Object.entries(samples)) {
  console.log(`${k.padEnd(12)} median ${median(xs).toFixed(1)} ms  min ${Math.min(...xs).toFixed(1)} ms  max ${Math.max(...xs).toFixed(1)} ms`);
}
const ratio = median(samples['virt-lint']) / median(samples['node -e 0']);
console.log(`ratio (median virt-lint / median node -e 0): ${ratio.toFixed(2)}x  (budget ${BUDGET}x: ${ratio <= BUDGET ? 'within' : 'OVER'})`);
