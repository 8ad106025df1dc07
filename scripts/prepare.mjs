// npm's `prepare` script: builds dist/ wherever npm installs virt-lint from
// its sources, that is `npm install` in a clone and git-URL installs
// (`npm install -g git+https://...#<commit>`, pre-commit's `language: node`).
// A tarball or registry install runs no script: the tarball is built by
// `prepack` and its package.json has no `prepare` (scripts/pack.mjs).
//
// A git URL is installed in two steps: npm clones the repository into its
// cache and runs `npm install` there (the "git dep preparation", a child npm
// whose environment holds _PACOTE_NO_PREPARE_), meant to put the
// devDependencies in place; then it runs `prepare` in the clone, packs it and
// installs the tarball. Under `npm install -g` the child inherits global mode
// (npm/cli#8440, open): it installs no devDependencies into the clone, and it
// installs the clone itself globally as a symlink to that temporary
// directory, through which the real install is then extracted, so the
// command is left dangling (npm/cli#3692). Hence, when global:
//   - in the child, do nothing but note where it linked the clone;
//   - in the `prepare` that follows, put a real directory back in place of
//     that symlink, install the devDependencies into the clone (from the
//     lockfile, running none of their scripts), then build.
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, mkdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const env = process.env;
const global = env.npm_config_global === 'true';
/** Where the git-dep child notes the symlink it made (node_modules is never packed). */
const linkNote = join(root, 'node_modules', '.virt-lint-global-link');

function esbuildInstalled() {
  try {
    require.resolve('esbuild');
    return true;
  } catch {
    return false;
  }
}

function run(command, args, childEnv = env) {
  const r = spawnSync(command, args, { cwd: root, env: childEnv, stdio: 'inherit' });
  if (r.error) throw r.error;
  return r.status ?? 1;
}

function isLinkToRoot(path) {
  try {
    return lstatSync(path).isSymbolicLink() && realpathSync(path) === realpathSync(root);
  } catch {
    return false;
  }
}

if (global && env._PACOTE_NO_PREPARE_) {
  // The git-dep child, installing the clone globally: leave the building to
  // the prepare that follows.
  const globalDir = process.platform === 'win32' ? join(env.npm_config_global_prefix ?? '', 'node_modules') : join(env.npm_config_global_prefix ?? '', 'lib', 'node_modules');
  const slot = join(globalDir, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).name);
  if (env.npm_config_global_prefix && isLinkToRoot(slot)) {
    mkdirSync(join(root, 'node_modules'), { recursive: true });
    writeFileSync(linkNote, slot);
  }
  process.exit(0);
}

if (existsSync(linkNote)) {
  const slot = readFileSync(linkNote, 'utf8');
  if (isLinkToRoot(slot)) {
    rmSync(slot);
    mkdirSync(slot);
  }
  rmSync(linkNote);
}

if (!esbuildInstalled()) {
  if (!global) {
    process.stderr.write('virt-lint: building needs the devDependencies (esbuild); run `npm install` without --omit=dev, then `npm run build`\n');
    process.exit(1);
  }
  // The nested npm must work on this directory, not in global mode nor in the
  // user's global prefix: drop what the outer `npm install -g` exported and a
  // project install refuses or need not inherit (--allow-scripts, --force).
  const childEnv = { ...env };
  for (const key of Object.keys(childEnv)) {
    if (/^npm_config_(global|location|prefix|allow_scripts|force)$/i.test(key)) delete childEnv[key];
  }
  const npm = env.npm_execpath ? [process.execPath, env.npm_execpath] : ['npm'];
  const install = existsSync(join(root, 'package-lock.json')) ? 'ci' : 'install';
  const flags = ['--include=dev', '--ignore-scripts', '--no-audit', '--no-fund', `--prefix=${root}`, ...(install === 'install' ? ['--no-save'] : [])];
  const status = run(npm[0], [...npm.slice(1), install, ...flags], childEnv);
  // (esbuildInstalled() cannot tell now: Node keeps the earlier miss.)
  if (status !== 0) {
    process.stderr.write(`virt-lint: could not install the build tools into ${root} (npm ${install} exited ${status})\n`);
    process.exit(1);
  }
}

process.exit(run(process.execPath, ['scripts/build.mjs']));
