/**
 * The parser refuses what libvirt's libxml2 refuses, and accepts what it
 * accepts. Every verdict here was checked with virsh 9.0.0 (libxml2 2.9.14):
 * `virsh -c test:///<file holding <node/>> 'define FILE'`.
 */
import { describe, expect, it } from 'vitest';
import { parseXml } from '../../src/engine/parse.js';
import { SourceText } from '../../src/engine/source.js';
import { lint } from '../../src/engine/linter.js';
import { rules } from '../../rules/index.js';
import { XmlElement } from '../../src/engine/tree.js';

function refused(text: string) {
  const source = new SourceText(text);
  const result = parseXml(source);
  if (result.ok) throw new Error('expected the parser to refuse the document');
  return { message: result.error.message, ...source.position(result.error.offset) };
}

function accepted(text: string) {
  const result = parseXml(new SourceText(text));
  if (!result.ok) throw new Error(`unexpected parse error: ${result.error.message}`);
  return result.doc;
}

const ENTITY_LOOP = `refers to itself or expands too much (an entity bomb); libvirt's XML parser refuses it (libvirt: "Detected an entity reference loop")`;

/** A DOCTYPE declaring `entities`, then a domain whose <description> holds `body` (and `attr` as an attribute). */
function withEntities(entities: [string, string][], body: string, attr?: string): string {
  const decls = entities.map(([name, value]) => `  <!ENTITY ${name} "${value}">`).join('\n');
  return `<!DOCTYPE domain [\n${decls}\n]>\n<domain type="kvm">\n  <description${attr === undefined ? '' : ` a="${attr}"`}>${body}</description>\n</domain>\n`;
}

describe('internal entities', () => {
  it('are expanded in text and attribute values, with ranges on the reference', () => {
    const text = withEntities([['n', 'win11']], 'VM &n; here', '&n;-x');
    const doc = accepted(text);
    const description = doc.root.first('description')!;
    expect(description.text()).toBe('VM win11 here');
    const a = description.attribute('a')!;
    expect(a.value).toBe('win11-x');
    expect(a.rawValue).toBe('&n;-x');
    expect(text.slice(a.valueRange.start, a.valueRange.end)).toBe('&n;-x');
  });

  it.each([
    ['an entity', withEntities([['n', ' 4 ']], '  &n;  '), '&n;'],
    ['character references', '<domain><vcpu> &#32;4&#32; </vcpu></domain>', '&#32;4&#32;'],
  ])('gives textRange() whole references, never half of one (%s)', (_name, text, expected) => {
    const doc = accepted(text);
    const el = doc.root.elements[0];
    const range = el.textRange();
    expect(text.slice(range.start, range.end)).toBe(expected);
  });

  it('show libvirt only the text of markup inside them: its elements are invisible to libvirt', () => {
    const doc = accepted(withEntities([['m', '<b>x</b>y']], '&m;'));
    const description = doc.root.first('description')!;
    expect(description.text()).toBe('xy');
    expect(description.elements).toEqual([]);
  });

  it('refuse a 3-level "billion laughs" of under 300 characters at the reference', () => {
    const text = withEntities(
      [
        ['a', 'lollollollollollollollollollol'],
        ['b', '&a;'.repeat(10)],
        ['c', '&b;'.repeat(10)],
      ],
      '&c;',
    );
    expect(refused(text)).toEqual({ line: 7, column: 16, message: `entity '&c;' ${ENTITY_LOOP}` });
  });

  // libxml2 2.9.14 counts references: the first expansion of '&b;' inside '&c;' may take fewer than 10/3 per byte read.
  it.each([
    [4, true],
    [5, false],
  ])('accept or refuse nested expansion exactly where libxml2 does (%i references)', (fan, ok) => {
    const text = withEntities(
      [
        ['a', 'lol'],
        ['b', '&a;'.repeat(fan)],
        ['c', '&b;'],
      ],
      '&c;',
    );
    if (ok) expect(accepted(text).root.first('description')!.text()).toBe('lol'.repeat(fan));
    else expect(refused(text).message).toBe(`entity '&c;' ${ENTITY_LOOP}`);
  });

  it('count differently in attribute values, as libxml2 does (3 levels of 10 pass there, 4 do not)', () => {
    const chain = (levels: number): [string, string][] => [['e0', 'lol'], ...Array.from({ length: levels - 1 }, (_, i): [string, string] => [`e${i + 1}`, `&e${i};`.repeat(10)])];
    expect(accepted(withEntities(chain(3), '', '&e2;')).root.first('description')!.attr('a')).toHaveLength(300);
    expect(refused(withEntities(chain(4), '', '&e3;'))).toEqual({ line: 8, column: 19, message: `entity '&e3;' ${ENTITY_LOOP}` });
  });

  it('refuse a reference loop even when the loop is indirect', () => {
    const text = withEntities(
      [
        ['a', '&b;'],
        ['b', 'x&a;'],
      ],
      '&a;',
    );
    expect(refused(text)).toEqual({ line: 6, column: 16, message: `entity '&a;' ${ENTITY_LOOP}` });
  });

  it('refuse an expansion libxml2 2.11+ calls amplification (over 1,000,000 characters and 5 times the input)', () => {
    const big = 'x'.repeat(100_000);
    expect(accepted(withEntities([['a', big]], '&a;'.repeat(5))).root.first('description')!.text()).toHaveLength(500_000);
    expect(refused(withEntities([['a', big]], '&a;'.repeat(20))).message).toBe(
      `entity '&a;' expands the document too much (1,100,000 characters of replacement text from 100,107 bytes); libxml2 2.11 and later refuse it (libvirt: "Maximum entity amplification factor exceeded")`,
    );
  });

  it("refuse '<' reaching an attribute value through an entity, but not &lt;", () => {
    expect(refused(withEntities([['n', 'a&#60;b']], '', '&n;'))).toEqual({
      line: 5,
      column: 19,
      message: `entity '&n;' holds '<' and is used in an attribute value (libvirt: "'<' in entity 'n' is not allowed in attributes values")`,
    });
    expect(accepted(withEntities([['n', 'a&lt;b']], '', '&n;')).root.first('description')!.attr('a')).toBe('a<b');
  });

  it('report an error inside a replacement text at the reference, naming the entity', () => {
    expect(refused(withEntities([['n', 'a&zz;']], '&n;'))).toEqual({
      line: 5,
      column: 16,
      message: `entity '&zz;' is not declared (libvirt: "Entity 'zz' not defined") (in the replacement text of entity '&n;')`,
    });
    expect(refused(withEntities([['n', '<b>']], '&n;')).message).toBe(
      `element <b> is not closed (libvirt: "Premature end of data in tag b") (in the replacement text of entity '&n;')`,
    );
  });

  it('check a declaration libvirt checks even when nothing uses it', () => {
    expect(refused(withEntities([['n', 'a&#7;']], ''))).toEqual({
      line: 2,
      column: 16,
      message: `character reference to U+0007, which XML does not allow (libvirt: "xmlParseStringCharRef: invalid xmlChar value 7")`,
    });
  });
});

describe('external entities', () => {
  const external = '<!DOCTYPE domain [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n';

  it('are never read: in text they read as nothing, as in libvirt', () => {
    expect(accepted(`${external}<domain><name>a&x;b</name></domain>`).root.first('name')!.text()).toBe('ab');
  });

  it('are an error in an attribute value', () => {
    expect(refused(`${external}<domain>\n  <name a="&x;"/>\n</domain>`)).toEqual({
      line: 3,
      column: 12,
      message: `attribute value refers to external entity '&x;', which libvirt never loads (libvirt: "Attribute references external entity 'x'")`,
    });
  });

  it('make an undeclared entity only a warning for libxml2 when the DOCTYPE names an external subset', () => {
    expect(accepted('<!DOCTYPE domain SYSTEM "domain.dtd">\n<domain><name>a&zz;b</name></domain>').root.first('name')!.text()).toBe('ab');
    expect(refused('<?xml version="1.0" standalone="yes"?>\n<!DOCTYPE domain SYSTEM "domain.dtd">\n<domain><name>a&zz;b</name></domain>').message).toBe(
      `entity '&zz;' is not declared (libvirt: "Entity 'zz' not defined")`,
    );
  });
});

describe('characters outside XML 1.0', () => {
  it.each([
    ['NUL in text', '<domain>\n  <name>a\u0000b</name>\n</domain>', 2, 10, 'NUL character (U+0000): XML does not allow it, and libvirt reads the document only up to it'],
    ['BEL in text', '<domain>\n  <name>a\u0007b</name>\n</domain>', 2, 10, 'control character U+0007 is not allowed in XML 1.0 (libvirt: "PCDATA invalid Char value 7")'],
    ['BEL in an attribute', '<domain>\n  <name v="a\u0007b"/>\n</domain>', 2, 13, 'control character U+0007 is not allowed in XML 1.0 (libvirt: "invalid character in attribute value")'],
    ['BEL in a comment', '<domain>\n  <!-- a\u0007b -->\n</domain>', 2, 9, 'control character U+0007 is not allowed in XML 1.0 (libvirt: "xmlParseComment: invalid xmlChar value 7")'],
    ['U+FFFE in text', '<domain>\n  <name>\uFFFE</name>\n</domain>', 2, 9, 'character U+FFFE is not allowed in XML (libvirt: "Char 0xFFFE out of allowed range")'],
    ['&#x7; in text', '<domain>\n  <name>a&#x7;b</name>\n</domain>', 2, 10, 'character reference to U+0007, which XML does not allow (libvirt: "xmlParseCharRef: invalid xmlChar value 7")'],
    ['&#7; in an attribute', '<domain>\n  <name v="&#7;"/>\n</domain>', 2, 12, 'character reference to U+0007, which XML does not allow (libvirt: "xmlParseCharRef: invalid xmlChar value 7")'],
    ['&#0;', '<domain><name>&#0;</name></domain>', 1, 15, 'character reference to U+0000, which XML does not allow (libvirt: "xmlParseCharRef: invalid xmlChar value 0")'],
    ['&#xD800;', '<domain><name>&#xD800;</name></domain>', 1, 15, 'character reference to U+D800, which XML does not allow (libvirt: "xmlParseCharRef: invalid xmlChar value 55296")'],
    ['&#x110000;', '<domain><name>&#x110000;</name></domain>', 1, 15, 'character reference beyond U+10FFFF (libvirt: "xmlParseCharRef: character reference out of bounds")'],
    ['&#x7g;', '<domain><name>&#x7g;</name></domain>', 1, 15, 'invalid character reference: not a hexadecimal number (libvirt: "CharRef: invalid hexadecimal value")'],
  ])('refuses %s', (_name, text, line, column, message) => {
    expect(refused(text)).toEqual({ line, column, message });
  });

  it('accepts what XML allows: tabs and line ends by reference, C1 controls, characters beyond the BMP', () => {
    const doc = accepted('<domain><name v="&#9;">&#x9;&#xA;\u0085&#x1F600;😀</name></domain>');
    expect(doc.root.first('name')!.attr('v')).toBe('\t');
    expect(doc.root.first('name')!.children[0]).toMatchObject({ value: '\t\n\u0085😀😀' });
  });
});

describe('nesting depth', () => {
  const nested = (depth: number) => `<domain>\n${'<a>'.repeat(depth - 1)}${'</a>'.repeat(depth - 1)}\n</domain>`;

  it('accepts 257 nested elements and refuses the 258th, where libxml2 stops', () => {
    expect(accepted(nested(257)).root.elements).toHaveLength(1);
    expect(refused(nested(258))).toEqual({
      line: 2,
      column: 3 * 256 + 1,
      message: `elements nested more than 257 deep: libvirt's XML parser stops here (libvirt: "Excessive depth in document: 256 use XML_PARSE_HUGE option")`,
    });
  });

  it('lints a document nested 10,000 deep with every rule: one xml-not-well-formed error, no crash', () => {
    const depth = 10_000;
    const xml = `<domain type='kvm'>\n  <name>deep</name>\n  <metadata>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</metadata>\n</domain>\n`;
    const result = lint(xml, { rules, host: {} });
    expect(result.messages.map((m) => [m.ruleId, m.line, m.column])).toEqual([['xml-not-well-formed', 3, 13 + 3 * 255]]);
  });

  it('walks a tree 100,000 deep without recursion (descendants)', () => {
    const root = new XmlElement('domain', undefined);
    let el = root;
    for (let i = 0; i < 100_000; i++) {
      const child = new XmlElement('a', el);
      el.children.push(child);
      el = child;
    }
    expect(root.descendants('a')).toHaveLength(100_000);
  });
});

describe('unclosed elements', () => {
  it('names only the innermost open element and the line of its start tag, where it starts', () => {
    expect(refused('<domain>\n  <devices>\n    <disk>\n')).toEqual({
      line: 3,
      column: 5,
      message: 'element <disk> opened at line 3 is not closed (libvirt: "Premature end of data in tag disk line 3")',
    });
  });

  it('keeps the message short however many elements are open (fast-xml-parser listed them all: 800 KB for 100,000)', () => {
    expect(refused(`<domain>\n${'<a>'.repeat(200)}`).message).toBe('element <a> opened at line 2 is not closed (libvirt: "Premature end of data in tag a line 2")');
    // Beyond 257 open elements libxml2 stops at the depth limit first.
    expect(refused(`<domain>${'<a>'.repeat(100_000)}`).message).toMatch(/^elements nested more than 257 deep/);
  });

  it('never puts a whole long name in a message', () => {
    const name = 'n'.repeat(10_000);
    expect(refused(`<domain><${name}>`).message).toBe(`element <${'n'.repeat(40)}…> opened at line 1 is not closed (libvirt: "Premature end of data in tag ${'n'.repeat(40)}… line 1")`);
  });
});

describe("libxml2's size limits and declarations", () => {
  it('refuses a name over 50,000 bytes and accepts one of 50,000', () => {
    expect(accepted(`<domain><${'n'.repeat(50_000)}/></domain>`).root.elements).toHaveLength(1);
    expect(refused(`<domain><${'n'.repeat(50_001)}/></domain>`)).toEqual({ line: 1, column: 10, message: 'name longer than 50,000 bytes (libvirt: "Name too long: NCName")' });
  });

  it('refuses an attribute value over 10,000,000 bytes', () => {
    expect(refused(`<domain><name v="${'x'.repeat(10_000_001)}"/></domain>`)).toEqual({
      line: 1,
      column: 18,
      message: `the value of attribute 'v' is longer than 10,000,000 bytes (libvirt: "AttValue length too long")`,
    });
  });

  it.each([
    ['an unsupported XML version', '<?xml version="2.0"?><domain/>', 1, 16, `XML version '2.0' is not supported (libvirt: "Unsupported version '2.0'")`],
    ['an XML declaration after the start', '<domain/>\n<?xml version="1.0"?>', 2, 1, 'an XML declaration (<?xml …?>) is only allowed at the very start of the file (libvirt: "XML declaration allowed only at the start of the document")'],
    ["']]>' in text", '<domain>\n  <name>]]></name>\n</domain>', 2, 9, `']]>' is not allowed in text; write ]]&gt; (libvirt: "Sequence ']]>' not allowed in content")`],
    ['a missing space between attributes', "<domain type='kvm'id='1'/>", 1, 19, 'a space is required between attributes (libvirt: "attributes construct error")'],
    ['an attribute without a value', '<domain type/>', 1, 13, `attribute 'type' has no value (libvirt: "Specification mandates value for attribute type")`],
  ])('refuses %s', (_name, text, line, column, message) => {
    expect(refused(text)).toEqual({ line, column, message });
  });

  it('accepts what libvirt accepts: XML 1.1, undeclared namespace prefixes, names with dots and colons', () => {
    const doc = accepted('<?xml version="1.1" encoding="utf-8"?>\n<domain><qemu:commandline/><a.b-c/><a:b:c/></domain>');
    expect(doc.root.elements.map((e) => e.name)).toEqual(['qemu:commandline', 'a.b-c', 'a:b:c']);
  });
});

describe('values as libvirt reads them', () => {
  it('normalises line ends: CR LF is one LF in text and one space in an attribute; a character reference is kept', () => {
    const doc = accepted('<domain><name v="a\r\nb\tc&#10;d">x\r\ny\rz</name></domain>');
    expect(doc.root.first('name')!.attr('v')).toBe('a b c\nd');
    expect(doc.root.first('name')!.children[0]).toMatchObject({ value: 'x\ny\nz', raw: 'x\r\ny\rz' });
  });
});
