/**
 * A compiled model made live: its patterns built once, and what diagnostics
 * need to know about the grammar as a whole (which element names exist, under
 * which parents, which attributes an element can have), computed on first use.
 */
import { builtinDatatype, xsdDatatype, type Datatype } from './datatypes.js';
import { MODEL_FORMAT, NAME_WIDTH, NameOp, Op, type CompiledModel } from './model.js';
import { Kind, NameClass, operands, Pattern, Patterns, qname, type QName } from './patterns.js';

export interface ElementInfo {
  /** The element pattern (its content in `a`). */
  pattern: Pattern;
  /** The names it matches ([] for wildcards such as `<metadata>` content). */
  names: QName[];
}

/**
 * The grammar-wide facts the messages use, computed from a model
 * (`Grammar.indexes`): the attribute names (keys) each element name may have,
 * and the local names of the elements each element name may appear under.
 * The build writes the newest grammar's (src/schema/generated/newest.ts), so a
 * lint that reports a mistake need not compute them from the whole model.
 */
export interface GrammarIndexes {
  attributes: Record<string, string[]>;
  parents: Record<string, string[]>;
}

export class Grammar {
  readonly patterns = new Patterns();
  readonly start: Pattern;
  private readonly names: (NameClass | undefined)[];
  private readonly types: (Datatype | undefined)[];
  private readonly elementPatterns: (Pattern | undefined)[];
  private elementList: ElementInfo[] | undefined;
  /** Patterns by model node, built on first use: a lint touches a fraction of the grammar. */
  private readonly nodes: (Pattern | undefined)[];
  private readonly labelOf = new Map<number, string>();
  private readonly attributeLists = new Map<number, string[]>();
  private parentIndex: Map<string, Set<string>> | undefined;
  private attributeIndex: Map<string, Set<string>> | undefined;
  private depthIndex: Map<string, number> | undefined;

  constructor(
    readonly model: CompiledModel,
    /** The model's indexes as the build computed them (read on first use); without it they are computed. */
    private readonly prebuilt?: () => GrammarIndexes,
  ) {
    if (model.format !== MODEL_FORMAT) throw new Error(`schema model format ${model.format}, expected ${MODEL_FORMAT}: rebuild (npm run build)`);
    // Name classes, datatypes and element patterns are built on first use too.
    this.names = new Array(model.names.length / NAME_WIDTH);
    this.types = new Array(model.types.length);
    this.elementPatterns = new Array(model.elements.length / 2);
    // Element and attribute content is built on first use: a lint touches a fraction of it.
    this.patterns.resolveContent = (p) => (p.a = this.node(p.kind === Kind.Element ? model.elements[2 * p.element + 1] : p.element));
    this.nodes = new Array(model.nodeAt.length - 1);
    for (let i = 0; i < model.labels.length; i += 2) this.labelOf.set(model.labels[i], model.strings[model.labels[i + 1]]);
    this.start = this.node(model.start);
  }

  /** Every element pattern of the grammar with the names it matches (builds them all: for diagnostics). */
  get elements(): ElementInfo[] {
    if (!this.elementList) this.elementList = Array.from({ length: this.model.elements.length / 2 }, (_, i) => ({ pattern: this.element(i), names: this.element(i).nc!.names() }));
    return this.elementList;
  }

  /** The pattern of element `i` of the model. */
  elementPattern(i: number): Pattern {
    return this.element(i);
  }

  /** The pattern of node `i` of the model (built on first use). */
  patternOf(i: number): Pattern {
    return this.node(i);
  }

  private element(i: number): Pattern {
    let p = this.elementPatterns[i];
    if (!p) {
      p = this.patterns.make(Kind.Element);
      p.nc = this.nameClass(this.model.elements[2 * i]);
      p.element = i;
      this.elementPatterns[i] = p;
    }
    return p;
  }

  private nameClass(i: number): NameClass {
    let nc = this.names[i];
    if (!nc) {
      const names = this.model.names;
      const at = i * NAME_WIDTH;
      const [a, b] = [names[at + 1], names[at + 2]];
      const str = this.model.strings;
      switch (names[at] as NameOp) {
        case NameOp.Name:
          nc = new NameClass('name', str[a], str[b], undefined, undefined);
          break;
        case NameOp.AnyName:
          nc = new NameClass('anyName', '', '', a >= 0 ? this.nameClass(a) : undefined, undefined);
          break;
        case NameOp.NsName:
          nc = new NameClass('nsName', str[a], '', b >= 0 ? this.nameClass(b) : undefined, undefined);
          break;
        default:
          nc = new NameClass('choice', '', '', this.nameClass(a), this.nameClass(b));
      }
      this.names[i] = nc;
    }
    return nc;
  }

  /** Datatype `i` of the model (built on first use). */
  datatypeOf(i: number): Datatype {
    let dt = this.types[i];
    if (!dt) {
      const [lib, name, ...params] = this.model.types[i];
      const str = this.model.strings;
      const pairs: [string, string][] = [];
      for (let j = 0; j < params.length; j += 2) pairs.push([str[params[j]], str[params[j + 1]]]);
      dt = lib === 0 ? builtinDatatype(str[name]) : lazyXsd(str[name], pairs);
      this.types[i] = dt;
    }
    return dt;
  }

  private node(i: number): Pattern {
    const built = this.nodes[i];
    if (built) return built;
    const P = this.patterns;
    // Node i is d[at] (its Op) and its operands d[at + 1] .. d[end - 1] (model.ts).
    const d = this.model.nodes;
    const at = this.model.nodeAt[i];
    const end = this.model.nodeAt[i + 1];
    let p: Pattern;
    switch (d[at] as Op) {
      case Op.Empty:
        p = P.empty;
        break;
      case Op.NotAllowed:
        p = P.notAllowed;
        break;
      case Op.Text:
        p = P.textPattern;
        break;
      case Op.Choice: {
        const members: Pattern[] = [];
        for (let j = at + 1; j < end; j++) members.push(this.node(d[j]));
        p = P.grammarChoice(members);
        break;
      }
      case Op.Interleave: {
        const members: Pattern[] = [];
        for (let j = at + 1; j < end; j++) members.push(this.node(d[j]));
        p = P.interleaveOf(members);
        break;
      }
      case Op.Group: {
        p = this.node(d[end - 1]);
        for (let j = end - 2; j > at; j--) p = P.group(this.node(d[j]), p);
        break;
      }
      case Op.OneOrMore:
        p = P.oneOrMore(this.node(d[at + 1]));
        break;
      case Op.List:
        p = P.make(Kind.List, this.node(d[at + 1]));
        break;
      case Op.Data:
        p = P.make(Kind.Data, undefined, d[at + 2] >= 0 ? this.node(d[at + 2]) : undefined);
        p.dt = this.datatypeOf(d[at + 1]);
        break;
      case Op.Value:
        p = P.make(Kind.Value);
        p.dt = this.datatypeOf(d[at + 1]);
        p.value = this.model.strings[d[at + 2]];
        break;
      case Op.Attribute:
        p = P.make(Kind.Attribute);
        p.nc = this.nameClass(d[at + 1]);
        p.element = d[at + 2];
        break;
      case Op.Ref:
        p = this.element(d[at + 1]);
        break;
      default:
        throw new Error(`schema model: unknown node kind ${d[at]}`);
    }
    const label = this.labelOf.get(i);
    if (label !== undefined && p.label === undefined) p.label = label;
    this.nodes[i] = p;
    return p;
  }

  /**
   * The attribute names (no namespace) element pattern `e` can take, in the
   * order its definition in libvirt's schema files gives them (for messages:
   * the same in every process, whatever it validated before).
   */
  attributeOrder(e: number): string[] {
    let list = this.attributeLists.get(e);
    if (!list) {
      const { nodes, nodeAt, names, strings } = this.model;
      const out = new Set<string>();
      const seen = new Set<number>();
      const visit = (i: number) => {
        if (seen.has(i)) return;
        seen.add(i);
        const at = nodeAt[i];
        const op = nodes[at];
        if (op === Op.Attribute) {
          const nc = nodes[at + 1] * NAME_WIDTH;
          if (names[nc] === NameOp.Name && strings[names[nc + 1]] === '') out.add(strings[names[nc + 2]]);
        } else if (op === Op.Choice || op === Op.Interleave || op === Op.Group || op === Op.OneOrMore) {
          for (let j = at + 1; j < nodeAt[i + 1]; j++) visit(nodes[j]);
        }
      };
      visit(this.model.elements[2 * e + 1]);
      this.attributeLists.set(e, (list = [...out]));
    }
    return list;
  }

  get version(): string {
    return this.model.libvirt;
  }

  /** Whether any element of the grammar is named `qn` (wildcards do not count). */
  knowsElement(qn: QName): boolean {
    return this.parents().has(qn.key);
  }

  /** Local names of the elements under which an element named `qn` may appear (the root: none), nearest the root first. */
  parentsOf(qn: QName): string[] {
    const depth = this.depths();
    return [...(this.parents().get(qn.key) ?? [])].sort((a, b) => (depth.get(a) ?? 99) - (depth.get(b) ?? 99) || a.localeCompare(b));
  }

  /** How deep below the root each element name first appears. */
  private depths(): Map<string, number> {
    if (this.depthIndex) return this.depthIndex;
    const depth = new Map<string, number>();
    const parents = this.parents();
    const children = new Map<string, string[]>();
    for (const [child, ps] of parents) {
      const local = child.replace(/^\{[^}]*\}/, '');
      for (const p of ps) children.set(p, [...(children.get(p) ?? []), local]);
    }
    const roots = [...parents].filter(([, ps]) => ps.size === 0).map(([k]) => k.replace(/^\{[^}]*\}/, ''));
    let level = roots;
    for (let d = 0; level.length; d++) {
      const next: string[] = [];
      for (const n of level) {
        if (depth.has(n)) continue;
        depth.set(n, d);
        next.push(...(children.get(n) ?? []));
      }
      level = next;
    }
    return (this.depthIndex = depth);
  }

  /** Every attribute name some element named `qn` may have, in any of its forms. */
  attributesOf(qn: QName): Set<string> {
    if (!this.attributeIndex && this.prebuilt) this.usePrebuilt(this.prebuilt());
    if (!this.attributeIndex) {
      const index = new Map<string, Set<string>>();
      for (let e = 0; e < this.model.elements.length / 2; e++) {
        const atts = new Set<string>();
        this.forEachTop(e, (nc) => {
          for (const n of this.nameClass(nc).names()) atts.add(n.key);
        });
        for (const n of this.namesOfElement(e)) {
          const set = index.get(n.key) ?? new Set();
          for (const a of atts) set.add(a);
          index.set(n.key, set);
        }
      }
      this.attributeIndex = index;
    }
    return this.attributeIndex.get(qn.key) ?? new Set();
  }

  /** The indexes as data (the build writes the newest grammar's: GrammarIndexes). */
  indexes(): GrammarIndexes {
    const attributes: Record<string, string[]> = {};
    const parents: Record<string, string[]> = {};
    const count = this.model.elements.length / 2;
    const seen = new Set<string>();
    for (let e = 0; e < count; e++) {
      for (const n of this.namesOfElement(e)) {
        if (seen.has(n.key)) continue;
        seen.add(n.key);
        attributes[n.key] = [...this.attributesOf(n)];
        parents[n.key] = [...this.parents().get(n.key)!];
      }
    }
    return { attributes, parents };
  }

  private usePrebuilt(data: GrammarIndexes): void {
    this.attributeIndex = new Map(Object.entries(data.attributes).map(([k, v]) => [k, new Set(v)]));
    this.parentIndex = new Map(Object.entries(data.parents).map(([k, v]) => [k, new Set(v)]));
  }

  private parents(): Map<string, Set<string>> {
    if (!this.parentIndex && this.prebuilt) this.usePrebuilt(this.prebuilt());
    if (!this.parentIndex) {
      const index = new Map<string, Set<string>>();
      const count = this.model.elements.length / 2;
      for (let e = 0; e < count; e++) for (const n of this.namesOfElement(e)) if (!index.has(n.key)) index.set(n.key, new Set());
      for (let e = 0; e < count; e++) {
        const parentNames = this.namesOfElement(e);
        this.forEachTop(e, undefined, (child) => {
          for (const c of this.namesOfElement(child)) for (const parent of parentNames) index.get(c.key)!.add(parent.local);
        });
      }
      this.parentIndex = index;
    }
    return this.parentIndex;
  }

  /** The names element pattern `e` matches ([] for a wildcard). */
  private namesOfElement(e: number): QName[] {
    return this.nameClass(this.model.elements[2 * e]).names();
  }

  /**
   * The attribute name classes and child element patterns of element pattern
   * `e`'s content, outside its child elements, read from the model's arrays:
   * the grammar-wide indexes above need no pattern built (building every
   * element's content cost about 80 ms of cold code in the first lint of a
   * document with an unknown attribute or element).
   */
  private forEachTop(e: number, attribute?: (nameClass: number) => void, element?: (child: number) => void): void {
    const { nodes, nodeAt } = this.model;
    const seen = new Set<number>();
    const pending = [this.model.elements[2 * e + 1]];
    while (pending.length) {
      const i = pending.pop()!;
      if (seen.has(i)) continue;
      seen.add(i);
      const at = nodeAt[i];
      switch (nodes[at] as Op) {
        case Op.Attribute:
          attribute?.(nodes[at + 1]);
          break;
        case Op.Ref:
          element?.(nodes[at + 1]);
          break;
        case Op.Choice:
        case Op.Interleave:
        case Op.Group:
        case Op.OneOrMore:
          for (let j = at + 1; j < nodeAt[i + 1]; j++) pending.push(nodes[j]);
          break;
        default:
          break; // empty, notAllowed, text, data, value, list: no names
      }
    }
  }
}

/** Visits the patterns of an element's content that are not inside a child element. */
export function walkTop(p: Pattern, visit: (p: Pattern) => void, seen = new Set<Pattern>()): void {
  if (seen.has(p)) return;
  seen.add(p);
  visit(p);
  if (p.kind === Kind.Element || p.kind === Kind.Attribute) return;
  if (p.kind === Kind.Data || p.kind === Kind.Value || p.kind === Kind.List) return;
  for (const q of operands(p)) walkTop(q, visit, seen);
}

/** An XML Schema datatype whose facets (regexes) are compiled on first use. */
function lazyXsd(name: string, params: [string, string][]): Datatype {
  let dt: Datatype | undefined;
  const get = () => (dt ??= xsdDatatype(name, params));
  return {
    name,
    get params() {
      return get().params;
    },
    allows: (v) => get().allows(v),
    equal: (a, b) => get().equal(a, b),
    normalize: (v) => get().normalize(v),
  };
}
