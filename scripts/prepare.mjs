// npm's `prepare` script: builds dist/ wherever npm installs virt-lint from
// its sources, that is `npm install` in a clone and git-URL installs
// (`npm install -g git+https://...#<commit>`, pre-commit's `language: node`).
// A tarball or registry install runs no script: the tarball is built by
// `prepack` and its package.json has no `prepare` (scripts/pack.mjs).
//
// For a git URL, npm clones the repository and runs `npm install` in the
// clone so that `prepare` finds the devDependencies. Under `npm install -g`
// that nested install inherits global mode and installs nothing into the
// clone (npm/cli#8440, open), so esbuild is missing; with a user `prefix` in
// .npmrc it is always so. Then this script installs the devDependencies into
// the clone itself, from the lockfile and without running their scripts,
// before building.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);

function esbuildInstalled() {
  try {
    require.resolve('esbuild');
    return true;
  } catch {
    return false;
  }
}

function run(command, args, env = process.env) {
  const r = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

if (!esbuildInstalled()) {
  if (process.env.npm_config_global !== 'true') {
    process.stderr.write('virt-lint: building needs the devDependencies (esbuild); run `npm install` without --omit=dev, then `npm run build`\n');
    process.exit(1);
  }
  process.stderr.write('virt-lint: installing the build tools into the clone (npm install -g does not: npm/cli#8440)\n');
  // The nested npm must work on this directory, not in global mode nor in the
  // user's global prefix: drop what the outer `npm install -g` exported.
  const env = { ...process.env };
  for (const key of Object.keys(env)) {
    if (/^npm_config_(global|location|prefix)$/i.test(key)) delete env[key];
  }
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
  const install = existsSync(new URL('../package-lock.json', import.meta.url)) ? 'ci' : 'install';
  const flags = ['--include=dev', '--ignore-scripts', '--no-audit', '--no-fund', `--prefix=${root}`, ...(install === 'install' ? ['--no-save'] : [])];
  const status = run(npm[0], [...npm.slice(1), install, ...flags], env);
  if (status !== 0 || !esbuildInstalled()) {
    process.stderr.write(`virt-lint: could not install the build tools (npm ${install} exited ${status})\n`);
    process.exit(1);
  }
}

process.exit(run(process.execPath, ['scripts/build.mjs']));
