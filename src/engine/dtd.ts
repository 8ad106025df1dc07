/**
 * The DOCTYPE declaration: what libxml2 (and so libvirt) reads from it.
 *
 * libvirt parses with XML_PARSE_NONET | XML_PARSE_NOWARNING and nothing
 * else, so libxml2 never loads the external subset or an external entity:
 * `<!ENTITY x SYSTEM "file:///etc/passwd">` is recorded but never read, and
 * neither does virt-lint read it. What matters is the internal subset: its
 * general entity declarations (expanded by entities.ts), its parameter
 * entities (internal ones are expanded here, between declarations, as
 * libxml2 does) and whether undeclared entities are an error or only a
 * warning (libxml2's hasExternalSubset / hasPErefs / standalone rule).
 *
 * ELEMENT, ATTLIST and NOTATION declarations are skipped over: they only
 * matter to a validating parser, which libvirt does not ask for.
 */
import { MAX_NAME_BYTES, MAX_TEXT_BYTES, Malformed, clip, exceedsBytes, isSpace, matchName, readCharRef } from './xml-syntax.js';

export interface EntityDecl {
  name: string;
  /** internal: a literal value; external: SYSTEM/PUBLIC, never loaded; unparsed: external with NDATA. */
  kind: 'internal' | 'external' | 'unparsed';
  /** The replacement text (character and parameter-entity references replaced); '' when not internal. */
  value: string;
  /** Where the declaration starts in the document. */
  offset: number;
}

export interface Doctype {
  name: string;
  /** The DOCTYPE names an external subset (which libvirt never loads). */
  hasExternalSubset: boolean;
  /** The internal subset referenced a parameter entity that is not external (libxml2's hasPErefs). */
  hasPERefs: boolean;
  general: Map<string, EntityDecl>;
  parameter: Map<string, EntityDecl>;
  /** Entity references libxml2 counted while reading the DTD (its nbentities). */
  references: number;
}

/** libxml2 refuses more than 40 nested parameter-entity inputs ("Detected an entity reference loop"). */
const MAX_PE_NESTING = 40;
/** Characters of parameter-entity text read in all: beyond this virt-lint stops (a PE bomb). */
const MAX_PE_TEXT = 4_000_000;

const LOOP = 'an entity reference loop or an exponential expansion in the DTD (libvirt: "Detected an entity reference loop")';

/**
 * Reads `<!DOCTYPE …>` starting at `start` (which holds '<!DOCTYPE').
 * Returns the declarations and the offset just past the closing '>'.
 */
export function readDoctype(text: string, start: number, standalone: boolean): { doctype: Doctype; end: number } {
  const reader = new DtdReader(text, standalone);
  const end = reader.doctype(start);
  return { doctype: reader.result, end };
}

class DtdReader {
  readonly result: Doctype = { name: '', hasExternalSubset: false, hasPERefs: false, general: new Map(), parameter: new Map(), references: 0 };
  private peText = 0;

  constructor(
    private readonly doc: string,
    private readonly standalone: boolean,
  ) {}

  doctype(start: number): number {
    const t = this.doc;
    let i = start + '<!DOCTYPE'.length;
    if (!isSpace(t[i])) throw new Malformed(`a space is required after '<!DOCTYPE' (libvirt: "Space required after 'DOCTYPE'")`, i);
    i = skipSpace(t, i);
    const name = matchName(t, i);
    if (!name) throw new Malformed('the DOCTYPE has no name (libvirt: "xmlParseDocTypeDecl : no DOCTYPE name !")', i);
    this.result.name = name;
    i += name.length;
    const afterName = skipSpace(t, i);
    if (afterName > i && (t.startsWith('SYSTEM', afterName) || t.startsWith('PUBLIC', afterName))) {
      i = this.externalId(t, afterName, true, afterName);
      this.result.hasExternalSubset = true;
    }
    i = skipSpace(t, i);
    if (t[i] === '[') {
      i = this.declarations({ text: t, top: true, errorAt: -1 }, i + 1);
      i = skipSpace(t, i + 1); // past ']'
    }
    if (t[i] !== '>') throw new Malformed("the DOCTYPE declaration is not closed with '>' (libvirt: \"DOCTYPE improperly terminated\")", Math.min(i, t.length));
    return i + 1;
  }

  /**
   * Markup declarations of the internal subset (top: up to its ']') or of
   * a parameter entity's replacement text (up to its end). Returns the
   * offset of the ']' (top) or the end of the text.
   */
  private declarations(input: Input, from: number, depth = 0): number {
    const t = input.text;
    let i = from;
    for (;;) {
      i = skipSpace(t, i);
      if (i >= t.length) {
        if (input.top) throw new Malformed("the DOCTYPE's internal subset is not closed with ']>' (libvirt: \"DOCTYPE improperly terminated\")", t.length);
        return i;
      }
      const at = input.top ? i : input.errorAt;
      if (input.top && t[i] === ']') return i;
      if (t.startsWith('<!ENTITY', i)) i = this.entityDecl(input, i, depth);
      else if (t.startsWith('<!ELEMENT', i) || t.startsWith('<!ATTLIST', i) || t.startsWith('<!NOTATION', i)) i = this.skipDecl(input, i);
      else if (t.startsWith('<!--', i)) {
        const end = t.indexOf('-->', i + 4);
        if (end < 0) throw new Malformed('comment not terminated (libvirt: "Comment not terminated")', at);
        const dashes = t.indexOf('--', i + 4);
        if (dashes < end || t[end - 1] === '-') throw new Malformed('\'--\' is not allowed inside a comment (libvirt refuses it: "Double hyphen within comment")', input.top ? dashes : at);
        i = end + 3;
      } else if (t.startsWith('<?', i)) {
        const end = t.indexOf('?>', i + 2);
        if (end < 0) throw new Malformed('processing instruction not terminated (libvirt: "PI never end")', at);
        i = end + 2;
      } else if (t[i] === '%') i = this.parameterReference(input, i, depth);
      else throw new Malformed('not a markup declaration in the DOCTYPE (libvirt: "xmlParseInternalSubset: error detected in Markup declaration")', at);
    }
  }

  private entityDecl(input: Input, start: number, depth: number): number {
    const t = input.text;
    const at = (i: number) => (input.top ? i : input.errorAt);
    let i = start + '<!ENTITY'.length;
    if (!isSpace(t[i])) throw new Malformed(`a space is required after '<!ENTITY' (libvirt: "Space required after '<!ENTITY'")`, at(i));
    i = skipSpace(t, i);
    let parameter = false;
    if (t[i] === '%') {
      parameter = true;
      i++;
      if (!isSpace(t[i])) throw new Malformed(`a space is required after '%' (libvirt: "Space required after '%'")`, at(i));
      i = skipSpace(t, i);
    }
    const name = matchName(t, i);
    if (!name) throw new Malformed('the entity declaration has no name (libvirt: "xmlParseEntityDecl: no name")', at(i));
    if (exceedsBytes(name, 0, name.length, MAX_NAME_BYTES)) throw new Malformed('entity name longer than 50,000 bytes (libvirt: "Name too long: Name")', at(i));
    i += name.length;
    if (!isSpace(t[i])) throw new Malformed(`a space is required after the entity name '${clip(name)}' (libvirt: "Space required after the entity name")`, at(i));
    i = skipSpace(t, i);
    let decl: EntityDecl;
    const offset = input.top ? start : input.errorAt;
    if (t[i] === '"' || t[i] === "'") {
      const { value, end } = this.entityValue(input, i, depth);
      decl = { name, kind: 'internal', value, offset };
      i = end;
    } else if (t.startsWith('SYSTEM', i) || t.startsWith('PUBLIC', i)) {
      i = this.externalId(t, i, input.top, input.errorAt);
      decl = { name, kind: 'external', value: '', offset };
      const afterId = skipSpace(t, i);
      if (t.startsWith('NDATA', afterId)) {
        if (parameter) throw new Malformed('a parameter entity cannot be unparsed (NDATA)', at(afterId));
        if (afterId === i) throw new Malformed(`a space is required before 'NDATA' (libvirt: "Space required before 'NDATA'")`, at(afterId));
        i = afterId + 5;
        if (!isSpace(t[i])) throw new Malformed(`a space is required after 'NDATA' (libvirt: "Space required after 'NDATA'")`, at(i));
        i = skipSpace(t, i);
        const notation = matchName(t, i);
        if (!notation) throw new Malformed("NDATA needs a notation name (libvirt: \"xmlParseEntityDecl: expecting ';'\")", at(i));
        i += notation.length;
        decl.kind = 'unparsed';
      }
    } else {
      throw new Malformed(`entity '${clip(name)}' has no value (libvirt: "Entity value required")`, at(i));
    }
    i = skipSpace(t, i);
    if (t[i] !== '>') throw new Malformed(`the declaration of entity '${clip(name)}' is not closed with '>' (libvirt: "xmlParseEntityDecl: entity ${clip(name)} not terminated")`, at(Math.min(i, t.length)));
    // The first declaration wins; later ones are ignored (libxml2 only warns).
    const table = parameter ? this.result.parameter : this.result.general;
    if (!table.has(name)) table.set(name, decl);
    return i + 1;
  }

  /** An EntityValue literal at `start` (the quote): its replacement text. */
  private entityValue(input: Input, start: number, depth: number): { value: string; end: number } {
    const t = input.text;
    const quote = t[start];
    const close = t.indexOf(quote, start + 1);
    if (close < 0) throw new Malformed('entity value not terminated (libvirt: "EntityValue: \\" or \' expected")', input.top ? start : input.errorAt);
    if (exceedsBytes(t, start + 1, close, MAX_TEXT_BYTES)) throw new Malformed('entity value longer than 10,000,000 bytes (libvirt: "entity value too long")', input.top ? start : input.errorAt);
    let out = '';
    let last = start + 1;
    for (let i = start + 1; i < close; i++) {
      const c = t[i];
      if (c !== '&' && c !== '%') continue;
      const at = input.top ? i : input.errorAt;
      if (c === '&' && t[i + 1] === '#') {
        const { code, end } = readCharRef(t, i, close, 'xmlParseStringCharRef');
        out += t.slice(last, i) + String.fromCodePoint(code);
        last = end;
        i = end - 1;
        continue;
      }
      const name = matchName(t, i + 1);
      if (!name || t[i + 1 + name.length] !== ';') throw new Malformed(`'${c}' in an entity value must start a reference such as ${c}name; (libvirt: "EntityValue: '${c}' forbidden except for entities references")`, at);
      const end = i + 1 + name.length + 1;
      if (c === '%') {
        if (input.top) throw new Malformed('a parameter-entity reference inside a declaration of the internal subset (libvirt: "PEReferences forbidden in internal subset")', at);
        out += t.slice(last, i) + this.parameterText(name, input, depth);
        last = end;
      }
      i = end - 1; // general entity references are kept as written
    }
    out += t.slice(last, close);
    return { value: out, end: close + 1 };
  }

  /** The replacement text of a parameter entity used inside an entity value (only possible inside another PE). */
  private parameterText(name: string, input: Input, depth: number): string {
    this.result.references++;
    const pe = this.result.parameter.get(name);
    if (!pe) {
      this.undeclaredParameter(name, input.errorAt);
      return '';
    }
    if (depth + 1 > MAX_PE_NESTING) throw new Malformed(LOOP, input.errorAt);
    this.charge(pe.value.length, input.errorAt);
    return pe.value;
  }

  /** `%name;` between declarations: its replacement text is read as declarations. */
  private parameterReference(input: Input, start: number, depth: number): number {
    const t = input.text;
    const at = input.top ? start : input.errorAt;
    const name = matchName(t, start + 1);
    if (!name) throw new Malformed('parameter-entity reference without a name (libvirt: "PEReference: no name")', at);
    const end = start + 1 + name.length;
    if (t[end] !== ';') throw new Malformed(`parameter-entity reference '%${clip(name)}' lacks its ';' (libvirt: "PEReference: expecting ';'")`, at);
    this.result.references++;
    const pe = this.result.parameter.get(name);
    if (!pe) this.undeclaredParameter(name, at);
    else if (pe.kind === 'external') return end + 1; // never loaded; libxml2 does not count it as a PE reference either
    else {
      if (depth + 1 > MAX_PE_NESTING) throw new Malformed(LOOP, at);
      this.charge(pe.value.length, at);
      this.declarations({ text: pe.value, top: false, errorAt: at }, 0, depth + 1);
    }
    this.result.hasPERefs = true;
    return end + 1;
  }

  private undeclaredParameter(name: string, at: number): void {
    const lenient = !this.standalone && (this.result.hasExternalSubset || this.result.hasPERefs);
    if (!lenient) throw new Malformed(`parameter entity '%${clip(name)};' is not declared (libvirt: "PEReference: %${clip(name)}; not found")`, at);
  }

  private charge(chars: number, at: number): void {
    this.peText += chars;
    if (this.peText > MAX_PE_TEXT) throw new Malformed(`parameter entities expand to more than ${MAX_PE_TEXT.toLocaleString('en-US')} characters: virt-lint does not read further (${LOOP})`, at);
  }

  /** ELEMENT, ATTLIST, NOTATION: up to the '>' that is outside quotes. */
  private skipDecl(input: Input, start: number): number {
    const t = input.text;
    let quote = '';
    for (let i = start + 2; i < t.length; i++) {
      const c = t[i];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '>') return i + 1;
      else if (c === '%' && input.top && matchName(t, i + 1)) {
        throw new Malformed('a parameter-entity reference inside a declaration of the internal subset (libvirt: "PEReference: forbidden within markup decl in internal subset")', i);
      }
    }
    throw new Malformed("markup declaration not closed with '>' (libvirt: \"expected '>'\")", input.top ? start : input.errorAt);
  }

  /** SYSTEM "uri" | PUBLIC "pubid" "uri" at `start`; returns the offset after it. */
  private externalId(t: string, start: number, top: boolean, errorAt: number): number {
    const at = (i: number) => (top ? i : errorAt);
    const isPublic = t.startsWith('PUBLIC', start);
    let i = start + 6;
    const keyword = isPublic ? 'PUBLIC' : 'SYSTEM';
    if (!isSpace(t[i])) throw new Malformed(`a space is required after '${keyword}' (libvirt: "Space required after '${keyword}'")`, at(i));
    i = skipSpace(t, i);
    if (isPublic) {
      i = this.literal(t, i, at, true);
      if (!isSpace(t[i])) throw new Malformed('a system identifier must follow the public one (libvirt: "Space required after the Public Identifier")', at(i));
      i = skipSpace(t, i);
    }
    return this.literal(t, i, at, false);
  }

  private literal(t: string, start: number, at: (i: number) => number, pubid: boolean): number {
    const quote = t[start];
    if (quote !== '"' && quote !== "'") throw new Malformed('a quoted identifier is expected (libvirt: "SystemLiteral \\" or \' expected")', at(start));
    const end = t.indexOf(quote, start + 1);
    if (end < 0) throw new Malformed('identifier not terminated (libvirt: "Unfinished System or Public ID \\" or \' expected")', at(start));
    if (exceedsBytes(t, start + 1, end, MAX_NAME_BYTES)) throw new Malformed('identifier longer than 50,000 bytes (libvirt: "Name too long")', at(start));
    if (pubid) {
      const bad = /[^\x20\r\na-zA-Z0-9\-'()+,./:=?;!*#@$_%]/.exec(t.slice(start + 1, end));
      if (bad) throw new Malformed('character not allowed in a public identifier (libvirt: "Unfinished System or Public ID \\" or \' expected")', at(start + 1 + bad.index));
    }
    return end + 1;
  }
}

interface Input {
  text: string;
  /** The document's own internal subset (offsets are real); false inside a parameter entity's text. */
  top: boolean;
  /** Where errors inside a parameter entity's text are reported: the reference in the document. */
  errorAt: number;
}

function skipSpace(t: string, i: number): number {
  while (i < t.length && isSpace(t[i])) i++;
  return i;
}
