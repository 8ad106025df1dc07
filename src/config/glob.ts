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
 * Braces list alternatives, as in a shell: `vms/{win11,win10}.xml`,
 * `{a,b{1,2}}.xml` (nested), expanded before matching into at most
 * MAX_BRACE_EXPANSIONS patterns, each matched in linear time. A `{` without a
 * `,` at its level, or without its `}`, is an ordinary character, and so are
 * braces inside `[...]`.
 *
 * Negation (`!`) is not supported.
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

/** At most this many patterns come out of one pattern's braces (more is an error, never a slow match). */
export const MAX_BRACE_EXPANSIONS = 256;

/** One alternative of a braced pattern; `at[i]` is where its i-th character (UTF-16 unit) stands in the pattern. */
export interface BraceAlternative {
  text: string;
  at: number[];
}

/** The alternatives a pattern's braces stand for, in order (the pattern itself when it has none). */
export function expandBraces(pattern: string): BraceAlternative[] {
  return expandRange(pattern, 0, pattern.length);
}

function expandRange(raw: string, start: number, end: number): BraceAlternative[] {
  let out: BraceAlternative[] = [{ text: '', at: [] }];
  const append = (from: number, to: number) => {
    for (const alt of out) {
      alt.text += raw.slice(from, to);
      for (let k = from; k < to; k++) alt.at.push(k);
    }
  };
  for (let i = start; i < end; ) {
    const c = raw[i];
    if (c === '[') {
      const close = classEnd(raw, i, end);
      if (close >= 0) {
        append(i, close + 1);
        i = close + 1;
        continue;
      }
    } else if (c === '{') {
      const group = braceGroup(raw, i, end);
      if (group) {
        const choices: BraceAlternative[] = [];
        let from = i + 1;
        for (const to of [...group.commas, group.close]) {
          choices.push(...expandRange(raw, from, to));
          from = to + 1;
        }
        if (out.length * choices.length > MAX_BRACE_EXPANSIONS) {
          throw new GlobError(raw, i + 1, `braces expand to more than ${MAX_BRACE_EXPANSIONS} patterns`);
        }
        out = out.flatMap((alt) => choices.map((ch) => ({ text: alt.text + ch.text, at: [...alt.at, ...ch.at] })));
        i = group.close + 1;
        continue;
      }
    }
    append(i, i + 1);
    i++;
  }
  return out;
}

/** The index of the `]` closing a class at `start` (as tokenize reads classes), or -1. */
function classEnd(raw: string, start: number, end: number): number {
  let i = start + 1;
  if (raw[i] === '!' || raw[i] === '^') i++;
  for (let first = true; i < end; i++, first = false) if (raw[i] === ']' && !first) return i;
  return -1;
}

/** The `}` matching the `{` at `start` and the commas at its level; undefined when it is an ordinary character. */
function braceGroup(raw: string, start: number, end: number): { close: number; commas: number[] } | undefined {
  const commas: number[] = [];
  let depth = 0;
  for (let i = start + 1; i < end; i++) {
    const c = raw[i];
    if (c === '[') {
      const close = classEnd(raw, i, end);
      if (close >= 0) i = close;
    } else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return commas.length ? { close: i, commas } : undefined;
      depth--;
    } else if (c === ',' && depth === 0) commas.push(i);
  }
  return undefined;
}

/** Positions in an alternative's text, as positions in the pattern as written. */
function inPattern(pattern: string, alt: BraceAlternative, e: GlobError): GlobError {
  return new GlobError(pattern, (alt.at[e.position - 1] ?? pattern.length) + 1, e.reason);
}

export function compileGlob(pattern: string): Glob {
  const globs = expandBraces(pattern).map((alt) => {
    try {
      return compileOne(alt.text);
    } catch (e) {
      throw e instanceof GlobError ? inPattern(pattern, alt, e) : e;
    }
  });
  if (globs.length === 1) return { pattern, test: globs[0].test };
  return { pattern, test: (name) => globs.some((g) => g.test(name)) };
}

function compileOne(pattern: string): Glob {
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
  const alternatives = expandBraces(pattern).map((alt) => {
    try {
      return compilePathPattern(alt.text, baseDir);
    } catch (e) {
      throw e instanceof GlobError ? inPattern(pattern, alt, e) : e;
    }
  });
  if (alternatives.length === 1) return { pattern, matches: alternatives[0].matches };
  return { pattern, matches: (file) => alternatives.some((a) => a.matches(file)) };
}

function compilePathPattern(pattern: string, baseDir: string): PathPattern {
  let p = pattern.replace(/^\.\//, '');
  const dirOnly = p.endsWith('/');
  if (dirOnly) p = p.replace(/\/+$/, '');
  const anchored = p.includes('/');
  p = p.replace(/^\/+/, '');
  const lead = pattern.replace(/\/+$/, '').length - p.length; // characters stripped in front
  let glob: Glob;
  try {
    glob = compileOne(p);
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
