#!/usr/bin/env node
// Differential test of virt-lint against real libvirt on one-change mutants
// of corpus domains: what `virsh define` + `dumpxml --inactive` does with each
// mutant (refused, dropped, kept) against what virt-lint reports.
//
// Base files: corpus domains that libvirt's test driver defines
// (libvirt-verdicts-9.0.0.tsv), that the newest grammar accepts and on which
// virt-lint reports no error; a deterministic sample of them. Mutations, each
// chosen by a PRNG seeded with the file's path, so every run makes the same
// mutants:
//   element-typo      an element name misspelt (start and end tag)
//   attribute-typo    an attribute name misspelt
//   value-typo        a word-like attribute value misspelt
//   attribute-removed an attribute removed
//   duplicate         an element that is alone of its name in its parent, copied after itself
//   bad-number        a whole-number attribute value or text replaced ('abc', '-1', '99999999999999999999', '1.5', '0x10')
//   bad-unit          a unit attribute replaced by one that is no unit ('XiB', 'KiBB', 'mega')
//   wrong-parent      an element moved up into its grandparent (or, under <domain>, into a sibling)
// libvirt's reaction, from one virsh session per base file on the test driver
// (`virsh -c test:///<node.xml>`, no daemon):
//   refused  define fails;
//   dropped  define succeeds and the output lacks what was written (a
//            misspelt or moved element or attribute is gone, a mutated value
//            is not there, a copy is merged away);
//   kept     define succeeds and the output holds it, or is the same as the
//            base file's (the value meant the same to libvirt: '0x10' for 16;
//            a removed attribute whose default is what was there);
//   changed  a removed attribute libvirt replaced by a different default
//            (nothing written was lost or refused: counted apart).
// Mutations inside parts of the base that the test driver's libvirt does not
// know (newer than it: libvirt-feature-too-new's table) are not made.
// virt-lint's reaction: the diagnostics it reports on the mutant that it did
// not report on the base file (same rule and message).
//
// Figures: per mutation, how many mutants libvirt refuses, drops or keeps, and
// how many virt-lint flags (any new diagnostic, and new errors); false errors
// are new errors of the five schema rules on mutants libvirt keeps: they must be 0.
//
// Usage: node scripts/schema-differential.mjs <corpus dir> [--bases N] [--json FILE] [--markdown] [--list]
// Needs virsh (Debian libvirt-clients). Exit 1 on a false error, 2 on usage.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importSources } from './lib/engine.mjs';
import { defineableBases, defineAndDump, virshVersion } from './lib/virsh.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const v = args[i + 1];
  args.splice(i, 2);
  return v;
};
const flag = (name) => {
  const i = args.indexOf(name);
  if (i >= 0) args.splice(i, 1);
  return i >= 0;
};
const baseCount = Number(option('--bases', '120'));
const jsonOut = option('--json', undefined);
const markdown = flag('--markdown');
const list = flag('--list');
const dir = args[0];
if (!dir || !existsSync(join(dir, 'libvirt-verdicts-9.0.0.tsv')) || !Number.isInteger(baseCount)) {
  process.stderr.write('usage: node scripts/schema-differential.mjs <corpus dir> [--bases N] [--json FILE] [--markdown] [--list]\n');
  process.exit(2);
}
const libvirtVersion = virshVersion();
if (!libvirtVersion) {
  process.stderr.write('schema-differential: virsh not found (Debian: apt-get install libvirt-clients)\n');
  process.exit(2);
}

const { lint, rules, parseXml, SourceText, validateDocument, newestGrammar, qname, tooNewFor } = await importSources([
  "export { lint } from './src/engine/linter.ts';",
  "export { rules } from './rules/index.ts';",
  "export { parseXml } from './src/engine/parse.ts';",
  "export { SourceText } from './src/engine/source.ts';",
  "export { validateDocument, newestGrammar } from './src/schema/index.ts';",
  "export { qname } from './src/schema/patterns.ts';",
  "export { tooNewFor } from './src/schema/versions.ts';",
]);
const SCHEMA_RULES = new Set(['unknown-element', 'misplaced-element', 'unknown-attribute', 'invalid-value', 'missing-required']);
const grammar = newestGrammar();

// ---- deterministic randomness ------------------------------------------------
function seedOf(s) {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}
function rng(seed) {
  let s = seed || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}
const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
const sample = (r, xs, n) => {
  const pool = [...xs];
  const out = [];
  while (pool.length && out.length < n) out.push(pool.splice(Math.floor(r() * pool.length), 1)[0]);
  return out;
};

/** A plausible misspelling that is not a name the grammar knows. */
function typo(r, word, known) {
  for (let attempt = 0; attempt < 20; attempt++) {
    const i = Math.floor(r() * word.length);
    let w;
    switch (Math.floor(r() * 4)) {
      case 0: // swap two neighbours
        if (word.length < 2) continue;
        {
          const j = Math.min(i, word.length - 2);
          w = word.slice(0, j) + word[j + 1] + word[j] + word.slice(j + 2);
        }
        break;
      case 1: // drop one
        if (word.length < 3) continue;
        w = word.slice(0, i) + word.slice(i + 1);
        break;
      case 2: // double one
        w = word.slice(0, i + 1) + word[i] + word.slice(i + 1);
        break;
      default: // replace one letter by another
        w = word.slice(0, i) + pick(r, 'aeiourstnlm'.split('').filter((c) => c !== word[i])) + word.slice(i + 1);
    }
    if (w !== word && /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(w) && !known(w)) return w;
  }
  return undefined;
}

// ---- base files -------------------------------------------------------------------
const candidates = defineableBases(dir, { lint, rules, parseXml, SourceText, validateDocument });
// Every community file (real desktops), then an even spread over the rest.
const community = candidates.filter((f) => f.startsWith('community/'));
const others = candidates.filter((f) => !f.startsWith('community/'));
const step = Math.max(1, others.length / Math.max(1, baseCount - community.length));
const bases = [...community, ...others.filter((_, i) => Math.floor(i % step) === 0).slice(0, Math.max(0, baseCount - community.length))];

// ---- mutants --------------------------------------------------------------------------
// Parts of the base newer than the test driver's libvirt are dropped by it
// already: a mutation there says nothing about libvirt, and is not made.
const TEST_DRIVER = libvirtVersion.replace(/^(\d+\.\d+)$/, '$1.0');
const elementsOf = (doc) => {
  const newer = tooNewFor(doc, TEST_DRIVER);
  const skipped = new Set(newer.filter((t) => t.kind === 'element').map((t) => t.element));
  return doc.root.descendants().filter((el) => {
    for (let e = el; e; e = e.parent) if (e.name === 'metadata' || e.prefix !== undefined || skipped.has(e)) return false;
    return !newer.some((t) => t.element === el && t.attribute) && (el.name !== 'name' || el.parent !== doc.root);
  });
};
const knownElement = (w) => grammar.knowsElement(qname('', w));
const knownAttribute = (el) => {
  const atts = grammar.attributesOf(qname('', el.name));
  return (w) => atts.has(w);
};

function mutants(file, text, doc) {
  const r = rng(seedOf(file));
  const root = doc.root;
  const els = elementsOf(doc);
  const atts = els.flatMap((el) => el.attributes.filter((a) => !a.name.startsWith('xmlns') && !a.name.includes(':')).map((a) => ({ el, a })));
  const out = [];
  const apply = (edits) => {
    let t = text;
    for (const e of [...edits].sort((x, y) => y.start - x.start)) t = t.slice(0, e.start) + e.text + t.slice(e.end);
    return t;
  };
  // `control`: the same file with the element or attribute simply removed. When
  // libvirt gives the same output for the mutant as for the control, it ignored
  // what the mutant wrote (a default it re-creates does not count as kept).
  const edit = (kind, what, edits, token, control) => {
    out.push({ kind, what, text: apply(edits), token, control: control && apply(control) });
  };
  const removeElement = (el) => [{ start: el.range.start, end: el.range.end, text: '' }];
  const removeAttribute = (a) => [{ start: a.range.start - 1, end: a.range.end, text: '' }];
  for (const el of sample(r, els.filter((e) => e !== root), 3)) {
    const w = typo(r, el.name, knownElement);
    if (!w) continue;
    const edits = [{ start: el.startTag.start + 1, end: el.startTag.start + 1 + el.name.length, text: w }];
    if (el.endTag) edits.push({ start: el.endTag.start + 2, end: el.endTag.start + 2 + el.name.length, text: w });
    edit('element-typo', `<${el.name}> → <${w}>`, edits, { element: w }, removeElement(el));
  }
  for (const { el, a } of sample(r, atts, 3)) {
    const w = typo(r, a.name, knownAttribute(el));
    if (!w) continue;
    edit('attribute-typo', `<${el.name} ${a.name}> → ${w}`, [{ ...a.nameRange, text: w }], { attribute: w }, removeAttribute(a));
  }
  const words = atts.filter(({ a }) => /^[a-z][a-z0-9_-]{2,}$/i.test(a.value) && !/^(yes|no|on|off)$/.test(a.value) && a.name !== 'name');
  for (const { el, a } of sample(r, words, 3)) {
    const w = typo(r, a.value, () => false);
    if (!w) continue;
    edit('value-typo', `<${el.name} ${a.name}='${a.value}'> → '${w}'`, [{ ...a.valueRange, text: w }], { value: w, attribute: a.name });
  }
  for (const { el, a } of sample(r, atts, 3)) {
    edit('attribute-removed', `<${el.name} ${a.name}='${a.value}'> removed`, removeAttribute(a), { removed: true });
  }
  const singles = els.filter((el) => el !== root && el.parent && el.parent.childrenNamed(el.name).length === 1);
  for (const el of sample(r, singles, 2)) {
    const copy = text.slice(el.range.start, el.range.end);
    edit('duplicate', `<${el.name}> in <${el.parent.name}> copied`, [{ start: el.range.end, end: el.range.end, text: copy }], { duplicate: el.name });
  }
  const BAD = ['abc', '-1', '99999999999999999999', '1.5', '0x10'];
  const numbers = [
    ...atts.filter(({ a }) => /^\d+$/.test(a.value)).map(({ el, a }) => ({ el, range: a.valueRange, what: `<${el.name} ${a.name}='${a.value}'>` })),
    ...els.filter((el) => el.elements.length === 0 && /^\d+$/.test(el.text())).map((el) => ({ el, range: el.textRange(), what: `<${el.name}>${el.text()}` })),
  ];
  for (const n of sample(r, numbers, 3)) {
    const bad = pick(r, BAD);
    // Control: another valid number in the same place. When libvirt's output does not change with it
    // either, libvirt ignores this value (whatever it is): the mutant's is dropped, not kept.
    const other = String(BigInt(text.slice(n.range.start, n.range.end)) + 1n);
    edit('bad-number', `${n.what} → '${bad}'`, [{ ...n.range, text: bad }], { value: bad }, [{ ...n.range, text: other }]);
  }
  for (const { el, a } of sample(r, atts.filter(({ a }) => a.name === 'unit'), 1)) {
    const bad = pick(r, ['XiB', 'KiBB', 'mega']);
    edit('bad-unit', `<${el.name} unit='${a.value}'> → '${bad}'`, [{ ...a.valueRange, text: bad }], { value: bad, attribute: 'unit' });
  }
  for (const el of sample(r, els.filter((e) => e !== root && e.parent), 2)) {
    const parent = el.parent;
    const block = text.slice(el.range.start, el.range.end);
    let target = parent.parent;
    if (!target) {
      const siblings = parent.elements.filter((s) => s !== el && !s.selfClosing && s.name !== 'name');
      if (!siblings.length) continue;
      target = pick(r, siblings);
    }
    if (!target.endTag) continue;
    edit('wrong-parent', `<${el.name}> moved from <${parent.name}> to <${target.name}>`, [
      { start: el.range.start, end: el.range.end, text: '' },
      { start: target.endTag.start, end: target.endTag.start, text: block },
    ], { moved: el.name }, removeElement(el));
  }
  return out;
}

const count = (s, needle) => s.split(needle).length - 1;

/**
 * - refused: define failed;
 * - dropped: what the mutant wrote is not in libvirt's output (a misspelt
 *   name counts only where it is more frequent than in the control's output,
 *   since the same name may be used elsewhere: `mode` for a misspelt `model`);
 * - kept: it is (or, for a value, libvirt read it as the original: the same
 *   output as the base's, unless another valid number there gives that same
 *   output too: then libvirt ignores the value, and the mutant's is dropped);
 * - changed: an attribute was removed and libvirt put a different default in
 *   its place (not a refusal, not a drop of anything written: counted apart).
 */
function libvirtSays(m, base, out, control) {
  if (out === undefined) return 'refused';
  const t = m.token;
  if (t.removed) return out === base ? 'kept' : 'changed';
  const more = (re) => control === undefined || (out.match(re) ?? []).length > (control.match(re) ?? []).length;
  if (t.element) return new RegExp(`<${t.element}[\\s/>]`).test(out) && more(new RegExp(`<${t.element}[\\s/>]`, 'g')) ? 'kept' : 'dropped';
  if (t.attribute && t.value === undefined) return new RegExp(`\\s${t.attribute}=`).test(out) && more(new RegExp(`\\s${t.attribute}=`, 'g')) ? 'kept' : 'dropped';
  if (t.moved) return control !== undefined && count(out, `<${t.moved}`) > count(control, `<${t.moved}`) ? 'kept' : 'dropped';
  if (t.duplicate) return out === base ? 'dropped' : 'kept';
  // Values: kept when libvirt shows it, or reads it as the original (same output).
  if (out === base) return control !== undefined && control === base ? 'dropped' : 'kept';
  return out.includes(`'${t.value}'`) || out.includes(`>${t.value}<`) ? 'kept' : 'dropped';
}

// ---- run -------------------------------------------------------------------------
const key = (d) => `${d.ruleId}\u0000${d.message}`;
const records = [];
for (const file of bases) {
  const text = readFileSync(join(dir, file), 'utf8');
  const doc = parseXml(new SourceText(text)).doc;
  const name = doc.root.child('name').text();
  const ms = mutants(file, text, doc);
  const controls = ms.map((m) => m.control).filter((c) => c !== undefined);
  const results = defineAndDump([text, ...ms.map((m) => m.text), ...controls], name);
  const base = results[0];
  let c = 1 + ms.length;
  const controlOut = ms.map((m) => (m.control !== undefined ? results[c++] : undefined));
  if (base === undefined) continue; // the test driver on this machine refuses the base: skip it
  const baseKeys = new Set(lint(text, { rules, host: {} }).messages.map(key));
  ms.forEach((m, i) => {
    const libvirtVerdict = libvirtSays(m, base, results[i + 1], controlOut[i]);
    const fresh = lint(m.text, { rules, host: {} }).messages.filter((d) => !baseKeys.has(key(d)));
    records.push({
      file,
      kind: m.kind,
      what: m.what,
      libvirt: libvirtVerdict,
      flagged: fresh.length > 0,
      error: fresh.some((d) => d.severity === 'error'),
      schemaFlagged: fresh.some((d) => SCHEMA_RULES.has(d.ruleId)),
      schemaError: fresh.some((d) => SCHEMA_RULES.has(d.ruleId) && d.severity === 'error'),
      diagnostics: fresh.map((d) => ({ ruleId: d.ruleId, severity: d.severity, line: d.line, column: d.column, message: d.message })),
    });
  });
}

// ---- report -----------------------------------------------------------------------
const KINDS = ['element-typo', 'attribute-typo', 'value-typo', 'attribute-removed', 'duplicate', 'bad-number', 'bad-unit', 'wrong-parent'];
const pct = (n, d) => (d ? `${((100 * n) / d).toFixed(0)}%` : 'n/a');
const lines = [];
const say = (s = '') => lines.push(s);
const bad = (r) => r.libvirt === 'refused' || r.libvirt === 'dropped';
const row = (label, rs) => {
  const refused = rs.filter((r) => r.libvirt === 'refused').length;
  const dropped = rs.filter((r) => r.libvirt === 'dropped').length;
  const kept = rs.filter((r) => r.libvirt === 'kept');
  const changed = rs.filter((r) => r.libvirt === 'changed').length;
  const badOnes = rs.filter(bad);
  const flagged = badOnes.filter((r) => r.flagged).length;
  const errors = badOnes.filter((r) => r.error).length;
  const keptWarned = kept.filter((r) => r.schemaFlagged && !r.schemaError).length;
  const falseErrors = kept.filter((r) => r.schemaError).length;
  return [label, rs.length, refused, dropped, kept.length, changed, `${flagged} (${pct(flagged, badOnes.length)})`, `${errors} (${pct(errors, badOnes.length)})`, keptWarned, falseErrors];
};
const header = ['mutation', 'mutants', 'refused', 'dropped', 'kept', 'changed', 'refused or dropped: flagged', '… as errors', 'kept: schema warnings', 'kept: schema errors (false)'];
const table = [...KINDS.map((k) => row(k, records.filter((r) => r.kind === k))), row('all', records)];
say(`schema differential: ${records.length} mutants of ${new Set(records.map((r) => r.file)).size} corpus domains, libvirt ${libvirtVersion} test driver (virsh define + dumpxml --inactive)`);
say();
if (markdown) {
  say(`| ${header.join(' | ')} |`);
  say(`| ${header.map((_, i) => (i ? '---:' : '---')).join(' | ')} |`);
  for (const r of table) say(`| ${r.join(' | ')} |`);
} else {
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((r) => String(r[i]).length)));
  say(header.map((h, i) => h.padEnd(widths[i])).join('  '));
  for (const r of table) say(r.map((c, i) => String(c).padEnd(widths[i])).join('  '));
}
const falseErrors = records.filter((r) => r.libvirt === 'kept' && r.schemaError);
const otherErrors = records.filter((r) => r.libvirt === 'kept' && r.error && !r.schemaError);
say();
say(`false errors of the schema rules (errors on mutants libvirt keeps): ${falseErrors.length}`);
if (otherErrors.length) {
  const ids = new Set(otherErrors.flatMap((r) => r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId)));
  say(`errors of other rules on mutants the test driver keeps: ${otherErrors.length} (${[...ids].join(', ')}: checks of the QEMU driver or of QEMU, which the test driver does not make)`);
}
for (const r of falseErrors) {
  say(`  ${r.file}: ${r.what}`);
  for (const d of r.diagnostics.filter((x) => x.severity === 'error')) say(`    ${d.line}:${d.column} ${d.ruleId} ${d.message}`);
}
if (list) {
  say();
  say('missed (refused or dropped, nothing reported):');
  for (const r of records.filter((x) => bad(x) && !x.flagged)) say(`  ${r.libvirt.padEnd(7)} ${r.kind.padEnd(17)} ${r.file}: ${r.what}`);
}
process.stdout.write(lines.join('\n') + '\n');
if (jsonOut) writeFileSync(jsonOut, JSON.stringify(records, null, 1));
process.exitCode = falseErrors.length ? 1 : 0;
