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
 * same derivatives in every file.
 *
 * Besides Clark's functions there are lenient variants used after an error,
 * so that validation goes on as if the mistake were fixed and the mistake is
 * reported once (no cascade): skip an element, accept any value, treat missing
 * attributes or children as present.
 */
import type { Datatype } from './datatypes.js';

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
  nullable: boolean;
  /** Has attribute patterns outside of elements: only those can match an attribute. */
  hasAtts: boolean;
  /** Can match text outside of elements. */
  hasText: boolean;
  /** Element content (set after creation: elements can be recursive), or first operand. */
  a: Pattern | undefined;
  b: Pattern | undefined;
  nc: NameClass | undefined;
  dt: Datatype | undefined;
  value: string | undefined;
  /** Index of the element in the model (elements only). */
  element = -1;
  /** The grammar's name for this datatype pattern (`absFilePath`, `unit`), when it has one. */
  label: string | undefined = undefined;
  // Derivative caches.
  open: Map<string, Pattern> | undefined = undefined;
  att: Map<string, Pattern> | undefined = undefined;
  attContents: Map<string, Pattern[]> | undefined = undefined;
  textLeaves: Pattern[] | undefined = undefined;
  text: Map<string, Pattern> | undefined = undefined;
  close: Pattern | undefined = undefined;
  end: Pattern | undefined = undefined;
  leaves: Pattern[] | undefined = undefined;
  /** Hash-consing: binary patterns with this one as first operand, by kind and second operand. */
  pairs: Map<number, Pattern> | undefined = undefined;

  constructor(
    readonly id: number,
    readonly kind: Kind,
    a?: Pattern,
    b?: Pattern,
  ) {
    this.a = a;
    this.b = b;
    this.nc = undefined;
    this.dt = undefined;
    this.value = undefined;
    switch (kind) {
      case Kind.Empty:
        this.nullable = true;
        this.hasAtts = false;
        this.hasText = false;
        break;
      case Kind.Text:
        this.nullable = true;
        this.hasAtts = false;
        this.hasText = true;
        break;
      case Kind.Choice:
        this.nullable = a!.nullable || b!.nullable;
        this.hasAtts = a!.hasAtts || b!.hasAtts;
        this.hasText = a!.hasText || b!.hasText;
        break;
      case Kind.Group:
      case Kind.Interleave:
        this.nullable = a!.nullable && b!.nullable;
        this.hasAtts = a!.hasAtts || b!.hasAtts;
        this.hasText = a!.hasText || b!.hasText;
        break;
      case Kind.OneOrMore:
        this.nullable = a!.nullable;
        this.hasAtts = a!.hasAtts;
        this.hasText = a!.hasText;
        break;
      case Kind.After:
        this.nullable = false;
        this.hasAtts = a!.hasAtts;
        this.hasText = a!.hasText;
        break;
      case Kind.Attribute:
        this.nullable = false;
        this.hasAtts = true;
        this.hasText = false;
        break;
      case Kind.List:
      case Kind.Data:
      case Kind.Value:
        this.nullable = false;
        this.hasAtts = false;
        this.hasText = true;
        break;
      default: // NotAllowed, Element
        this.nullable = false;
        this.hasAtts = false;
        this.hasText = false;
    }
  }
}

/** Marks an attribute value that matches whatever the attribute's content is (recovery). */
export const ANY_VALUE = undefined;

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
  /** Builds an element's content on first use (set by the grammar). */
  resolveContent: (element: Pattern) => Pattern = () => this.notAllowed;

  make(kind: Kind, a?: Pattern, b?: Pattern): Pattern {
    return new Pattern(this.nextId++, kind, a, b);
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

  // ---- constructors with Clark's simplifications ----

  choice(a: Pattern, b: Pattern): Pattern {
    if (a.kind === Kind.NotAllowed) return b;
    if (b.kind === Kind.NotAllowed || a === b) return a;
    if (a.kind !== Kind.Choice && b.kind !== Kind.Choice) return a.id < b.id ? this.binary(Kind.Choice, a, b) : this.binary(Kind.Choice, b, a);
    return this.choiceOf([a, b]);
  }

  /**
   * The choice of all `members` in canonical form: flattened, without
   * duplicates or notAllowed, ordered by id, nested to the right. The same
   * alternatives always make the same pattern.
   */
  choiceOf(members: Pattern[]): Pattern {
    const all: Pattern[] = [];
    for (const m of members) {
      if (m.kind === Kind.Choice) for (const l of this.leavesOf(m)) all.push(l);
      else if (m.kind !== Kind.NotAllowed) all.push(m);
    }
    if (all.length === 0) return this.notAllowed;
    all.sort((x, y) => x.id - y.id);
    let out = all[all.length - 1];
    for (let i = all.length - 2; i >= 0; i--) if (all[i] !== all[i + 1]) out = this.binary(Kind.Choice, all[i], out);
    return out;
  }

  private leavesOf(p: Pattern): Pattern[] {
    if (p.leaves) return p.leaves;
    const out: Pattern[] = [];
    const stack = [p];
    while (stack.length) {
      const q = stack.pop()!;
      if (q.kind === Kind.Choice) stack.push(q.b!, q.a!);
      else out.push(q);
    }
    p.leaves = out;
    return out;
  }

  group(a: Pattern, b: Pattern): Pattern {
    if (a.kind === Kind.NotAllowed || b.kind === Kind.NotAllowed) return this.notAllowed;
    if (a.kind === Kind.Empty) return b;
    if (b.kind === Kind.Empty) return a;
    return this.binary(Kind.Group, a, b);
  }

  interleave(a: Pattern, b: Pattern): Pattern {
    if (a.kind === Kind.NotAllowed || b.kind === Kind.NotAllowed) return this.notAllowed;
    if (a.kind === Kind.Empty) return b;
    if (b.kind === Kind.Empty) return a;
    return this.binary(Kind.Interleave, a, b);
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
    } else cache = p.open = new Map();
    const r = this.startTagOpenUncached(p, qn);
    cache.set(qn.key, r);
    return r;
  }

  private startTagOpenUncached(p: Pattern, qn: QName): Pattern {
    switch (p.kind) {
      case Kind.Choice:
        return this.choice(this.startTagOpen(p.a!, qn), this.startTagOpen(p.b!, qn));
      case Kind.Element:
        return p.nc!.contains(qn) ? this.after(p.a ?? this.resolveContent(p), this.empty) : this.notAllowed;
      case Kind.Interleave: {
        const { a, b } = p as { a: Pattern; b: Pattern };
        return this.choice(
          this.applyAfter(this.startTagOpen(a, qn), (x) => this.interleave(x, b)),
          this.applyAfter(this.startTagOpen(b, qn), (x) => this.interleave(a, x)),
        );
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

  private applyAfter(p: Pattern, f: (p: Pattern) => Pattern): Pattern {
    switch (p.kind) {
      case Kind.After:
        return this.after(p.a!, f(p.b!));
      case Kind.Choice:
        return this.choice(this.applyAfter(p.a!, f), this.applyAfter(p.b!, f));
      default:
        return this.notAllowed;
    }
  }

  /** The pattern after attribute `qn="value"`; `value` ANY_VALUE matches any content. */
  attribute(p: Pattern, qn: QName, value: string | undefined): Pattern {
    if (!p.hasAtts) return this.notAllowed;
    if (value === undefined) return this.attributeDeriv(p, qn, undefined, `${qn.key}\u0002`);
    const key = `${qn.key}\u0001${value}`;
    const hit = p.att?.get(key);
    if (hit) return hit;
    // Usually the value is accepted by every attribute pattern of this name or by
    // none (one `cache` attribute; `file` in each form of <source>): then the
    // derivative is the one for any value, computed once per name. Only values
    // that choose between forms (type='file' or 'block') are derived per value.
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
        if (q.nc!.contains(qn) && !out.includes(q.a!)) out.push(q.a!);
      } else if (q.kind === Kind.After) visit(q.a!);
      else if (q.kind !== Kind.Element) {
        if (q.a) visit(q.a);
        if (q.b) visit(q.b);
      }
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
        r = this.choice(this.attributeDeriv(p.a!, qn, value, key), this.attributeDeriv(p.b!, qn, value, key));
        break;
      case Kind.Group:
        r = this.choice(this.group(this.attributeDeriv(p.a!, qn, value, key), p.b!), this.group(p.a!, this.attributeDeriv(p.b!, qn, value, key)));
        break;
      case Kind.Interleave:
        r = this.choice(
          this.interleave(this.attributeDeriv(p.a!, qn, value, key), p.b!),
          this.interleave(p.a!, this.attributeDeriv(p.b!, qn, value, key)),
        );
        break;
      case Kind.OneOrMore:
        r = this.group(this.attributeDeriv(p.a!, qn, value, key), this.choice(p, this.empty));
        break;
      case Kind.Attribute:
        r = p.nc!.contains(qn) && (value === undefined || this.valueMatches(p.a!, value)) ? this.empty : this.notAllowed;
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
        r = this.choice(this.startTagClose(p.a!, lenient), this.startTagClose(p.b!, lenient));
        break;
      case Kind.Group:
        r = this.group(this.startTagClose(p.a!, lenient), this.startTagClose(p.b!, lenient));
        break;
      case Kind.Interleave:
        r = this.interleave(this.startTagClose(p.a!, lenient), this.startTagClose(p.b!, lenient));
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
        r = this.choice(this.text(p.a!, s, lenient), this.text(p.b!, s, lenient));
        break;
      case Kind.Interleave:
        r = this.choice(this.interleave(this.text(p.a!, s, lenient), p.b!), this.interleave(p.a!, this.text(p.b!, s, lenient)));
        break;
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
          if (q.a) visit(q.a);
          if (q.b) visit(q.b);
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
        r = this.choice(this.endTag(p.a!, lenient), this.endTag(p.b!, lenient));
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
        return this.choice(this.skipContent(p.a!), this.skipContent(p.b!));
      default:
        return this.notAllowed;
    }
  }

  /** The content parts of an After pattern (or choice of them): what the current element must match. */
  contents(p: Pattern, out: Pattern[] = []): Pattern[] {
    if (p.kind === Kind.After) out.push(p.a!);
    else if (p.kind === Kind.Choice) {
      this.contents(p.a!, out);
      this.contents(p.b!, out);
    }
    return out;
  }
}
