// Bundles the CLI into dist/cli.cjs with esbuild, then writes V8's code cache
// for it from a warm-up lint of the example. One CommonJS bundle loaded
// through vm.Script with a code cache starts markedly faster than ES modules
// (no ESM loader, no per-module resolution, no compiling on every run): the
// budget is 1.5x the bare `node -e 0` startup (npm run bench).
//
// No source map by default: it is three times the bundle's size and the
// published package leaves it out. `npm run build -- --sourcemap` writes
// dist/cli.cjs.map for debugging; stack traces are mapped when the bundle is
// run directly with `node --enable-source-maps dist/cli.cjs ...` (Node does
// not apply source maps to the vm.Script that bin/virt-lint.cjs compiles).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--sourcemap');
if (unknown.length > 0) {
  process.stderr.write(`build: unknown argument ${unknown[0]} (the only option is --sourcemap)\n`);
  process.exit(2);
}
const sourcemap = args.includes('--sourcemap');
const root = fileURLToPath(new URL('..', import.meta.url));
// The schema check's models, compiled from the vendored libvirt grammars (src/schema/generated/).
const compiled = spawnSync(process.execPath, ['scripts/compile-schemas.mjs'], { cwd: root, stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);
rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ['src/cli/bin.ts'],
  outfile: 'dist/cli.cjs',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: sourcemap ? 'linked' : false,
  logLevel: 'warning',
  absWorkingDir: root,
  // jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow; bundle its ES modules.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
});

// Warm-up: lint the example (host facts given, so nothing is executed) and let
// bin/virt-lint.cjs write the cache on exit. Its exit status is the lint's (1).
const warm = spawnSync(
  process.execPath,
  ['bin/virt-lint.cjs', '--no-detect', '--no-config', '--qemu-version', '9.1.1', '--libvirt-version', '11.3.0', '--format', 'json', 'examples/win11-looking-glass.xml'],
  { cwd: root, env: { ...process.env, VIRT_LINT_WRITE_CODE_CACHE: '1', NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
);
if (warm.status !== 0 && warm.status !== 1) {
  process.stderr.write(`build: warm-up run failed (exit ${warm.status}); the CLI works, only without a code cache\n${warm.stderr}`);
}
