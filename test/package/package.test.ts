/**
 * The package as npm publishes it and the pins users copy: what the tarball
 * holds, what it needs at run time, and that every pin of this repository in
 * the README and examples/ is a commit that exists. The install itself (npm
 * pack, an offline install, a git-URL install, the Action) needs npm and the
 * network: test/integration/*.sh, run by .ci/run.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REPOSITORY_URL } from '../../src/docs/links.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  version: string;
  license: string;
  files: string[];
  bin: Record<string, string>;
  scripts: Record<string, string>;
  repository: { url: string };
  homepage: string;
  bugs: string;
  [key: string]: unknown;
};

/** The modules a CommonJS file requires by a literal name. */
function requiredModules(path: string): string[] {
  return [...read(path).matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]!);
}

describe('the npm package', () => {
  it('has no runtime dependencies: the bundle and the bin script need only Node built-ins', () => {
    for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies', 'bundledDependencies']) {
      expect(pkg[field], field).toBeUndefined();
    }
    const bundle = requiredModules('dist/cli.cjs');
    expect(bundle.length).toBeGreaterThan(0);
    // The language server is a bundle of its own, required only by `virt-lint lsp`; the rules' documentation too,
    // required only when it is read (--explain, SARIF, --list-rules --format json).
    expect([...new Set(bundle.filter((m) => !m.startsWith('node:')))].sort()).toEqual(['./lsp.cjs', './rule-docs.cjs']);
    expect(read('dist/cli.cjs')).not.toContain('qemuxmlconfdata/intel-iommu-wrong-machine.xml');
    expect(read('dist/rule-docs.cjs')).toContain('qemuxmlconfdata/intel-iommu-wrong-machine.xml');
    expect(read('dist/cli.cjs')).not.toMatch(/\bimport\(\s*["'](?!node:)/);
    for (const other of ['dist/lsp.cjs', 'dist/api.cjs', 'dist/rule-docs.cjs']) {
      // (vscode-jsonrpc, bundled into lsp.cjs, names built-ins without the node: prefix.)
      expect(requiredModules(other).filter((m) => !m.startsWith('node:') && !builtinModules.includes(m)), other).toEqual([]);
    }
    expect(read('dist/api.mjs')).toMatch(/^import api from '\.\/api\.cjs';$/m);
    // The server gets its linting from the CLI (src/cli/lsp/linter.ts): the engine and its rules ship once for both.
    expect(read('dist/lsp.cjs')).toContain('publishDiagnostics');
    expect(read('dist/lsp.cjs')).not.toContain('qemu-911-spice-hda-audio');
    expect(read('dist/cli.cjs')).not.toContain('publishDiagnostics');
    expect(requiredModules(pkg.bin['virt-lint']!).filter((m) => !m.startsWith('node:'))).toEqual([]);
  });

  it('builds on prepack, and from sources through prepare', () => {
    expect(pkg.scripts.prepack).toBe('node scripts/pack.mjs prepack');
    expect(pkg.scripts.postpack).toBe('node scripts/pack.mjs postpack');
    expect(pkg.scripts.prepare).toBe('node scripts/prepare.mjs');
    for (const script of ['preinstall', 'install', 'postinstall']) expect(pkg.scripts[script], script).toBeUndefined();
  });

  it('packs bin/, dist/ without the source map, schema/, docs/, README, LICENSE and CHANGELOG; the README gives its size', () => {
    // --ignore-scripts: list what would be packed from the dist/ that `npm test` built, without rebuilding it.
    const r = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const [packed] = JSON.parse(r.stdout) as [{ size: number; entryCount: number; files: { path: string }[] }];
    const paths = packed.files.map((f) => f.path);
    const tops = [...new Set(paths.map((p) => (p.includes('/') ? `${p.split('/')[0]}/` : p)))].sort();
    // vendor/ holds third-party files the build compiles (libvirt's grammars, LGPL): shipped with their licence when present.
    const vendored = existsSync(join(ROOT, 'vendor')) ? ['vendor/'] : [];
    expect(tops).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'bin/', 'dist/', 'docs/', 'package.json', 'schema/', ...vendored]);
    if (vendored.length) expect(paths.filter((p) => /^vendor\/.*\/COPYING/.test(p)).length).toBeGreaterThan(0);
    // The types are built by `npm pack` (and installs from sources), not by `npm test`'s build.
    expect(paths.filter((p) => p.startsWith('dist/') && !/\.d\.[cm]?ts$/.test(p)).sort()).toEqual(['dist/api.cjs', 'dist/api.mjs', 'dist/cli.cjs', 'dist/cli.cjs.v8-cache', 'dist/lsp.cjs', 'dist/rule-docs.cjs']);
    expect(paths).toContain('bin/virt-lint.cjs');
    expect(paths).toContain('schema/virt-lint.schema.json');
    expect(paths.filter((p) => p.endsWith('.map'))).toEqual([]);

    // The README's figures stay near the measured ones (each new rule adds a docs page).
    const m = /The tarball is what a registry release will be: ([\d.]+) kB, (\d+) files/.exec(read('README.md'));
    expect(m, 'README: "The tarball is what a registry release will be: N kB, N files"').not.toBeNull();
    const [readmeKb, readmeFiles] = [Number(m![1]), Number(m![2])];
    const measured = `measured ${(packed.size / 1000).toFixed(0)} kB, ${packed.entryCount} files (update the README)`;
    expect(Math.abs(readmeKb - packed.size / 1000) / readmeKb, measured).toBeLessThan(0.15);
    expect(Math.abs(readmeFiles - packed.entryCount) / readmeFiles, measured).toBeLessThan(0.15);
  }, 60000);

  it('carries the licences package.json declares (MIT, and LGPL for the libvirt grammar and the model built from it), and a changelog for its version', () => {
    expect(pkg.license).toBe('MIT AND LGPL-2.1-or-later');
    const license = read('LICENSE');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} the virt-lint authors\n/);
    expect(license).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
    // The LGPL part: the vendored grammar, its licence text beside it, and the derived model in dist/.
    expect(license).toContain('vendor/libvirt-schemas/COPYING.LESSER');
    expect(license).toContain('MIT AND LGPL-2.1-or-later');
    expect(read('vendor/libvirt-schemas/COPYING.LESSER')).toContain('GNU LESSER GENERAL PUBLIC LICENSE');
    expect(read('vendor/libvirt-schemas/COPYING.LESSER')).toContain('Version 2.1');
    const changelog = read('CHANGELOG.md');
    expect(changelog).toMatch(/^## \[Unreleased\]$/m);
    expect(changelog).toMatch(new RegExp(`^## \\[${pkg.version.replaceAll('.', '\\.')}\\]`, 'm'));
    expect(changelog).toContain('keepachangelog.com');
  });

  it('names the repository of src/docs/links.ts', () => {
    expect(pkg.repository.url).toBe(`git+${REPOSITORY_URL}.git`);
    expect(pkg.homepage).toBe(`${REPOSITORY_URL}#readme`);
    expect(pkg.bugs).toBe(`${REPOSITORY_URL}/issues`);
  });
});

/** The README and every YAML file under examples/. */
function pinnedFiles(): string[] {
  const examples = readdirSync(join(ROOT, 'examples'), { withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => `examples/${e.name}`);
  return ['README.md', ...examples];
}

interface Pin {
  file: string;
  kind: 'pre-commit rev' | 'action' | 'npm git URL';
  ref: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function pins(): Pin[] {
  const repo = escape(REPOSITORY_URL.replace(/^https:\/\/github\.com\//, ''));
  const url = escape(REPOSITORY_URL);
  const found: Pin[] = [];
  for (const file of pinnedFiles()) {
    // (A ref written <like-this> is a placeholder in prose, not a pin.)
    const text = read(file);
    for (const m of text.matchAll(/^\s*rev:\s*([^<\s]\S*)/gm)) found.push({ file, kind: 'pre-commit rev', ref: m[1]! });
    for (const m of text.matchAll(new RegExp(`uses:\\s*${repo}@([^<\\s]\\S*)`, 'g'))) found.push({ file, kind: 'action', ref: m[1]! });
    for (const m of text.matchAll(new RegExp(`${url}(?:\\.git)?#([^<\\s)\`][^\\s)\`]*)`, 'g'))) found.push({ file, kind: 'npm git URL', ref: m[1]! });
  }
  return found;
}

const git = (...args: string[]) => spawnSync('git', args, { cwd: ROOT, encoding: 'utf8' });

describe('pins of this repository in the README and examples/', () => {
  const all = pins();

  it('are found where users copy them from', () => {
    const where = (kind: Pin['kind']) => all.filter((p) => p.kind === kind).map((p) => p.file);
    expect(where('pre-commit rev')).toEqual(expect.arrayContaining(['README.md', 'examples/.pre-commit-config.yaml']));
    expect(where('action')).toEqual(expect.arrayContaining(['README.md', 'examples/github-workflow.yml']));
    expect(where('npm git URL')).toContain('README.md');
  });

  it('point the pre-commit repo: lines at the repository of src/docs/links.ts', () => {
    for (const file of pinnedFiles()) {
      for (const m of read(file).matchAll(/^\s*- repo:\s*(\S+)/gm)) expect(m[1], file).toBe(REPOSITORY_URL);
    }
  });

  it.each(all.map((p) => [`${p.file}: ${p.kind} ${p.ref.slice(0, 12)}`, p] as const))(
    '%s is the full SHA of a commit in HEAD\'s history that has what it is pinned for',
    (_name, pin) => {
      // A tag would be allowed once releases are tagged; none is, so a tag here would not exist.
      expect(pin.ref, `${pin.file}: pin a commit SHA (no release is tagged yet)`).toMatch(/^[0-9a-f]{40}$/);
      if (!existsSync(join(ROOT, '.git'))) return; // an unpacked tarball has no history to look in
      expect(git('cat-file', '-e', `${pin.ref}^{commit}`).status, `${pin.ref} is not a commit of this repository`).toBe(0);
      expect(git('merge-base', '--is-ancestor', pin.ref, 'HEAD').status, `${pin.ref} is not in HEAD's history`).toBe(0);
      const needs = { 'pre-commit rev': '.pre-commit-hooks.yaml', action: 'action.yml', 'npm git URL': 'package.json' }[pin.kind];
      expect(git('cat-file', '-e', `${pin.ref}:${needs}`).status, `${pin.ref} has no ${needs}`).toBe(0);
    },
  );
});

describe('the GitHub Action', () => {
  it('documents every input of action.yml in the README', () => {
    const action = read('action.yml');
    const block = /^inputs:\n((?:[ #].*\n|\n)*)/m.exec(action)![1]!;
    const inputs = [...block.matchAll(/^ {2}([a-z][a-z-]*):$/gm)].map((m) => m[1]!);
    expect(inputs).toEqual(expect.arrayContaining(['paths', 'qemu-version', 'libvirt-version', 'format', 'args', 'upload-sarif']));
    const readme = read('README.md');
    for (const input of inputs) expect(readme, input).toContain(`| \`${input}\` |`);
  });
});
