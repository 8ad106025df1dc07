/**
 * XML Schema regular expressions (XML Schema Part 2, appendix F), as the
 * `pattern` facet of libvirt's grammar uses them, matched exactly.
 *
 * XSD and JavaScript regexes differ in ways that change verdicts: an XSD
 * pattern always matches the whole value (no anchors; `^` and `$` are
 * ordinary characters), `.` excludes only CR and LF, `\s` is the four XML
 * whitespace characters, `\d` and `\w` are Unicode classes, `\i` and `\c` are
 * XML name characters, `{` is an ordinary character outside a quantifier, and
 * a class can subtract another (`[a-z-[aeiou]]`). The pattern is parsed here
 * and written out as a JavaScript regex in `v` mode (class set subtraction),
 * every character that is not a letter or digit as a `\u{...}` escape.
 *
 * JavaScript regexes backtrack: an ambiguous pattern such as
 * `[a-zA-Z_]+[a-zA-Z0-9_]*` takes quadratic time on a long value that fails
 * at its end. The values come from untrusted XML, so long values are matched
 * by a Thompson NFA simulation of the same parse, which is linear.
 */

type Node =
  | { k: 'seq'; items: Node[] }
  | { k: 'alt'; alts: Node[] }
  | { k: 'repeat'; node: Node; min: number; max: number } // max -1: unbounded
  | { k: 'class'; cls: CharClass };

/** A set of code points, as a JavaScript class expression and a membership test. */
interface CharClass {
  /** JavaScript (v mode) class expression, e.g. `[a-z]` or `\p{Nd}`. */
  js: string;
  /** The one code point the class is, when it is one (a literal or a single-character escape outside a class). */
  single?: number;
}

export class XsdRegexError extends Error {}

/** Values at most this long are matched with a JavaScript regex, longer ones by the NFA. */
const BACKTRACKING_LIMIT = 256;

export interface XsdPattern {
  source: string;
  test(value: string): boolean;
}

/** What matching needs, computed from the XSD pattern once (at build time, for the models). */
export interface TranslatedPattern {
  /** JavaScript regex source (`v` flag), anchored. */
  js: string;
  /** Characters every match contains. */
  required: string;
}

export function translateXsdPattern(source: string): TranslatedPattern {
  const ast = new Parser(source).parse();
  return { js: `^(?:${toJs(ast)})$`, required: [...mustContain(ast)].map((c) => String.fromCodePoint(c)).join('') };
}

export function compileXsdPattern(source: string, translated: TranslatedPattern = translateXsdPattern(source)): XsdPattern {
  const js = new RegExp(translated.js, 'v');
  // Characters every match contains (an IPv6 address has a ':'): a value without
  // one of them cannot match, and the regex, expensive to compile, is not run.
  const required = [...translated.required];
  let nfa: Nfa | undefined;
  return {
    source,
    test(value: string): boolean {
      for (const c of required) if (!value.includes(c)) return false;
      if (value.length <= BACKTRACKING_LIMIT) return js.test(value);
      nfa ??= buildNfa(new Parser(source).parse());
      return nfa.matches(value);
    },
  };
}

/** For tests: the JavaScript regex source an XSD pattern becomes, and the NFA's verdict. */
export function xsdPatternInternals(source: string): { js: string; nfa: (value: string) => boolean } {
  const ast = new Parser(source).parse();
  const nfa = buildNfa(ast);
  return { js: `^(?:${toJs(ast)})$`, nfa: (v) => nfa.matches(v) };
}

// ---- parsing ----------------------------------------------------------------

const cp = (c: number) => `\\u{${c.toString(16)}}`;
const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const litClass = (c: number): CharClass => ({ js: isAlnum(c) ? String.fromCharCode(c) : cp(c), single: c });

const XML_SPACE = '[\\u{20}\\u{9}\\u{a}\\u{d}]';
const NAME_START =
  ':A-Z_a-z\\u{c0}-\\u{d6}\\u{d8}-\\u{f6}\\u{f8}-\\u{2ff}\\u{370}-\\u{37d}\\u{37f}-\\u{1fff}\\u{200c}-\\u{200d}\\u{2070}-\\u{218f}\\u{2c00}-\\u{2fef}\\u{3001}-\\u{d7ff}\\u{f900}-\\u{fdcf}\\u{fdf0}-\\u{fffd}\\u{10000}-\\u{effff}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u{b7}\\u{300}-\\u{36f}\\u{203f}-\\u{2040}`;

/** Multi-character escapes (\s \d \w \i \c and their complements) as JavaScript class expressions. */
const MULTI: Record<string, string> = {
  s: XML_SPACE,
  S: '[^\\u{20}\\u{9}\\u{a}\\u{d}]',
  d: '\\p{Nd}',
  D: '\\P{Nd}',
  w: '[\\p{Any}--[\\p{P}\\p{Z}\\p{C}]]',
  W: '[\\p{P}\\p{Z}\\p{C}]',
  i: `[${NAME_START}]`,
  I: `[^${NAME_START}]`,
  c: `[${NAME_CHAR}]`,
  C: `[^${NAME_CHAR}]`,
};
const SINGLE: Record<string, number> = { n: 10, r: 13, t: 9 };
const SINGLE_ESCAPABLE = '\\|.?*+(){}-[]^';
/** General categories JavaScript knows by the same names. */
const CATEGORY = /^(?:L[ultmo]?|M[nce]?|N[dlo]?|P[cdseifo]?|Z[slp]?|S[mcko]?|C[cfon]?)$/;

class Parser {
  private i = 0;
  private readonly chars: number[] = [];
  /** UTF-16 offset of each code point. */
  private readonly offsets: number[] = [];

  constructor(private readonly source: string) {
    for (let o = 0; o < source.length; ) {
      const c = source.codePointAt(o)!;
      this.chars.push(c);
      this.offsets.push(o);
      o += c > 0xffff ? 2 : 1;
    }
  }

  parse(): Node {
    const node = this.regExp();
    if (this.i < this.chars.length) this.fail(`unexpected '${String.fromCodePoint(this.chars[this.i])}'`);
    return node;
  }

  private fail(why: string): never {
    throw new XsdRegexError(`pattern ${JSON.stringify(this.source)}: ${why} at character ${this.i + 1}`);
  }

  private peek(): string | undefined {
    return this.i < this.chars.length ? String.fromCodePoint(this.chars[this.i]) : undefined;
  }

  private regExp(): Node {
    const alts = [this.branch()];
    while (this.peek() === '|') {
      this.i++;
      alts.push(this.branch());
    }
    return alts.length === 1 ? alts[0] : { k: 'alt', alts };
  }

  private branch(): Node {
    const items: Node[] = [];
    for (let c = this.peek(); c !== undefined && c !== '|' && c !== ')'; c = this.peek()) items.push(this.piece());
    return { k: 'seq', items };
  }

  private piece(): Node {
    const atom = this.atom();
    const c = this.peek();
    if (c === '?') return this.i++, { k: 'repeat', node: atom, min: 0, max: 1 };
    if (c === '*') return this.i++, { k: 'repeat', node: atom, min: 0, max: -1 };
    if (c === '+') return this.i++, { k: 'repeat', node: atom, min: 1, max: -1 };
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.source.slice(this.offset()));
      if (!m) this.fail("'{' must start a quantifier {n}, {n,} or {n,m}");
      this.i += m[0].length; // ASCII only: code points and UTF-16 units agree
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? -1 : Number(m[3]);
      if (max !== -1 && max < min) this.fail('quantifier {n,m} with m < n');
      return { k: 'repeat', node: atom, min, max };
    }
    return atom;
  }

  /** Offset in UTF-16 units of the current code point. */
  private offset(): number {
    return this.i < this.offsets.length ? this.offsets[this.i] : this.source.length;
  }

  private atom(): Node {
    const c = this.peek()!;
    if (c === '(') {
      this.i++;
      const inner = this.regExp();
      if (this.peek() !== ')') this.fail("missing ')'");
      this.i++;
      return inner;
    }
    if (c === '[') return { k: 'class', cls: this.classExpr() };
    if (c === '.') return this.i++, { k: 'class', cls: { js: '[^\\u{a}\\u{d}]' } };
    if (c === '\\') return { k: 'class', cls: this.escape(false) };
    if ('?*+)|]'.includes(c)) this.fail(`'${c}' must be escaped`);
    this.i++;
    return { k: 'class', cls: litClass(c.codePointAt(0)!) };
  }

  /** After '\': a single-character escape, multi-character escape or category escape. */
  private escape(inClass: boolean): CharClass & { single?: number } {
    this.i++;
    const c = this.peek();
    if (c === undefined) this.fail('pattern ends with \\');
    this.i++;
    if (c in SINGLE) return { js: cp(SINGLE[c]), single: SINGLE[c] };
    if (SINGLE_ESCAPABLE.includes(c)) {
      const code = c.codePointAt(0)!;
      return { js: cp(code), single: code };
    }
    if (c in MULTI) return { js: MULTI[c] };
    if (c === 'p' || c === 'P') {
      const m = /^\{([A-Za-z0-9-]+)\}/.exec(this.source.slice(this.offset()));
      if (!m) this.fail(`\\${c} must be followed by {Category}`);
      this.i += m[0].length;
      if (!CATEGORY.test(m[1])) this.fail(`\\${c}{${m[1]}}: only general categories are supported (not blocks)`);
      return { js: `\\${c}{${m[1]}}` };
    }
    return this.fail(`unknown escape \\${c}${inClass ? ' in a class' : ''}`);
  }

  /** '[' charGroup ']' with negation and subtraction. */
  private classExpr(): CharClass {
    this.i++; // [
    let negated = false;
    if (this.peek() === '^') {
      negated = true;
      this.i++;
    }
    const parts: string[] = [];
    let first = true;
    for (;;) {
      const c = this.peek();
      if (c === undefined) this.fail("missing ']'");
      if (c === ']' && !first) break;
      if (c === '-' && this.chars[this.i + 1] === 0x5b /* [ */ && !first) {
        // Subtraction: the rest must be '-[...]]'.
        this.i++;
        const minus = this.classExpr();
        if (this.peek() !== ']') this.fail("a subtraction must end the class");
        this.i++;
        const base = `[${negated ? '^' : ''}${parts.join('')}]`;
        return { js: `[${base}--${minus.js}]` };
      }
      parts.push(this.classAtom(first));
      first = false;
    }
    this.i++; // ]
    return { js: `[${negated ? '^' : ''}${parts.join('')}]` };
  }

  /** One character, range or escape inside a class. */
  private classAtom(first: boolean): string {
    const start = this.classChar(first);
    if (start.single === undefined) return start.js; // a multi-character escape cannot start a range
    if (this.peek() === '-' && this.chars[this.i + 1] !== 0x5d /* ] */ && this.chars[this.i + 1] !== 0x5b /* [ */) {
      this.i++;
      const end = this.classChar(false);
      if (end.single === undefined) this.fail('a range cannot end with a multi-character escape');
      if (end.single < start.single) this.fail('range out of order');
      return `${cp(start.single)}-${cp(end.single)}`;
    }
    return start.js;
  }

  private classChar(first: boolean): CharClass & { single?: number } {
    const c = this.peek()!;
    if (c === '\\') return this.escape(true);
    if (c === '[') this.fail("'[' must be escaped inside a class");
    if (c === '-' && !first && this.chars[this.i + 1] !== 0x5d) this.fail("'-' must be escaped inside a class");
    this.i++;
    const code = c.codePointAt(0)!;
    return { js: cp(code), single: code };
  }
}

/** Code points that every string matching `node` contains. */
function mustContain(node: Node): Set<number> {
  switch (node.k) {
    case 'seq': {
      const out = new Set<number>();
      for (const item of node.items) for (const c of mustContain(item)) out.add(c);
      return out;
    }
    case 'alt': {
      const [first, ...rest] = node.alts.map(mustContain);
      return new Set([...first].filter((c) => rest.every((r) => r.has(c))));
    }
    case 'repeat':
      return node.min > 0 ? mustContain(node.node) : new Set();
    case 'class':
      return node.cls.single !== undefined ? new Set([node.cls.single]) : new Set();
  }
}

function toJs(node: Node): string {
  switch (node.k) {
    case 'seq':
      return node.items.map(toJs).join('');
    case 'alt':
      return `(?:${node.alts.map(toJs).join('|')})`;
    case 'class':
      return node.cls.js;
    case 'repeat': {
      const inner = `(?:${toJs(node.node)})`;
      if (node.min === 0 && node.max === 1) return `${inner}?`;
      if (node.min === 0 && node.max === -1) return `${inner}*`;
      if (node.min === 1 && node.max === -1) return `${inner}+`;
      return `${inner}{${node.min},${node.max === -1 ? '' : node.max}}`;
    }
  }
}

// ---- linear-time matching: Thompson NFA -------------------------------------------

interface State {
  /** Character test; undefined for an epsilon state. */
  test?: (cp: number) => boolean;
  /** Successors (epsilon states: all; character states: the one after the character). */
  out: State[];
}

interface Nfa {
  matches(value: string): boolean;
}

function buildNfa(ast: Node): Nfa {
  const accept: State = { out: [] };
  const start = fragment(ast, accept);
  return {
    matches(value: string): boolean {
      let current = closure([start]);
      for (const ch of value) {
        const code = ch.codePointAt(0)!;
        const next: State[] = [];
        for (const s of current) if (s.test && s.test(code)) next.push(s.out[0]);
        current = closure(next);
        if (current.length === 0) return false;
      }
      return current.includes(accept);
    },
  };
}

function closure(states: State[]): State[] {
  const seen = new Set<State>();
  const stack = [...states];
  const out: State[] = [];
  while (stack.length) {
    const s = stack.pop()!;
    if (seen.has(s)) continue;
    seen.add(s);
    if (s.test || s.out.length === 0) out.push(s);
    if (!s.test) stack.push(...s.out);
  }
  return out;
}

/** States matching `node` and then continuing to `next`; returns the entry state. */
function fragment(node: Node, next: State): State {
  switch (node.k) {
    case 'seq': {
      let entry = next;
      for (let i = node.items.length - 1; i >= 0; i--) entry = fragment(node.items[i], entry);
      return entry;
    }
    case 'alt':
      return { out: node.alts.map((a) => fragment(a, next)) };
    case 'class': {
      const re = new RegExp(`^${node.cls.js}$`, 'v');
      return { test: (code) => re.test(String.fromCodePoint(code)), out: [next] };
    }
    case 'repeat': {
      let entry = next;
      if (node.max === -1) {
        const loop: State = { out: [] };
        loop.out = [fragment(node.node, loop), next];
        entry = loop;
      } else {
        for (let i = node.max; i > node.min; i--) entry = { out: [fragment(node.node, entry), next] };
      }
      for (let i = 0; i < node.min; i++) entry = fragment(node.node, entry);
      return entry;
    }
  }
}
