/**
 * RELAX NG validation by derivatives (James Clark, "An algorithm for RELAX NG
 * validation", 2002): a pattern is turned, one XML event at a time, into the
 * pattern the rest of the document must match. Validation is exact: no table
 * of allowed children, but the grammar's own interleave, choice, group and
 * oneOrMore, with datatypes and attributes.
 *
 * Patterns are hash-consed (a pattern built twice is the same object) and each
 * derivative is cached on the pattern it was taken of, so the work done for
 * one domain is reused for the next: the same `<devices>` content meets the
 * same derivatives in every file. Choice and interleave are n-ary: libvirt's
 * `<domain>` and `<devices>` are interleaves of dozens of parts, and a binary
 * chain would rebuild the whole chain at every child element.
 *
 * Besides Clark's functions there are lenient variants used after an error,
 * so that validation goes on as if the mistake were fixed and the mistake is
 * reported once (no cascade): skip an element, accept any value, treat missing
 * attributes or children as present.
 */
import { collapse, isPlainToken, type Datatype } from './datatypes.js';

export const enum Kind {
  Empty,
  NotAllowed,
  Text,
  Choice,
  Interleave,
  Group,
  OneOrMore,
  List,
  Data,
  Value,
  Attribute,
  Element,
  After,
}

/** A qualified name: namespace URI and local name. `key` is unique per name. */
export interface QName {
  readonly ns: string;
  readonly local: string;
  readonly key: string;
}

const qnames = new Map<string, QName>();

export function qname(ns: string, local: string): QName {
  if (ns === '') {
    const q = qnames.get(local);
    if (q) return q;
  }
  const key = ns === '' ? local : `{${ns}}${local}`;
  let q = qnames.get(key);
  if (!q) {
    q = { ns, local, key };
    qnames.set(key, q);
  }
  return q;
}

export class NameClass {
  constructor(
    readonly kind: 'name' | 'anyName' | 'nsName' | 'choice',
    readonly ns: string,
    readonly local: string,
    readonly a: NameClass | undefined,
    readonly b: NameClass | undefined,
  ) {}

  contains(q: QName): boolean {
    switch (this.kind) {
      case 'name':
        return q.local === this.local && q.ns === this.ns;
      case 'anyName':
        return !this.a || !this.a.contains(q);
      case 'nsName':
        return q.ns === this.ns && (!this.a || !this.a.contains(q));
      case 'choice':
        return this.a!.contains(q) || this.b!.contains(q);
    }
  }

  /** The names this class lists explicitly (wildcards list none). */
  names(out: QName[] = []): QName[] {
    if (this.kind === 'name') out.push(qname(this.ns, this.local));
    else if (this.kind === 'choice') {
      this.a!.names(out);
      this.b!.names(out);
    }
    return out;
  }

  /** Whether the class matches names it does not list (anyName, nsName). */
  get wildcard(): boolean {
    return this.kind === 'anyName' || this.kind === 'nsName' || (this.kind === 'choice' && (this.a!.wildcard || this.b!.wildcard));
  }
}

export class Pattern {
  // Fields are declared, not initialised in the class body: class fields are
  // defined one by one ([[Define]]), which costs milliseconds for the few
  // thousand patterns the first lint builds; plain stores do not.
  declare readonly id: number;
  declare readonly kind: Kind;
  declare nullable: boolean;
  /** Has attribute patterns outside of elements: only those can match an attribute. */
  declare hasAtts: boolean;
  /** Can match text outside of elements. */
  declare hasText: boolean;
  /** Element content (set after creation: elements can be recursive), or first operand. */
  declare a: Pattern | undefined;
  declare b: Pattern | undefined;
  /** Choice and interleave: the operands (two or more, distinct; ordered by id, except a choice built from the grammar, in its order). */
  declare parts: Pattern[] | undefined;
  declare nc: NameClass | undefined;
  declare dt: Datatype | undefined;
  declare value: string | undefined;
  /** Index of the element in the model (elements), or of the content node (attributes, until built). */
  declare element: number;
  /** The grammar's name for this datatype pattern (`absFilePath`, `unit`), when it has one. */
  declare label: string | undefined;
  // Derivative caches.
  declare open: Map<string, Pattern> | undefined;
  declare att: Map<string, Pattern> | undefined;
  /** Per attribute name: the content patterns of its attribute patterns (null: name seen once, not walked yet). */
  declare attContents: Map<string, Pattern[] | null> | undefined;
  declare textLeaves: Pattern[] | undefined;
  declare text: Map<string, Pattern> | undefined;
  declare close: Pattern | undefined;
  declare end: Pattern | undefined;
  /** Hash-consing: binary patterns with this one as first operand, by kind and second operand. */
  declare pairs: Map<number, Pattern> | undefined;
  /** Names of the elements that can come first (null: any name, a wildcard can). */
  declare firsts: Set<string> | null | undefined;
  /** A choice of token values only: the values, whitespace-collapsed (null: not such a choice). */
  declare tokens: Set<string> | null | undefined;

  constructor(id: number, kind: Kind, a?: Pattern, b?: Pattern, parts?: Pattern[]) {
    this.id = id;
    this.kind = kind;
    this.a = a;
    this.b = b;
    this.parts = parts;
    this.nc = undefined;
    this.dt = undefined;
    this.value = undefined;
    this.element = -1;
    this.label = undefined;
    this.open = undefined;
    this.att = undefined;
    this.attContents = undefined;
    this.textLeaves = undefined;
    this.text = undefined;
    this.close = undefined;
    this.end = undefined;
    this.pairs = undefined;
    this.firsts = undefined;
    this.tokens = undefined;
    let nullable = false;
    let hasAtts = false;
    let hasText = false;
    switch (kind) {
      case Kind.Empty:
        nullable = true;
        break;
      case Kind.Text:
        nullable = true;
        hasText = true;
        break;
      case Kind.Choice:
        for (const q of parts!) {
          nullable ||= q.nullable;
          hasAtts ||= q.hasAtts;
          hasText ||= q.hasText;
        }
        break;
      case Kind.Interleave:
        nullable = true;
        for (const q of parts!) {
          nullable &&= q.nullable;
          hasAtts ||= q.hasAtts;
          hasText ||= q.hasText;
        }
        break;
      case Kind.Group:
        nullable = a!.nullable && b!.nullable;
        hasAtts = a!.hasAtts || b!.hasAtts;
        hasText = a!.hasText || b!.hasText;
        break;
      case Kind.OneOrMore:
        nullable = a!.nullable;
        hasAtts = a!.hasAtts;
        hasText = a!.hasText;
        break;
      case Kind.After:
        hasAtts = a!.hasAtts;
        hasText = a!.hasText;
        break;
      case Kind.Attribute:
        hasAtts = true;
        break;
      case Kind.List:
      case Kind.Data:
      case Kind.Value:
        hasText = true;
        break;
    }
    this.nullable = nullable;
    this.hasAtts = hasAtts;
    this.hasText = hasText;
  }
}

/** The operands of a pattern, whatever its arity (an element's or attribute's content is not an operand). */
export function operands(p: Pattern): Pattern[] {
  if (p.parts) return p.parts;
  if (p.kind === Kind.Element || p.kind === Kind.Attribute) return [];
  return p.b ? [p.a!, p.b] : p.a ? [p.a] : [];
}

export function isWhitespace(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 9 && c !== 13) return false;
  }
  return true;
}

/** Builds patterns (hash-consed) and takes their derivatives. One per grammar. */
export class Patterns {
  private nextId = 0;
  readonly empty = this.make(Kind.Empty);
  readonly notAllowed = this.make(Kind.NotAllowed);
  readonly textPattern = this.make(Kind.Text);
  private readonly oneOrMores = new Map<number, Pattern>();
  private readonly naries = new Map<string, Pattern>();
  /** Builds an element's or attribute's content on first use (set by the grammar). */
  resolveContent: (p: Pattern) => Pattern = () => this.notAllowed;

  /**
   * The element pattern (its index in the model) whose content a pattern is,
   * for the contents startTagOpen has opened: the validator asks the quick
   * check about an element against that pattern (validate.ts, skipShownValid).
   */
  readonly contentOwners = new Map<Pattern, number>();

  /** The content of an element or attribute pattern (built on first use). */
  content(p: Pattern): Pattern {
    return p.a ?? this.resolveContent(p);
  }

  make(kind: Kind, a?: Pattern, b?: Pattern, parts?: Pattern[]): Pattern {
    return new Pattern(this.nextId++, kind, a, b, parts);
  }

  /** How many patterns exist (the caches grow with it). */
  get size(): number {
    return this.nextId;
  }

  private binary(kind: Kind, a: Pattern, b: Pattern): Pattern {
    // A small integer key (kind in the low bits) keeps the map on V8's fast path.
    const key = b.id * 16 + kind;
    let pairs = a.pairs;
    if (!pairs) pairs = a.pairs = new Map();
    let p = pairs.get(key);
    if (!p) {
      p = this.make(kind, a, b);
      pairs.set(key, p);
    }
    return p;
  }

  private nary(kind: Kind.Choice | Kind.Interleave, parts: Pattern[]): Pattern {
    let key = kind === Kind.Choice ? 'c' : 'i';
    for (const q of parts) key += `${q.id},`;
    let p = this.naries.get(key);
    if (!p) {
      p = this.make(kind, undefined, undefined, parts);
      this.naries.set(key, p);
    }
    return p;
  }

  // ---- constructors with Clark's simplifications ----

  choice(a: Pattern, b: Pattern): Pattern {
    if (a.kind === Kind.NotAllowed) return b;
    if (b.kind === Kind.NotAllowed || a === b) return a;
    return this.choiceOf([a, b]);
  }

  /**
   * The choice of all `members` in canonical form: flattened, without
   * duplicates or notAllowed, ordered by id. The same alternatives always
   * make the same pattern.
   */
  choiceOf(members: Pattern[]): Pattern {
    const all: Pattern[] = [];
    for (const m of members) {
      if (m.kind === Kind.Choice) for (const l of m.parts!) all.push(l);
      else if (m.kind !== Kind.NotAllowed) all.push(m);
    }
    if (all.length === 0) return this.notAllowed;
    if (all.length === 1) return all[0];
    all.sort((x, y) => x.id - y.id);
    let n = 1;
    for (let i = 1; i < all.length; i++) if (all[i] !== all[n - 1]) all[n++] = all[i];
    all.length = n;
    return n === 1 ? all[0] : this.nary(Kind.Choice, all);
  }

  /**
   * A choice built from the grammar, its members kept in the grammar's order
   * (for listing allowed values). Not hash-consed: each grammar node is built
   * once, and skipping the lookup key keeps loading cheap.
   */
  grammarChoice(members: Pattern[]): Pattern {
    const parts: Pattern[] = [];
    for (const m of members) {
      if (m.kind === Kind.NotAllowed || parts.includes(m)) continue;
      parts.push(m);
    }
    if (parts.length === 0) return this.notAllowed;
    if (parts.length === 1) return parts[0];
    return this.make(Kind.Choice, undefined, undefined, parts);
  }

  group(a: Pattern, b: Pattern): Pattern {
    if (a.kind === Kind.NotAllowed || b.kind === Kind.NotAllowed) return this.notAllowed;
    if (a.kind === Kind.Empty) return b;
    if (b.kind === Kind.Empty) return a;
    return this.binary(Kind.Group, a, b);
  }

  interleave(a: Pattern, b: Pattern): Pattern {
    return this.interleaveOf([a, b]);
  }

  /** The interleave of `members`, flattened, without empty parts, ordered by id (it is commutative). */
  interleaveOf(members: Pattern[]): Pattern {
    const all: Pattern[] = [];
    for (const m of members) {
      if (m.kind === Kind.NotAllowed) return this.notAllowed;
      if (m.kind === Kind.Interleave) for (const l of m.parts!) all.push(l);
      else if (m.kind !== Kind.Empty) all.push(m);
    }
    if (all.length === 0) return this.empty;
    if (all.length === 1) return all[0];
    all.sort((x, y) => x.id - y.id);
    return this.nary(Kind.Interleave, all);
  }

  /** `p`, an interleave, with its part `i` replaced by `q`. */
  private replacePart(p: Pattern, i: number, q: Pattern): Pattern {
    if (q.kind === Kind.NotAllowed) return q;
    const parts = p.parts!.slice();
    parts[i] = q;
    return this.interleaveOf(parts);
  }

  after(a: Pattern, b: Pattern): Pattern {
    if (a.kind === Kind.NotAllowed || b.kind === Kind.NotAllowed) return this.notAllowed;
    return this.binary(Kind.After, a, b);
  }

  oneOrMore(a: Pattern): Pattern {
    if (a.kind === Kind.NotAllowed || a.kind === Kind.Empty) return a;
    let p = this.oneOrMores.get(a.id);
    if (!p) {
      p = this.make(Kind.OneOrMore, a);
      this.oneOrMores.set(a.id, p);
    }
    return p;
  }

  // ---- derivatives ----

  /** The pattern after the start tag `<qn` opens. */
  startTagOpen(p: Pattern, qn: QName): Pattern {
    let cache = p.open;
    if (cache) {
      const hit = cache.get(qn.key);
      if (hit) return hit;
    }
    const firsts = p.firsts === undefined ? this.firstNames(p) : p.firsts;
    if (firsts !== null && !firsts.has(qn.key)) return this.notAllowed;
    cache ??= p.open = new Map();
    const r = this.startTagOpenUncached(p, qn);
    cache.set(qn.key, r);
    return r;
  }

  private startTagOpenUncached(p: Pattern, qn: QName): Pattern {
    switch (p.kind) {
      case Kind.Choice: {
        const out: Pattern[] = [];
        for (const q of p.parts!) {
          const d = this.startTagOpen(q, qn);
          if (d.kind !== Kind.NotAllowed) out.push(d);
        }
        return this.choiceOf(out);
      }
      case Kind.Element: {
        if (!p.nc!.contains(qn)) return this.notAllowed;
        const content = p.a ?? this.resolveContent(p);
        this.contentOwners.set(content, p.element);
        return this.after(content, this.empty);
      }
      case Kind.Interleave: {
        const out: Pattern[] = [];
        p.parts!.forEach((q, i) => {
          const d = this.startTagOpen(q, qn);
          if (d.kind !== Kind.NotAllowed) out.push(this.applyAfter(d, (x) => this.replacePart(p, i, x)));
        });
        return this.choiceOf(out);
      }
      case Kind.OneOrMore: {
        const rest = this.choice(p, this.empty);
        return this.applyAfter(this.startTagOpen(p.a!, qn), (x) => this.group(x, rest));
      }
      case Kind.Group: {
        const { a, b } = p as { a: Pattern; b: Pattern };
        const x = this.applyAfter(this.startTagOpen(a, qn), (y) => this.group(y, b));
        return a.nullable ? this.choice(x, this.startTagOpen(b, qn)) : x;
      }
      case Kind.After: {
        const b = p.b!;
        return this.applyAfter(this.startTagOpen(p.a!, qn), (y) => this.after(y, b));
      }
      default:
        return this.notAllowed;
    }
  }

  /**
   * The names of the elements `p` can start with, or null when a wildcard
   * (anyName, nsName) can: most parts of an interleave cannot take a given
   * element, and this says so without descending into them.
   */
  private firstNames(p: Pattern): Set<string> | null {
    if (p.firsts !== undefined) return p.firsts;
    let out: Set<string> | null = new Set();
    const add = (q: Pattern) => {
      if (out === null) return;
      const f = this.firstNames(q);
      if (f === null) out = null;
      else for (const k of f) out.add(k);
    };
    switch (p.kind) {
      case Kind.Element:
        if (p.nc!.wildcard) out = null;
        else for (const n of p.nc!.names()) out.add(n.key);
        break;
      case Kind.Choice:
      case Kind.Interleave:
        for (const q of p.parts!) add(q);
        break;
      case Kind.Group:
        add(p.a!);
        if (p.a!.nullable) add(p.b!);
        break;
      case Kind.OneOrMore:
      case Kind.After:
        add(p.a!);
        break;
    }
    p.firsts = out;
    return out;
  }

  private applyAfter(p: Pattern, f: (p: Pattern) => Pattern): Pattern {
    switch (p.kind) {
      case Kind.After:
        return this.after(p.a!, f(p.b!));
      case Kind.Choice:
        return this.choiceOf(p.parts!.map((q) => this.applyAfter(q, f)));
      default:
        return this.notAllowed;
    }
  }

  /** The pattern after attribute `qn="value"`; `value` undefined matches any content. */
  attribute(p: Pattern, qn: QName, value: string | undefined): Pattern {
    if (!p.hasAtts) return this.notAllowed;
    if (value === undefined) return this.attributeDeriv(p, qn, undefined, `${qn.key}\u0002`);
    const key = `${qn.key}\u0001${value}`;
    const hit = p.att?.get(key);
    if (hit) return hit;
    // Usually the value is accepted by every attribute pattern of this name or by
    // none (one `cache` attribute; `file` in each form of <source>): then the
    // derivative is the one for any value, computed once per name, and a new
    // value (a path, a UUID) costs only its check. Only values that choose
    // between forms (type='file' or 'block') are derived per value. Finding the
    // attribute patterns is a walk: the first value of a name on a pattern is
    // derived directly, the walk is for the second (a lint sees most patterns once).
    const seen = p.attContents ?? (p.attContents = new Map());
    if (!seen.has(qn.key)) {
      seen.set(qn.key, null);
      return this.attributeDeriv(p, qn, value, key);
    }
    const contents = this.attributeContents(p, qn);
    let accepting = 0;
    for (const c of contents) if (this.valueMatches(c, value)) accepting++;
    let r: Pattern;
    if (accepting === 0) r = this.notAllowed;
    else if (accepting === contents.length) r = this.attributeDeriv(p, qn, undefined, `${qn.key}\u0002`);
    else return this.attributeDeriv(p, qn, value, key);
    if (value.length <= 64) (p.att ??= new Map()).set(key, r);
    return r;
  }

  /** The distinct content patterns of the attribute patterns in `p` that match `qn`. */
  private attributeContents(p: Pattern, qn: QName): Pattern[] {
    let cache = p.attContents;
    if (cache) {
      const hit = cache.get(qn.key);
      if (hit) return hit;
    } else cache = p.attContents = new Map();
    const out: Pattern[] = [];
    const seen = new Set<Pattern>();
    const visit = (q: Pattern) => {
      if (!q.hasAtts || seen.has(q)) return;
      seen.add(q);
      if (q.kind === Kind.Attribute) {
        if (q.nc!.contains(qn)) {
          const c = this.content(q);
          if (!out.includes(c)) out.push(c);
        }
      } else if (q.kind === Kind.After) visit(q.a!);
      else for (const o of operands(q)) visit(o);
    };
    visit(p);
    cache.set(qn.key, out);
    return out;
  }

  private attributeDeriv(p: Pattern, qn: QName, value: string | undefined, key: string): Pattern {
    if (!p.hasAtts) return this.notAllowed;
    let cache = p.att;
    if (cache) {
      const hit = cache.get(key);
      if (hit) return hit;
    } else cache = p.att = new Map();
    let r: Pattern;
    switch (p.kind) {
      case Kind.After:
        r = this.after(this.attributeDeriv(p.a!, qn, value, key), p.b!);
        break;
      case Kind.Choice:
        r = this.choiceOf(p.parts!.map((q) => this.attributeDeriv(q, qn, value, key)));
        break;
      case Kind.Group:
        r = this.choice(this.group(this.attributeDeriv(p.a!, qn, value, key), p.b!), this.group(p.a!, this.attributeDeriv(p.b!, qn, value, key)));
        break;
      case Kind.Interleave: {
        const out: Pattern[] = [];
        p.parts!.forEach((q, i) => {
          if (q.hasAtts) out.push(this.replacePart(p, i, this.attributeDeriv(q, qn, value, key)));
        });
        r = this.choiceOf(out);
        break;
      }
      case Kind.OneOrMore:
        r = this.group(this.attributeDeriv(p.a!, qn, value, key), this.choice(p, this.empty));
        break;
      case Kind.Attribute:
        r = p.nc!.contains(qn) && (value === undefined || this.valueMatches(this.content(p), value)) ? this.empty : this.notAllowed;
        break;
      default:
        r = this.notAllowed;
    }
    cache.set(key, r);
    return r;
  }

  valueMatches(p: Pattern, value: string): boolean {
    return (p.nullable && isWhitespace(value)) || this.text(p, value).nullable;
  }

  /** The pattern after the start tag closes: attributes not given are now missing. */
  startTagClose(p: Pattern, lenient = false): Pattern {
    if (!p.hasAtts) return p;
    if (!lenient && p.close) return p.close;
    let r: Pattern;
    switch (p.kind) {
      case Kind.After:
        r = this.after(this.startTagClose(p.a!, lenient), p.b!);
        break;
      case Kind.Choice:
        r = this.choiceOf(p.parts!.map((q) => this.startTagClose(q, lenient)));
        break;
      case Kind.Group:
        r = this.group(this.startTagClose(p.a!, lenient), this.startTagClose(p.b!, lenient));
        break;
      case Kind.Interleave:
        r = this.interleaveOf(p.parts!.map((q) => this.startTagClose(q, lenient)));
        break;
      case Kind.OneOrMore:
        r = this.oneOrMore(this.startTagClose(p.a!, lenient));
        break;
      case Kind.Attribute:
        r = lenient ? this.empty : this.notAllowed;
        break;
      default:
        r = p;
    }
    if (!lenient) p.close = r;
    return r;
  }

  /** The pattern after text `s`; `lenient` accepts any text where some text is allowed. */
  text(p: Pattern, s: string, lenient = false): Pattern {
    if (!p.hasText) return this.notAllowed;
    switch (p.kind) {
      // Leaves: checking is as cheap as looking up, and values (paths, UUIDs) rarely repeat.
      case Kind.Text:
        return p;
      case Kind.Value:
        return lenient || p.dt!.equal(p.value!, s) ? this.empty : this.notAllowed;
      case Kind.Data:
        return lenient || (p.dt!.allows(s) && !(p.b && this.text(p.b, s).nullable)) ? this.empty : this.notAllowed;
      case Kind.List:
        return lenient || this.list(p.a!, s).nullable ? this.empty : this.notAllowed;
    }
    if (!lenient && p.kind === Kind.Choice) {
      // An enumeration (a choice of token values): one set lookup, not one comparison per value.
      const tokens = p.tokens === undefined ? this.tokenSet(p) : p.tokens;
      if (tokens) return tokens.has(collapse(s)) ? this.empty : this.notAllowed;
    }
    const key = lenient ? '\u0000lenient' : s;
    let cache = p.text;
    if (cache) {
      const hit = cache.get(key);
      if (hit) return hit;
    } else cache = p.text = new Map();
    if (!lenient) {
      // As for attributes: when every text pattern reachable here accepts `s` (or
      // none does), the derivative is the lenient one (or notAllowed).
      const leaves = this.textLeaves(p);
      let accepting = 0;
      for (const l of leaves) if (this.text(l, s).kind !== Kind.NotAllowed) accepting++;
      if (accepting === 0 || accepting === leaves.length) {
        const r = accepting === 0 ? this.notAllowed : this.text(p, s, true);
        if (s.length <= 64) cache.set(key, r);
        return r;
      }
    }
    let r: Pattern;
    switch (p.kind) {
      case Kind.Choice:
        r = this.choiceOf(p.parts!.map((q) => this.text(q, s, lenient)));
        break;
      case Kind.Interleave: {
        const out: Pattern[] = [];
        p.parts!.forEach((q, i) => {
          if (q.hasText) out.push(this.replacePart(p, i, this.text(q, s, lenient)));
        });
        r = this.choiceOf(out);
        break;
      }
      case Kind.Group: {
        const x = this.group(this.text(p.a!, s, lenient), p.b!);
        r = p.a!.nullable ? this.choice(x, this.text(p.b!, s, lenient)) : x;
        break;
      }
      case Kind.After:
        r = this.after(this.text(p.a!, s, lenient), p.b!);
        break;
      case Kind.OneOrMore:
        r = this.group(this.text(p.a!, s, lenient), this.choice(p, this.empty));
        break;
      default:
        r = this.notAllowed;
    }
    // Long texts are not worth remembering: they rarely repeat.
    if (lenient || s.length <= 64) cache.set(key, r);
    return r;
  }

  private tokenSet(p: Pattern): Set<string> | null {
    const values = p.parts!.every((q) => q.kind === Kind.Value && isPlainToken(q.dt!)) ? new Set(p.parts!.map((q) => collapse(q.value!))) : null;
    p.tokens = values;
    return values;
  }

  /** The distinct text patterns (text, data, value, list) in `p` outside elements. */
  private textLeaves(p: Pattern): Pattern[] {
    if (p.textLeaves) return p.textLeaves;
    const out: Pattern[] = [];
    const seen = new Set<Pattern>();
    const visit = (q: Pattern) => {
      if (!q.hasText || seen.has(q)) return;
      seen.add(q);
      switch (q.kind) {
        case Kind.Text:
        case Kind.Data:
        case Kind.Value:
        case Kind.List:
          out.push(q);
          break;
        case Kind.After:
          visit(q.a!);
          break;
        default:
          for (const o of operands(q)) visit(o);
      }
    };
    visit(p);
    p.textLeaves = out;
    return out;
  }

  private list(p: Pattern, s: string): Pattern {
    for (const token of s.split(/[ \t\r\n]+/)) {
      if (token === '') continue;
      p = this.text(p, token);
      if (p.kind === Kind.NotAllowed) break;
    }
    return p;
  }

  /** The pattern after the end tag. */
  endTag(p: Pattern, lenient = false): Pattern {
    if (!lenient && p.end) return p.end;
    let r: Pattern;
    switch (p.kind) {
      case Kind.Choice:
        r = this.choiceOf(p.parts!.map((q) => this.endTag(q, lenient)));
        break;
      case Kind.After:
        r = lenient || p.a!.nullable ? p.b! : this.notAllowed;
        break;
      default:
        r = this.notAllowed;
    }
    if (!lenient) p.end = r;
    return r;
  }

  /** Recovery: the pattern after an element whose content is taken as valid (from a startTagOpen result). */
  skipContent(p: Pattern): Pattern {
    switch (p.kind) {
      case Kind.After:
        return p.b!;
      case Kind.Choice:
        return this.choiceOf(p.parts!.map((q) => this.skipContent(q)));
      default:
        return this.notAllowed;
    }
  }

  /** The content parts of an After pattern (or choice of them): what the current element must match. */
  contents(p: Pattern, out: Pattern[] = []): Pattern[] {
    if (p.kind === Kind.After) out.push(p.a!);
    else if (p.kind === Kind.Choice) for (const q of p.parts!) this.contents(q, out);
    return out;
  }
}
