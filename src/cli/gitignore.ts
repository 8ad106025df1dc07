/**
 * What `.gitignore` excludes from a directory search (src/cli/files.ts),
 * matched by the `ignore` package (ESLint's), loaded only when a directory is
 * searched.
 *
 * Which files count, as git reads them: the `.gitignore` of every directory
 * from the repository root (the directory holding `.git`) down to the file's
 * own, plus the repository's `.git/info/exclude`; a deeper file's rules win
 * over a shallower one's, and within one file the last matching rule wins
 * (`!pattern` re-includes). Outside a repository only the `.gitignore` files
 * at and below the searched directory count. A directory named on the
 * command line is searched even when a `.gitignore` above it excludes it; the
 * rules of that `.gitignore` then do not apply inside it (the ones inside
 * it still do). Like git, a `.gitignore` that is a symbolic link is not read.
 * The global excludes file (`core.excludesFile`) is not read.
 *
 * The repository may be the one under review, so its `.gitignore` files are
 * untrusted: each is read as a regular file of at most 64 KiB, and a pattern
 * with more than two `**` is not used (the package matches with regular
 * expressions, whose time grows with the path's depth to the power of the
 * number of `**`); the run says so in a note. The search depth is bounded by
 * the caller.
 */
import { existsSync, lstatSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { describeErrno } from './io-errors.js';
import { readRegularFile } from './read.js';

const MAX_GITIGNORE_SIZE = 64 * 1024;
const MAX_GLOBSTARS = 2;

export class GitignoreFilter {
  /** Per directory: its rules, or null when it has none. */
  private readonly rules = new Map<string, Ignore | null>();
  /** Per searched root: the repository root above it, or the root itself. */
  private readonly tops = new Map<string, string>();
  /** Per (level, root): whether that level's rules exclude the named root itself. */
  private readonly rootExcluded = new Map<string, boolean>();

  constructor(
    /** Files that could not be used: reported, and the run exits 2. */
    private readonly problems: string[],
    /** Patterns that were not used, for the run's notes. */
    private readonly notes: string[],
    private readonly ignoreCase = false,
  ) {}

  /** Whether `path` (absolute; a directory when `isDir`), found while searching `root`, is excluded. */
  excludes(path: string, isDir: boolean, root: string): boolean {
    const top = this.topOf(root);
    const levels: string[] = [];
    for (let d = dirname(path); ; d = dirname(d)) {
      levels.push(d);
      if (d === top || dirname(d) === d) break;
    }
    for (const level of levels) {
      const rules = this.rulesOf(level, level === top);
      if (!rules) continue;
      if (below(level, root) && this.excludesRoot(level, root, rules)) continue;
      const verdict = rules.test(slashed(relative(level, path)) + (isDir ? '/' : ''));
      if (verdict.ignored) return true;
      if (verdict.unignored) return false;
    }
    return false;
  }

  private topOf(root: string): string {
    let top = this.tops.get(root);
    if (top === undefined) {
      top = root;
      for (let d = root; ; d = dirname(d)) {
        if (existsSync(join(d, '.git'))) {
          top = d;
          break;
        }
        if (dirname(d) === d) break;
      }
      this.tops.set(root, top);
    }
    return top;
  }

  private excludesRoot(level: string, root: string, rules: Ignore): boolean {
    const key = `${level}\0${root}`;
    let excluded = this.rootExcluded.get(key);
    if (excluded === undefined) {
      excluded = rules.test(`${slashed(relative(level, root))}/`).ignored;
      this.rootExcluded.set(key, excluded);
    }
    return excluded;
  }

  private rulesOf(dir: string, isTop: boolean): Ignore | null {
    let rules = this.rules.get(dir);
    if (rules === undefined) {
      const texts: [string, string][] = [];
      if (isTop) {
        const exclude = this.read(join(dir, '.git', 'info', 'exclude'));
        if (exclude !== undefined) texts.push([join(dir, '.git', 'info', 'exclude'), exclude]);
      }
      const own = this.read(join(dir, '.gitignore'));
      if (own !== undefined) texts.push([join(dir, '.gitignore'), own]);
      rules = null;
      for (const [file, text] of texts) {
        const lines = text.split(/\r?\n/);
        const usable = lines.filter((line, i) => {
          const stars = line.split('**').length - 1;
          if (stars <= MAX_GLOBSTARS) return true;
          this.notes.push(`${file}:${i + 1}: pattern not used: it has ${stars} '**' (at most ${MAX_GLOBSTARS}, to bound the time a pattern may take)`);
          return false;
        });
        rules ??= ignore({ ignorecase: this.ignoreCase });
        rules.add(usable);
      }
      this.rules.set(dir, rules);
    }
    return rules;
  }

  /** A rules file's text; undefined when there is none (or it is a symbolic link, which git does not follow). */
  private read(path: string): string | undefined {
    try {
      if (!lstatSync(path).isFile()) return undefined;
    } catch {
      return undefined;
    }
    try {
      return new TextDecoder().decode(readRegularFile(path, MAX_GITIGNORE_SIZE, 'for .gitignore files', '').bytes);
    } catch (e) {
      this.problems.push(`cannot read '${path}': ${describeErrno(e)}; the files it excludes may be linted`);
      return undefined;
    }
  }
}

/** Whether `dir` is a proper ancestor of `root`. */
function below(dir: string, root: string): boolean {
  const rel = relative(dir, root);
  return rel !== '' && !rel.startsWith('..');
}

const slashed = (p: string) => (sep === '/' ? p : p.split(sep).join('/'));
