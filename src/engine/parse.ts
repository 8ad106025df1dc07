/**
 * XML → tree with source ranges.
 *
 * Two steps, one pass each: fast-xml-parser's XMLValidator decides whether the
 * text is well-formed and says where it is not; then one scan of the (now known
 * good) text builds the tree. The scan exists because rules and fixes need what
 * fast-xml-parser's tree does not carry: the range of every attribute name and
 * value, of every comment (suppressions) and of text. The scan also rejects the
 * few things the validator lets through but libxml2 (and so libvirt) refuses:
 * a second root element, text outside the root, `<` in an attribute value and
 * references to undeclared entities.
 *
 * Entities are never expanded beyond the five predefined ones and character
 * references, and nothing is ever fetched: a DOCTYPE is skipped over.
 */
import { XMLValidator } from 'fast-xml-parser';
import { SourceText } from './source.js';
import { XmlElement, type XmlAttribute, type XmlComment, type XmlDocument } from './tree.js';

export interface ParseError {
  message: string;
  /** Offset into the BOM-less text. */
  offset: number;
}

export type ParseResult = { ok: true; doc: XmlDocument } | { ok: false; error: ParseError };

class Malformed extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function parseXml(source: SourceText): ParseResult {
  const text = source.text;
  if (text.trim() === '') return { ok: false, error: { message: 'file is empty: expected a <domain> document', offset: 0 } };

  const verdict = XMLValidator.validate(text, { allowBooleanAttributes: false });
  if (verdict !== true) {
    const { msg, line, col } = verdict.err;
    return { ok: false, error: { message: describeValidatorError(msg, text), offset: source.offset(line ?? 1, col ?? 1) } };
  }
  try {
    return { ok: true, doc: new Scanner(text).run() };
  } catch (e) {
    if (e instanceof Malformed) return { ok: false, error: { message: e.message, offset: e.offset } };
    throw e;
  }
}

function describeValidatorError(msg: string, text: string): string {
  // The validator's messages are clear; only make the stray-character case read as a sentence a user understands.
  if (/^char '[\s\S]' is not expected\.$/.test(msg) && /[\x00-\x08\x0e-\x1f\uFFFD]/.test(text)) {
    return 'not an XML document (binary data, control characters or bytes that are not UTF-8)';
  }
  return msg.replace(/\.$/, '');
}

class Scanner {
  private pos = 0;
  private readonly stack: XmlElement[] = [];
  private root: XmlElement | undefined;
  private readonly comments: XmlComment[] = [];
  private readonly declaredEntities = new Set<string>();

  constructor(private readonly text: string) {}

  run(): XmlDocument {
    const t = this.text;
    while (this.pos < t.length) {
      if (t[this.pos] === '<') this.markup();
      else this.charData();
    }
    if (!this.root) throw new Malformed('no root element', 0);
    if (this.stack.length) throw new Malformed(`element <${this.stack[this.stack.length - 1].name}> is not closed`, t.length);
    return { root: this.root, comments: this.comments };
  }

  private get current(): XmlElement | undefined {
    return this.stack[this.stack.length - 1];
  }

  private markup(): void {
    const t = this.text;
    const start = this.pos;
    if (t.startsWith('<!--', start)) {
      const end = this.until('-->', start + 4);
      this.checkComment(start, end);
      const node: XmlComment = { kind: 'comment', value: t.slice(start + 4, end), range: { start, end: end + 3 }, parent: this.current };
      this.comments.push(node);
      this.current?.children.push(node);
      this.pos = end + 3;
    } else if (t.startsWith('<![CDATA[', start)) {
      const end = this.until(']]>', start + 9);
      this.addText(t.slice(start + 9, end), start, end + 3);
      this.pos = end + 3;
    } else if (t.startsWith('<?', start)) {
      this.pos = this.until('?>', start + 2) + 2;
    } else if (t.startsWith('<!DOCTYPE', start)) {
      this.doctype();
    } else if (t.startsWith('</', start)) {
      this.endTag();
    } else {
      this.startTag();
    }
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

  private until(marker: string, from: number): number {
    const i = this.text.indexOf(marker, from);
    if (i < 0) throw new Malformed(`missing '${marker}'`, from);
    return i;
  }

  private doctype(): void {
    const t = this.text;
    let depth = 0;
    let quote = '';
    let i = this.pos + 2;
    for (; i < t.length; i++) {
      const c = t[i];
      if (quote) {
        if (c === quote) quote = '';
      } else if (c === '"' || c === "'") quote = c;
      else if (c === '[') depth++;
      else if (c === ']') depth--;
      else if (c === '>' && depth === 0) break;
    }
    const body = t.slice(this.pos, i);
    for (const m of body.matchAll(/<!ENTITY\s+(?:%\s+)?([^\s>]+)/g)) this.declaredEntities.add(m[1]);
    this.pos = i + 1;
  }

  private readName(): string {
    const t = this.text;
    const start = this.pos;
    while (this.pos < t.length && !/[\s/>=]/.test(t[this.pos])) this.pos++;
    return t.slice(start, this.pos);
  }

  private skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  private startTag(): void {
    const t = this.text;
    const start = this.pos;
    if (!this.current && this.root) throw new Malformed('only one root element is allowed; extra content after the document element', start);
    this.pos++;
    const name = this.readName();
    const el = new XmlElement(name, this.current);
    for (;;) {
      this.skipSpace();
      if (t.startsWith('/>', this.pos)) {
        this.pos += 2;
        el.startTag = { start, end: this.pos };
        el.range = { start, end: this.pos };
        this.attach(el);
        return;
      }
      if (t[this.pos] === '>') {
        this.pos++;
        el.startTag = { start, end: this.pos };
        el.range = { start, end: this.pos };
        this.attach(el);
        this.stack.push(el);
        return;
      }
      el.attributes.push(this.attribute());
    }
  }

  private attribute(): XmlAttribute {
    const t = this.text;
    const nameStart = this.pos;
    const name = this.readName();
    const nameRange = { start: nameStart, end: this.pos };
    this.skipSpace();
    this.pos++; // '=' (the validator guarantees it)
    this.skipSpace();
    const quote = t[this.pos] as '"' | "'";
    const valueStart = this.pos + 1;
    const valueEnd = this.until(quote, valueStart);
    const rawValue = t.slice(valueStart, valueEnd);
    const lt = rawValue.indexOf('<');
    if (lt >= 0) throw new Malformed(`'<' is not allowed in the value of attribute '${name}'; write &lt;`, valueStart + lt);
    this.pos = valueEnd + 1;
    return {
      name,
      rawValue,
      value: this.decode(rawValue, valueStart).replace(/[\t\n\r]/g, ' '),
      quote,
      range: { start: nameStart, end: this.pos },
      nameRange,
      valueRange: { start: valueStart, end: valueEnd },
    };
  }

  private attach(el: XmlElement): void {
    if (this.current) this.current.children.push(el);
    else this.root = el;
  }

  private endTag(): void {
    const start = this.pos;
    const close = this.until('>', start);
    const el = this.stack.pop();
    // The validator has checked the names match; guard anyway.
    if (!el) throw new Malformed('closing tag without an opening tag', start);
    this.pos = close + 1;
    el.endTag = { start, end: this.pos };
    el.range = { start: el.range.start, end: this.pos };
  }

  private charData(): void {
    const t = this.text;
    const start = this.pos;
    let end = t.indexOf('<', start);
    if (end < 0) end = t.length;
    const raw = t.slice(start, end);
    this.pos = end;
    if (!this.current) {
      const nonSpace = raw.search(/\S/);
      if (nonSpace >= 0) {
        const where = start + nonSpace;
        throw new Malformed(this.root ? 'text after the end of the root element' : 'text before the root element', where);
      }
      return;
    }
    this.addText(this.decode(raw, start), start, end);
  }

  private addText(value: string, start: number, end: number): void {
    const parent = this.current;
    if (!parent) {
      if (value.trim()) throw new Malformed('text outside the root element', start);
      return;
    }
    parent.children.push({ kind: 'text', value, range: { start, end }, parent });
  }

  /** Decodes references in `raw` (which starts at `offset`), rejecting undeclared entities. */
  private decode(raw: string, offset: number): string {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;&\s<]*)(;?)/g, (whole, ref: string, semi: string, at: number) => {
      if (!semi || ref === '') throw new Malformed("'&' must be written as &amp;", offset + at);
      if (ref.startsWith('#')) {
        const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
        if (!Number.isFinite(code) || code < 1 || code > 0x10ffff) throw new Malformed(`invalid character reference '${whole}'`, offset + at);
        return String.fromCodePoint(code);
      }
      if (ref in PREDEFINED) return PREDEFINED[ref];
      // Declared in an internal DTD subset: keep it as written, never expand.
      if (this.declaredEntities.has(ref)) return whole;
      throw new Malformed(`entity '${whole}' is not defined`, offset + at);
    });
  }
}
