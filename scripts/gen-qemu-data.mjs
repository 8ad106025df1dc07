#!/usr/bin/env node
// Regenerates src/domain/qemu-releases.data.ts (QEMU machine types, CPU models
// and libvirt capability flags per release) from libvirt's probe data in
// ../shared/reference/qemu-caps (see its README.md).
//
//   node scripts/gen-qemu-data.mjs [DIR]           write the module
//   node scripts/gen-qemu-data.mjs --check [DIR]   write nothing; exit 1 when it is out of date
//
// DIR defaults to ../shared/reference/qemu-caps beside the project.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QEMU_DATA_MODULE, generateQemuData } from './lib/qemu-data.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const dir = resolve(args.find((a) => a !== '--check') ?? join(root, '../shared/reference/qemu-caps'));
const target = join(root, QEMU_DATA_MODULE);

if (!existsSync(join(dir, 'x86_64'))) {
  console.error(`gen-qemu-data: no QEMU capability data at ${dir} (expected x86_64/<V>.txt files); pass the qemu-caps directory`);
  process.exit(2);
}
let content;
try {
  content = generateQemuData(dir);
} catch (e) {
  console.error(`gen-qemu-data: ${e instanceof Error ? e.message : e}`);
  process.exit(2);
}
const current = (() => {
  try {
    return readFileSync(target, 'utf8');
  } catch {
    return undefined;
  }
})();

if (check) {
  if (current !== content) {
    console.error(`${QEMU_DATA_MODULE} is out of date with ${dir}: run \`node scripts/gen-qemu-data.mjs\` and commit it.`);
    process.exit(1);
  }
  console.log(`${QEMU_DATA_MODULE} is up to date`);
} else {
  if (current !== content) writeFileSync(target, content);
  console.log(`${QEMU_DATA_MODULE}: ${current === content ? 'unchanged' : 'written'} (${Buffer.byteLength(content)} bytes) from ${dir}`);
}
