/**
 * The lexical rules of XML 1.0 (Fifth Edition) and the limits libxml2 applies
 * to them, shared by the document scanner (parse.ts), the DOCTYPE reader
 * (dtd.ts) and the entity model (entities.ts).
 *
 * The limits are libxml2's defaults without XML_PARSE_HUGE, which libvirt
 * never sets (src/util/virxml.c parses with XML_PARSE_NONET |
 * XML_PARSE_NOWARNING). Each was checked with virsh 9.0.0 on libxml2 2.9.14.
 */

/** A well-formedness error at an offset of the text being scanned. */
export class Malformed extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** libxml2's XML_MAX_NAME_LENGTH: longer names fail with "Name too long". */
export const MAX_NAME_BYTES = 50_000;
/** libxml2's XML_MAX_TEXT_LENGTH: attribute values, comments, PIs, CDATA sections and entity values. */
export const MAX_TEXT_BYTES = 10_000_000;
/** libxml2's xmlParserMaxDepth (256): an element nested 258 deep (the root is 1) is refused. */
export const MAX_ELEMENT_DEPTH = 257;

const NAME_START = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD';
const NAME_REST = NAME_START + '\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040';
/** [#x10000-#xEFFFF], as UTF-16 surrogate pairs. */
const ASTRAL = '[\\uD800-\\uDB7F][\\uDC00-\\uDFFF]';

/** XML 1.0 Name, sticky: set lastIndex, then exec. Made when a name with a character beyond ASCII first needs it. */
let NAME: RegExp | undefined;

/**
 * Per ASCII code: 2 a name may start with it, 1 a name may go on with it, 0
 * neither (the productions above, restricted to ASCII: `:A-Z_a-z`, then
 * `-.0-9`). By code, not by testing the productions' regexes: this runs at
 * every start.
 */
const ASCII_NAME = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const start = c === 58 || c === 95 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  ASCII_NAME[c] = start ? 2 : c === 45 || c === 46 || (c >= 48 && c <= 57) ? 1 : 0;
}

/**
 * The Name starting at `pos`, or undefined when none starts there. Names in
 * libvirt XML are ASCII: they are scanned by a table, and the regular
 * expression (which allocates a match per call) is kept for names with other
 * characters.
 */
export function matchName(text: string, pos: number): string | undefined {
  const n = text.length;
  if (pos < n) {
    const c = text.charCodeAt(pos);
    if (c < 128) {
      if (ASCII_NAME[c] !== 2) return undefined;
      let i = pos + 1;
      for (; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d >= 128) break; // maybe a name character beyond ASCII: the full production decides
        if (ASCII_NAME[d] === 0) return text.slice(pos, i);
      }
      if (i === n) return text.slice(pos, i);
    }
  }
  NAME ??= new RegExp(`(?:[${NAME_START}]|${ASTRAL})(?:[${NAME_REST}]|${ASTRAL})*`, 'y');
  NAME.lastIndex = pos;
  return NAME.exec(text)?.[0];
}

export function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\n' || c === '\t' || c === '\r';
}

/** Characters outside XML 1.0's Char production, and unpaired surrogates (found one pair at a time). */
const NOT_CHAR = /[\x00-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF\uD800-\uDFFF]/g;

/** Offset of the first character XML does not allow, or -1. One linear pass. */
export function firstInvalidChar(text: string, from = 0): number {
  NOT_CHAR.lastIndex = from;
  for (;;) {
    const m = NOT_CHAR.exec(text);
    if (!m) return -1;
    const i = m.index;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        NOT_CHAR.lastIndex = i + 2;
        continue;
      }
    }
    return i;
  }
}

/** Whether a code point (from a character reference) is an XML 1.0 Char. */
export function isXmlChar(code: number): boolean {
  if (code < 0x20) return code === 0x9 || code === 0xa || code === 0xd;
  if (code <= 0xd7ff) return true;
  if (code < 0xe000) return false;
  if (code <= 0xfffd) return true;
  return code >= 0x10000 && code <= 0x10ffff;
}

/** `U+0007`. */
export function codePointLabel(code: number): string {
  return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** UTF-8 length of `text` (libxml2 counts bytes). */
export function utf8Length(text: string, start = 0, end = text.length): number {
  let bytes = end - start;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < end) {
      bytes += 2; // a pair is 4 bytes for 2 code units
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** Whether text[start, end) is longer than `limit` UTF-8 bytes; counts only when it could be. */
export function exceedsBytes(text: string, start: number, end: number, limit: number): boolean {
  if (end - start <= limit / 3) return false;
  if (end - start > limit) return true;
  return utf8Length(text, start, end) > limit;
}

/**
 * A name, value or other user text as it appears inside a message: never
 * longer than `max` characters, so no message can grow with the input.
 */
export function clip(text: string, max = 40): string {
  return text.length <= max ? text : `${text.slice(0, max)}…`;
}

/**
 * Reads a character reference `&#…;` at `pos` (which holds '&') the way
 * libxml2's xmlParseCharRef does, with its messages. Returns the code point
 * and the offset after the ';'.
 */
export function readCharRef(text: string, pos: number, limit: number, fn = 'xmlParseCharRef'): { code: number; end: number } {
  let i = pos + 2;
  let hex = false;
  if (text[i] === 'x') {
    hex = true;
    i++;
  }
  let value = 0;
  let digits = 0;
  while (i < limit && text[i] !== ';') {
    const d = hex ? parseInt(text[i], 16) : text[i] >= '0' && text[i] <= '9' ? text.charCodeAt(i) - 48 : NaN;
    if (Number.isNaN(d)) {
      throw new Malformed(
        `invalid character reference: ${hex ? 'not a hexadecimal' : 'not a decimal'} number (libvirt: "CharRef: invalid ${hex ? 'hexadecimal' : 'decimal'} value")`,
        pos,
      );
    }
    value = Math.min(value * (hex ? 16 : 10) + d, 0x110000);
    digits++;
    i++;
  }
  if (text[i] !== ';') {
    throw new Malformed(`invalid character reference: ';' expected (libvirt: "CharRef: invalid ${hex ? 'hexadecimal' : 'decimal'} value")`, pos);
  }
  if (value >= 0x110000) throw new Malformed(`character reference beyond U+10FFFF (libvirt: "${fn}: character reference out of bounds")`, pos);
  if (digits === 0 || !isXmlChar(value)) {
    throw new Malformed(`character reference to ${codePointLabel(value)}, which XML does not allow (libvirt: "${fn}: invalid xmlChar value ${value}")`, pos);
  }
  return { code: value, end: i + 1 };
}

/** The five entities XML predefines. */
export const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function isPredefined(name: string): boolean {
  return Object.prototype.hasOwnProperty.call(PREDEFINED, name);
}
