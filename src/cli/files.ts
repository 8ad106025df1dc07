/**
 * Turning command-line inputs into files.
 *
 * - A file named is linted, always (a configuration's `ignores` may still
 *   leave it out, but .gitignore and hidden directories never do).
 * - A directory is searched for *.xml files: symbolic links inside it are not
 *   followed; directories whose name starts with a dot are skipped (`.git`,
 *   `.cache`, an editor's backups), as are node_modules and VCS metadata, and
 *   so is whatever .gitignore excludes (src/cli/gitignore.ts). The directory
 *   named itself is searched even when it is hidden or excluded. Searches go
 *   at most MAX_DEPTH directories deep.
 * - A pattern (with `*`, `?`, `[...]` or braces; src/config/glob.ts) is
 *   matched against the files below its literal prefix, with the same
 *   skipping; a hidden directory is entered only when the pattern itself has
 *   a segment starting with a dot. Braces are expanded first (`vms/{a,b}.xml`,
 *   at most 256 alternatives): an alternative without wildcards names a file,
 *   which is linted when it exists. Shells usually expand patterns
 *   themselves; this covers quoted ones and Windows-style invocations.
 */
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { compileGlob, expandBraces, GlobError } from '../config/glob.js';
import { UsageError } from './options.js';
import { describeErrno, FileError } from './io-errors.js';
import { notRegularFile, PIPE_HINT } from './read.js';
import type { GitignoreFilter } from './gitignore.js';

export const STDIN = '-';

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn']);

/** Directory levels a search goes below the directory it starts from. */
export const MAX_DEPTH = 32;

export interface ExpandedInputs {
  /** Files to lint, each once (two spellings of one file, after realpath, are one). */
  files: string[];
  /** Directories given that held no *.xml (worth a word to the user). */
  emptyDirs: string[];
  /** Directories below the inputs that could not be read: reported, the rest is still linted, the run exits 2. */
  problems: string[];
  /** About the search, for the run's notes (.gitignore patterns that were not used). */
  notes: string[];
}

const WILDCARD = /[*?[]/;

/**
 * Inputs named on the command line must exist and be directories or regular
 * files (or symbolic links to them): a FIFO, a device or a socket is refused
 * (exit 2) before anything is read.
 */
export async function expandInputs(inputs: string[], cwd: string): Promise<ExpandedInputs> {
  const out: string[] = [];
  const emptyDirs: string[] = [];
  const problems: string[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  const add = (p: string) => {
    const key = p === STDIN ? p : canonical(resolve(cwd, p));
    if (!seen.has(key)) {
      seen.add(key);
      out.push(p);
    }
  };
  // .gitignore rules are read only when a directory is searched, and the `ignore` package loaded only then.
  let filter: GitignoreFilter | undefined;
  const search = async () => (filter ??= new (await import('./gitignore.js')).GitignoreFilter(problems, notes));
  for (const input of inputs) {
    if (input === STDIN) {
      add(STDIN);
      continue;
    }
    let alternatives;
    try {
      alternatives = expandBraces(input);
    } catch (e) {
      throw e instanceof GlobError ? new UsageError(e.message) : e;
    }
    if (WILDCARD.test(input) || alternatives.length > 1) {
      const before = out.length;
      for (const { text } of alternatives) {
        if (WILDCARD.test(text)) glob(text, cwd, problems, await search()).forEach(add);
        else if (isFile(resolve(cwd, text))) add(text);
      }
      if (out.length === before && problems.length === 0) throw new UsageError(`no files match '${input}'`);
      continue;
    }
    let stat;
    try {
      stat = statSync(resolve(cwd, input));
    } catch (e) {
      throw new FileError('read', input, e);
    }
    if (stat.isDirectory()) {
      const found = walk(input, cwd, problems, await search());
      if (found.length === 0) emptyDirs.push(input);
      found.forEach(add);
    } else if (stat.isFile()) add(input);
    else throw new FileError('read', input, notRegularFile(stat, PIPE_HINT));
  }
  return { files: out, emptyDirs, problems, notes };
}

function resolve(cwd: string, p: string): string {
  return p.startsWith('/') ? p : join(cwd, p);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
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

interface SearchOptions {
  /** Enter directories whose name starts with a dot. */
  hidden: boolean;
  /** Which entries to keep: `p` as shown, relative to cwd or absolute. */
  keep: (p: string, entry: { isFile(): boolean; isSymbolicLink(): boolean }) => boolean;
}

/**
 * The files below `start` that `keep` accepts, skipping what is excluded (see
 * the module comment), in sorted order. Entries are named relative to `cwd`
 * as `start` is (`start` '.' gives bare names).
 */
function search(start: string, cwd: string, problems: string[], filter: GitignoreFilter, options: SearchOptions): string[] {
  const out: string[] = [];
  const root = resolve(cwd, start);
  const visit = (d: string, depth: number) => {
    for (const e of list(d, cwd, problems)) {
      const p = d === '.' ? e.name : join(d, e.name);
      if (e.isDirectory()) {
        if (SKIP_DIRS.has(e.name) || (e.name.startsWith('.') && !options.hidden)) continue;
        if (filter.excludes(resolve(cwd, p), true, root)) continue;
        if (depth >= MAX_DEPTH) problems.push(`directory '${p}' is more than ${MAX_DEPTH} levels below '${start}'; not searched`);
        else visit(p, depth + 1);
      } else if (options.keep(p, e) && !filter.excludes(resolve(cwd, p), false, root)) out.push(p);
    }
  };
  visit(start, 0);
  return out;
}

function walk(dir: string, cwd: string, problems: string[], filter: GitignoreFilter): string[] {
  return search(dir, cwd, problems, filter, { hidden: false, keep: (p, e) => e.isFile() && /\.xml$/i.test(p) });
}

/**
 * Matches a glob (`*`, `?`, `[...]`, `**`; no braces left) against the files
 * under its literal prefix, as a shell would: regular files and symbolic
 * links (a link to something else than a regular file is refused when read).
 */
function glob(pattern: string, cwd: string, problems: string[], filter: GitignoreFilter): string[] {
  const parts = pattern.split(/[\\/]/);
  const fixed: string[] = [];
  for (const p of parts) {
    if (WILDCARD.test(p)) break;
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
  let baseIsDir = false;
  try {
    baseIsDir = statSync(resolve(cwd, base)).isDirectory();
  } catch {
    // no such directory: nothing matches
  }
  if (!baseIsDir) return [];
  // `**/.config/*.xml` asks for hidden directories; `**/*.xml` does not.
  const hidden = parts.slice(fixed.length).some((p) => p.startsWith('.') && p !== '.' && p !== '..');
  return search(base, cwd, problems, filter, { hidden, keep: (p, e) => (e.isFile() || e.isSymbolicLink()) && matcher.test(p.split(sep).join('/')) });
}

/** A path as shown to the user: relative to cwd when it lies below it. */
export function displayPath(path: string, cwd: string): string {
  if (!path.startsWith('/')) return path;
  const rel = relative(cwd, path);
  return rel && !rel.startsWith('..') ? rel : path;
}
