#!/usr/bin/env node
// Does virt-lint's parser accept exactly what libvirt accepts? Generates
// documents (well-formedness edge cases, characters, nesting depth, entity
// expansion grids and random entity graphs) and compares the parser's verdict
// with `virsh define` on libvirt's test driver, which needs no daemon.
//
// A document "libvirt accepts" is one whose XML parses: libvirt may still
// refuse it for other reasons (a missing <name>), so only XML-level errors
// count as refusals. The generated domains are otherwise valid for the test
// driver.
//
// Usage: node scripts/libxml-check.mjs [--random N] [--seed S]
// Exit status: 0 full agreement, 1 disagreements (each printed), 2 usage or no virsh.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importSources } from './lib/engine.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = Number(args[i + 1]);
  if (!Number.isInteger(v) || v < 0) usage(`${name} takes a whole number`);
  args.splice(i, 2);
  return v;
};
function usage(message) {
  process.stderr.write(`libxml-check: ${message}\nusage: node scripts/libxml-check.mjs [--random N] [--seed S]\n`);
  process.exit(2);
}
const randomCount = option('--random', 300);
let seed = option('--seed', 1);
if (args.length) usage(`unexpected ${args[0]}`);
try {
  execFileSync('virsh', ['--version'], { stdio: 'ignore' });
} catch {
  usage('virsh not found (Debian: apt-get install libvirt-clients)');
}

const { parseXml, SourceText } = await importSources(["export { parseXml } from './src/engine/parse.ts';", "export { SourceText } from './src/engine/source.ts';"]);

// ---- the two verdicts -----------------------------------------------------------
/** libvirt's XML errors: "(domain_definition):N: …", "at line N: …" and the generic parse failure. */
const XML_ERROR = /^error: (\(domain_definition\)|at line \d+:|XML error: failed to parse)/;

function libvirt(doc) {
  const file = join(work, 'doc.xml');
  writeFileSync(file, doc);
  try {
    execFileSync('virsh', ['-c', uri, `define ${file}`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { ok: true };
  } catch (e) {
    const lines = String(e.stderr).split('\n').filter((l) => l.startsWith('error:'));
    const message = lines[1] ?? lines[0] ?? String(e.stderr);
    return { ok: !XML_ERROR.test(message), message: message.slice(0, 160) };
  }
}

function ours(doc) {
  const r = parseXml(new SourceText(doc));
  return r.ok ? { ok: true } : { ok: false, message: r.error.message.slice(0, 160) };
}

// ---- the documents ---------------------------------------------------------------
const BODY = '<memory>1024</memory><os><type>hvm</type></os>';
const domain = (inner, extra = '') => `<domain type="test"><name>check</name>${BODY}${extra}${inner}</domain>`;
const withEntities = (entities, text, attribute, padding = 0) =>
  '<!DOCTYPE domain [' +
  entities.map(([n, v]) => `<!ENTITY ${n} "${v}">`).join('') +
  ']>\n' +
  domain(`<description${attribute === undefined ? '' : ` a="${attribute}"`}>${text}</description>`, padding ? `<!--${'p'.repeat(padding)}-->` : '');
const chain = (levels, fan, name = 'e') => [[`${name}0`, 'lol'], ...Array.from({ length: levels - 1 }, (_, i) => [`${name}${i + 1}`, `&${name}${i};`.repeat(fan)])];
const nested = (depth) => domain(`<description>${'<x>'.repeat(depth - 2)}${'</x>'.repeat(depth - 2)}</description>`);

const cases = [];
const add = (name, doc) => cases.push([name, doc]);

// Well-formedness and characters.
for (const [name, doc] of Object.entries({
  'mismatched tag': domain('<devices>'),
  'unclosed element': `<domain type="test"><name>c</name>${BODY}<devices>`,
  'repeated attribute': `<domain type="test" type="x"><name>c</name>${BODY}</domain>`,
  'attribute without value': `<domain type><name>c</name>${BODY}</domain>`,
  'unquoted attribute': `<domain type=test><name>c</name>${BODY}</domain>`,
  "'&' in text": domain('<description>a & b</description>'),
  "'<' in an attribute": domain('<description x="a < b"/>'),
  "']]>' in text": domain('<description>a ]]> c</description>'),
  "']]' in text": domain('<description>a ]] > c</description>'),
  'NUL': domain('<description>a\0b</description>'),
  'BEL in text': domain('<description>a\x07b</description>'),
  'BEL in an attribute': domain('<description x="a\x07b"/>'),
  'BEL in a comment': domain('<!-- a\x07 -->'),
  'BEL in a PI': domain('<?x a\x07?>'),
  'BEL in CDATA': domain('<description><![CDATA[a\x07]]></description>'),
  '&#x7;': domain('<description>a&#x7;b</description>'),
  '&#0;': domain('<description>&#0;</description>'),
  '&#9; &#xA; &#xd;': domain('<description>a&#9;b&#xA;&#xd;</description>'),
  '&#7; in an attribute': domain('<description x="&#7;"/>'),
  '&#xFFFE;': domain('<description>&#xFFFE;</description>'),
  '&#xD800;': domain('<description>&#xD800;</description>'),
  '&#x110000;': domain('<description>&#x110000;</description>'),
  '&#x1F600; and a literal emoji': domain('<description>&#x1F600;😀</description>'),
  '&#x7g;': domain('<description>&#x7g;</description>'),
  '&#X41;': domain('<description>&#X41;</description>'),
  '&#;': domain('<description>&#;</description>'),
  'literal U+FFFE': domain('<description>\ufffe</description>'),
  'C1 controls': domain('<description>\x85\x9f</description>'),
  'undeclared namespace prefix': domain('<qemu:commandline/>'),
  'invalid element name': domain('<1abc/>'),
  'names with dots, dashes, colons, accents': domain('<a.b-c/><a:b:c/><é/>'),
  'second root': `${domain('')}<x/>`,
  'text after the root': `${domain('')}x`,
  'misc after the root': `${domain('')}\n\n  <!-- c --><?p x?>\n`,
  'XML declaration later': domain('<?xml version="1.0"?>'),
  'PI named XmL': domain('<?XmL x?>'),
  'PI xml-stylesheet': domain('<?xml-stylesheet x?>'),
  'XML declaration after a space': ` <?xml version="1.0"?>${domain('')}`,
  'XML declaration': `<?xml version="1.0" encoding="UTF-8" standalone="no"?>\n${domain('')}`,
  'XML 2.0': `<?xml version="2.0"?>${domain('')}`,
  'XML 1.1': `<?xml version="1.1"?>${domain('')}`,
  'XML declaration without version': `<?xml encoding="UTF-8"?>${domain('')}`,
  'bad encoding name': `<?xml version="1.0" encoding="8bit"?>${domain('')}`,
  'bad standalone': `<?xml version="1.0" standalone="maybe"?>${domain('')}`,
  'XML declaration out of order': `<?xml version="1.0" standalone="yes" encoding="UTF-8"?>${domain('')}`,
  'DOCTYPE after the root': `${domain('')}<!DOCTYPE x>`,
  'two DOCTYPEs': `<!DOCTYPE domain><!DOCTYPE domain>${domain('')}`,
  "'--' in a comment": domain('<!-- a -- b -->'),
  "comment ending '--->'": domain('<!-- a --->'),
  'space before the name': `< domain type="test"><name>c</name>${BODY}</domain>`,
  'no space between attributes': `<domain type="test"x="1"><name>c</name>${BODY}</domain>`,
  'spaces around =': `<domain type = "test"   ><name>c</name>${BODY}</domain   >`,
  'CDATA': domain('<description><![CDATA[<x> & ]]></description>'),
  'CDATA before the root': `<![CDATA[x]]>${domain('')}`,
  'unknown declaration': domain('<!FOO>'),
  'unterminated comment': `<domain type="test"><name>c</name>${BODY}<!-- x </domain>`,
  'closing tag before the root': `</x>${domain('')}`,
  'name of 50,000 bytes': domain(`<${'a'.repeat(50_000)}/>`),
  'name of 50,001 bytes': domain(`<${'a'.repeat(50_001)}/>`),
  'depth 257': nested(257),
  'depth 258': nested(258),
}))
  add(name, doc);

// DOCTYPE and entities.
const dtd = (subset, name = 'c', extra = '') => `${subset}\n<domain type="test"><name>${name}</name>${BODY}${extra}</domain>`;
for (const [name, doc] of Object.entries({
  'undeclared entity with an external subset': dtd('<!DOCTYPE domain SYSTEM "x.dtd">', 'ab&zz;cd'),
  'undeclared entity in an attribute with an external subset': dtd('<!DOCTYPE domain SYSTEM "x.dtd">', 'ab', '<description x="a&zz;b"/>'),
  'undeclared entity after an external PE reference': dtd('<!DOCTYPE domain [<!ENTITY % p SYSTEM "x.ent"> %p;]>', 'ab&zz;cd'),
  'undeclared entity after an internal PE reference': dtd('<!DOCTYPE domain [<!ENTITY % p "<!ENTITY q \'Q\'>"> %p;]>', 'ab&zz;cd'),
  'entity declared by a PE': dtd('<!DOCTYPE domain [<!ENTITY % p "<!ENTITY q \'Q\'>"> %p;]>', 'ab&q;cd'),
  'undeclared entity, standalone': `<?xml version="1.0" standalone="yes"?>${dtd('<!DOCTYPE domain SYSTEM "x.dtd">', 'ab&zz;cd')}`,
  'external entity in an attribute': dtd('<!DOCTYPE domain [<!ENTITY x SYSTEM "file:///etc/hostname">]>', 'ab', '<description y="&x;"/>'),
  'external entity in text': dtd('<!DOCTYPE domain [<!ENTITY x SYSTEM "file:///etc/hostname">]>', 'ab&x;cd'),
  'unparsed entity': dtd('<!DOCTYPE domain [<!NOTATION n SYSTEM "x"><!ENTITY x SYSTEM "file:///x" NDATA n>]>', 'ab&x;cd'),
  'parameter entity referenced as general': dtd('<!DOCTYPE domain [<!ENTITY % p "x">]>', 'ab&p;cd'),
  'PE reference in an entity value': dtd('<!DOCTYPE domain [<!ENTITY % p "x"><!ENTITY q "a%p;b">]>', 'ab&q;cd'),
  'entity declared twice': dtd('<!DOCTYPE domain [<!ENTITY q "first"><!ENTITY q "second">]>', '&q;'),
  'character reference in an entity value': dtd('<!DOCTYPE domain [<!ENTITY q "a&#65;b">]>', '&q;'),
  '&amp; in an entity value': dtd('<!DOCTYPE domain [<!ENTITY q "a&amp;b">]>', '&q;'),
  '&#38; in an entity value': dtd('<!DOCTYPE domain [<!ENTITY q "a&#38;b">]>', '&q;'),
  '&#38;#38; in an entity value': dtd('<!DOCTYPE domain [<!ENTITY q "a&#38;#38;b">]>', '&q;'),
  '&#7; in an unused entity value': dtd('<!DOCTYPE domain [<!ENTITY q "a&#7;b">]>', 'x'),
  'undeclared reference in an unused entity': dtd('<!DOCTYPE domain [<!ENTITY q "a&zz;b">]>', 'x'),
  'undeclared reference in a used entity': dtd('<!DOCTYPE domain [<!ENTITY q "a&zz;b">]>', '&q;'),
  "bare '&' in an entity value": dtd('<!DOCTYPE domain [<!ENTITY q "a & b">]>', 'x'),
  "bare '<' in an unused entity value": dtd('<!DOCTYPE domain [<!ENTITY q "a < b">]>', 'x'),
  "bare '<' in a used entity value": dtd('<!DOCTYPE domain [<!ENTITY q "a < b">]>', '&q;'),
  'forward reference between entities': dtd('<!DOCTYPE domain [<!ENTITY a "&b;"><!ENTITY b "B">]>', '&a;'),
  'comments, PIs, ELEMENT and ATTLIST in the subset': dtd('<!DOCTYPE domain [<!-- c --><?pi x?><!ELEMENT domain ANY><!ATTLIST domain type CDATA "x>y">]>', 'x'),
  'DOCTYPE naming another root': dtd('<!DOCTYPE foo>', 'x'),
  'DOCTYPE with a public identifier': dtd('<!DOCTYPE domain PUBLIC "-//x//y" "http://example.com/x.dtd">', 'x'),
  'DOCTYPE with a public identifier only': dtd('<!DOCTYPE domain PUBLIC "-//x//y">', 'x'),
  'junk in the subset': dtd('<!DOCTYPE domain [ junk ]>', 'x'),
  'unclosed subset': dtd('<!DOCTYPE domain [<!ENTITY a "b">', 'x'),
  'empty entity in text': dtd('<!DOCTYPE domain [<!ENTITY e "">]>', 'ab&e;cd'),
  'empty entity in an attribute': dtd('<!DOCTYPE domain [<!ENTITY e "">]>', 'ab', '<description y="&e;"/>'),
  'PE declaring a PE declaring an entity': dtd('<!DOCTYPE domain [<!ENTITY % a "<!ENTITY % b \'<!ENTITY c &#34;C&#34;>\'>"> %a; %b;]>', '&c;'),
  'PE referring to itself': dtd('<!DOCTYPE domain [<!ENTITY % a "%a;"> %a;]>', 'x'),
  'entity in an attribute inside an entity': dtd('<!DOCTYPE domain [<!ENTITY a "x"><!ENTITY m "<b y=\'&a;\'>t</b>">]>', '&m;'),
  'entity holding a comment': dtd('<!DOCTYPE domain [<!ENTITY m "<!-- c -->">]>', '&m;&m;'),
}))
  add(name, doc);

// Expansion: the grids where libxml2's accounting decides.
for (const levels of [2, 3, 4, 5, 6]) {
  for (const fan of [1, 2, 3, 4, 5, 6, 7, 8, 10]) {
    add(`${levels} levels of ${fan} in text`, withEntities(chain(levels, fan), `&e${levels - 1};`));
    add(`${levels} levels of ${fan} in an attribute`, withEntities(chain(levels, fan), '', `&e${levels - 1};`));
    add(`${levels} levels of ${fan} in both`, withEntities(chain(levels, fan), `&e${levels - 1};`, `&e${levels - 1};`));
  }
}
for (const levels of [14, 16, 17, 18, 19, 20, 21, 22, 25]) {
  add(`chain of ${levels}`, withEntities(chain(levels, 1), `&e${levels - 1};`));
  add(`chain of ${levels}, long names`, withEntities(chain(levels, 1, 'longentityname'), `&longentityname${levels - 1};`));
  add(`chain of ${levels}, long names, in an attribute`, withEntities(chain(levels, 1, 'longentityname'), '', `&longentityname${levels - 1};`));
}
for (const fan of [3, 4, 5, 6, 10]) {
  for (const prefix of [0, 1, 2, 5, 10]) add(`&b; of ${fan} after ${prefix} characters`, withEntities([['a', 'lol'], ['b', '&a;'.repeat(fan)], ['c', 'x'.repeat(prefix) + '&b;']], '&c;'));
}
for (const [levels, fan, padding] of [[5, 10, 200_000], [6, 10, 2_000_000], [5, 20, 2_000_000]]) {
  add(`${levels} levels of ${fan} in an attribute after ${padding} bytes`, withEntities(chain(levels, fan), '', `&e${levels - 1};`, padding));
  add(`${levels} levels of ${fan} in text after ${padding} bytes`, withEntities(chain(levels, fan), `&e${levels - 1};`, undefined, padding));
}
add('loop', withEntities([['a', '&b;'], ['b', '&a;']], '&a;'));
add('self reference', withEntities([['a', 'x&a;']], '&a;'));
add('self reference in an attribute', withEntities([['a', 'x&a;']], '', '&a;'));
add('unused loop', withEntities([['a', '&b;'], ['b', '&a;']], 'z'));
add('markup', withEntities([['a', '<b>x</b>']], '&a;'));
add('unbalanced markup', withEntities([['a', '<b>x']], '&a;'));
add("'<' by reference in an attribute", withEntities([['a', 'x&#60;y']], '', '&a;'));
add('&lt; in an attribute', withEntities([['a', 'x&lt;y']], '', '&a;'));
add("'<' two levels down in an attribute", withEntities([['a', '&#60;'], ['b', '&a;']], '', '&b;'));
add('10,000 characters 100 times', withEntities([['big', 'x'.repeat(10_000)]], '&big;'.repeat(100)));
add('5,000 references in text', withEntities([['a', 'x']], '&a;'.repeat(5000)));
add('5,000 references in an attribute', withEntities([['a', 'x']], '', '&a;'.repeat(5000)));
add('wide entity 3 times in an attribute', withEntities([['a', 'xy'.repeat(500)], ['b', '&a;'.repeat(3)]], '', '&b;'));
add('wide entity 2 times in an attribute', withEntities([['a', 'xy'.repeat(500)], ['b', '&a;'.repeat(2)]], '', '&b;'));

// Random entity graphs (seeded).
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (xs) => xs[Math.floor(random() * xs.length)];
for (let k = 0; k < randomCount; k++) {
  const n = 2 + Math.floor(random() * 6);
  const names = Array.from({ length: n }, (_, i) => pick(['e', 'ent', 'longername']) + i);
  const entities = names.map((name, i) => {
    let value = '';
    for (let p = Math.floor(random() * 8); p > 0; p--) {
      const x = random();
      if (x < 0.55) value += `&${names[Math.min(n - 1, Math.floor(random() * (i + (random() < 0.05 ? 2 : 0))))]};`;
      else if (x < 0.85) value += 'x'.repeat(Math.floor(random() * (random() < 0.2 ? 600 : 20)));
      else if (x < 0.92) value += '&amp;';
      else if (x < 0.96) value += '<b>t</b>';
      else value += ' ';
    }
    return [name, value];
  });
  const refs = Array.from({ length: 1 + Math.floor(random() * 4) }, () => `&${pick(names)};`).join('');
  const padding = Math.floor(random() * (random() < 0.3 ? 3000 : 50));
  const where = random();
  const text = where < 0.4 || where >= 0.8 ? refs : '';
  const attribute = where >= 0.4 ? (where < 0.8 ? refs : `&${names[n - 1]};`) : undefined;
  add(`random entity graph ${k}`, withEntities(entities, text, attribute, padding));
}

// ---- compare ---------------------------------------------------------------------
let agree = 0;
let refusedByBoth = 0;
const disagreements = [];
// Made here, just before the try that removes it, so that nothing before can leave it behind.
const work = mkdtempSync(join(tmpdir(), 'virt-lint-libxml-'));
const uri = `test://${join(work, 'node.xml')}`;
try {
  writeFileSync(join(work, 'node.xml'), '<node/>');
  for (const [name, doc] of cases) {
    const v = libvirt(doc);
    const o = ours(doc);
    if (v.ok === o.ok) {
      agree++;
      if (!v.ok) refusedByBoth++;
    } else disagreements.push(`${name}: libvirt ${v.ok ? 'accepts' : `refuses (${v.message})`}, virt-lint ${o.ok ? 'accepts' : `refuses (${o.message})`}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
for (const d of disagreements) console.log(`DISAGREE ${d}`);
console.log(`libxml-check: ${agree}/${cases.length} documents get libvirt's verdict (${refusedByBoth} refused by both, ${agree - refusedByBoth} accepted by both; ${randomCount} random entity graphs)`);
process.exit(disagreements.length ? 1 : 0);
