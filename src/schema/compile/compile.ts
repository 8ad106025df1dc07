/**
 * RELAX NG simplification (specification section 4) of one grammar and its
 * includes, written out as a compact `CompiledModel`.
 *
 * What it supports is what libvirt's domain grammar uses, and everything of
 * the full syntax except nested `grammar`, `parentRef` and `externalRef`, which
 * make it stop with an error rather than compile something else: include with
 * overriding defines and start, `combine`, `div`, `mixed`, `optional`,
 * `zeroOrMore`, `list`, name classes with `except`, datatype libraries and
 * `ns` inheritance, QNames. Notable choices:
 * - a ref to a define that is not a single element is expanded in place
 *   (section 4.19), sharing one node: the node table is hash-consed;
 * - notAllowed and empty are simplified away (section 4.20), choices,
 *   groups and interleaves flattened;
 * - a file included twice by the same path is read once.
 */
import { RNG_NS, SchemaCompileError, readRng, trimXml, type RngNode } from './rng-tree.js';
import { withTranslations, xsdDatatype } from '../datatypes.js';
import { flatTable, MODEL_FORMAT, NAME_WIDTH, NameOp, Op, XSD_DATATYPES, type CompiledModel } from '../model.js';

type NameClass =
  | { k: 'name'; ns: string; local: string }
  | { k: 'anyName'; except?: NameClass }
  | { k: 'nsName'; ns: string; except?: NameClass }
  | { k: 'choice'; a: NameClass; b: NameClass };

type Pat =
  | { k: 'empty' }
  | { k: 'notAllowed' }
  | { k: 'text' }
  | { k: 'choice' | 'interleave' | 'group'; ps: Pat[] }
  | { k: 'oneOrMore' | 'list'; p: Pat }
  | { k: 'data'; lib: string; type: string; params: [string, string][]; except?: Pat }
  | { k: 'value'; lib: string; type: string; value: string }
  | { k: 'attribute'; nc: NameClass; p: Pat }
  | { k: 'element'; nc: NameClass; p: Pat }
  | { k: 'ref'; name: string; where: string };

interface Component {
  combine?: string;
  pat: Pat;
  where: string;
}

interface Grammar {
  starts: Component[];
  defines: Map<string, Component[]>;
}

/** Reads an included file by its `href`, relative to the including one; returns its text. */
export type SchemaFiles = (href: string) => string;

/**
 * Compiles the grammar in `entry` (e.g. `domain.rng`) to a model. `files`
 * gives the text of every file the grammar includes.
 */
export function compileSchema(entry: string, files: SchemaFiles, libvirt: string): CompiledModel {
  const reading = new Set<string>();
  const loaded = new Set<string>();
  const load = (href: string): Grammar => {
    if (reading.has(href)) throw new SchemaCompileError(`${href}: included from itself`);
    reading.add(href);
    const root = readRng(files(href), href);
    if (root.name !== 'grammar') throw new SchemaCompileError(`${href}: an included file must hold a <grammar>`);
    const g = collect(root, load, loaded);
    reading.delete(href);
    return g;
  };
  loaded.add(entry);
  const grammar = load(entry);
  return new Writer(grammar, libvirt).run();
}

// ---- grammar components: start, define, include, div --------------------------

function collect(grammarNode: RngNode, load: (href: string) => Grammar, loaded: Set<string>): Grammar {
  const g: Grammar = { starts: [], defines: new Map() };
  addComponents(g, grammarNode.children, load, loaded);
  return g;
}

function addComponents(g: Grammar, nodes: RngNode[], load: (href: string) => Grammar, loaded: Set<string>): void {
  for (const n of nodes) {
    switch (n.name) {
      case 'start':
        g.starts.push({ combine: n.attrs.get('combine'), pat: group(n.children.map(pattern)), where: n.where });
        break;
      case 'define': {
        const name = n.attrs.get('name');
        if (!name) throw new SchemaCompileError(`${n.where}: define without a name`);
        const list = g.defines.get(name) ?? [];
        list.push({ combine: n.attrs.get('combine'), pat: group(n.children.map(pattern)), where: n.where });
        g.defines.set(name, list);
        break;
      }
      case 'div':
        addComponents(g, n.children, load, loaded);
        break;
      case 'include': {
        const href = n.attrs.get('href');
        if (!href) throw new SchemaCompileError(`${n.where}: include without href`);
        const overrides: Grammar = { starts: [], defines: new Map() };
        addComponents(overrides, n.children, load, loaded);
        if (loaded.has(href) && overrides.starts.length === 0 && overrides.defines.size === 0) break; // already in
        loaded.add(href);
        const inner = load(href);
        if (overrides.starts.length) {
          if (!inner.starts.length) throw new SchemaCompileError(`${n.where}: include overrides a start that ${href} lacks`);
          inner.starts = [];
        }
        for (const name of overrides.defines.keys()) {
          if (!inner.defines.has(name)) throw new SchemaCompileError(`${n.where}: include overrides define '${name}' that ${href} lacks`);
          inner.defines.delete(name);
        }
        merge(g, inner);
        merge(g, overrides);
        break;
      }
      default:
        throw new SchemaCompileError(`${n.where}: <${n.name}> is not a grammar component`);
    }
  }
}

function merge(into: Grammar, from: Grammar): void {
  into.starts.push(...from.starts);
  for (const [name, list] of from.defines) into.defines.set(name, [...(into.defines.get(name) ?? []), ...list]);
}

/** Section 4.17: several definitions of one name are combined by their `combine`. */
function combined(what: string, parts: Component[]): Pat {
  if (parts.length === 1) return parts[0].pat;
  const methods = new Set(parts.map((p) => p.combine).filter((c) => c !== undefined));
  const plain = parts.filter((p) => p.combine === undefined);
  if (plain.length > 1) throw new SchemaCompileError(`${plain[1].where}: ${what} is defined twice without combine`);
  if (methods.size !== 1) throw new SchemaCompileError(`${parts[0].where}: ${what} mixes combine methods`);
  const method = [...methods][0];
  if (method !== 'choice' && method !== 'interleave') throw new SchemaCompileError(`${parts[0].where}: combine='${method}'`);
  return { k: method, ps: parts.map((p) => p.pat) };
}

// ---- patterns: the full syntax to the simple one ------------------------------------

function group(ps: Pat[]): Pat {
  return ps.length === 1 ? ps[0] : { k: 'group', ps };
}

function pattern(n: RngNode): Pat {
  const kids = () => n.children.map(pattern);
  switch (n.name) {
    case 'empty':
      return { k: 'empty' };
    case 'notAllowed':
      return { k: 'notAllowed' };
    case 'text':
      return { k: 'text' };
    case 'choice':
    case 'interleave':
    case 'group':
      return { k: n.name, ps: kids() };
    case 'optional':
      return { k: 'choice', ps: [group(kids()), { k: 'empty' }] };
    case 'zeroOrMore':
      return { k: 'choice', ps: [{ k: 'oneOrMore', p: group(kids()) }, { k: 'empty' }] };
    case 'oneOrMore':
      return { k: 'oneOrMore', p: group(kids()) };
    case 'mixed':
      return { k: 'interleave', ps: [group(kids()), { k: 'text' }] };
    case 'list':
      return { k: 'list', p: group(kids()) };
    case 'ref':
      return { k: 'ref', name: required(n, 'name'), where: n.where };
    case 'element': {
      const [nc, rest] = namedChildren(n, n.ns);
      return { k: 'element', nc, p: group(rest.map(pattern)) };
    }
    case 'attribute': {
      // Section 4.8: an attribute's name attribute means no namespace unless ns is given on it.
      const [nc, rest] = namedChildren(n, n.attrs.get('ns') ?? '');
      return { k: 'attribute', nc, p: rest.length ? group(rest.map(pattern)) : { k: 'text' } };
    }
    case 'data': {
      const params: [string, string][] = [];
      let except: Pat | undefined;
      for (const c of n.children) {
        if (c.name === 'param') params.push([required(c, 'name'), c.text]);
        else if (c.name === 'except') except = { k: 'choice', ps: c.children.map(pattern) };
        else throw new SchemaCompileError(`${c.where}: <${c.name}> inside <data>`);
      }
      return { k: 'data', lib: n.datatypeLibrary, type: required(n, 'type'), params, except };
    }
    case 'value': {
      // Section 4.4: a value without type is the built-in token type.
      const type = n.attrs.get('type');
      return type === undefined ? { k: 'value', lib: '', type: 'token', value: n.text } : { k: 'value', lib: n.datatypeLibrary, type, value: n.text };
    }
    case 'externalRef':
    case 'parentRef':
    case 'grammar':
      throw new SchemaCompileError(`${n.where}: <${n.name}> is not supported by this compiler (libvirt's grammar does not use it)`);
    default:
      throw new SchemaCompileError(`${n.where}: unexpected <${n.name}> in a pattern`);
  }
}

function required(n: RngNode, attr: string): string {
  const v = n.attrs.get(attr);
  if (v === undefined) throw new SchemaCompileError(`${n.where}: <${n.name}> needs a ${attr} attribute`);
  return v;
}

/** The name class of an element or attribute (its name attribute or first child) and the other children. */
function namedChildren(n: RngNode, defaultNs: string): [NameClass, RngNode[]] {
  const name = n.attrs.get('name');
  if (name !== undefined) return [qname(name, n, defaultNs), n.children];
  const [first, ...rest] = n.children;
  if (!first) throw new SchemaCompileError(`${n.where}: <${n.name}> without a name`);
  return [nameClass(first), rest];
}

function qname(name: string, n: RngNode, defaultNs: string): NameClass {
  const colon = name.indexOf(':');
  if (colon < 0) return { k: 'name', ns: defaultNs, local: name };
  const prefix = name.slice(0, colon);
  const ns = n.scope.get(prefix);
  if (ns === undefined) throw new SchemaCompileError(`${n.where}: prefix '${prefix}' is not declared`);
  return { k: 'name', ns, local: name.slice(colon + 1) };
}

function nameClass(n: RngNode): NameClass {
  const except = () => {
    const e = n.children.find((c) => c.name === 'except');
    return e ? e.children.map(nameClass).reduce((a, b) => ({ k: 'choice', a, b })) : undefined;
  };
  switch (n.name) {
    case 'name':
      return qname(trimXml(n.text), n, n.ns);
    case 'anyName':
      return { k: 'anyName', except: except() };
    case 'nsName':
      return { k: 'nsName', ns: n.ns, except: except() };
    case 'choice':
      return n.children.map(nameClass).reduce((a, b) => ({ k: 'choice', a, b }));
    default:
      throw new SchemaCompileError(`${n.where}: <${n.name}> is not a name class`);
  }
}

// ---- writing the model: refs resolved, node table hash-consed -------------------------

class Writer {
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  private readonly names: number[][] = [];
  private readonly types: number[][] = [];
  private readonly nodes: number[][] = [];
  private readonly elements: number[][] = [];
  private readonly keys = new Map<string, number>();
  private readonly elementIndex = new Map<Pat, number>();
  private readonly defineNode = new Map<string, number>();
  private expanding = new Set<string>();
  private readonly labels = new Map<number, number>();
  private readonly defines = new Map<string, Pat>();

  constructor(
    private readonly grammar: Grammar,
    private readonly libvirt: string,
  ) {
    for (const [name, parts] of grammar.defines) this.defines.set(name, combined(`define '${name}'`, parts));
  }

  run(): CompiledModel {
    if (!this.grammar.starts.length) throw new SchemaCompileError('the grammar has no start');
    const start = this.node(combined('start', this.grammar.starts));
    const labels: number[] = [];
    for (const [node, name] of this.labels) labels.push(node, name);
    const { nodeNames, nameSets } = namesOfNodes(this.nodes, this.elements, this.names);
    const nodes = flatTable(this.nodes);
    const sets = flatTable(nameSets);
    const names: number[] = [];
    for (const n of this.names) for (let j = 0; j < NAME_WIDTH; j++) names.push(n[j] ?? 0);
    return {
      format: MODEL_FORMAT,
      libvirt: this.libvirt,
      strings: this.strings,
      names,
      types: this.types,
      nodes: nodes.data,
      nodeAt: nodes.at,
      elements: this.elements.flat(),
      start,
      labels,
      nodeNames,
      nameSets: sets.data,
      nameSetAt: sets.at,
    };
  }

  private str(s: string): number {
    let i = this.stringIndex.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.stringIndex.set(s, i);
    }
    return i;
  }

  private intern(table: number[][], prefix: string, entry: number[]): number {
    const key = prefix + entry.join(',');
    let i = this.keys.get(key);
    if (i === undefined) {
      i = table.length;
      table.push(entry);
      this.keys.set(key, i);
    }
    return i;
  }

  private nameClass(nc: NameClass): number {
    switch (nc.k) {
      case 'name':
        return this.intern(this.names, 'n', [NameOp.Name, this.str(nc.ns), this.str(nc.local)]);
      case 'anyName':
        return this.intern(this.names, 'n', [NameOp.AnyName, nc.except ? this.nameClass(nc.except) : -1]);
      case 'nsName':
        return this.intern(this.names, 'n', [NameOp.NsName, this.str(nc.ns), nc.except ? this.nameClass(nc.except) : -1]);
      case 'choice':
        return this.intern(this.names, 'n', [NameOp.Choice, this.nameClass(nc.a), this.nameClass(nc.b)]);
    }
  }

  private type(lib: string, type: string, params: [string, string][]): number {
    let library: number;
    if (lib === '') {
      if (type !== 'string' && type !== 'token') throw new SchemaCompileError(`built-in datatype '${type}' does not exist`);
      if (params.length) throw new SchemaCompileError(`built-in datatype '${type}' takes no parameters`);
      library = 0;
    } else if (lib === XSD_DATATYPES) {
      library = 1;
      xsdDatatype(type, params).allows(''); // unknown types, facets and regex syntax fail here, at build time
      params = withTranslations(params);
    } else throw new SchemaCompileError(`datatype library '${lib}' is not supported`);
    return this.intern(this.types, 't', [library, this.str(type), ...params.flatMap(([n, v]) => [this.str(n), this.str(v)])]);
  }

  private add(entry: number[]): number {
    return this.intern(this.nodes, 'p', entry);
  }

  /** The node of a pattern, simplified (section 4.20). */
  private node(p: Pat): number {
    switch (p.k) {
      case 'empty':
        return this.add([Op.Empty]);
      case 'notAllowed':
        return this.add([Op.NotAllowed]);
      case 'text':
        return this.add([Op.Text]);
      case 'choice': {
        const members: number[] = [];
        for (const m of p.ps.map((q) => this.node(q))) {
          for (const x of this.nodes[m][0] === Op.Choice ? this.nodes[m].slice(1) : [m]) {
            if (this.nodes[x][0] !== Op.NotAllowed && !members.includes(x)) members.push(x);
          }
        }
        if (members.length === 0) return this.add([Op.NotAllowed]);
        if (members.length === 1) return members[0];
        return this.add([Op.Choice, ...members]);
      }
      case 'group':
      case 'interleave': {
        const op = p.k === 'group' ? Op.Group : Op.Interleave;
        const members: number[] = [];
        for (const m of p.ps.map((q) => this.node(q))) {
          const kind = this.nodes[m][0];
          if (kind === Op.NotAllowed) return m;
          if (kind === Op.Empty) continue;
          if (kind === op) members.push(...this.nodes[m].slice(1));
          else members.push(m);
        }
        if (members.length === 0) return this.add([Op.Empty]);
        if (members.length === 1) return members[0];
        return this.add([op, ...members]);
      }
      case 'oneOrMore':
      case 'list': {
        const inner = this.node(p.p);
        const kind = this.nodes[inner][0];
        if (kind === Op.NotAllowed) return inner;
        if (p.k === 'oneOrMore' && kind === Op.Empty) return inner;
        return this.add([p.k === 'oneOrMore' ? Op.OneOrMore : Op.List, inner]);
      }
      case 'data': {
        const except = p.except ? this.node(p.except) : -1;
        const type = this.type(p.lib, p.type, p.params);
        return this.add([Op.Data, type, except >= 0 && this.nodes[except][0] === Op.NotAllowed ? -1 : except]);
      }
      case 'value':
        return this.add([Op.Value, this.type(p.lib, p.type, []), this.str(p.value)]);
      case 'attribute': {
        const content = this.node(p.p);
        if (this.nodes[content][0] === Op.NotAllowed) return content;
        return this.add([Op.Attribute, this.nameClass(p.nc), content]);
      }
      case 'element':
        return this.add([Op.Ref, this.element(p)]);
      case 'ref':
        return this.ref(p.name, p.where);
    }
  }

  private element(p: Extract<Pat, { k: 'element' }>): number {
    let i = this.elementIndex.get(p);
    if (i !== undefined) return i;
    i = this.elements.length;
    this.elementIndex.set(p, i);
    const entry = [this.nameClass(p.nc), -1];
    this.elements.push(entry);
    // Refs inside the element may lead back to a define being expanded: that
    // recursion goes through this element, which is allowed (section 4.19).
    const outer = this.expanding;
    this.expanding = new Set();
    entry[1] = this.node(p.p);
    this.expanding = outer;
    return i;
  }

  private ref(name: string, where: string): number {
    const known = this.defineNode.get(name);
    if (known !== undefined) return known;
    const body = this.defines.get(name);
    if (!body) throw new SchemaCompileError(`${where}: ref to undefined '${name}'`);
    if (this.expanding.has(name)) throw new SchemaCompileError(`${where}: '${name}' refers to itself other than through an element`);
    this.expanding.add(name);
    const node = this.node(body);
    this.expanding.delete(name);
    this.defineNode.set(name, node);
    if (!this.labels.has(node) && this.isDatatype(node)) this.labels.set(node, this.str(name));
    return node;
  }

  /** True for patterns that only match text: what attribute values and text content are checked against. */
  private isDatatype(node: number, depth = 0): boolean {
    const [op, ...args] = this.nodes[node];
    if (depth > 20) return false;
    switch (op) {
      case Op.Data:
      case Op.Value:
      case Op.Text:
      case Op.List:
        return true;
      case Op.Choice:
        return args.every((a) => this.isDatatype(a, depth + 1));
      default:
        return false;
    }
  }
}

export { RNG_NS };

/**
 * The attribute and element names each node can take outside child elements,
 * whether it can take text, and whether it matches nothing at all (no
 * attribute, element or text): CompiledModel.nodeNames and nameSets. One
 * pass in index order: a node's operands come before it, and a ref stands for
 * its element's name, not its content.
 */
export function namesOfNodes(nodes: number[][], elements: number[][], names: number[][]): { nodeNames: number[]; nameSets: number[][] } {
  const nameSets: number[][] = [];
  const setIndex = new Map<string, number>();
  const sets: (number[] | null)[] = [];
  const texts: boolean[] = [];
  const nullables: boolean[] = [];
  const nodeNames: number[] = [];
  const single = (nc: number) => (names[nc][0] === NameOp.Name ? [nc] : null);
  for (const n of nodes) {
    let set: number[] | null = [];
    let text = false;
    let nullable = false;
    switch (n[0] as Op) {
      case Op.Empty:
        nullable = true;
        break;
      case Op.Text:
        text = nullable = true;
        break;
      case Op.Data:
      case Op.Value:
      case Op.List:
        text = true;
        break;
      case Op.Attribute:
        set = names[n[1]][0] === NameOp.Name ? [-1 - n[1]] : null;
        break;
      case Op.Ref:
        set = single(elements[n[1]][0]);
        break;
      case Op.Choice:
      case Op.Interleave:
      case Op.Group:
      case Op.OneOrMore: {
        const all = new Set<number>();
        nullable = n[0] !== Op.Choice;
        for (let j = 1; j < n.length; j++) {
          const q = sets[n[j]];
          if (!q) set = null;
          else if (set) for (const x of q) all.add(x);
          text ||= texts[n[j]];
          nullable = n[0] === Op.Choice ? nullable || nullables[n[j]] : nullable && nullables[n[j]];
        }
        if (set) set = [...all].sort((a, b) => a - b);
        break;
      }
      default: // notAllowed
    }
    sets.push(set);
    texts.push(text);
    nullables.push(nullable);
    let i = -1;
    if (set) {
      const key = set.join(',');
      i = setIndex.get(key) ?? -1;
      if (i < 0) {
        i = nameSets.length;
        nameSets.push(set);
        setIndex.set(key, i);
      }
    }
    nodeNames.push((i + 1) * 4 + (nullable ? 2 : 0) + (text ? 1 : 0));
  }
  return { nodeNames, nameSets };
}
