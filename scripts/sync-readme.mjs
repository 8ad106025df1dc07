#!/usr/bin/env node
// Keeps README sections that mirror the program in step with it: the CLI
// reference (`virt-lint --help`) and the example output. `--check` fails
// (exit 1) instead of writing when the README is out of date.
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const readmePath = join(root, 'README.md');
const check = process.argv.includes('--check');

// What a terminal shows: stdout and stderr (the run's notes) as they interleave, through one file.
function run(args) {
  const dir = mkdtempSync(join(tmpdir(), 'virt-lint-readme-'));
  const fd = openSync(join(dir, 'out'), 'w+');
  try {
    spawnSync(process.execPath, [join(root, 'bin/virt-lint.cjs'), ...args], {
      cwd: root,
      stdio: ['ignore', fd, fd],
      env: { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', VIRT_LINT_QEMU_VERSION: '', VIRT_LINT_LIBVIRT_VERSION: '' },
    });
    return readFileSync(join(dir, 'out'), 'utf8');
  } finally {
    closeSync(fd);
    rmSync(dir, { recursive: true, force: true });
  }
}

function replaceBlock(text, name, lang, body) {
  const re = new RegExp(`(<!-- ${name}:start -->\\n)[\\s\\S]*?(<!-- ${name}:end -->)`);
  if (!re.test(text)) throw new Error(`README has no ${name} markers`);
  return text.replace(re, (_, a, b) => `${a}${lang === null ? body : '```' + lang + '\n' + body.replace(/\n$/, '') + '\n```\n'}${b}`);
}

const before = readFileSync(readmePath, 'utf8');
let after = replaceBlock(before, 'help', 'text', run(['--help']));
// The quick start's command, as a new user runs it.
after = replaceBlock(after, 'example-output', 'text', run(['--no-detect', '--qemu-version', '9.1.1', 'examples/win11-looking-glass.xml']));

if (check) {
  if (after !== before) {
    console.error('README.md is out of date with the CLI; run `node scripts/sync-readme.mjs`');
    process.exit(1);
  }
} else if (after !== before) {
  writeFileSync(readmePath, after);
  console.log('README.md updated');
}
