#!/usr/bin/env node
// Behaviour snapshot for refactors: runs the built CLI over a corpus with every
// rule on and fixed host facts, JSON output, and writes what it printed (plus
// the exit code) to a file, or compares it with an earlier snapshot.
// A refactor that must not change behaviour is checked by taking a snapshot
// before its first commit and comparing after its last.
// Usage: node scripts/corpus-snapshot.mjs <corpus-dir> --write FILE
//        node scripts/corpus-snapshot.mjs <corpus-dir> --compare FILE
// Exit: 0 written / identical, 1 different, 2 usage.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [dir, mode, file] = process.argv.slice(2);
if (!dir || !existsSync(dir) || !['--write', '--compare'].includes(mode) || !file) {
  process.stderr.write('usage: node scripts/corpus-snapshot.mjs <corpus-dir> (--write|--compare) FILE\n');
  process.exit(2);
}

const corpus = resolve(dir);
const run = spawnSync(
  process.execPath,
  [join(root, 'bin/virt-lint.cjs'), '--no-detect', '--no-config', '--qemu-version', '9.1.1', '--libvirt-version', '11.3.0', '--format', 'json', '.'],
  { cwd: corpus, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, NO_COLOR: '1' } },
);
if (run.error) throw run.error;
const snapshot = `exit ${run.status}\n${run.stdout}`;
const digest = createHash('sha256').update(snapshot).digest('hex');
if (mode === '--write') {
  writeFileSync(file, snapshot);
  console.log(`snapshot of ${corpus}: ${snapshot.length} bytes, sha256 ${digest} -> ${file}`);
  process.exit(0);
}
const before = readFileSync(file, 'utf8');
if (before === snapshot) {
  console.log(`identical to ${file} (sha256 ${digest})`);
  process.exit(0);
}
const a = before.split('\n');
const b = snapshot.split('\n');
let i = 0;
while (i < a.length && a[i] === b[i]) i++;
console.log(`DIFFERENT from ${file}; first difference at line ${i + 1}:\n- ${(a[i] ?? '').slice(0, 400)}\n+ ${(b[i] ?? '').slice(0, 400)}`);
process.exit(1);
