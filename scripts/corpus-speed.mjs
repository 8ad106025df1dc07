// Corpus throughput of this checkout against another one, on the same
// machine at the same time: files per second are a property of the machine
// (the shared 2-core development machine measured the same commit at 1,200
// and at 3,000 files/s on different days), the ratio of two checkouts much
// less so.
//
// Each round is a fresh process that bundles both checkouts' engines (as
// `npm run corpus` does), reads the corpus into memory, and lints it once with
// each engine, cold, as one `npm run corpus` pass does; rounds alternate which
// engine goes first. Prints each round and the medians.
//
// Usage: node scripts/corpus-speed.mjs <corpus-dir> --against <other-checkout> [--rounds N]
// The other checkout needs its dependencies installed, e.g.:
//   git worktree add /tmp/before <commit> && (cd /tmp/before && npm ci)
// Exit status: 0, or 2 for a usage error.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { importSources, xmlFiles } from './lib/engine.mjs';

function usage(message) {
  process.stderr.write(`corpus-speed: ${message}\nusage: node scripts/corpus-speed.mjs <corpus-dir> --against <other-checkout> [--rounds N]\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
if (args[0] === '--round') {
  await round(args[1], args[2], args[3], args[4] === 'other-first');
  process.exit(0);
}
let dir;
let other;
let rounds = 6;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--against') other = args[++i];
  else if (args[i] === '--rounds') rounds = Number(args[++i]);
  else if (args[i].startsWith('-')) usage(`unknown option ${args[i]}`);
  else if (dir === undefined) dir = args[i];
  else usage('one corpus directory only');
}
if (dir === undefined || other === undefined) usage('a corpus directory and --against <checkout> are needed');
if (!Number.isInteger(rounds) || rounds < 1) usage('--rounds takes a whole number');
const self = fileURLToPath(import.meta.url);
const here = resolve(dirname(self), '..');
other = resolve(other);
for (const d of [resolve(dir), join(other, 'src/engine/linter.ts'), join(other, 'node_modules')]) if (!existsSync(d)) usage(`${d} does not exist`);

const results = { this: [], other: [] };
for (let r = 0; r < rounds; r++) {
  const order = r % 2 ? 'other-first' : 'this-first';
  const run = spawnSync(process.execPath, [self, '--round', resolve(dir), here, other, order], { encoding: 'utf8' });
  if (run.status !== 0) {
    process.stderr.write(run.stderr);
    process.exit(1);
  }
  const got = JSON.parse(run.stdout);
  results.this.push(got.this);
  results.other.push(got.other);
  console.log(`round ${r + 1} (${order}): this ${got.this} files/s, other ${got.other} files/s, ratio ${(got.this / got.other).toFixed(3)}`);
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const ratios = results.this.map((t, i) => t / results.other[i]);
console.log(`median: this ${median(results.this)} files/s, other ${median(results.other)} files/s, ratio ${median(ratios).toFixed(3)} (${rounds} rounds)`);

/** One process: both engines bundled, the corpus in memory, one cold pass each. */
async function round(corpus, thisTree, otherTree, otherFirst) {
  const engines = { this: await bundle(thisTree), other: await bundle(otherTree) };
  const texts = xmlFiles(corpus).map((f) => readFileSync(f, 'utf8'));
  const out = {};
  for (const k of otherFirst ? ['other', 'this'] : ['this', 'other']) {
    const { lint, rules } = engines[k];
    const started = performance.now();
    for (const t of texts) lint(t, { rules, host: {} });
    out[k] = Math.round(texts.length / ((performance.now() - started) / 1000));
  }
  process.stdout.write(JSON.stringify(out));
}

/** `lint` and `rules` of a checkout, bundled from its sources with its own esbuild. */
async function bundle(tree) {
  const { build } = await import(pathToFileURL(join(tree, 'node_modules/esbuild/lib/main.js')).href);
  return importSources(["export { lint } from './src/engine/linter.ts';", "export { rules } from './rules/index.ts';"], { tree, bundler: build });
}
