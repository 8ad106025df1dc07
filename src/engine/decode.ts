/**
 * Bytes → text, the way libvirt reads a domain XML: as UTF-8, whatever the
 * XML declaration says. Tested with `virsh -c test:///…` (libvirt 9.0.0,
 * libxml2 2.9.14):
 *
 * - bytes that are not UTF-8 are refused ("Input is not proper UTF-8, indicate
 *   encoding !"), also under `<?xml … encoding='ISO-8859-1'?>`: libvirt parses
 *   the document as a string, so the declaration changes nothing (a declared
 *   ISO-8859-1 or UTF-16 file of UTF-8 bytes is read as UTF-8 and accepted);
 * - a UTF-8 sequence for a surrogate or a code point above U+10FFFF is refused
 *   as "Char 0xD800 out of allowed range";
 * - a UTF-16 file (with or without a byte order mark) is refused: virsh reads
 *   it as a C string that ends at the first zero byte;
 * - a UTF-8 byte order mark is accepted; it stays in the text (SourceText
 *   splits it off, and --fix writes it back).
 *
 * Decoding never substitutes U+FFFD: text that could not be decoded exactly
 * is refused with the byte offset, so a fix can never re-encode a file.
 */
import { lazy } from '#shared/memo.js';
import { SourceText } from './source.js';

export type DecodeResult =
  | { ok: true; text: string }
  | {
      ok: false;
      /** Offset of the first byte that could not be decoded. */
      byteOffset: number;
      /** 1-based, as an editor shows it (BOM not counted, CRLF one break), like every diagnostic. */
      line: number;
      column: number;
      message: string;
    };

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** For text that did not decode (rare): made on first use, not at every start. */
const lenient = lazy(() => new TextDecoder('utf-8', { fatal: false, ignoreBOM: true }));

export function decodeXmlBytes(bytes: Uint8Array): DecodeResult {
  const wide = wideEncoding(bytes);
  if (wide) {
    return {
      ok: false,
      byteOffset: 0,
      line: 1,
      column: 1,
      message: `the file is ${wide} (libvirt: "StartTag: invalid element name" or "Start tag expected, '<' not found"); libvirt reads domain XML as UTF-8 only: convert it, e.g. iconv -f ${wide} -t UTF-8`,
    };
  }
  try {
    return { ok: true, text: strict.decode(bytes) };
  } catch {
    // Not UTF-8: find where, and say it in libvirt's words.
  }
  const bad = firstInvalid(bytes);
  const prefix = lenient().decode(bytes.subarray(0, bad.offset));
  const source = new SourceText(prefix);
  const { line, column } = source.position(source.text.length);
  const shown = Array.from(bytes.subarray(bad.offset, bad.offset + 4), (b) => `0x${b.toString(16).toUpperCase().padStart(2, '0')}`).join(' ');
  const declared = declaredEncoding(bytes);
  const what =
    bad.codePoint !== undefined
      ? `Char 0x${bad.codePoint.toString(16).toUpperCase()} out of allowed range (bytes ${shown} at byte offset ${bad.offset})`
      : `Input is not proper UTF-8, indicate encoding ! (bytes ${shown} at byte offset ${bad.offset})`;
  const why =
    declared && !/^utf-?8$/i.test(declared)
      ? `libvirt reads domain XML as UTF-8 and ignores encoding='${declared}': convert the file, e.g. iconv -f ${declared} -t UTF-8`
      : 'libvirt reads domain XML as UTF-8 only: convert the file from its real encoding, e.g. iconv -f ISO-8859-1 -t UTF-8';
  return { ok: false, byteOffset: bad.offset, line, column, message: `${what}; ${why}` };
}

/** Text for showing a file that did not decode: undecodable bytes become U+FFFD. Never for writing. */
export function decodeForDisplay(bytes: Uint8Array): string {
  return lenient().decode(bytes);
}

/**
 * The first byte that does not start a well-formed UTF-8 sequence (Unicode
 * table 3-7), with the code point when the bytes have UTF-8's shape but encode
 * a surrogate or a value above U+10FFFF (libxml2 names those differently).
 */
function firstInvalid(bytes: Uint8Array): { offset: number; codePoint?: number } {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b === 0xe0) [need, lo] = [2, 0xa0];
    else if (b === 0xed) [need, hi] = [2, 0x9f];
    else if (b >= 0xe1 && b <= 0xef) need = 2;
    else if (b === 0xf0) [need, lo] = [3, 0x90];
    else if (b >= 0xf1 && b <= 0xf3) need = 3;
    else if (b === 0xf4) [need, hi] = [3, 0x8f];
    else return { offset: i, codePoint: outOfRange(bytes, i) };
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < lo || c > hi) return { offset: i, codePoint: outOfRange(bytes, i) };
      lo = 0x80;
      hi = 0xbf;
    }
    i += need + 1;
  }
  return { offset: n };
}

/** A surrogate (ED A0..BF xx) or a value above U+10FFFF (F4 90.. / F5..F7) spelled in UTF-8's shape. */
function outOfRange(bytes: Uint8Array, i: number): number | undefined {
  const b = bytes[i];
  const cont = (k: number) => bytes[i + k] !== undefined && (bytes[i + k] & 0xc0) === 0x80;
  if (b === 0xed && cont(1) && cont(2) && bytes[i + 1] >= 0xa0) return ((b & 0x0f) << 12) | ((bytes[i + 1] & 0x3f) << 6) | (bytes[i + 2] & 0x3f);
  if (b >= 0xf4 && b <= 0xf7 && cont(1) && cont(2) && cont(3)) {
    const cp = ((b & 0x07) << 18) | ((bytes[i + 1] & 0x3f) << 12) | ((bytes[i + 2] & 0x3f) << 6) | (bytes[i + 3] & 0x3f);
    if (cp > 0x10ffff) return cp;
  }
  return undefined;
}

/** UTF-16 or UTF-32, recognised by a byte order mark or by how `<` is spelled (XML 1.0 appendix F). */
function wideEncoding(b: Uint8Array): string | undefined {
  if (b.length < 2) return undefined;
  if ((b[0] === 0xff && b[1] === 0xfe) || (b[0] === 0x3c && b[1] === 0x00)) return b[2] === 0 && b[3] === 0 ? 'UTF-32LE' : 'UTF-16LE';
  if ((b[0] === 0xfe && b[1] === 0xff) || (b[0] === 0x00 && b[1] === 0x3c)) return 'UTF-16BE';
  if (b[0] === 0x00 && b[1] === 0x00 && ((b[2] === 0xfe && b[3] === 0xff) || (b[2] === 0x00 && b[3] === 0x3c))) return 'UTF-32BE';
  return undefined;
}

/** The encoding an XML declaration at the start names, if any (read as ASCII). */
function declaredEncoding(bytes: Uint8Array): string | undefined {
  let head = '';
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  for (let i = start; i < Math.min(bytes.length, start + 200); i++) {
    if (bytes[i] >= 0x80) break;
    head += String.fromCharCode(bytes[i]);
    if (bytes[i] === 0x3e /* > */) break;
  }
  return /^<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([A-Za-z][\w.:-]*)\1/.exec(head)?.[2];
}
