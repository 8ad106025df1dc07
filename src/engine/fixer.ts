/**
 * Builders for fix edits. Each returns minimal text edits on the original
 * source: nothing is re-serialised, so comments, indentation, quoting and line
 * endings outside the edited characters stay exactly as they were.
 */
import type { SourceText, Range } from './source.js';
import type { TextEdit } from './edit.js';
import type { XmlAttribute, XmlElement } from './tree.js';

export class Fixer {
  private unit: string | undefined;
  private quote: '"' | "'" | undefined;

  constructor(private readonly source: SourceText) {}

  /** Replaces an attribute's value, keeping its quote character. */
  replaceAttributeValue(attr: XmlAttribute, value: string): TextEdit {
    return { range: attr.valueRange, text: escapeAttribute(value, attr.quote) };
  }

  /** Sets an attribute: replaces the value when present, else appends ` name='value'` to the start tag. */
  setAttribute(el: XmlElement, name: string, value: string): TextEdit {
    const existing = el.attribute(name);
    if (existing) return this.replaceAttributeValue(existing, value);
    const quote = el.attributes[0]?.quote ?? this.preferredQuote();
    const at = el.attributes.length ? el.attributes[el.attributes.length - 1].range.end : el.startTag.start + 1 + el.name.length;
    return { range: { start: at, end: at }, text: ` ${name}=${quote}${escapeAttribute(value, quote)}${quote}` };
  }

  /** Removes an attribute and the whitespace before it. */
  removeAttribute(attr: XmlAttribute): TextEdit {
    let start = attr.range.start;
    while (start > 0 && /[ \t]/.test(this.source.text[start - 1])) start--;
    return { range: { start, end: attr.range.end }, text: '' };
  }

  /**
   * Removes an element. When it stands on lines of its own (only whitespace
   * around it), its lines go too, so no blank line is left behind.
   */
  removeElement(el: XmlElement): TextEdit {
    return { range: this.wholeLines(el.range), text: '' };
  }

  /** Replaces an element (start tag to end tag) with new text. */
  replaceElement(el: XmlElement, text: string): TextEdit {
    return { range: el.range, text };
  }

  /** Inserts `xml` on a new line after `el`, indented like it. */
  insertAfter(el: XmlElement, xml: string): TextEdit {
    const indent = this.indentOf(el);
    return { range: { start: el.range.end, end: el.range.end }, text: this.source.eol + indent + this.reindent(xml, indent) };
  }

  /** Inserts `xml` on a new line before `el`, indented like it. */
  insertBefore(el: XmlElement, xml: string): TextEdit {
    const indent = this.indentOf(el);
    if (this.ownsLineStart(el)) {
      const lineStart = this.source.lineStart(el.range.start);
      return { range: { start: lineStart, end: lineStart }, text: indent + this.reindent(xml, indent) + this.source.eol };
    }
    return { range: { start: el.range.start, end: el.range.start }, text: this.reindent(xml, indent) + ' ' };
  }

  /**
   * Inserts `xml` as the last child of `parent` (after its last element
   * child), indented one level deeper than `parent`. A self-closing parent is
   * opened up.
   */
  appendChild(parent: XmlElement, xml: string): TextEdit {
    const lastChild = parent.elements[parent.elements.length - 1];
    if (lastChild) return this.insertAfter(lastChild, xml);
    const parentIndent = this.indentOf(parent);
    const indent = parentIndent + this.indentUnit();
    const eol = this.source.eol;
    const body = eol + indent + this.reindent(xml, indent) + eol + parentIndent;
    if (parent.endTag) {
      // Replace whatever whitespace stands between the tags.
      return { range: { start: parent.startTag.end, end: parent.endTag.start }, text: body };
    }
    const tag = parent.startTag;
    const slash = this.source.text.lastIndexOf('/', tag.end);
    return { range: { start: slash, end: tag.end }, text: `>${body}</${parent.name}>` };
  }

  /** Inserts `xml` as the first child of `parent`, indented one level deeper. */
  prependChild(parent: XmlElement, xml: string): TextEdit {
    const firstChild = parent.elements[0];
    if (firstChild) return this.insertBefore(firstChild, xml);
    return this.appendChild(parent, xml);
  }

  /** The whitespace that begins the line `el` starts on. */
  indentOf(el: XmlElement): string {
    return this.source.indentAt(el.range.start);
  }

  /** One level of indentation as the file uses it (two spaces when it cannot tell). */
  indentUnit(): string {
    // Each of these reads the whole text: once per file, not once per fix.
    if (this.unit === undefined) {
      const m = /\n([ \t]+)</.exec(this.source.text);
      this.unit = m ? (m[1].startsWith('\t') ? '\t' : m[1].length % 2 === 0 ? '  ' : m[1]) : '  ';
    }
    return this.unit;
  }

  private preferredQuote(): '"' | "'" {
    if (this.quote === undefined) {
      const t = this.source.text;
      const single = (t.match(/='/g) ?? []).length;
      const double = (t.match(/="/g) ?? []).length;
      this.quote = single > double ? "'" : '"';
    }
    return this.quote;
  }

  /**
   * Re-indents the continuation lines of a multi-line snippet written with
   * two-space steps, and gives its attributes the file's quote character.
   */
  private reindent(xml: string, indent: string): string {
    const unit = this.indentUnit();
    return this.requote(xml)
      .split('\n')
      .map((line, i) => {
        if (i === 0) return line;
        const m = /^( *)(.*)$/.exec(line)!;
        return indent + unit.repeat(Math.floor(m[1].length / 2)) + m[2];
      })
      .join(this.source.eol);
  }

  /**
   * Snippets are written with single quotes; a file that mostly uses double
   * quotes gets double quotes. A value holding a double quote keeps its single
   * quotes (rewriting it would need a new escape).
   */
  private requote(xml: string): string {
    if (this.preferredQuote() === "'") return xml;
    return xml.replace(/(\s[^\s=<>'"\/]+)='([^'"<]*)'/g, '$1="$2"');
  }

  private ownsLineStart(el: XmlElement): boolean {
    return this.source.blankBefore(el.range.start);
  }

  /** Widens a range to whole lines when nothing but whitespace shares them. */
  private wholeLines(range: Range): Range {
    if (!this.source.blankBefore(range.start) || !this.source.blankAfter(range.end)) return range;
    const lineStart = this.source.lineStart(range.start);
    const lineEnd = this.source.lineEnd(range.end);
    return { start: lineStart, end: lineEnd + this.source.breakLength(lineEnd) };
  }
}

export function escapeAttribute(value: string, quote: '"' | "'"): string {
  let s = value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  s = quote === '"' ? s.replace(/"/g, '&quot;') : s.replace(/'/g, '&apos;');
  return s;
}

export function escapeText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
