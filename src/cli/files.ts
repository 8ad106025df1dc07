/**
 * Turning command-line inputs into files: a file is taken as given, a
 * directory is searched for *.xml, a pattern with * ? or [ is matched against
 * the tree below its fixed prefix (shells usually expand globs themselves; this
 * covers quoted ones and Windows-style invocations).
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { compileGlob, GlobError } from '../config/glob.js';
import { UsageError } from './options.js';
import { describeErrno, FileError } from './io-errors.js';
import { notRegularFile, PIPE_HINT } from './read.js';

export const STDIN = '-';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

export interface ExpandedInputs {
  /** Files to lint, each once (two spellings of one file, after realpath, are one). */
  files: string[];
  /** Directories given that held no *.xml (worth a word to the user). */
  emptyDirs: string[];
  /** Directories below the inputs that could not be read: reported, the rest is still linted, the run exits 2. */
  problems: string[];
}

/**
 * Inputs named on the command line must exist and be directories or regular
 * files (or symbolic links to them): a FIFO, a device or a socket is refused
 * (exit 2) before anything is read. Directories are searched for regular
 * *.xml files; symbolic links inside them are not followed.
 */
export function expandInputs(inputs: string[], cwd: string): ExpandedInputs {
  const out: string[] = [];
  const emptyDirs: string[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  const add = (p: string) => {
    const key = p === STDIN ? p : canonical(resolve(cwd, p));
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  };
  for (const input of inputs) {
    if (input === STDIN) {
      add(STDIN);
      continue;
    }
    if (/[*?[]/.test(input)) {
      const matches = glob(input, cwd, problems);
      if (matches.length === 0 && problems.length === 0) throw new UsageError(`no files match '${input}'`);
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
      const found = walk(input, cwd, problems);
      if (found.length === 0) emptyDirs.push(input);
      found.forEach(add);
    } else if (stat.isFile()) add(input);
    else throw new FileError('read', input, notRegularFile(stat, PIPE_HINT));
  }
  return { files: out, emptyDirs, problems };
}

function resolve(cwd: string, p: string): string {
  return p.startsWith('/') ? p : join(cwd, p);
}

/** The file's real path, to lint a file named twice (`vm.xml`, `./vm.xml`, a symlink) once. */
function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** Lists a directory, sorted; an unreadable one is recorded in `problems` and counts as empty. */
function list(dir: string, cwd: string, problems: string[]) {
  try {
    return readdirSync(resolve(cwd, dir), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch (e) {
    problems.push(`cannot read directory '${dir}': ${describeErrno(e)}`);
    return [];
  }
}

function walk(dir: string, cwd: string, problems: string[]): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const e of list(d, cwd, problems)) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) visit(p);
      } else if (e.isFile() && /\.xml$/i.test(e.name)) out.push(p);
    }
  };
  visit(dir);
  return out;
}

/**
 * Matches a glob (`*`, `?`, `[...]`, `**`; src/config/glob.ts) against the
 * files under its literal prefix, as a shell would: regular files and
 * symbolic links (a link to something else than a regular file is refused
 * when read).
 */
function glob(pattern: string, cwd: string, problems: string[]): string[] {
  const parts = pattern.split(/[\\/]/);
  const fixed: string[] = [];
  for (const p of parts) {
    if (/[*?[]/.test(p)) break;
    fixed.push(p);
  }
  const base = fixed.join('/') || '.';
  let matcher;
  try {
    matcher = compileGlob(pattern.split(sep).join('/'));
  } catch (e) {
    if (e instanceof GlobError) throw new UsageError(e.message);
    throw e;
  }
  const out: string[] = [];
  const baseExists = (() => {
    try {
      return statSync(resolve(cwd, base)).isDirectory();
    } catch {
      return false;
    }
  })();
  if (!baseExists) return out;
  const visit = (d: string) => {
    for (const e of list(d, cwd, problems)) {
      const p = d === '.' && base === '.' ? e.name : join(d, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) visit(p);
      } else if ((e.isFile() || e.isSymbolicLink()) && matcher.test(p.split(sep).join('/'))) out.push(p);
    }
  };
  visit(base);
  return out;
}

/** A path as shown to the user: relative to cwd when it lies below it. */
export function displayPath(path: string, cwd: string): string {
  if (!path.startsWith('/')) return path;
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}
