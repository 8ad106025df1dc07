#!/usr/bin/env node
// Copies libvirt's domain grammar (domain.rng and every file it includes,
// nothing else) of each release under <dir>/<version>/ into
// vendor/libvirt-schemas/<version>/, where the build compiles it from.
// Run once per new libvirt release; the vendored files are committed.
// Usage: node scripts/vendor-schemas.mjs ../shared/reference/libvirt-schemas
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const from = process.argv[2];
if (!from || !existsSync(from)) {
  process.stderr.write('usage: node scripts/vendor-schemas.mjs <dir holding <version>/domain.rng>\n');
  process.exit(2);
}
const semver = (v) => v.split('.').map(Number);
const versions = readdirSync(from)
  .filter((v) => /^\d+\.\d+\.\d+$/.test(v) && existsSync(join(from, v, 'domain.rng')))
  .sort((a, b) => semver(a).reduce((d, x, i) => d || x - semver(b)[i], 0));
for (const version of versions) {
  const dest = join(root, 'vendor/libvirt-schemas', version);
  rmSync(dest, { recursive: true, force: true });
  mkdirSync(dest, { recursive: true });
  const todo = ['domain.rng'];
  const done = new Set();
  while (todo.length) {
    const file = todo.pop();
    if (done.has(file)) continue;
    done.add(file);
    const text = readFileSync(join(from, version, file), 'utf8');
    // Includes outside comments; libvirt's hrefs are plain file names.
    for (const m of text.replace(/<!--[\s\S]*?-->/g, '').matchAll(/<include\s+href="([^"]+)"/g)) todo.push(m[1]);
    copyFileSync(join(from, version, file), join(dest, file));
  }
  console.log(`${version}: ${[...done].sort().join(' ')}`);
}
