/**
 * Bytes → text as libvirt reads them (strict UTF-8, declaration ignored),
 * checked against what `virsh -c test:///…` (libvirt 9.0.0) says for the same
 * bytes; and lint() given bytes.
 */
import { describe, expect, it } from 'vitest';
import { decodeXmlBytes } from '#engine/decode.js';
import { lint } from '#engine/linter.js';
import { rules } from '#rules/index.js';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'utf8')] : p)));

const DOMAIN_HEAD = "<domain type='kvm'><name>a</name><memory>1024</memory><os><type>hvm</type></os><description>";

describe('decodeXmlBytes', () => {
  it('decodes UTF-8 exactly and keeps a BOM in the text', () => {
    expect(decodeXmlBytes(bytes('<domain>café ☃ 𝄞</domain>'))).toEqual({ ok: true, text: '<domain>café ☃ 𝄞</domain>' });
    expect(decodeXmlBytes(bytes([0xef, 0xbb, 0xbf], '<domain/>'))).toEqual({ ok: true, text: '\uFEFF<domain/>' });
  });

  it('refuses a Latin-1 byte with libvirt\'s message, the byte offset and the line and column', () => {
    // virsh: "(domain_definition):3: Input is not proper UTF-8, indicate encoding !\nBytes: 0xE9 0x3C 0x2F 0x64"
    const r = decodeXmlBytes(bytes(DOMAIN_HEAD, '\r\n\nab', [0xe9], '</description></domain>'));
    expect(r).toMatchObject({ ok: false, byteOffset: DOMAIN_HEAD.length + 5, line: 3, column: 3 });
    if (r.ok) return;
    expect(r.message).toContain('Input is not proper UTF-8, indicate encoding ! (bytes 0xE9 0x3C 0x2F 0x64 at byte offset 97)');
    expect(r.message).toContain('libvirt reads domain XML as UTF-8 only');
  });

  it('ignores a declared ISO-8859-1, as libvirt does, and says so', () => {
    // virsh refuses Latin-1 bytes under encoding='ISO-8859-1' and accepts UTF-8 bytes under it.
    const decl = "<?xml version='1.0' encoding='ISO-8859-1'?>\n";
    const r = decodeXmlBytes(bytes(decl, DOMAIN_HEAD, 'caf', [0xe9], '</description></domain>'));
    expect(r).toMatchObject({ ok: false, line: 2, column: DOMAIN_HEAD.length + 4 });
    if (!r.ok) expect(r.message).toContain("ignores encoding='ISO-8859-1': convert the file, e.g. iconv -f ISO-8859-1 -t UTF-8");
    expect(decodeXmlBytes(bytes(decl, '<domain>café</domain>'))).toEqual({ ok: true, text: `${decl}<domain>café</domain>` });
    // A declared UTF-16 over UTF-8 bytes: virsh defines it, reading UTF-8.
    const utf16decl = "<?xml version='1.0' encoding='UTF-16'?>\n<domain>café</domain>";
    expect(decodeXmlBytes(bytes(utf16decl))).toEqual({ ok: true, text: utf16decl });
  });

  it.each([
    ['a surrogate', [0xed, 0xa0, 0x80], 'Char 0xD800 out of allowed range'],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80], 'Char 0x110000 out of allowed range'],
    ['an overlong /', [0xc0, 0xaf], 'Input is not proper UTF-8'],
    ['a truncated sequence at the end', [0xe2, 0x98], 'Input is not proper UTF-8'],
    ['a lone continuation byte', [0x80], 'Input is not proper UTF-8'],
  ])('refuses %s in libvirt\'s words', (_, bad, message) => {
    const r = decodeXmlBytes(bytes('<d>é', bad));
    expect(r).toMatchObject({ ok: false, byteOffset: 5, line: 1, column: 5 });
    if (!r.ok) expect(r.message).toContain(message);
  });

  it('refuses UTF-16, with or without a byte order mark', () => {
    const utf16le = Uint8Array.from(Buffer.from('<domain/>', 'utf16le'));
    for (const b of [utf16le, Uint8Array.from([0xff, 0xfe, ...utf16le]), Uint8Array.from(Buffer.from('\uFEFF<domain/>', 'utf16le').swap16())]) {
      const r = decodeXmlBytes(b);
      expect(r).toMatchObject({ ok: false, byteOffset: 0, line: 1, column: 1 });
      if (!r.ok) expect(r.message).toMatch(/^the file is UTF-16[LB]E .*libvirt reads domain XML as UTF-8 only/);
    }
  });
});

describe('lint(bytes)', () => {
  it('lints UTF-8 bytes like the same text', () => {
    const xml = `${DOMAIN_HEAD}café</description></domain>`;
    const fromBytes = lint(bytes(xml), { rules, host: {} });
    const fromText = lint(xml, { rules, host: {} });
    expect(fromBytes.messages).toEqual(fromText.messages);
    expect(fromBytes.source.text).toBe(xml);
  });

  it('gives one xml-not-well-formed error at the bad byte', () => {
    const r = lint(bytes('<domain>\n  <name>caf', [0xe9], '</name>\n</domain>'), { rules, host: {} });
    expect(r.doc).toBeUndefined();
    expect(r.messages).toHaveLength(1);
    expect(r.messages[0]).toMatchObject({ ruleId: 'xml-not-well-formed', severity: 'error', line: 2, column: 12 });
    expect(r.messages[0].message).toMatch(/^XML is not well-formed: Input is not proper UTF-8, indicate encoding ! \(bytes 0xE9 0x3C 0x2F 0x6E at byte offset 20\)/);
  });
});
