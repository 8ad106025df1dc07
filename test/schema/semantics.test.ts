/**
 * RELAX NG semantics on small grammars: each case's verdict is the one
 * `xmllint --relaxng` gives (checked when the case was written), except where
 * a comment says libxml2 gets it wrong.
 */
import { describe, expect, it } from 'vitest';
import { parseXml } from '#engine/parse.js';
import { SourceText } from '#engine/source.js';
import type { Grammar } from '#schema/grammar.js';
import { quickCheckOf } from '#schema/validate.js';
import { g, grammar, valid } from './helpers.js';

const E = (name: string, body = '<empty/>') => `<element name="${name}">${body}</element>`;
const start = (p: string) => g(`<start>${p}</start>`);

interface Case {
  name: string;
  rng: string;
  ok: string[];
  bad: string[];
}

export const CASES: Case[] = [
  {
    name: 'group is ordered',
    rng: start(E('a', E('b') + E('c'))),
    ok: ['<a><b/><c/></a>'],
    bad: ['<a><c/><b/></a>', '<a><b/></a>', '<a><b/><c/><c/></a>'],
  },
  {
    name: 'interleave is not, and may nest a group inside it',
    rng: start(E('a', `<interleave>${E('b')}<group>${E('c')}${E('d')}</group></interleave>`)),
    ok: ['<a><b/><c/><d/></a>', '<a><c/><b/><d/></a>', '<a><c/><d/><b/></a>'],
    bad: ['<a><d/><c/><b/></a>', '<a><b/><c/></a>', '<a><b/><b/><c/><d/></a>'],
  },
  {
    name: 'choice, optional, zeroOrMore, oneOrMore',
    rng: start(E('a', `<choice>${E('b')}${E('c')}</choice><optional>${E('d')}</optional><zeroOrMore>${E('e')}</zeroOrMore><oneOrMore>${E('f')}</oneOrMore>`)),
    ok: ['<a><b/><f/></a>', '<a><c/><d/><e/><e/><f/><f/></a>'],
    bad: ['<a><b/><c/><f/></a>', '<a><b/></a>', '<a><b/><d/><d/><f/></a>', '<a><f/><b/></a>'],
  },
  {
    name: 'attributes: required, optional, any order, none extra',
    rng: start(E('a', `<attribute name="x"/><optional><attribute name="y"><choice><value>1</value><value>2</value></choice></attribute></optional>`)),
    ok: ["<a x=''/>", "<a y='2' x='v'/>", "<a x='v' y=' 1 '/>"],
    bad: ['<a/>', "<a x='v' z='1'/>", "<a x='v' y='3'/>"],
  },
  {
    name: 'an attribute value chooses the rest of the content',
    rng: start(
      E('a', `<choice><group><attribute name="type"><value>f</value></attribute>${E('file')}</group><group><attribute name="type"><value>b</value></attribute>${E('dev')}</group></choice>`),
    ),
    ok: ["<a type='f'><file/></a>", "<a type='b'><dev/></a>"],
    bad: ["<a type='f'><dev/></a>", "<a type='x'><dev/></a>", '<a><dev/></a>'],
  },
  {
    name: 'text, whitespace and empty content',
    rng: start(E('a', `${E('t', '<text/>')}${E('e')}${E('v', '<value>x</value>')}${E('d', '<data type="string"><param name="pattern">.+</param></data>')}`)),
    ok: ['<a><t/><e>  </e><v> x </v><d>1</d></a>', '<a>\n <t>hello</t>\n <e/><v>x</v><d> </d></a>'],
    bad: ['<a><t/><e>x</e><v>x</v><d>1</d></a>', '<a><t/><e/><v>y</v><d>1</d></a>', '<a><t/><e/><v>x</v><d/></a>', '<a>text<t/><e/><v>x</v><d>1</d></a>'],
  },
  {
    name: 'string values keep whitespace, token values collapse it',
    rng: start(E('a', `${E('s', '<value type="string">a b</value>')}${E('k', '<value>a b</value>')}`)),
    ok: ['<a><s>a b</s><k>  a   b </k></a>'],
    bad: ['<a><s> a b</s><k>a b</k></a>'],
  },
  {
    name: 'mixed content and text split by comments and CDATA',
    rng: start(E('a', `<mixed><optional>${E('b')}</optional></mixed>`)),
    ok: ['<a>x<b/>y</a>', '<a>x<!-- c -->y<![CDATA[z]]></a>', '<a/>'],
    bad: ['<a><b/><b/></a>', '<a>x<c/></a>'],
  },
  {
    name: 'data with facets and except',
    rng: start(
      E(
        'a',
        `<attribute name="n"><data type="unsignedInt"><param name="minInclusive">1</param><param name="maxInclusive">31</param></data></attribute>` +
          `<attribute name="s"><data type="string"><param name="pattern">[^/]+</param><except><choice><value>.</value><value>..</value></choice></except></data></attribute>`,
      ),
    ),
    ok: ["<a n='1' s='x'/>", "<a n=' 31 ' s='...'/>", "<a n='007' s='a.b'/>"],
    // libxml2 takes no sign on unsigned types ('+7'), where XML Schema would.
    bad: ["<a n='0' s='x'/>", "<a n='32' s='x'/>", "<a n='x' s='x'/>", "<a n='1' s='..'/>", "<a n='1' s='a/b'/>", "<a n='1.0' s='x'/>", "<a n='+7' s='x'/>"],
  },
  {
    name: 'list',
    rng: start(E('a', '<list><oneOrMore><data type="int"/></oneOrMore></list>')),
    ok: ['<a>1 2  3</a>', '<a> 4 </a>'],
    bad: ['<a>1 x</a>', '<a/>', '<a>  </a>'],
  },
  {
    name: 'name classes: anyName with except, nsName, namespaces',
    rng: g(
      `<start>${E('a', `<zeroOrMore><element><anyName><except><nsName ns=""/></except></anyName><zeroOrMore><choice><attribute><anyName/></attribute><text/></choice></zeroOrMore></element></zeroOrMore><optional><element name="q:c" xmlns:q="urn:q"><empty/></element></optional>`)}</start>`,
    ),
    ok: ["<a><x:b xmlns:x='urn:x' k='v'>t</x:b></a>", "<a xmlns:q='urn:q'><q:c/></a>", "<a><c xmlns='urn:q'/></a>", "<a xmlns:q='urn:other'><q:c/></a>"],
    bad: ['<a><b/></a>', '<a><c/></a>', "<a><x:b xmlns:x='urn:x'><b/></x:b></a>"],
  },
  {
    // libvirt's <metadata>: customElement takes any name, attributes, text and customElements.
    name: 'an element that takes anything, zero or more, optional, and one that only looks like it',
    rng: g(
      `<start>${E('a', `<optional>${E('m', '<zeroOrMore><ref name="any"/></zeroOrMore>')}</optional><optional>${E('n', '<optional><ref name="any"/></optional>')}</optional><optional>${E('o', '<ref name="almost"/>')}</optional>${E('b')}`)}</start>` +
        '<define name="any"><element><anyName/><zeroOrMore><choice><attribute><anyName/></attribute><text/><ref name="any"/></choice></zeroOrMore></element></define>' +
        '<define name="almost"><element><anyName/><zeroOrMore><choice><attribute><anyName/></attribute><text/><ref name="notB"/></choice></zeroOrMore></element></define>' +
        '<define name="notB"><element><anyName><except><name>b</name></except></anyName><empty/></element></define>',
    ),
    ok: [
      '<a><b/></a>',
      '<a><m/><b/></a>',
      '<a><m> </m><b/></a>',
      '<a><m><x y="1">t<z:q xmlns:z="urn:z" z:w="2"/></x><x/></m><b/></a>',
      '<a><n><x/></n><b/></a>',
      '<a><n/><b/></a>',
      '<a><o><x k="v">t<c/></x></o><b/></a>',
    ],
    bad: [
      '<a><m y="1"/><b/></a>',
      '<a><m>text</m><b/></a>',
      '<a><m><x/></m></a>',
      '<a><m/><m/><b/></a>',
      '<a><b/><m/></a>',
      '<a><n><x/><y/></n><b/></a>',
      '<a><n>t</n><b/></a>',
      '<a><m><x/>t<x/></m><b/></a>',
      '<a><o><x><b/></x></o><b/></a>',
      '<a><o><x><c><d/></c></x></o><b/></a>',
    ],
  },
  {
    name: 'recursion through an element, combine, include with override',
    rng: 'main',
    ok: ['<a><a><a/></a></a>', "<a k='2'/>"],
    bad: ["<a k='1'/>", '<a><b/></a>'],
  },
];

const MAIN = g(`<include href="inc.rng"><define name="k"><value>2</value></define></include><start><ref name="a"/></start>`);
const INC = g(`<define name="a">${E('a', '<optional><attribute name="k"><ref name="k"/></attribute></optional><ref name="kids"/>')}</define><define name="k"><value>1</value></define><define name="kids"><zeroOrMore><ref name="a"/></zeroOrMore></define><define name="kids" combine="choice"><notAllowed/></define>`);

export const grammarOf = (c: Case) => (c.rng === 'main' ? grammar(MAIN, { 'inc.rng': INC }) : grammar(c.rng));
export const INCLUDED = { main: MAIN, 'inc.rng': INC };

describe('RELAX NG semantics', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const gr = grammarOf(c);
      for (const xml of c.ok) expect(valid(gr, xml), xml).toBe(true);
      for (const xml of c.bad) expect(valid(gr, xml), xml).toBe(false);
    });
  }
});

// ---- the quick check (src/schema/fast.ts) ----------------------------------------
// It may only say "valid" when the derivative walk agrees: on every case above it
// must reject each bad document, and it must show valid the good documents of the
// forms it handles (interleaves, groups, choices, optional and repeated elements,
// attributes and values), or it would save nothing.

/** The quick check's answer alone (an element it cannot decide counts as not shown). */
function quick(gr: Grammar, xml: string): boolean {
  const parsed = parseXml(new SourceText(xml));
  if (!parsed.ok) throw new Error(parsed.error.message);
  return quickCheckOf(gr).root(parsed.doc, () => false);
}

describe('quick check', () => {
  for (const c of CASES) {
    it(`never shows a bad document valid: ${c.name}`, () => {
      const gr = grammarOf(c);
      for (const xml of c.bad) expect({ xml, quick: quick(gr, xml) }).toEqual({ xml, quick: false });
    });
  }

  it('shows valid the forms it handles, and the verdict stays the derivative walk’s', () => {

    const gr = grammar(
      g(
        `<start>${E(
          'a',
          `<optional><attribute name="x"><choice><value>1</value><value>2</value></choice></attribute></optional>` +
            `<interleave>${E('b', '<data type="unsignedInt"/>')}<zeroOrMore>${E('c')}</zeroOrMore>` +
            `<choice><group><attribute name="type"><value>f</value></attribute>${E('f')}</group>` +
            `<group><attribute name="type"><value>g</value></attribute><optional>${E('h')}</optional></group></choice></interleave>`,
        )}</start>`,
      ),
    );
    const good = ['<a type="f"><b>7</b><f/></a>', '<a x="2" type="g"><c/><b> 7 </b><c/><h/></a>', '<a type="g"><b>0</b></a>'];
    const bad = ['<a type="f"><b>7</b></a>', '<a type="g"><b>7</b><f/></a>', '<a x="3" type="g"><b>7</b></a>', '<a type="g"><b>x</b></a>', '<a type="g"><b>1</b><h/><h/></a>'];
    for (const xml of good) expect({ xml, quick: quick(gr, xml), valid: valid(gr, xml) }).toEqual({ xml, quick: true, valid: true });
    for (const xml of bad) expect({ xml, quick: quick(gr, xml), valid: valid(gr, xml) }).toEqual({ xml, quick: false, valid: false });
  });

  it('matches attribute values and text on the model as the patterns do (tokens, strings, data, empty, except, lists)', () => {
    const gr = grammar(
      g(
        `<start>${E(
          'a',
          `<optional><attribute name="t"><choice><value>on</value><value>off</value></choice></attribute></optional>` +
            `<optional><attribute name="s"><choice><value type="string">exact</value><empty/></choice></attribute></optional>` +
            `<optional><attribute name="n"><choice><data type="unsignedInt"/><value>auto</value></choice></attribute></optional>` +
            `<optional><attribute name="x"><data type="token"><except><value>bad</value></except></data></attribute></optional>` +
            `<optional><attribute name="l"><list><oneOrMore><data type="unsignedInt"/></oneOrMore></list></attribute></optional>` +
            `<optional>${E('v', '<choice><value>yes</value><value>no</value></choice>')}</optional>`,
        )}</start>`,
      ),
    );
    const good = ['<a t=" on "/>', '<a t="off"><v>\n yes </v></a>', '<a s="exact"/>', '<a s="  "/>', '<a s=""/>', '<a n="12"/>', '<a n="auto"/>', '<a x="good"/>', '<a l="1 2  3"/>'];
    const bad = ['<a t="o n"/>', '<a t="ON"/>', '<a s=" exact"/>', '<a s="other"/>', '<a n="-1"/>', '<a n="automatic"/>', '<a x="bad"/>', '<a x=" bad "/>', '<a l="1 x"/>', '<a><v>maybe</v></a>'];
    for (const xml of good) expect({ xml, quick: quick(gr, xml), valid: valid(gr, xml) }).toEqual({ xml, quick: true, valid: true });
    for (const xml of bad) expect({ xml, quick: quick(gr, xml), valid: valid(gr, xml) }).toEqual({ xml, quick: false, valid: false });
  });

  // Verdicts are remembered across documents by an element's text as written
  // (fast.ts contentId): the same text must not carry a verdict to a document
  // where it means something else.
  it('remembers a verdict only for the same text under the same namespaces, and not across DOCTYPE entities', () => {
    const gr = grammar(g(`<start>${E('a', `<zeroOrMore>${E('b', '<choice><value>ok</value><element ns="urn:one" name="c"><empty/></element></choice>')}</zeroOrMore>`)}</start>`));
    // <b><p:c/></b> is the same text in both documents; p names another namespace in the second.
    expect(valid(gr, '<a xmlns:p="urn:one"><b><p:c/></b></a>')).toBe(true);
    expect(valid(gr, '<a xmlns:p="urn:two"><b><p:c/></b></a>')).toBe(false);
    expect(valid(gr, '<a><b xmlns:p="urn:two"><p:c/></b></a>')).toBe(false);
    expect(valid(gr, '<a><b xmlns:p="urn:one"><p:c/></b></a>')).toBe(true);
    // <b>&e;</b> is the same text in both documents; the entity differs.
    expect(valid(gr, '<!DOCTYPE a [<!ENTITY e "ok">]><a><b>&e;</b></a>')).toBe(true);
    expect(valid(gr, '<!DOCTYPE a [<!ENTITY e "no">]><a><b>&e;</b></a>')).toBe(false);
    // And the same text in the same context keeps its verdict, whatever stands around it.
    expect(valid(gr, '<a><b>ok</b><b>no</b></a>')).toBe(false);
    expect(valid(gr, '<a>\n  <b>ok</b>\n</a>')).toBe(true);
  });

  it('shows valid, without the derivative walk, content of elements that take anything (<metadata>)', () => {
    const c = CASES.find((x) => x.name.startsWith('an element that takes anything'))!;
    const gr = grammarOf(c);
    for (const xml of c.ok.slice(0, 6)) expect({ xml, quick: quick(gr, xml) }).toEqual({ xml, quick: true });
  });
});
