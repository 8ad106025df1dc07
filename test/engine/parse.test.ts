import { describe, expect, it } from 'vitest';
import { parseXml } from '#engine/parse.js';
import { SourceText } from '#engine/source.js';
import { lint } from '#engine/linter.js';
import { rules } from '#rules/index.js';

function parse(text: string) {
  const source = new SourceText(text);
  const result = parseXml(source);
  if (!result.ok) throw new Error(`unexpected parse error: ${result.error.message}`);
  return { source, doc: result.doc };
}

function parseError(text: string) {
  const source = new SourceText(text);
  const result = parseXml(source);
  if (result.ok) throw new Error('expected a parse error');
  return { message: result.error.message, ...source.position(result.error.offset) };
}

const XML = `<domain type='kvm' xmlns:qemu="http://libvirt.org/schemas/domain/qemu/1.0">
  <!-- a comment -->
  <devices>
    <sound model='ich9'/>
    <audio id="1" type = 'spice' />
  </devices>
  <qemu:commandline>
    <qemu:arg value='-device'/>
  </qemu:commandline>
</domain>
`;

describe('positions', () => {
  const cases = {
    LF: XML,
    CRLF: XML.replace(/\n/g, '\r\n'),
    'UTF-8 BOM': '\uFEFF' + XML,
    'BOM + CRLF': '\uFEFF' + XML.replace(/\n/g, '\r\n'),
  };
  for (const [name, text] of Object.entries(cases)) {
    it(`gives the line and column an editor shows (${name})`, () => {
      const { source, doc } = parse(text);
      const audio = doc.root.first('devices/audio')!;
      expect(source.position(audio.range.start)).toEqual({ line: 5, column: 5 });
      const type = audio.attribute('type')!;
      expect(source.position(type.nameRange.start)).toEqual({ line: 5, column: 19 });
      expect(source.position(type.valueRange.start)).toEqual({ line: 5, column: 27 });
      expect(type.quote).toBe("'");
      expect(source.text.slice(type.valueRange.start, type.valueRange.end)).toBe('spice');
      expect(source.position(doc.root.range.start)).toEqual({ line: 1, column: 1 });
      expect(source.position(audio.range.end)).toEqual({ line: 5, column: 36 });
    });
  }

  it('keeps namespaced elements and comments with their ranges', () => {
    const { source, doc } = parse(XML);
    const cmd = doc.root.elements.find((e) => e.name === 'qemu:commandline')!;
    expect(cmd.prefix).toBe('qemu');
    expect(cmd.localName).toBe('commandline');
    expect(cmd.first('qemu:arg')?.attr('value')).toBe('-device');
    expect(doc.comments).toHaveLength(1);
    expect(doc.comments[0].value).toBe(' a comment ');
    expect(source.position(doc.comments[0].range.start)).toEqual({ line: 2, column: 3 });
  });

  it('decodes entities in attribute values and text, but keeps raw values', () => {
    const { doc } = parse(`<domain><name a="x &amp; &#65;&#x42;">a &lt; b</name></domain>`);
    const name = doc.root.first('name')!;
    expect(name.attr('a')).toBe('x & AB');
    expect(name.attribute('a')!.rawValue).toBe('x &amp; &#65;&#x42;');
    expect(name.text()).toBe('a < b');
  });
});

describe('well-formedness', () => {
  it.each([
    ['a mismatched tag', '<domain>\n  <devices>\n</domain>\n', 3, 1],
    ['a repeated attribute', "<domain type='kvm' type='qemu'/>", 1, 20],
    ['an unescaped ampersand', '<domain>\n  <name>a & b</name>\n</domain>', 2, 11],
    ['a second root element', '<domain/>\n<domain/>', 2, 1],
    ['text after the root', '<domain/>\ntrailing', 2, 1],
    ['< in an attribute value', "<domain>\n  <name a='x<y'/>\n</domain>", 2, 13],
    ['an undefined entity', '<domain>\n  <name>&nbsp;</name>\n</domain>', 2, 9],
    ['an empty file', '', 1, 1],
    ['whitespace only', '  \n\n', 1, 1],
    ['binary data', '\u0000\u0001\u0002PK\u0003', 1, 1],
    ['a double hyphen in a comment', '<domain>\n  <!-- old -- config -->\n</domain>', 2, 12],
    ['a comment ending in ---> ', '<domain>\n  <!-- x --->\n</domain>', 2, 10],
  ])('reports %s at its line and column', (_name, text, line, column) => {
    expect(parseError(text)).toMatchObject({ line, column });
  });

  it('counts CRLF line breaks once', () => {
    expect(parseError('<domain>\r\n  <devices>\r\n</domain>\r\n')).toMatchObject({ line: 3, column: 1 });
  });

  it('never fetches an external entity (it reads as nothing, as in libvirt) but expands an internal one', () => {
    const text = `<!DOCTYPE domain [<!ENTITY x SYSTEM "file:///etc/passwd"><!ENTITY y "boom">]>\n<domain><name>&x;&y;</name></domain>`;
    const { doc } = parse(text);
    expect(doc.root.first('name')!.text()).toBe('boom');
  });
});

describe('lint()', () => {
  it('reports malformed XML as one xml-not-well-formed error and runs no rule', () => {
    const result = lint("<domain type='kvm'>\n  <devices>\n    <sound model='ich9'>\n  </devices>\n</domain>\n", { rules, host: {} });
    expect(result.messages).toEqual([
      expect.objectContaining({
        ruleId: 'xml-not-well-formed',
        severity: 'error',
        line: 4,
        column: 3,
        message: "XML is not well-formed: Expected closing tag 'sound' (opened in line 3, col 5) instead of closing tag 'devices'",
      }),
    ]);
  });

  it.each(['network', 'pool', 'capabilities', 'domainCapabilities'])('skips a <%s> document without an error', (root) => {
    const result = lint(`<${root}><name>x</name></${root}>`, { rules, host: {} });
    expect(result.messages).toEqual([]);
    expect(result.skippedReason).toBe(`root element is <${root}>, not <domain>`);
  });

  it('skips rules whose host fact is unknown and says which', () => {
    const result = lint('<domain type="kvm"><name>x</name></domain>', { rules, host: {} });
    expect(result.skippedRules).toContainEqual({ ruleId: 'qemu-911-spice-hda-audio', missing: ['qemu'] });
  });
});
