/**
 * The layers import one way (the team's style guide, issue 11):
 *
 *   src/shared → src/engine → src/schema → src/domain → rules/
 *     → src/config, src/docs, src/formatters → src/api → src/cli
 *
 * A module may import its own layer and the layers before it, never a later
 * one; no import cycle anywhere; only the CLI touches the process, the file
 * system and child processes. Imports are read from the sources as text
 * (static, dynamic and type-only alike: a type import that runs the wrong way
 * is still a dependency the wrong way).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const LAYERS: [string, number][] = [
  ['src/shared/', 0],
  ['src/engine/', 1],
  ['src/schema/', 2],
  ['src/domain/', 3],
  ['rules/', 4],
  ['src/config/', 5],
  ['src/docs/', 5],
  ['src/formatters/', 5],
  ['src/api/', 6],
  ['src/cli/', 7],
];

/** Node built-ins only the CLI may use: files, processes, the terminal. */
const CLI_ONLY = /^node:(fs|fs\/promises|child_process|readline|tty|worker_threads)$/;

const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { imports?: Record<string, string> };

function sources(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) sources(p, out);
    else if (/\.ts$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

const files = [...sources('src'), ...sources('rules')];

function layerOf(file: string): number {
  const hit = LAYERS.find(([prefix]) => file.startsWith(prefix));
  if (!hit) throw new Error(`${file} is in no layer: add its folder to LAYERS`);
  return hit[1];
}

/** `#engine/x.js` through package.json "imports"; relative specifiers against the importer. */
function resolveSpecifier(from: string, spec: string): string | undefined {
  let target: string | undefined;
  if (spec.startsWith('#')) {
    for (const [pattern, to] of Object.entries(pkg.imports ?? {})) {
      const star = pattern.indexOf('*');
      if (star < 0 ? spec === pattern : spec.startsWith(pattern.slice(0, star))) {
        target = star < 0 ? to : to.replace('*', spec.slice(star));
        break;
      }
    }
    if (!target) throw new Error(`${from}: '${spec}' matches no package.json "imports" entry`);
    target = relative(root, resolve(root, target));
  } else if (spec.startsWith('.')) {
    target = relative(root, resolve(root, dirname(from), spec));
  } else return undefined; // a package or a node: built-in
  target = target.replace(/\.js$/, '.ts');
  return files.includes(target) ? target : undefined;
}

const IMPORT = /(?:^|[^.\w])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|[^.\w])import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm;

function importsOf(file: string): string[] {
  const text = readFileSync(join(root, file), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]);
}

const graph = new Map(files.map((f) => [f, importsOf(f)]));

describe('architecture', () => {
  it('every import runs from a later layer to an earlier one (or within one)', () => {
    const wrong: string[] = [];
    for (const [file, specs] of graph) {
      for (const spec of specs) {
        const target = resolveSpecifier(file, spec);
        if (target && layerOf(target) > layerOf(file)) wrong.push(`${file} imports ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('only the CLI touches the file system, processes and the terminal', () => {
    const offenders: string[] = [];
    for (const [file, specs] of graph) {
      if (file.startsWith('src/cli/')) continue;
      for (const spec of specs) if (CLI_ONLY.test(spec)) offenders.push(`${file} imports ${spec}`);
      const text = readFileSync(join(root, file), 'utf8');
      if (/\bprocess\.(argv|exit|env|cwd|stdout|stderr|stdin|on)\b/.test(text)) offenders.push(`${file} uses process`);
    }
    expect(offenders).toEqual([]);
  });

  it('has no import cycle', () => {
    const edges = new Map([...graph].map(([f, specs]) => [f, specs.map((s) => resolveSpecifier(f, s)).filter((t): t is string => t !== undefined)]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string) => {
      state.set(f, 'open');
      stack.push(f);
      for (const t of edges.get(f) ?? []) {
        if (state.get(t) === 'open') cycles.push([...stack.slice(stack.indexOf(t)), t].join(' -> '));
        else if (!state.has(t)) visit(t);
      }
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of files) if (!state.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });

  it('every rule file is registered, and the registry holds nothing else', async () => {
    const { rules } = await import('#rules/index.js');
    const onDisk = readdirSync(join(root, 'rules'))
      .filter((f) => f.endsWith('.ts') && f !== 'index.ts')
      .map((f) => f.replace(/\.ts$/, ''))
      .sort();
    expect(rules.map((r) => r.meta.id)).toEqual(onDisk);
  });
});
