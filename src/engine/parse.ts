/**
 * XML → tree with source ranges, refusing what libvirt refuses.
 *
 * libvirt parses domain XML with libxml2 (src/util/virxml.c:
 * XML_PARSE_NONET | XML_PARSE_NOWARNING). This scanner applies the same
 * well-formedness rules and limits in one linear pass and reports the first
 * violation at its offset, in a sentence that quotes libvirt's own message:
 * characters outside XML 1.0's Char production (literal or as `&#x7;`),
 * names, attribute syntax, unescaped `&` and `<`, mismatched and unclosed
 * tags, nesting deeper than libxml2's 256 (dtd.ts and entities.ts do the
 * DOCTYPE and the entities), libxml2's size limits on names and values.
 *
 * The tree carries what rules and fixes need: the range of every element,
 * start and end tag, attribute name and value, comment and text. Text and
 * attribute values are decoded (references replaced, line ends normalised
 * as libxml2 does); ranges always point into the original text, so a text
 * that came from an entity reference has the reference's range.
 *
 * Nothing recurses on the document's nesting: elements are kept on an
 * explicit stack. Only entity expansion recurses, and libxml2's limits
 * bound it (40 levels).
 */
import type { SourceText } from './source.js';
import { XmlElement, type XmlAttribute, type XmlComment, type XmlDocument } from './tree.js';
import { readDoctype } from './dtd.js';
import { EntityModel, type EntityContext, type FragmentResult } from './entities.js';
import {
  MAX_ELEMENT_DEPTH,
  MAX_NAME_BYTES,
  MAX_TEXT_BYTES,
  Malformed,
  PREDEFINED,
  clip,
  codePointLabel,
  exceedsBytes,
  firstInvalidChar,
  isPredefined,
  isSpace,
  matchName,
  readCharRef,
  utf8Length,
} from './xml-syntax.js';

export interface ParseError {
  message: string;
  /** Offset into the BOM-less text. */
  offset: number;
}

export type ParseResult = { ok: true; doc: XmlDocument } | { ok: false; error: ParseError };

export function parseXml(source: SourceText): ParseResult {
  const text = source.text;
  if (text.trim() === '') return { ok: false, error: { message: 'file is empty: expected a <domain> document', offset: 0 } };
  const bad = firstInvalidChar(text);
  let failure: Malformed | undefined;
  try {
    const doc = new Scanner(text, { bad, bomBytes: source.hasBom ? 3 : 0 }).document();
    if (bad < 0) return { ok: true, doc };
  } catch (e) {
    if (!(e instanceof Malformed)) throw e;
    failure = e;
  }
  // libxml2 reads in order: a forbidden character before the point where scanning stopped is what it reports.
  if (bad >= 0 && (!failure || (!(failure instanceof CharError) && detectedAt(failure) >= bad))) failure = charError(text, bad, 'markup');
  return { ok: false, error: { message: failure!.message, offset: failure!.offset } };
}

/** A forbidden character, reported where it stands. */
class CharError extends Malformed {}

/** An error reported at one offset (e.g. an unclosed start tag) but found later (at the end of the text). */
class LateError extends Malformed {
  constructor(
    message: string,
    offset: number,
    readonly foundAt: number,
  ) {
    super(message, offset);
  }
}

function detectedAt(e: Malformed): number {
  return e instanceof LateError ? e.foundAt : e.offset;
}

type CharContext = 'text' | 'attribute' | 'comment' | 'pi' | 'cdata' | 'markup';

/** The message for a character XML does not allow, with libvirt's words for the place it is in. */
function charError(text: string, at: number, where: CharContext, target = ''): CharError {
  const code = text.codePointAt(at)!;
  const label = codePointLabel(code);
  if (code === 0) return new CharError('NUL character (U+0000): XML does not allow it, and libvirt reads the document only up to it', at);
  if (code === 0xfffe || code === 0xffff) return new CharError(`character ${label} is not allowed in XML (libvirt: "Char 0x${label.slice(2)} out of allowed range")`, at);
  if (code >= 0xd800 && code <= 0xdfff) return new CharError(`unpaired surrogate ${label}: the text is not valid Unicode`, at);
  const libvirt: Record<CharContext, string | undefined> = {
    text: `PCDATA invalid Char value ${code}`,
    attribute: 'invalid character in attribute value',
    comment: `xmlParseComment: invalid xmlChar value ${code}`,
    pi: `PI ${clip(target)} never end ...`,
    cdata: undefined,
    markup: undefined,
  };
  const quote = libvirt[where];
  return new CharError(`control character ${label} is not allowed in XML 1.0${quote ? ` (libvirt: "${quote}")` : ''}`, at);
}

interface ScannerOptions {
  /** Offset of the first character XML does not allow, or -1. */
  bad: number;
  /** Bytes before the text (a UTF-8 BOM) that libxml2 counts as read. */
  bomBytes?: number;
  /** Set when scanning an entity's replacement text as element content. */
  fragment?: { model: EntityModel; context: EntityContext };
}

class Scanner {
  private pos = 0;
  private readonly stack: XmlElement[] = [];
  private root: XmlElement | undefined;
  private readonly comments: XmlComment[] = [];
  private model: EntityModel | undefined;
  private readonly context: EntityContext;
  private standalone = false;
  private readonly fragment: boolean;
  /** Fragment mode: the character data read, and whether any node was. */
  private readonly fragmentText: string[] = [];
  private fragmentNodes = false;
  /** Where the next '<', '&' and ']]>' are (Infinity: none; -1: not searched yet): keeps every search linear. */
  private nextLt = -1;
  private nextAmp = -1;
  private nextCdataEnd = -1;
  private byteCursor = 0;
  private bytesBefore = 0;

  constructor(
    private readonly text: string,
    private readonly options: ScannerOptions,
  ) {
    this.fragment = options.fragment !== undefined;
    this.model = options.fragment?.model;
    this.context = options.fragment?.context ?? { nb: 0, depth: 0, document: true, bytesAt: (offset) => this.bytesAt(offset) };
  }

  /** The whole text as a document: prolog, one root element, epilogue. */
  document(): XmlDocument {
    const t = this.text;
    if (t.startsWith('<?xml') && isSpace(t[5])) this.xmlDeclaration();
    let doctypeSeen = false;
    while (this.pos < t.length) {
      if (t[this.pos] !== '<') {
        if (this.stack.length) this.charData();
        else this.outsideRoot();
        continue;
      }
      const next = t[this.pos + 1];
      if (next === '!' && t.startsWith('<!DOCTYPE', this.pos)) {
        if (this.root || this.stack.length) throw new Malformed('a DOCTYPE is only allowed before the root element (libvirt: "Extra content at the end of the document")', this.pos);
        if (doctypeSeen) throw new Malformed('a second DOCTYPE (libvirt: "StartTag: invalid element name")', this.pos);
        doctypeSeen = true;
        this.doctype();
      } else if (next === '/' && !this.stack.length) {
        throw new Malformed(
          this.root ? 'closing tag after the end of the root element (libvirt: "Extra content at the end of the document")' : 'closing tag before any element (libvirt: "Start tag expected, \'<\' not found")',
          this.pos,
        );
      } else if (next !== '!' && next !== '?' && next !== '/' && !this.stack.length && this.root) {
        throw new Malformed('only one root element is allowed; extra content after the document element (libvirt: "Extra content at the end of the document")', this.pos);
      } else if (next === '!' && t.startsWith('<![CDATA[', this.pos) && !this.stack.length) {
        throw new Malformed('CDATA section outside the root element (libvirt: "Start tag expected, \'<\' not found")', this.pos);
      } else this.markup();
    }
    if (this.stack.length) this.unclosed();
    if (!this.root) throw new Malformed('no root element (libvirt: "Start tag expected, \'<\' not found")', 0);
    const doc: XmlDocument = { root: this.root, comments: this.comments };
    if (!this.model) doc.contentText = t;
    return doc;
  }

  /** The text as element content (an entity's replacement text): libxml2's balanced chunk. */
  fragmentContent(): FragmentResult {
    while (this.pos < this.text.length) {
      if (this.text[this.pos] !== '<') this.charData();
      else if (this.text.startsWith('</', this.pos) && !this.stack.length) throw new Malformed('closing tag without an opening tag (libvirt: "chunk is not well balanced")', this.pos);
      else if (this.text.startsWith('<!DOCTYPE', this.pos)) throw new Malformed('a DOCTYPE inside element content (libvirt: "StartTag: invalid element name")', this.pos);
      else this.markup();
    }
    if (this.stack.length) this.unclosed();
    return { text: this.fragmentText.join(''), nodes: this.fragmentNodes };
  }

  private get current(): XmlElement | undefined {
    return this.stack[this.stack.length - 1];
  }

  private markup(): void {
    const t = this.text;
    const start = this.pos;
    if (t.startsWith('<!--', start)) this.comment();
    else if (t.startsWith('<![CDATA[', start)) this.cdata();
    else if (t.startsWith('<?', start)) this.processingInstruction();
    else if (t.startsWith('</', start)) this.endTag();
    else if (t[start + 1] === '!') throw new Malformed('unknown markup declaration (libvirt: "StartTag: invalid element name")', start);
    else this.startTag();
  }

  /** `<?xml version="1.0" encoding="…" standalone="…"?>` at the very start. */
  private xmlDeclaration(): void {
    const t = this.text;
    let i = 5;
    const pseudo = (name: string): string | undefined => {
      const before = i;
      i = this.skipSpace(i);
      if (!t.startsWith(name, i)) {
        i = before;
        return undefined;
      }
      if (i === before) throw new Malformed(`a space is required before '${name}' in the XML declaration (libvirt: "Blank needed here")`, i);
      i = this.skipSpace(i + name.length);
      if (t[i] !== '=') throw new Malformed(`'=' expected after '${name}' in the XML declaration (libvirt: "String not started expecting ' or \\"")`, i);
      i = this.skipSpace(i + 1);
      const quote = t[i];
      if (quote !== '"' && quote !== "'") throw new Malformed(`quoted value expected for '${name}' in the XML declaration (libvirt: "String not started expecting ' or \\"")`, i);
      const end = t.indexOf(quote, i + 1);
      const close = t.indexOf('?>', i);
      if (end < 0 || (close >= 0 && close < end)) throw new Malformed(`value of '${name}' not closed in the XML declaration (libvirt: "String not closed expecting \\" or '")`, i);
      const value = t.slice(i + 1, end);
      const at = i + 1;
      i = end + 1;
      if (name === 'version' && !/^[0-9]+\.[0-9]+$/.test(value)) throw new Malformed(`malformed XML version '${clip(value)}' (libvirt: "Malformed declaration expecting version")`, at);
      if (name === 'version' && !value.startsWith('1.')) throw new Malformed(`XML version '${clip(value)}' is not supported (libvirt: "Unsupported version '${clip(value)}'")`, at);
      if (name === 'encoding' && !/^[A-Za-z][A-Za-z0-9._-]*$/.test(value)) throw new Malformed(`invalid encoding name '${clip(value)}' (libvirt: "Invalid XML encoding name")`, at);
      if (name === 'standalone' && value !== 'yes' && value !== 'no') throw new Malformed(`standalone must be 'yes' or 'no' (libvirt: "standalone accepts only 'yes' or 'no'")`, at);
      return value;
    };
    if (pseudo('version') === undefined) throw new Malformed('the XML declaration has no version (libvirt: "Malformed declaration expecting version")', this.skipSpace(i));
    pseudo('encoding');
    this.standalone = pseudo('standalone') === 'yes';
    i = this.skipSpace(i);
    if (!t.startsWith('?>', i)) throw new Malformed(`the XML declaration is not closed with '?>' (libvirt: "parsing XML declaration: '?>' expected")`, i);
    this.pos = i + 2;
  }

  private doctype(): void {
    const { doctype, end } = readDoctype(this.text, this.pos, this.standalone);
    this.context.nb += doctype.references;
    const model: EntityModel = new EntityModel(doctype, this.standalone, (text, context) => new Scanner(text, { bad: -1, fragment: { model, context } }).fragmentContent());
    this.model = model;
    this.pos = end;
  }

  /** Whitespace is all that may stand outside the root element. */
  private outsideRoot(): void {
    const t = this.text;
    const end = this.skipSpace(this.pos);
    if (end < t.length && t[end] !== '<') {
      throw new Malformed(
        this.root ? 'text after the end of the root element (libvirt: "Extra content at the end of the document")' : 'text before the root element (libvirt: "Start tag expected, \'<\' not found")',
        end,
      );
    }
    this.pos = end;
  }

  /**
   * The end of a section that opens at this.pos with `open` characters and
   * closes with `close` (comments, CDATA): checked for characters and for
   * libxml2's size limit.
   */
  private sectionEnd(open: number, close: string, where: CharContext, what: string, libvirtUnclosed: string, libvirtTooBig: string): number {
    const t = this.text;
    const start = this.pos;
    const end = t.indexOf(close, start + open);
    if (end < 0) throw new Malformed(`${what} not closed with '${close}' (libvirt: "${libvirtUnclosed}")`, start);
    this.checkChars(start + open, end, where);
    if (exceedsBytes(t, start + open, end, MAX_TEXT_BYTES)) throw new Malformed(`${what} longer than 10,000,000 bytes (libvirt: "${libvirtTooBig}")`, start);
    return end;
  }

  private comment(): void {
    const t = this.text;
    const start = this.pos;
    const end = this.sectionEnd(4, '-->', 'comment', 'comment', 'Comment not terminated', 'Comment too big found');
    this.checkComment(start, end);
    this.pos = end + 3;
    if (this.fragment) {
      this.fragmentNodes = true;
      return;
    }
    const node: XmlComment = { kind: 'comment', value: t.slice(start + 4, end), range: { start, end: end + 3 }, parent: this.current };
    this.comments.push(node);
    this.current?.children.push(node);
  }

  /**
   * XML forbids `--` inside a comment and libxml2 (so libvirt) refuses it:
   * "Double hyphen within comment". virt-lint's own directives are left to the
   * suppression code, which reports them with a fix (ESLint habit: ` -- reason`).
   */
  private checkComment(start: number, end: number): void {
    const body = this.text.slice(start + 4, end);
    const dashes = body.indexOf('--');
    const trailing = body.endsWith('-');
    if (dashes < 0 && !trailing) return;
    if (/^\s*virt-lint-/.test(body)) return;
    const at = start + 4 + (dashes >= 0 ? dashes : body.length - 1);
    throw new Malformed("'--' is not allowed inside a comment (libvirt refuses it: \"Double hyphen within comment\")", at);
  }

  private cdata(): void {
    const t = this.text;
    const start = this.pos;
    const end = this.sectionEnd(9, ']]>', 'cdata', 'CDATA section', 'CData section not finished', 'CData section too big found');
    this.addText(normalizeLineEnds(t.slice(start + 9, end)), start, end + 3);
    this.pos = end + 3;
  }

  private processingInstruction(): void {
    const t = this.text;
    const start = this.pos;
    const target = matchName(t, start + 2);
    if (!target) throw new Malformed('processing instruction without a target name (libvirt: "xmlParsePI : no target name")', start);
    if (target.toLowerCase() === 'xml') {
      throw new Malformed('an XML declaration (<?xml …?>) is only allowed at the very start of the file (libvirt: "XML declaration allowed only at the start of the document")', start);
    }
    let i = start + 2 + target.length;
    let end: number;
    if (t.startsWith('?>', i)) end = i;
    else {
      if (!isSpace(t[i])) throw new Malformed(`a space is required after the processing instruction target '${clip(target)}' (libvirt: "ParsePI: PI ${clip(target)} space expected")`, i);
      i++;
      end = t.indexOf('?>', i);
      if (end < 0) throw new Malformed(`processing instruction '${clip(target)}' not closed with '?>' (libvirt: "PI ${clip(target)} never end ...")`, start);
      this.checkChars(i, end, 'pi', target);
      if (exceedsBytes(t, i, end, MAX_TEXT_BYTES)) throw new Malformed(`processing instruction longer than 10,000,000 bytes (libvirt: "PI ${clip(target)} too big found")`, start);
    }
    this.pos = end + 2;
    if (this.fragment) this.fragmentNodes = true;
  }

  private startTag(): void {
    const t = this.text;
    const start = this.pos;
    // libxml2 counts the pseudo-root of an entity's replacement text as one level.
    const depthLimit = this.fragment ? MAX_ELEMENT_DEPTH - 1 : MAX_ELEMENT_DEPTH;
    if (this.stack.length >= depthLimit) {
      throw new Malformed(
        `elements nested more than ${MAX_ELEMENT_DEPTH} deep: libvirt's XML parser stops here (libvirt: "Excessive depth in document: 256 use XML_PARSE_HUGE option")`,
        start,
      );
    }
    const name = matchName(t, start + 1);
    if (!name) throw new Malformed('\'<\' that does not start an element: write &lt; for a literal \'<\' (libvirt: "StartTag: invalid element name")', start);
    this.checkNameLength(name, start + 1);
    const el = new XmlElement(name, this.fragment ? undefined : this.current);
    let i = start + 1 + name.length;
    let seen: Set<string> | undefined;
    for (;;) {
      const spaced = this.skipSpace(i);
      const c = t[spaced];
      if (c === '>' || (c === '/' && t[spaced + 1] === '>')) {
        this.pos = spaced + (c === '>' ? 1 : 2);
        break;
      }
      if (spaced >= t.length || !matchName(t, spaced)) {
        if (spaced < t.length && t[spaced] === '/') throw new Malformed(`'/' not followed by '>' in the start tag <${clip(name)}> (libvirt: "Couldn't find end of Start Tag ${clip(name)}")`, spaced);
        throw new Malformed(
          `start tag <${clip(name)}> is not closed with '>' (libvirt: "Couldn't find end of Start Tag ${clip(name)} line ${this.lineOf(start)}")`,
          spaced >= t.length ? start : spaced,
        );
      }
      if (spaced === i) throw new Malformed(`a space is required between attributes (libvirt: "attributes construct error")`, i);
      const attr = this.attribute(spaced);
      if (el.attributes.length >= 8 && !seen) seen = new Set(el.attributes.map((a) => a.name));
      if (seen ? seen.has(attr.name) : el.attributes.some((a) => a.name === attr.name)) {
        throw new Malformed(`attribute '${clip(attr.name)}' appears twice (libvirt: "Attribute ${clip(attr.name)} redefined")`, attr.range.start);
      }
      seen?.add(attr.name);
      el.attributes.push(attr);
      i = attr.range.end;
    }
    this.model?.endStartTag();
    el.startTag = { start, end: this.pos };
    el.range = { start, end: this.pos };
    const selfClosing = t[this.pos - 2] === '/';
    if (this.fragment) this.fragmentNodes = true;
    else if (this.current) this.current.children.push(el);
    else this.root = el;
    if (!selfClosing) this.stack.push(el);
  }

  private attribute(nameStart: number): XmlAttribute {
    const t = this.text;
    const name = matchName(t, nameStart)!;
    this.checkNameLength(name, nameStart);
    const nameRange = { start: nameStart, end: nameStart + name.length };
    let i = this.skipSpace(nameRange.end);
    if (t[i] !== '=') throw new Malformed(`attribute '${clip(name)}' has no value (libvirt: "Specification mandates value for attribute ${clip(name)}")`, i);
    i = this.skipSpace(i + 1);
    const quote = t[i];
    if (quote !== '"' && quote !== "'") throw new Malformed(`the value of attribute '${clip(name)}' must be quoted (libvirt: "AttValue: \\" or ' expected")`, i);
    const valueStart = i + 1;
    const close = t.indexOf(quote, valueStart);
    const valueEnd = close < 0 ? t.length : close;
    const lt = this.find('<', valueStart);
    if (lt < valueEnd) throw new Malformed(`'<' is not allowed in the value of attribute '${clip(name)}'; write &lt; (libvirt: "Unescaped '<' not allowed in attributes values")`, lt);
    this.checkChars(valueStart, valueEnd, 'attribute');
    if (close < 0) throw new Malformed(`the value of attribute '${clip(name)}' is not closed (libvirt: "AttValue: ' expected")`, i);
    if (exceedsBytes(t, valueStart, valueEnd, MAX_TEXT_BYTES)) throw new Malformed(`the value of attribute '${clip(name)}' is longer than 10,000,000 bytes (libvirt: "AttValue length too long")`, valueStart);
    const rawValue = t.slice(valueStart, valueEnd);
    return {
      name,
      rawValue,
      value: this.attributeValue(valueStart, valueEnd, rawValue),
      quote,
      range: { start: nameStart, end: valueEnd + 1 },
      nameRange,
      valueRange: { start: valueStart, end: valueEnd },
    };
  }

  /** An attribute value with references replaced and whitespace normalised, as libvirt reads it (`raw`: the text between the quotes). */
  private attributeValue(start: number, end: number, raw: string): string {
    const t = this.text;
    let amp = this.find('&', start);
    // Most values have no reference and no tab or line break: then the value is the very string written.
    if (amp >= end) return normalizeAttributeSpace(raw);
    let out = '';
    let last = start;
    while (amp < end) {
      out += normalizeAttributeSpace(t.slice(last, amp));
      const ref = this.reference(amp, end);
      if (ref.kind === 'entity') out += this.entity(ref.name, amp, ref.end, true);
      else {
        if (ref.kind === 'predefined') this.model?.attributePredefined(this.context);
        out += ref.text;
      }
      last = ref.end;
      amp = this.find('&', last);
    }
    return out + normalizeAttributeSpace(t.slice(last, end));
  }

  private endTag(): void {
    const t = this.text;
    const start = this.pos;
    const name = matchName(t, start + 2);
    const el = this.stack.pop();
    if (!el) throw new Malformed('closing tag without an opening tag (libvirt: "chunk is not well balanced")', start);
    if (!name) throw new Malformed(`invalid closing tag where </${clip(el.name)}> is expected (libvirt: "Opening and ending tag mismatch")`, start);
    if (name !== el.name) {
      if (this.fragment) throw new Malformed(`closing tag '${clip(name)}' where </${clip(el.name)}> is expected (libvirt: "Opening and ending tag mismatch: ${clip(el.name)} and ${clip(name)}")`, start);
      const opened = this.lineAndColumn(el.startTag.start);
      throw new Malformed(`Expected closing tag '${clip(el.name)}' (opened in line ${opened.line}, col ${opened.column}) instead of closing tag '${clip(name)}'`, start);
    }
    const close = this.skipSpace(start + 2 + name.length);
    if (t[close] !== '>') throw new Malformed(`closing tag </${clip(name)}> is not closed with '>' (libvirt: "expected '>'")`, Math.min(close, t.length));
    this.pos = close + 1;
    el.endTag = { start, end: this.pos };
    el.range.end = this.pos; // the element's own range, made by startTag()
  }

  /** Reached the end with elements open: name the innermost, where it starts. */
  private unclosed(): never {
    const el = this.stack[this.stack.length - 1];
    if (this.fragment) throw new Malformed(`element <${clip(el.name)}> is not closed (libvirt: "Premature end of data in tag ${clip(el.name)}")`, el.startTag.start);
    const line = this.lineOf(el.startTag.start);
    throw new LateError(`element <${clip(el.name)}> opened at line ${line} is not closed (libvirt: "Premature end of data in tag ${clip(el.name)} line ${line}")`, el.startTag.start, this.text.length);
  }

  private charData(): void {
    const t = this.text;
    const start = this.pos;
    const end = Math.min(this.find('<', start), t.length);
    this.checkChars(start, end, 'text');
    const cdataEnd = this.find(']]>', start);
    if (cdataEnd < end) throw new Malformed("']]>' is not allowed in text; write ]]&gt; (libvirt: \"Sequence ']]>' not allowed in content\")", cdataEnd);
    let amp = this.find('&', start);
    let value: string;
    if (amp >= end) value = normalizeLineEnds(t.slice(start, end));
    else {
      value = '';
      let last = start;
      while (amp < end) {
        value += normalizeLineEnds(t.slice(last, amp));
        const ref = this.reference(amp, end);
        value += ref.kind === 'entity' ? this.entity(ref.name, amp, ref.end, false) : ref.text;
        last = ref.end;
        amp = this.find('&', last);
      }
      value += normalizeLineEnds(t.slice(last, end));
    }
    this.pos = end;
    this.addText(value, start, end);
  }

  private addText(value: string, start: number, end: number): void {
    if (this.fragment) {
      this.fragmentText.push(value);
      this.fragmentNodes = true;
      return;
    }
    const parent = this.current!;
    parent.children.push({ kind: 'text', value, raw: this.text.slice(start, end), range: { start, end }, parent });
  }

  /** `&…;` at `at` (before `limit`): a character reference, a predefined entity or a named one. */
  private reference(at: number, limit: number): { kind: 'char' | 'predefined'; text: string; end: number } | { kind: 'entity'; name: string; end: number } {
    const t = this.text;
    if (t[at + 1] === '#') {
      const { code, end } = readCharRef(t, at, limit);
      return { kind: 'char', text: String.fromCodePoint(code), end };
    }
    const name = matchName(t, at + 1);
    if (!name) throw new Malformed("'&' must be written as &amp; (libvirt: \"xmlParseEntityRef: no name\")", at);
    const end = at + 1 + name.length;
    if (t[end] !== ';') throw new Malformed(`entity reference '&${clip(name)}' lacks its ';' (libvirt: "EntityRef: expecting ';'")`, at);
    if (isPredefined(name)) return { kind: 'predefined', text: PREDEFINED[name], end: end + 1 };
    return { kind: 'entity', name, end: end + 1 };
  }

  /** A named entity's text, through the entity model (which knows libxml2's rules). */
  private entity(name: string, start: number, end: number, inAttribute: boolean): string {
    if (!this.model) throw new Malformed(`entity '&${clip(name)};' is not declared (libvirt: "Entity '${clip(name)}' not defined")`, start);
    return inAttribute ? this.model.attribute(this.context, name, start, end) : this.model.content(this.context, name, start, end);
  }

  private checkChars(start: number, end: number, where: CharContext, target?: string): void {
    const bad = this.options.bad;
    if (bad >= start && bad < end) throw charError(this.text, bad, where, target);
  }

  private checkNameLength(name: string, at: number): void {
    if (exceedsBytes(name, 0, name.length, MAX_NAME_BYTES)) throw new Malformed(`name longer than 50,000 bytes (libvirt: "Name too long: NCName")`, at);
  }

  /** The next `marker` at or after `from` (Infinity when none), remembered so no search repeats. */
  private find(marker: '<' | '&' | ']]>', from: number): number {
    let at = marker === '<' ? this.nextLt : marker === '&' ? this.nextAmp : this.nextCdataEnd;
    if (at < from) {
      const i = this.text.indexOf(marker, from);
      at = i < 0 ? Infinity : i;
      if (marker === '<') this.nextLt = at;
      else if (marker === '&') this.nextAmp = at;
      else this.nextCdataEnd = at;
    }
    return at;
  }

  private skipSpace(i: number): number {
    const t = this.text;
    while (i < t.length && isSpace(t[i])) i++;
    return i;
  }

  /** libxml2's "consumed": UTF-8 bytes before `offset` (counted incrementally: references come in order). */
  private bytesAt(offset: number): number {
    if (offset < this.byteCursor) {
      this.byteCursor = 0;
      this.bytesBefore = 0;
    }
    this.bytesBefore += utf8Length(this.text, this.byteCursor, offset);
    this.byteCursor = offset;
    return this.bytesBefore + (this.options.bomBytes ?? 0);
  }

  private lineOf(offset: number): number {
    return this.lineAndColumn(offset).line;
  }

  /** Line and column as SourceText counts them (for messages only: runs once, on an error). */
  private lineAndColumn(offset: number): { line: number; column: number } {
    const t = this.text;
    let line = 1;
    let lineStart = 0;
    for (let i = 0; i < offset; i++) {
      const c = t.charCodeAt(i);
      if (c === 10 || (c === 13 && t.charCodeAt(i + 1) !== 10)) {
        line++;
        lineStart = i + 1;
      }
    }
    return { line, column: offset - lineStart + 1 };
  }
}

/** libxml2 turns CR LF and a lone CR into LF before anything else reads the text. */
function normalizeLineEnds(s: string): string {
  return s.includes('\r') ? s.replace(/\r\n?/g, '\n') : s;
}

/** Attribute-value normalisation (XML 1.0 §3.3.3): each literal line end, tab or newline becomes one space; `s` itself when it has none. */
function normalizeAttributeSpace(s: string): string {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13) return s.replace(/\r\n|[\t\n\r]/g, ' ');
  }
  return s;
}
