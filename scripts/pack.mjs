// npm's `prepack` and `postpack` scripts (`npm pack`, `npm publish`):
//   node scripts/pack.mjs prepack    build dist/ (no source map), then take
//                                    `prepare` out of package.json
//   node scripts/pack.mjs postpack   put package.json back, byte for byte
//
// Why take `prepare` out: the tarball carries dist/ already, so installing it
// must run no script. npm never runs a tarball's `prepare`, but it lists it
// among the "install scripts not yet covered by allowScripts" and warns on
// every `npm install ./virt-lint-*.tgz`. The repository keeps `prepare`:
// clones and git-URL installs build through it (scripts/prepare.mjs).
//
// While the tarball is being written, package.json.prepack holds the original.
// A pack that died before postpack leaves it behind: the next prepack stops
// and says so rather than guess which package.json to keep.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const manifest = new URL('../package.json', import.meta.url);
const backup = new URL('../package.json.prepack', import.meta.url);

const step = process.argv[2];
if (step === 'prepack') {
  if (existsSync(backup)) {
    process.stderr.write('virt-lint: package.json.prepack is left from an interrupted pack: it is the original package.json; put it back (mv package.json.prepack package.json), then pack again\n');
    process.exit(1);
  }
  try {
    createRequire(import.meta.url).resolve('esbuild');
  } catch {
    process.stderr.write('virt-lint: packing builds dist/ first, which needs the devDependencies: run `npm install`, then pack again\n');
    process.exit(1);
  }
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
  const original = readFileSync(manifest, 'utf8');
  const pkg = JSON.parse(original);
  delete pkg.scripts.prepare;
  writeFileSync(backup, original);
  writeFileSync(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
} else if (step === 'postpack') {
  if (existsSync(backup)) renameSync(backup, manifest);
} else {
  process.stderr.write('usage: node scripts/pack.mjs prepack|postpack\n');
  process.exit(2);
}
