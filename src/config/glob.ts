/**
 * Glob patterns: the matcher shared by command-line globs (src/cli/files.ts)
 * and by `ignores` / `overrides[].files` in `.virt-lint.json`.
 *
 * Matching is linear in the name for a given pattern (at most O(name ×
 * pattern) steps): the pattern is compiled to a small automaton whose states
 * are simulated all at once, never backtracked. A regular expression built
 * from the pattern (what this replaced) backtracks, and a pattern such as
 * `*a*a*a*a*a*a*a*a*a*a*b`, from a configuration file in a pull request,
 * took minutes against a long file name.
 *
 * Syntax: `*` any run of characters but `/`; `?` one character but `/`;
 * `[abc]`, `[a-z]`, `[!a-z]` (or `[^a-z]`) one character of a class, never `/`
 * (a `]` first in the class is a member); `**` any run including `/`; `**​/`
 * any number of directories, none included. Everything else is literal. An
 * unclosed `[` and a reversed range (`[z-a]`) are errors that name the
 * position, never a silent literal.
 *
 * Path patterns of the configuration are read the way .gitignore reads them,
 * relative to the directory of the configuration file:
 *
 * - a pattern without a slash matches a file or directory name at any depth
 *   (`*.generated.xml`, `templates`);
 * - a pattern with a slash is anchored to the configuration's directory
 *   (`vms/lab/*.xml`, `/scratch.xml`); `**` matches any number of directories;
 * - a trailing slash matches directories only (`generated/`);
 * - a pattern that matches a directory matches everything below it.
 *
 * Negation (`!`) and braces are not supported.
 */
import { isAbsolute, relative, sep } from 'node:path';

/** An invalid pattern: `position` is the 1-based character where the problem is. */
export class GlobError extends Error {
  constructor(
    readonly pattern: string,
    readonly position: number,
    readonly reason: string,
  ) {
    super(`invalid pattern ${JSON.stringify(pattern)}: ${reason} at character ${position}`);
  }
}

type Token =
  | { kind: 'char'; char: string }
  | { kind: 'one' }
  | { kind: 'class'; negated: boolean; ranges: [number, number][] }
  /** `*`: any characters but `/`. */
  | { kind: 'star' }
  /** `**`: any characters; with `skipTo`, the start of an optional `**​/` group whose end is `skipTo`. */
  | { kind: 'any'; skipTo?: number };

export interface Glob {
  readonly pattern: string;
  /** Whether the whole of `name` matches (a leading `./` on either side is ignored). */
  test(name: string): boolean;
}

export function compileGlob(pattern: string): Glob {
  const tokens = tokenize(pattern);
  const m = tokens.length;
  // Epsilon moves go forward only, so one pass in index order closes a state set.
  const close = (set: Uint8Array) => {
    for (let i = 0; i < m; i++) {
      if (!set[i]) continue;
      const t = tokens[i];
      if (t.kind === 'star' || t.kind === 'any') set[i + 1] = 1;
      if (t.kind === 'any' && t.skipTo !== undefined) set[t.skipTo] = 1;
    }
  };
  return {
    pattern,
    test(name: string): boolean {
      const s = stripDotSlash(name);
      let current = new Uint8Array(m + 1);
      let next = new Uint8Array(m + 1);
      current[0] = 1;
      close(current);
      for (const ch of s) {
        next.fill(0);
        let alive = false;
        for (let i = 0; i < m; i++) {
          if (!current[i]) continue;
          const t = tokens[i];
          const to = t.kind === 'star' || t.kind === 'any' ? i : i + 1;
          const takes =
            t.kind === 'char' ? t.char === ch : t.kind === 'any' ? true : ch !== '/' && (t.kind !== 'class' || inClass(t, ch));
          if (takes) {
            next[to] = 1;
            alive = true;
          }
        }
        if (!alive) return false;
        close(next);
        [current, next] = [next, current];
      }
      return current[m] === 1;
    },
  };
}

function inClass(t: Extract<Token, { kind: 'class' }>, ch: string): boolean {
  const c = ch.codePointAt(0)!;
  const hit = t.ranges.some(([lo, hi]) => c >= lo && c <= hi);
  return hit !== t.negated;
}

function stripDotSlash(s: string): string {
  let out = s;
  while (out.startsWith('./')) out = out.slice(2);
  return out;
}

function tokenize(raw: string): Token[] {
  const pattern = stripDotSlash(raw);
  const offset = raw.length - pattern.length; // positions are reported in the pattern as written
  const chars = [...pattern];
  const tokens: Token[] = [];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === '*') {
      if (chars[i + 1] === '*') {
        i++;
        while (chars[i + 1] === '*') i++; // *** is **
        if (chars[i + 1] === '/') {
          i++;
          // (?:.*/)? : `any` then `/`, the pair optional.
          tokens.push({ kind: 'any', skipTo: tokens.length + 2 }, { kind: 'char', char: '/' });
        } else tokens.push({ kind: 'any' });
      } else if (tokens[tokens.length - 1]?.kind !== 'star') tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'one' });
    else if (c === '[') i = charClass(chars, i, tokens, raw, offset);
    else tokens.push({ kind: 'char', char: c });
  }
  return tokens;
}

/** Parses `[...]` starting at `start`; returns the index of its `]`. */
function charClass(chars: string[], start: number, tokens: Token[], raw: string, offset: number): number {
  const at = (i: number) => offset + chars.slice(0, i).join('').length + 1;
  let i = start + 1;
  const negated = chars[i] === '!' || chars[i] === '^';
  if (negated) i++;
  const ranges: [number, number][] = [];
  let first = true;
  for (; i < chars.length; i++) {
    const c = chars[i];
    if (c === ']' && !first) {
      tokens.push({ kind: 'class', negated, ranges });
      return i;
    }
    first = false;
    const lo = c.codePointAt(0)!;
    if (chars[i + 1] === '-' && chars[i + 2] !== undefined && chars[i + 2] !== ']') {
      const hi = chars[i + 2].codePointAt(0)!;
      if (hi < lo) throw new GlobError(raw, at(i), `range ${c}-${chars[i + 2]} is reversed`);
      ranges.push([lo, hi]);
      i += 2;
    } else ranges.push([lo, lo]);
  }
  throw new GlobError(raw, at(start), "'[' is not closed by ']'");
}

export interface PathPattern {
  pattern: string;
  /** Whether `file` (absolute) matches, for a configuration in `baseDir`. */
  matches(file: string): boolean;
}

export function compilePattern(pattern: string, baseDir: string): PathPattern {
  let p = pattern.replace(/^\.\//, '');
  const dirOnly = p.endsWith('/');
  if (dirOnly) p = p.replace(/\/+$/, '');
  const anchored = p.includes('/');
  p = p.replace(/^\/+/, '');
  const lead = pattern.replace(/\/+$/, '').length - p.length; // characters stripped in front
  let glob: Glob;
  try {
    glob = compileGlob(p);
  } catch (e) {
    // Positions in the pattern as written, not in its normalised form.
    if (e instanceof GlobError) throw new GlobError(pattern, e.position + lead, e.reason);
    throw e;
  }
  return {
    pattern,
    matches(file: string): boolean {
      const rel = relative(baseDir, file);
      if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return false;
      const segments = rel.split(sep);
      for (let i = 1; i <= segments.length; i++) {
        if (dirOnly && i === segments.length) break;
        const candidate = anchored ? segments.slice(0, i).join('/') : segments[i - 1];
        if (glob.test(candidate)) return true;
      }
      return false;
    },
  };
}
