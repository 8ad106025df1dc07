/**
 * Internal entities, expanded as libvirt's libxml2 expands them, and refused
 * where it refuses them.
 *
 * libvirt parses with XML_PARSE_NONET | XML_PARSE_NOWARNING (no
 * XML_PARSE_NOENT): libxml2 keeps entity references as nodes, and libvirt
 * reads through them (xmlNodeGetContent, xmlGetProp), so an attribute or an
 * element text sees the replacement text. Elements inside a replacement text
 * are not seen by libvirt's XPath lookups, so only their text reaches the
 * tree here. External entities are never loaded, by libvirt or by virt-lint:
 * in element text they read as nothing, in an attribute they are an error.
 *
 * The refusals are those of libxml2 2.9.14 (Debian 12, virsh 9.0.0), whose
 * accounting is reproduced step by step (parser.c: xmlParseReference,
 * xmlParseAttValueComplex, xmlStringLenDecodeEntities, xmlParserEntityCheck,
 * xmlParseBalancedChunkMemoryInternal): every entity reference counts, the
 * first expansion of an entity records how many references it took, and an
 * expansion taking more than ~3.3 references per byte read so far is
 * refused as "Detected an entity reference loop", as is nesting beyond 40
 * levels of its depth counter. libxml2 2.11 and later replaced that
 * heuristic: they refuse expansions beyond 1,000,000 bytes that exceed 5
 * times the input read ("Maximum entity amplification factor exceeded").
 * Both are applied, the second also bounding the memory virt-lint spends.
 * On top of that virt-lint stops, with an error that says so, after a fixed
 * amount of expansion work, so no document can make it slow.
 */
import type { Doctype, EntityDecl } from './dtd.js';
import { Malformed, clip, isPredefined, matchName, PREDEFINED, readCharRef, utf8Length } from './xml-syntax.js';

/** A libxml2 parser context, as far as entity accounting goes. */
export interface EntityContext {
  /** libxml2's nbentities: entity references counted in this context. */
  nb: number;
  /** libxml2's depth: entity nesting, as libxml2 counts it. */
  depth: number;
  /** Whether this is the document itself (an entity's replacement text is parsed in a context of its own). */
  readonly document: boolean;
  /** UTF-8 bytes of this context's input before `offset` (libxml2's "consumed"). */
  bytesAt(offset: number): number;
}

/** What parsing a replacement text as element content produced. */
export interface FragmentResult {
  /** Its character data, in document order (what xmlNodeGetContent returns for it). */
  text: string;
  /** Whether it produced any node (text, element, comment, …): libxml2 then keeps the node list. */
  nodes: boolean;
}

export type FragmentParser = (text: string, context: EntityContext) => FragmentResult;

/** libxml2 2.11+: XML_PARSER_ALLOWED_EXPANSION and the default maximum amplification. */
const ALLOWED_EXPANSION = 1_000_000;
const MAX_AMPLIFICATION = 5;
/** Expansion work (references and characters copied) virt-lint does before giving up. */
const MAX_WORK = 5_000_000;
/** libxml2's limit on its depth counter without XML_PARSE_HUGE. */
const MAX_DEPTH = 40;

const LIBXML_LOOP = 'libvirt: "Detected an entity reference loop"';

interface EntityState {
  /** libxml2's ent->checked: 0 unchecked, 1 being checked, else 2 × references (+1 when the text holds '<'). */
  checked: number;
  /** libxml2's ent->owner. */
  owner: 0 | 1;
  /** libxml2's ent->children != NULL: a node list was kept. */
  children: boolean;
  /** The text libvirt reads through a reference (set on the first expansion). */
  text?: string;
}

/** An error inside a replacement text, reported at the reference in the document. */
class EntityError extends Malformed {
  constructor(
    readonly base: string,
    readonly chain: string[],
    offset: number,
  ) {
    super(`${base} (${describeChain(chain)})`, offset);
  }
}

/** Refused expansion, reported at the reference that started it. */
class ExpansionError extends Malformed {
  constructor(
    readonly kind: 'loop' | 'amplification' | 'work',
    name: string,
    offset: number,
    detail = '',
  ) {
    const ref = `'&${clip(name)};'`;
    super(
      kind === 'loop'
        ? `entity ${ref} refers to itself or expands too much (an entity bomb); libvirt's XML parser refuses it (${LIBXML_LOOP})`
        : kind === 'amplification'
          ? `entity ${ref} expands the document too much (${detail}); libxml2 2.11 and later refuse it (libvirt: "Maximum entity amplification factor exceeded")`
          : `entity ${ref} takes more expansion work than virt-lint allows (${MAX_WORK.toLocaleString('en-US')} steps); it is an entity bomb or close to one, and virt-lint does not check the file`,
      offset,
    );
  }
}

export class EntityModel {
  private readonly states = new Map<EntityDecl, EntityState>();
  private work = 0;
  /** Characters of replacement text placed in the document so far. */
  private expanded = 0;
  /** Entities referenced by the attributes of the start tag being read. */
  private readonly inStartTag: EntityDecl[] = [];
  /** The name of the entity referenced from the document that is being expanded (for messages). */
  private outer = '';

  constructor(
    private readonly doctype: Doctype,
    /** standalone='yes' in the XML declaration. */
    private readonly standalone: boolean,
    private readonly parseFragment: FragmentParser,
  ) {}

  /** `&name;` (not a predefined entity) in element content, from `start` to `end` of the context's input. */
  content(context: EntityContext, name: string, start: number, end: number): string {
    if (context.document) this.outer = name;
    const ent = this.lookup(context, name, start, false);
    if (!ent) return '';
    const state = this.stateOf(ent);
    let wasChecked = state.checked;
    if (state.checked === 0 && ent.kind === 'internal') {
      const before = context.nb;
      context.depth++;
      const result = this.chunk(context, ent, start);
      context.depth--;
      state.checked = Math.min(context.nb - before + 1, 0x3fffffff) * 2 + (ent.value.includes('<') ? 1 : 0);
      this.density(context, state, end, start);
      if (result.nodes) {
        state.children = true;
        state.owner = 1;
      }
      state.text = result.text;
      wasChecked = 0;
    } else if (state.checked !== 1) {
      context.nb += state.checked >> 1;
    }
    if (!state.children && wasChecked !== 0 && ent.kind === 'internal') {
      // No node list was kept (an empty text): libxml2 parses the text again on every reference.
      context.depth++;
      this.chunk(context, ent, start);
      context.depth--;
    }
    const text = state.text ?? '';
    this.place(context, name, text.length, start, end);
    return text;
  }

  /** `&name;` (not a predefined entity) in an attribute value. */
  attribute(context: EntityContext, name: string, start: number, end: number): string {
    if (context.document) this.outer = name;
    const ent = this.lookup(context, name, start, true);
    context.nb++; // xmlParseAttValueComplex counts the reference once more
    if (!ent) return '';
    const state = this.stateOf(ent);
    context.nb += state.owner;
    if (ent.kind === 'internal' && state.checked === 0) {
      const before = context.nb;
      context.depth++;
      const text = this.decode(context, ent, context.bytesAt(end), start);
      context.depth--;
      state.checked = Math.min(context.nb - before + 1, 0x3fffffff) * 2 + (text.includes('<') ? 1 : 0);
      state.text ??= text;
    }
    this.inStartTag.push(ent);
    const text = state.text ?? '';
    this.place(context, name, text.length, start, end);
    return text;
  }

  /** `&amp;` and the other predefined entities in an attribute value: libxml2 counts them there. */
  attributePredefined(context: EntityContext): void {
    context.nb++;
  }

  /**
   * The start tag is complete: libxml2 now builds the attribute nodes, and
   * with them a node list for every entity they reference that has none
   * (xmlStringLenGetNodeList), which changes how later references count.
   */
  endStartTag(): void {
    for (const ent of this.inStartTag) this.buildNodeList(ent);
    this.inStartTag.length = 0;
  }

  private buildNodeList(ent: EntityDecl): void {
    const state = this.stateOf(ent);
    if (state.children || ent.kind !== 'internal') return;
    state.owner = 1;
    if (ent.value === '') return;
    state.children = true;
    for (const name of referencedNames(ent.value)) {
      this.charge(1, ent.name, ent.offset);
      const inner = this.doctype.general.get(name);
      if (inner && !isPredefined(name)) this.buildNodeList(inner);
    }
  }

  /** xmlParseEntityRef / xmlParseStringEntityRef after the name: counting and the checks on the entity. */
  private lookup(context: EntityContext, name: string, at: number, inAttribute: boolean): EntityDecl | undefined {
    context.nb++;
    this.charge(1, name, at);
    const ent = this.doctype.general.get(name);
    if (!ent) {
      const lenient = context.document && !this.standalone && (this.doctype.hasExternalSubset || this.doctype.hasPERefs);
      if (!lenient) throw new Malformed(`entity '&${clip(name)};' is not declared (libvirt: "Entity '${clip(name)}' not defined")`, at);
      // Only a warning: the reference reads as nothing. Past 10,000 references libxml2 gives up.
      if (context.nb > 10_000) throw new ExpansionError('loop', this.outer || name, at);
      return undefined;
    }
    if (ent.kind === 'unparsed') throw new Malformed(`entity '&${clip(name)};' is an unparsed (NDATA) entity (libvirt: "Entity reference to unparsed entity ${clip(name)}")`, at);
    if (inAttribute) {
      if (ent.kind === 'external') {
        throw new Malformed(`attribute value refers to external entity '&${clip(name)};', which libvirt never loads (libvirt: "Attribute references external entity '${clip(name)}'")`, at);
      }
      const state = this.stateOf(ent);
      if (((state.checked & 1) === 1 || state.checked === 0) && ent.value.includes('<')) {
        throw new Malformed(`entity '&${clip(name)};' holds '<' and is used in an attribute value (libvirt: "'<' in entity '${clip(name)}' is not allowed in attributes values")`, at);
      }
    }
    return ent;
  }

  /** xmlParseBalancedChunkMemoryInternal: the replacement text parsed as content, in a context of its own. */
  private chunk(context: EntityContext, ent: EntityDecl, at: number): FragmentResult {
    if (context.depth > MAX_DEPTH) throw new ExpansionError('loop', this.outer, at);
    this.charge(ent.value.length, ent.name, at);
    const value = ent.value;
    let cursor = 0;
    let bytes = 0;
    const inner: EntityContext = {
      nb: 0,
      depth: context.depth + 1,
      document: false,
      bytesAt(offset: number) {
        if (offset < cursor) {
          cursor = 0;
          bytes = 0;
        }
        bytes += utf8Length(value, cursor, offset);
        cursor = offset;
        return bytes;
      },
    };
    try {
      return this.parseFragment(value, inner);
    } catch (e) {
      if (e instanceof ExpansionError) throw new ExpansionError(e.kind, this.outer, at);
      if (e instanceof EntityError) throw new EntityError(e.base, [ent.name, ...e.chain], at);
      if (e instanceof Malformed) throw new EntityError(e.message, [ent.name], at);
      throw e;
    } finally {
      context.nb += inner.nb;
    }
  }

  /** xmlParserEntityCheck with an entity: its recorded references against the bytes read. */
  private density(context: EntityContext, state: EntityState, end: number, at: number): void {
    const size = state.checked >> 1;
    if (size * 3 >= context.bytesAt(end) * 10) throw new ExpansionError('loop', this.outer, at);
  }

  /**
   * xmlStringDecodeEntities(…, XML_SUBSTITUTE_REF): the replacement text
   * of `ent` with every reference expanded, as libxml2 computes it for an
   * attribute value, counting as it counts. `consumed` is fixed: no input
   * is read meanwhile.
   */
  private decode(context: EntityContext, ent: EntityDecl, consumed: number, at: number): string {
    if (context.depth > MAX_DEPTH) throw new ExpansionError('loop', this.outer, at);
    const value = ent.value;
    let out = '';
    let bytes = 0;
    let size = 300; // XML_PARSER_BIG_BUFFER_SIZE
    const grow = (n: number, checked: boolean) => {
      while (bytes + n + 100 > size) {
        const reached = Math.max(bytes + 1, size - 99);
        if (checked && reached >= 1000 && (reached >= 10 * consumed || context.nb * 3 >= 10 * consumed)) {
          throw new ExpansionError('loop', this.outer, at);
        }
        size = size * 2 + 100;
      }
      bytes += n;
    };
    let last = 0;
    for (let i = value.indexOf('&'); i >= 0; i = value.indexOf('&', last)) {
      const plain = value.slice(last, i);
      out += plain;
      grow(utf8Length(plain), false);
      this.charge(plain.length + 1, ent.name, at);
      if (value[i + 1] === '#') {
        const { code, end } = rethrowAt(() => readCharRef(value, i, value.length, 'xmlParseStringCharRef'), ent.name, at);
        const ch = String.fromCodePoint(code);
        out += ch;
        grow(utf8Length(ch), false);
        last = end;
        continue;
      }
      const name = matchName(value, i + 1);
      if (!name) throw new EntityError(`'&' without a name (libvirt: "xmlParseStringEntityRef: no name")`, [ent.name], at);
      const end = i + 1 + name.length;
      if (value[end] !== ';') throw new EntityError(`entity reference '&${clip(name)}' lacks its ';' (libvirt: "EntityRef: expecting ';'")`, [ent.name], at);
      last = end + 1;
      if (isPredefined(name)) {
        out += PREDEFINED[name];
        grow(1, false);
        continue;
      }
      const inner = this.lookupInside(context, name, ent, at);
      if (!inner) continue;
      const state = this.stateOf(inner);
      this.check(context, inner, consumed, at);
      context.nb += state.checked >> 1;
      if (inner.kind !== 'internal') continue;
      context.depth++;
      const rep = this.decode(context, inner, consumed, at);
      context.depth--;
      out += rep;
      this.charge(rep.length, inner.name, at);
      grow(utf8Length(rep), true);
    }
    const tail = value.slice(last);
    out += tail;
    grow(utf8Length(tail), false);
    this.charge(tail.length, ent.name, at);
    return out;
  }

  /** A reference inside a replacement text being decoded for an attribute value. */
  private lookupInside(context: EntityContext, name: string, within: EntityDecl, at: number): EntityDecl | undefined {
    try {
      return this.lookup(context, name, at, true);
    } catch (e) {
      if (e instanceof ExpansionError) throw e;
      if (e instanceof Malformed) throw new EntityError(e.message, [within.name], at);
      throw e;
    }
  }

  /** xmlParserEntityCheck(ctxt, 0, ent, 0) from the decoder: the first check of an entity, then its density. */
  private check(context: EntityContext, ent: EntityDecl, consumed: number, at: number): void {
    const state = this.stateOf(ent);
    if (ent.kind === 'internal' && state.checked === 0) {
      state.checked = 1;
      const before = context.nb;
      context.depth++;
      const text = this.decode(context, ent, consumed, at);
      context.depth--;
      state.checked = Math.min(context.nb - before + 1, 0x3fffffff) * 2 + (text.includes('<') ? 1 : 0);
      state.text ??= text;
    }
    if ((state.checked >> 1) * 3 >= consumed * 10) throw new ExpansionError('loop', this.outer, at);
  }

  /** Replacement text placed in the document: libxml2 2.11's amplification limit, and virt-lint's memory bound. */
  private place(context: EntityContext, name: string, chars: number, start: number, end: number): void {
    if (!context.document) return;
    this.expanded += chars;
    if (this.expanded > ALLOWED_EXPANSION) {
      const read = context.bytesAt(end);
      if (this.expanded > MAX_AMPLIFICATION * read) {
        throw new ExpansionError('amplification', name, start, `${this.expanded.toLocaleString('en-US')} characters of replacement text from ${read.toLocaleString('en-US')} bytes`);
      }
    }
  }

  private charge(units: number, name: string, at: number): void {
    this.work += units;
    if (this.work > MAX_WORK) throw new ExpansionError('work', this.outer || name, at);
  }

  private stateOf(ent: EntityDecl): EntityState {
    let state = this.states.get(ent);
    if (!state) this.states.set(ent, (state = { checked: 0, owner: 0, children: false }));
    return state;
  }
}

/** "in the replacement text of entity '&b;', reached through '&c;'": where an error inside nested entities is. */
function describeChain(chain: string[]): string {
  const ref = (n: string) => `'&${clip(n)};'`;
  const inner = chain[chain.length - 1];
  const through = chain.slice(0, -1);
  const path = through.length > 3 ? [...through.slice(0, 3).map(ref), '…'] : through.map(ref);
  return `in the replacement text of entity ${ref(inner)}${path.length ? `, reached through ${path.join(' → ')}` : ''}`;
}

/** Names of the entity references (not character references) in a replacement text. */
function referencedNames(value: string): string[] {
  const names: string[] = [];
  for (let i = value.indexOf('&'); i >= 0; i = value.indexOf('&', i + 1)) {
    if (value[i + 1] === '#') continue;
    const name = matchName(value, i + 1);
    if (name && value[i + 1 + name.length] === ';') names.push(name);
  }
  return names;
}

function rethrowAt<T>(f: () => T, entity: string, at: number): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof Malformed) throw new EntityError(e.message, [entity], at);
    throw e;
  }
}
