/**
 * A quick proof that a document is valid, tried before the derivative walk.
 *
 * Why: the first validation in a process runs in code V8 still interprets,
 * and the derivative walk builds a few thousand patterns on the way (the
 * grammar's own, each element's content built whole, and the derivatives).
 * That cold work cost 30 to 55 ms a lint; the budget for a whole lint is
 * 1.5x `node -e 0`. Most documents linted are valid, and showing that an
 * element matches its content is cheaper than deriving it: attributes and
 * children are split by name among the parts of the content (RELAX NG forbids
 * two parts of an interleave, or of a group for attributes, from sharing a
 * name), and only the compiled model's arrays are read, with the names,
 * text and nullable bits the build computed for each node (model.ts
 * `nodeNames`); patterns are built only for the datatypes of the values
 * actually present.
 *
 * The proof is one-sided: `true` means the element is valid, exactly as the
 * derivative walk would say; `false` means "not shown" (invalid, or a form
 * this matcher does not handle: wildcards other than elements that take
 * anything, groups whose parts share element names, repeated groups). On
 * `false` the caller runs the derivative walk, which finds and explains the
 * mistakes; a child this matcher cannot show
 * valid is checked alone by a derivative walk, so a hard element costs only
 * its own subtree. Verdicts are remembered by element pattern and content
 * (the element's text as written, under the namespaces in scope:
 * `contentId`), across documents, so the work is bounded by the document's
 * size times the grammar's forms, and a subtree seen before costs a lookup.
 *
 * Loops are indexed, not for-of: a single lint runs this code cold, where
 * V8's interpreter makes an iterator and a result object per step of a for-of.
 */
import type { XmlDocument, XmlElement } from '#engine/tree.js';
import type { Grammar } from './grammar.js';
import { entriesOf, NAME_WIDTH, NameOp, nodeOf, Op, type CompiledModel, type IntTable } from './model.js';
import { collapse, isPlainToken } from './datatypes.js';
import { isWhitespace } from './patterns.js';
import { attributeKey, declare, elementKey, isNamespaceDeclaration, ROOT_SCOPE, type Scope } from './scope.js';

/** The names a model node can take outside child elements (CompiledModel.nodeNames); null: a wildcard (not handled). */
interface Names {
  /** Name ids, ascending: an element's name class index, or -1 - an attribute's. */
  ids: IntTable;
  /** Its index in CompiledModel.nameSets. */
  set: number;
  /** Can take text (text, data, value, list) outside child elements. */
  text: boolean;
  /** Only text patterns: no attribute and no element (checked with the built pattern). */
  textOnly: boolean;
}

interface Att {
  /** Name id (Names.ids); NOT_IN_GRAMMAR for a name no pattern has. */
  id: number;
  value: string;
}

interface Child {
  id: number;
  el: XmlElement;
  scope: Scope;
}

/** The id of a name the grammar does not name: in no set. */
const NOT_IN_GRAMMAR = 0x3fffffff;

/** The exact check of one element against one element pattern (the derivative walk). */
export type Exact = (element: number, el: XmlElement, scope: Scope) => boolean;

/**
 * Bounds of what the quick check remembers across documents (a few MB at
 * most): distinct contents, the characters of the documents their keys are
 * cut from (a key is a slice: it keeps its document's text alive).
 */
const MAX_CONTENTS = 100_000;
const MAX_CONTENT_CHARS = 4_000_000;
/**
 * The longest element remembered across documents. Hashing a key reads every
 * character (about 6 ns each on the 2-core development machine), and an
 * element's key holds its descendants' text again; long elements (the root,
 * `<devices>`) seldom recur across documents, and their children are
 * remembered anyway. With 500 a corpus pass hashes 5.7 million characters,
 * against 12.8 million with 20,000 (about 5% of its schema check).
 */
const MAX_KEY_CHARS = 500;

/** An empty list of attributes or children (never written to). */
const NONE: never[] = [];

/** No text content (elements present: white space between them is ignored). */
const ABSENT = undefined;

/** A verdict of the quick check: shown valid, shown invalid, or not shown either way. */
const enum Q {
  No = 0,
  Yes = 1,
  Unknown = 2,
}

/** How many elements that take anything a node is (QuickCheck.anyElements). */
const enum AnyElements {
  No = 0,
  One = 1,
  OneOrMore = 2,
  /** Zero or more. */
  Any = 3,
  /** Zero or one. */
  Optional = 4,
}

/** Of two alternatives. */
function either(a: Q, b: Q): Q {
  return a === Q.Yes || b === Q.Yes ? Q.Yes : a === Q.Unknown || b === Q.Unknown ? Q.Unknown : Q.No;
}

export class QuickCheck {
  private readonly model: CompiledModel;
  private readonly names: (Names | null | undefined)[];
  /** Name class index by QName key, for the single names of the grammar. */
  private readonly nameIds = new Map<string, number>();
  /** Per name set of the model, as a Set (built for the big ones, on first use). */
  private readonly idSets: (Set<number> | undefined)[];
  /** Per interleave or group node: part index by name id (-1: shared, not handled). */
  private readonly partOf: (Map<number, number> | undefined)[];
  private readonly anyOf: (AnyElements | undefined)[];
  /** Per choice node: its token values (null: not a choice of tokens only). */
  private readonly tokens: (Set<string> | null | undefined)[];
  /**
   * Content ids, across documents: an element's text as written (start tag
   * to end tag), numbered, per namespaces in scope (written as one string).
   * The same text under the same namespaces parses to the same names,
   * values, text and children (documents with a DOCTYPE are left out: its
   * entities can give the same text another meaning), so it gets the same
   * verdict against an element pattern; and documents share most of their
   * subtrees (a corpus run, and every lint of a document being edited in the
   * language server). The text is sliced from the document, not rebuilt from
   * the tree: building such keys cost a third of a corpus run's schema check.
   */
  private contentIds = new Map<string, Map<string, number>>();
  /** The table of `contentIds` for a scope object (scopes are shared by the elements under them). */
  private tables = new WeakMap<Scope, Map<string, number>>();
  private contentCount = 0;
  /** Characters of the documents the keys were cut from (bounded with them). */
  private contentChars = 0;
  /** The text of the last document a key was cut from (counted once in contentChars). */
  private keptText: string | undefined;
  /** element() verdicts by content id and element pattern: `id * elementCount + e`. */
  private readonly verdicts = new Map<number, boolean>();
  private readonly elementCount: number;
  // Per document:
  private ids = new Map<XmlElement, number>();
  /** The document's text; undefined when it gives no content ids (contentId). */
  private text: string | undefined;
  /** Ids of content not remembered across documents (negative), and their verdicts. */
  private unique = -1;
  private local = new Map<number, boolean>();
  private exact: Exact = () => false;

  /** One per grammar: what it learns of the grammar's nodes serves every document. */
  constructor(private readonly grammar: Grammar) {
    this.model = grammar.model;
    const count = this.model.nodeAt.length - 1;
    this.names = new Array(count);
    this.idSets = new Array(this.model.nameSetAt.length - 1);
    this.partOf = new Array(count);
    this.anyOf = new Array(count);
    this.tokens = new Array(count);
    this.elementCount = this.model.elements.length / 2;
    const { names, strings: str } = this.model;
    for (let i = 0, at = 0; at < names.length; i++, at += NAME_WIDTH) {
      if (names[at] === NameOp.Name) this.nameIds.set(str[names[at + 1]] === '' ? str[names[at + 2]] : `{${str[names[at + 1]]}}${str[names[at + 2]]}`, i);
    }
  }

  /** Whether the document's root is shown valid against the grammar's start; `exact` checks an element the quick check cannot. */
  root(doc: XmlDocument, exact: Exact): boolean {
    // Bounded: forgotten between documents, never in the middle of one (ids would change under it).
    if (this.contentCount > MAX_CONTENTS || this.contentChars > MAX_CONTENT_CHARS) {
      this.contentIds = new Map();
      this.tables = new WeakMap();
      this.verdicts.clear();
      this.contentCount = 0;
      this.contentChars = 0;
      this.keptText = undefined;
    }
    this.ids = new Map();
    this.local = new Map();
    this.text = doc.contentText;
    this.exact = exact;
    const root = doc.root;
    const at = this.model.nodeAt[this.model.start];
    if (this.model.nodes[at] !== Op.Ref) return false;
    const e = this.model.nodes[at + 1];
    const s = declare(root, ROOT_SCOPE);
    if (this.idOf(elementKey(root.name, s)) !== this.model.elements[2 * e]) return false;
    // Only "shown valid" is remembered for the root: otherwise the derivative walk decides, and explains.
    const id = this.contentId(root, s);
    const key = id * this.elementCount + e;
    if (this.verdicts.get(key) === true) return true;
    const shown = this.elementQuick(e, root, s) === Q.Yes;
    if (shown && id >= 0) this.verdicts.set(key, true);
    return shown;
  }

  /**
   * Whether `el` (its scope declared) is valid against element pattern `e`,
   * for the derivative walk of a document the quick check did not show valid
   * (after `root` for that document): what is valid needs no deriving.
   */
  valid(e: number, el: XmlElement, scope: Scope): boolean {
    return this.element(e, el, scope) === Q.Yes;
  }

  /**
   * Whether `el` (its scope already declared) is valid against element pattern
   * `e`: shown quickly, or else by the exact check of this element alone.
   */
  private element(e: number, el: XmlElement, scope: Scope): Q {
    const id = this.contentId(el, scope);
    const key = id * this.elementCount + e;
    const verdicts = id >= 0 ? this.verdicts : this.local;
    let r = verdicts.get(key);
    if (r === undefined) {
      const q = this.elementQuick(e, el, scope);
      r = q === Q.Unknown ? this.exact(e, el, scope) : q === Q.Yes;
      verdicts.set(key, r);
    }
    return r ? Q.Yes : Q.No;
  }

  /**
   * The content id of `el` (its scope declared): what the verdict of any
   * element pattern depends on. Negative for an element not remembered across
   * documents (too long, or in a document without content ids); its verdicts
   * are kept for this document only.
   */
  private contentId(el: XmlElement, scope: Scope): number {
    let id = this.ids.get(el);
    if (id !== undefined) return id;
    const { start, end } = el.range;
    if (this.text === undefined || end - start > MAX_KEY_CHARS) id = this.unique--;
    else {
      const table = this.tableOf(scope);
      const key = this.text.slice(start, end);
      id = table.get(key);
      if (id === undefined) {
        table.set(key, (id = this.contentCount++));
        if (this.keptText !== this.text) {
          this.keptText = this.text;
          this.contentChars += this.text.length;
        }
      }
    }
    this.ids.set(el, id);
    return id;
  }

  /** The content ids of the elements under these namespaces (the separators are characters XML does not allow). */
  private tableOf(scope: Scope): Map<string, number> {
    let table = this.tables.get(scope);
    if (!table) {
      let key = '';
      for (const [prefix, ns] of [...scope].sort((a, b) => (a[0] < b[0] ? -1 : 1))) key += `${prefix}\u0001${ns}\u0002`;
      table = this.contentIds.get(key);
      if (!table) this.contentIds.set(key, (table = new Map()));
      this.tables.set(scope, table);
    }
    return table;
  }

  private elementQuick(e: number, el: XmlElement, scope: Scope): Q {
    const atts: Att[] = [];
    const attributes = el.attributes;
    for (let i = 0; i < attributes.length; i++) {
      const a = attributes[i];
      if (isNamespaceDeclaration(a.name)) continue;
      atts.push({ id: -1 - this.idOf(attributeKey(a.name, scope)), value: a.value });
    }
    const children: Child[] = [];
    let text = '';
    const nodes = el.children;
    for (let i = 0; i < nodes.length; i++) {
      const c = nodes[i];
      if (c.kind === 'element') {
        const s = declare(c, scope);
        children.push({ id: this.idOf(elementKey(c.name, s)), el: c, scope: s });
      } else if (c.kind === 'text') text += c.value;
    }
    const content = this.model.elements[2 * e + 1];
    if (children.length) return isWhitespace(text) ? this.match(content, atts, children, ABSENT) : Q.Unknown;
    // No child element: the text is matched whole; white space may also be ignored.
    const withText = this.match(content, atts, children, text);
    return withText !== Q.Yes && isWhitespace(text) ? either(withText, this.match(content, atts, children, ABSENT)) : withText;
  }

  /** Whether model node `n` matches exactly these attributes, children (in order) and text. */
  private match(n: number, atts: Att[], children: Child[], text: string | undefined): Q {
    // Nothing to match (most optional parts of an interleave): the build said whether the node allows that.
    if (text === undefined && atts.length === 0 && children.length === 0) return this.model.nodeNames[n] & 2 ? Q.Yes : Q.No;
    const names = this.namesOf(n);
    if (!names) {
      const any = this.anyElements(n);
      if (any === AnyElements.No) return Q.Unknown;
      // Wildcard elements that take anything (libvirt's <metadata> content): only the count and the absence of attributes and text matter.
      const count = any === AnyElements.One ? children.length === 1 : any === AnyElements.OneOrMore ? children.length > 0 : any === AnyElements.Optional ? children.length <= 1 : true;
      return count && atts.length === 0 && (text === undefined || isWhitespace(text)) ? Q.Yes : Q.No;
    }
    if (!this.covers(names, atts, children, text)) return Q.No;
    if (names.textOnly) {
      return (text === undefined ? (this.model.nodeNames[n] & 2) !== 0 : this.textMatches(n, text)) ? Q.Yes : Q.No;
    }
    const d = this.model.nodes;
    const at = this.model.nodeAt[n];
    switch (d[at] as Op) {
      case Op.Empty:
        return atts.length === 0 && children.length === 0 ? Q.Yes : Q.No;
      case Op.Attribute:
        if (atts.length !== 1 || children.length) return Q.No;
        return this.textMatches(d[at + 2], atts[0].value) ? Q.Yes : Q.No;
      case Op.Ref: {
        if (atts.length || children.length !== 1) return Q.No;
        const c = children[0];
        return this.element(d[at + 1], c.el, c.scope);
      }
      case Op.Choice: {
        let r = Q.No;
        const end = this.model.nodeAt[n + 1];
        for (let i = at + 1; i < end && r !== Q.Yes; i++) r = either(r, this.match(d[i], atts, children, text));
        return r;
      }
      case Op.Interleave:
      case Op.Group:
        return this.matchParts(n, atts, children, text);
      case Op.OneOrMore:
        return this.matchRepeated(d[at + 1], atts, children, text);
      default:
        return Q.No;
    }
  }

  /**
   * Whether text `s` (an attribute's value, or an element's text) matches
   * model node `n`. Read from the model where the node is text, empty, a
   * value, data without `except`, or a choice of these (libvirt's attributes
   * are); any other form is decided by the grammar's patterns. Building those
   * patterns was a good part of a cold lint's schema check.
   */
  private textMatches(n: number, s: string): boolean {
    const quick = this.textQuick(n, s);
    return quick !== undefined ? quick : this.grammar.patterns.valueMatches(this.grammar.patternOf(n), s);
  }

  /** textMatches from the model; undefined: a form it leaves to the patterns. */
  private textQuick(n: number, s: string): boolean | undefined {
    const d = this.model.nodes;
    const at = this.model.nodeAt[n];
    switch (d[at] as Op) {
      case Op.Text:
        return true;
      // As the patterns: a node that matches nothing takes white space (valueMatches).
      case Op.Empty:
        return isWhitespace(s);
      case Op.NotAllowed:
        return false;
      case Op.Value:
        return this.grammar.datatypeOf(d[at + 1]).equal(this.model.strings[d[at + 2]], s);
      case Op.Data:
        return d[at + 2] >= 0 ? undefined : this.grammar.datatypeOf(d[at + 1]).allows(s);
      case Op.Choice: {
        // An enumeration of tokens: one set lookup, as the patterns do (Patterns.tokenSet).
        const tokens = this.tokensOf(n);
        if (tokens) return tokens.has(collapse(s));
        let unknown = false;
        const end = this.model.nodeAt[n + 1];
        for (let i = at + 1; i < end; i++) {
          const r = this.textQuick(d[i], s);
          if (r === true) return true;
          if (r === undefined) unknown = true;
        }
        return unknown ? undefined : false;
      }
      default:
        return undefined;
    }
  }

  /** The values of a choice of token values only, whitespace-collapsed; null for any other node. */
  private tokensOf(n: number): Set<string> | null {
    let tokens = this.tokens[n];
    if (tokens === undefined) {
      const d = this.model.nodes;
      const end = this.model.nodeAt[n + 1];
      tokens = new Set();
      for (let i = this.model.nodeAt[n] + 1; i < end && tokens; i++) {
        const at = this.model.nodeAt[d[i]];
        const dt = d[at] === Op.Value ? this.grammar.datatypeOf(d[at + 1]) : undefined;
        if (dt && isPlainToken(dt)) tokens.add(collapse(this.model.strings[d[at + 2]]));
        else tokens = null;
      }
      this.tokens[n] = tokens;
    }
    return tokens;
  }

  /** Interleave or group: each attribute and child goes to the one part that names it; a group's children must come in its order. */
  private matchParts(n: number, atts: Att[], children: Child[], text: string | undefined): Q {
    const partOf = this.partsOf(n);
    if (!partOf) return Q.Unknown;
    // Part i is node d[first + i].
    const d = this.model.nodes;
    const first = this.model.nodeAt[n] + 1;
    const parts = this.model.nodeAt[n + 1] - first;
    const group = d[first - 1] === Op.Group;
    const info = this.model.nodeNames;
    // Only the parts given something get arrays (an interleave of <devices> has dozens of parts, most left empty).
    const attsOf: (Att[] | undefined)[] = atts.length ? [] : NONE;
    const childrenOf: (Child[] | undefined)[] = children.length ? [] : NONE;
    for (let k = 0; k < atts.length; k++) {
      const a = atts[k];
      const i = partOf.get(a.id)!; // covered (match): named by some part
      if (i < 0) return Q.Unknown;
      const list = attsOf[i];
      if (list) list.push(a);
      else attsOf[i] = [a];
    }
    let last = 0;
    for (let k = 0; k < children.length; k++) {
      const c = children[k];
      const i = partOf.get(c.id)!;
      if (i < 0) return Q.Unknown;
      if (group && i < last) return Q.No;
      last = i;
      const list = childrenOf[i];
      if (list) list.push(c);
      else childrenOf[i] = [c];
    }
    // Text goes to the one part that can take it (two such parts: not handled).
    let textPart = -1;
    if (text !== undefined) {
      for (let i = 0; i < parts; i++) {
        if ((info[d[first + i]] & 1) === 0) continue;
        if (textPart >= 0) return Q.Unknown;
        textPart = i;
      }
    }
    let r = Q.Yes;
    for (let i = 0; i < parts; i++) {
      const a = attsOf[i];
      const c = childrenOf[i];
      // A part given nothing matches if it is nullable (match's first test, without the call).
      const q = a || c || i === textPart ? this.match(d[first + i], a ?? NONE, c ?? NONE, i === textPart ? text : ABSENT) : info[d[first + i]] & 2 ? Q.Yes : Q.No;
      if (q === Q.No) return Q.No;
      if (q === Q.Unknown) r = Q.Unknown;
    }
    return r;
  }

  /** oneOrMore: handled when each repetition is one child element (a ref, or a choice of refs) and nothing else. */
  private matchRepeated(n: number, atts: Att[], children: Child[], text: string | undefined): Q {
    const names = this.namesOf(n)!; // known (match)
    if ((names.ids.length && names.ids[0] < 0) || names.text || !this.oneElement(n)) return Q.Unknown;
    if (atts.length || children.length === 0 || (text !== undefined && !isWhitespace(text))) return Q.No;
    let r = Q.Yes;
    for (let k = 0; k < children.length; k++) {
      const q = this.match(n, atts, [children[k]], ABSENT);
      if (q === Q.No) return Q.No;
      if (q === Q.Unknown) r = Q.Unknown;
    }
    return r;
  }

  /**
   * Whether node `n` is a ref to, or zero or more or one or more of, an
   * element that takes anything: any name, and any attributes, text and such
   * elements inside (libvirt's customElement, the content of <metadata>).
   */
  private anyElements(n: number): AnyElements {
    let r = this.anyOf[n];
    if (r === undefined) {
      const node = this.nodeOf(n);
      r = AnyElements.No;
      if (node[0] === Op.Ref && this.takesAnything(node[1])) r = AnyElements.One;
      else if (node[0] === Op.OneOrMore && this.anyElements(node[1]) === AnyElements.One) r = AnyElements.OneOrMore;
      else if (node[0] === Op.Choice && node.length === 3) {
        // optional / zeroOrMore: a choice of empty and one or more of them.
        const [a, b] = [this.nodeOf(node[1]), this.nodeOf(node[2])];
        const other = a[0] === Op.Empty ? node[2] : b[0] === Op.Empty ? node[1] : -1;
        const inner = other >= 0 ? this.anyElements(other) : AnyElements.No;
        if (inner === AnyElements.One) r = AnyElements.Optional;
        else if (inner === AnyElements.OneOrMore) r = AnyElements.Any;
      }
      this.anyOf[n] = r;
    }
    return r;
  }

  /** Whether element pattern `e` is `element * { (attribute * { text } | text | e)* }`. */
  private takesAnything(e: number): boolean {
    const names = this.model.names;
    const nodes = (i: number) => this.nodeOf(i);
    const [nc, content] = [this.model.elements[2 * e] * NAME_WIDTH, this.model.elements[2 * e + 1]];
    if (names[nc] !== NameOp.AnyName || names[nc + 1] >= 0) return false;
    // zeroOrMore(x) is choice(empty, oneOrMore(x)); x is the choice of the three, in any order.
    const c = nodes(content);
    if (c[0] !== Op.Choice || c.length !== 3) return false;
    const repeated = nodes(c[1])[0] === Op.Empty ? nodes(c[2]) : nodes(c[2])[0] === Op.Empty ? nodes(c[1]) : undefined;
    if (!repeated || repeated[0] !== Op.OneOrMore) return false;
    const x = nodes(repeated[1]);
    if (x[0] !== Op.Choice || x.length !== 4) return false;
    let att = false;
    let text = false;
    let self = false;
    for (let i = 1; i < x.length; i++) {
      const m = nodes(x[i]);
      if (m[0] === Op.Text) text = true;
      else if (m[0] === Op.Ref && m[1] === e) self = true;
      else if (m[0] === Op.Attribute && names[m[1] * NAME_WIDTH] === NameOp.AnyName && names[m[1] * NAME_WIDTH + 1] < 0 && nodes(m[2])[0] === Op.Text) att = true;
    }
    return att && text && self;
  }

  /** Whether node `n` always matches exactly one element (a ref or a choice of them). */
  private oneElement(n: number): boolean {
    const d = this.model.nodes;
    const at = this.model.nodeAt[n];
    if (d[at] === Op.Ref) return true;
    if (d[at] !== Op.Choice) return false;
    for (let i = at + 1; i < this.model.nodeAt[n + 1]; i++) if (!this.oneElement(d[i])) return false;
    return true;
  }

  /** Node `n` as [op, operands...] (for the checks made once per node). */
  private nodeOf(n: number): IntTable {
    return nodeOf(this.model, n);
  }

  private partsOf(n: number): Map<number, number> | null {
    let map = this.partOf[n];
    if (map) return map;
    map = new Map();
    const d = this.model.nodes;
    const first = this.model.nodeAt[n] + 1;
    for (let i = first; i < this.model.nodeAt[n + 1]; i++) {
      const names = this.namesOf(d[i]);
      if (!names) return null;
      const ids = names.ids;
      for (let k = 0; k < ids.length; k++) map.set(ids[k], map.has(ids[k]) ? -1 : i - first);
    }
    this.partOf[n] = map;
    return map;
  }

  /** The attribute and element names node `n` can take outside child elements (null: a wildcard or name choice). */
  private namesOf(n: number): Names | null {
    let r = this.names[n];
    if (r === undefined) {
      const set = (this.model.nodeNames[n] >> 2) - 1;
      if (set < 0) r = null;
      else {
        const ids = entriesOf(this.model.nameSets, this.model.nameSetAt[set], this.model.nameSetAt[set + 1]);
        const text = (this.model.nodeNames[n] & 1) === 1;
        r = { ids, set, text, textOnly: text && ids.length === 0 };
      }
      this.names[n] = r;
    }
    return r;
  }

  /** Whether a set of names has this id: a scan for small sets, a Set for big ones. */
  private has(names: Names, id: number): boolean {
    const ids = names.ids;
    if (ids.length <= 16) return ids.includes(id);
    let set = this.idSets[names.set];
    if (!set) this.idSets[names.set] = set = new Set(ids);
    return set.has(id);
  }

  /** Whether a choice's alternative names every attribute and child given, and can take the text (a cheap filter). */
  private covers(names: Names, atts: Att[], children: Child[], text: string | undefined): boolean {
    for (let i = 0; i < atts.length; i++) if (!this.has(names, atts[i].id)) return false;
    for (let i = 0; i < children.length; i++) if (!this.has(names, children[i].id)) return false;
    return text === undefined || names.text || isWhitespace(text);
  }

  private idOf(key: string): number {
    return this.nameIds.get(key) ?? NOT_IN_GRAMMAR;
  }
}
