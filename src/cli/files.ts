/**
 * Turning command-line inputs into files: a file is taken as given, a
 * directory is searched for *.xml, a pattern with * ? or [ is matched against
 * the tree below its fixed prefix (shells usually expand globs themselves; this
 * covers quoted ones and Windows-style invocations).
 */
import { readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { UsageError } from './options.js';
import { describeErrno } from './io-errors.js';

export const STDIN = '-';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

/** Files to lint, and the directories given that held no *.xml (worth a word to the user). */
export function expandInputs(inputs: string[], cwd: string): { files: string[]; emptyDirs: string[] } {
  const out: string[] = [];
  const emptyDirs: string[] = [];
  const seen = new Set<string>();
  const add = (p: string) => {
    if (!seen.has(p)) {
      seen.add(p);
      out.push(p);
    }
  };
  for (const input of inputs) {
    if (input === STDIN) {
      add(STDIN);
      continue;
    }
    if (/[*?[]/.test(input)) {
      const matches = glob(input, cwd);
      if (matches.length === 0) throw new UsageError(`no files match '${input}'`);
      matches.forEach(add);
      continue;
    }
    let stat;
    try {
      stat = statSync(resolve(cwd, input));
    } catch (e) {
      throw new UsageError(`cannot read '${input}': ${describeErrno(e)}`);
    }
    if (stat.isDirectory()) {
      const found = walk(input, cwd);
      if (found.length === 0) emptyDirs.push(input);
      found.forEach(add);
    } else add(input);
  }
  return { files: out, emptyDirs };
}

function resolve(cwd: string, p: string): string {
  return p.startsWith('/') ? p : join(cwd, p);
}

function walk(dir: string, cwd: string): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    let entries;
    try {
      entries = readdirSync(resolve(cwd, d), { withFileTypes: true });
    } catch (e) {
      throw new UsageError(`cannot read directory '${d}': ${describeErrno(e)}`);
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) visit(p);
      } else if (e.isFile() && /\.xml$/i.test(e.name)) out.push(p);
    }
  };
  visit(dir);
  return out;
}

/** Matches a glob (`*`, `?`, `[...]`, `**`) against files under its literal prefix. */
function glob(pattern: string, cwd: string): string[] {
  const parts = pattern.split(/[\\/]/);
  const fixed: string[] = [];
  for (const p of parts) {
    if (/[*?[]/.test(p)) break;
    fixed.push(p);
  }
  const base = fixed.join('/') || '.';
  const re = globToRegExp(pattern);
  const out: string[] = [];
  const visit = (d: string) => {
    let entries;
    try {
      entries = readdirSync(resolve(cwd, d), { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => a.name.localeCompare(b.name));
    for (const e of entries) {
      const p = d === '.' && base === '.' ? e.name : join(d, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) visit(p);
      } else if (re.test(p.split(sep).join('/'))) out.push(p);
    }
  };
  visit(base);
  return out;
}

export function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        if (pattern[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += '[' + pattern.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^(?:\\./)?${re}$`);
}

/** A path as shown to the user: relative to cwd when it lies below it. */
export function displayPath(path: string, cwd: string): string {
  if (!path.startsWith('/')) return path;
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}
