/**
 * xml-not-well-formed is reported by the engine before any rule runs
 * (src/engine/linter.ts): by the parser for text, by the decoder for bytes
 * libvirt would not read. The parser's own cases are in
 * test/engine/parse.test.ts, the decoder's in test/engine/decode.test.ts;
 * this suite is what a user sees of them.
 */
import rule from '#rules/xml-not-well-formed.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const bytes = (...parts: (string | number[])[]) => Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'utf8')] : p)));

testRule(rule, {
  valid: [
    { name: 'a domain as virt-manager writes it', xml: domain('') },
    { name: 'CRLF line breaks and a BOM', xml: '\uFEFF' + domain('').replace(/\n/g, '\r\n') },
    { name: 'another libvirt document (skipped, not an error)', xml: '<network><name>default</name></network>' },
    { name: 'entities declared in a DOCTYPE (never expanded)', xml: `<!DOCTYPE domain [<!ENTITY y "boom">]>\n<domain><name>&y;</name></domain>` },
    { name: 'UTF-8 bytes', xml: bytes("<domain type='kvm'><name>café</name></domain>") },
  ],
  invalid: [
    {
      name: 'a mismatched closing tag, where it stands, in the parser\'s words',
      xml: "<domain type='kvm'>\n  <devices>\n    <sound model='ich9'>\n  </devices>\n</domain>\n",
      errors: [
        {
          messageId: 'notWellFormed',
          data: { detail: "Expected closing tag 'sound' (opened in line 3, col 5) instead of closing tag 'devices'" },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 3,
          severity: 'error',
          message: "XML is not well-formed: Expected closing tag 'sound' (opened in line 3, col 5) instead of closing tag 'devices'",
        },
      ],
    },
    { name: 'an unclosed element', xml: "<domain type='kvm'>\n  <devices>\n    <disk type='file' device='disk'>\n  </devices>\n</domain>\n", errors: [{ messageId: 'notWellFormed', line: 4, column: 3 }] },
    { name: 'a repeated attribute', xml: "<domain type='kvm' type='qemu'/>", errors: [{ messageId: 'notWellFormed', line: 1, column: 20 }] },
    { name: 'an unescaped ampersand', xml: '<domain>\n  <name>a & b</name>\n</domain>', errors: [{ messageId: 'notWellFormed', line: 2, column: 11 }] },
    { name: 'a second root element', xml: '<domain/>\n<domain/>', errors: [{ messageId: 'notWellFormed', line: 2, column: 1 }] },
    { name: 'an undefined entity', xml: '<domain>\n  <name>&nbsp;</name>\n</domain>', errors: [{ messageId: 'notWellFormed', line: 2, column: 9 }] },
    { name: 'a double hyphen in a comment', xml: '<domain>\n  <!-- old -- config -->\n</domain>', errors: [{ messageId: 'notWellFormed', line: 2, column: 12 }] },
    { name: 'an empty file', xml: '', errors: [{ messageId: 'notWellFormed', line: 1, column: 1 }] },
    { name: 'binary data', xml: '\u0000\u0001\u0002PK\u0003', errors: [{ messageId: 'notWellFormed', line: 1, column: 1 }] },
    { name: 'CRLF line breaks count once', xml: '<domain>\r\n  <devices>\r\n</domain>\r\n', errors: [{ messageId: 'notWellFormed', line: 3, column: 1 }] },
    {
      name: 'a Latin-1 byte, at its line and column, in libvirt\'s words',
      xml: bytes('<domain>\n  <name>caf', [0xe9], '</name>\n</domain>'),
      errors: [
        {
          messageId: 'notUtf8',
          line: 2,
          column: 12,
          message:
            'XML is not well-formed: Input is not proper UTF-8, indicate encoding ! (bytes 0xE9 0x3C 0x2F 0x6E at byte offset 20); libvirt reads domain XML as UTF-8 only: convert the file from its real encoding, e.g. iconv -f ISO-8859-1 -t UTF-8',
        },
      ],
    },
    { name: 'UTF-16', xml: Uint8Array.from(Buffer.from("<domain type='kvm'/>", 'utf16le')), errors: [{ messageId: 'notUtf8', line: 1, column: 1 }] },
  ],
});
