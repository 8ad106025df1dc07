#!/usr/bin/env node
// Which attributes and child elements that libvirt's grammar requires does
// libvirt itself refuse to do without? And which elements allowed once does it
// refuse or drop a second copy of? (Second half: below.) For every corpus domain fit to mutate
// (scripts/lib/virsh.mjs), each part whose removal makes virt-lint report
// `missing-required` (and nothing else) is removed, one at a time, and the
// result given to `virsh define` on the test driver, up to N domains per place. A part libvirt refuses to do without, in
// every file it was tried in, is an error; anything else a warning that only
// `virsh define --validate` fails. Writes src/domain/libvirt-required.ts.
// Usage: node scripts/probe-required.mjs <corpus dir> [--per-site N]
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importSources } from './lib/engine.mjs';
import { defineableBases, defineAccepted, defineAndDump, virshVersion } from './lib/virsh.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--per-site');
const perSite = at >= 0 ? Number(args.splice(at, 2)[1]) : 3;
const dir = args[0];
if (!dir || !existsSync(join(dir, 'libvirt-verdicts-9.0.0.tsv'))) {
  process.stderr.write('usage: node scripts/probe-required.mjs <corpus dir> [--per-site N]\n');
  process.exit(2);
}
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const libvirtVersion = virshVersion();
if (!libvirtVersion) {
  process.stderr.write('probe-required: virsh not found (Debian: apt-get install libvirt-clients)\n');
  process.exit(2);
}
const { lint, rules, parseXml, SourceText, validateDocument, requiredKeys, siteKey } = await importSources([
  "export { lint } from './src/engine/linter.ts';",
  "export { rules } from './rules/index.ts';",
  "export { parseXml } from './src/engine/parse.ts';",
  "export { SourceText } from './src/engine/source.ts';",
  "export { validateDocument } from './src/schema/index.ts';",
  "export { requiredKeys, siteKey } from './src/domain/schema-severity.ts';",
]);

const verdicts = new Map(); // key -> { refused, accepted, tries }
const bases = defineableBases(dir, { lint, rules, parseXml, SourceText, validateDocument });
const tmp = mkdtempSync(join(tmpdir(), 'virt-lint-probe-'));
// Removed after the probes below; this also when virsh or a mutant throws on the way (the 'exit' event follows an uncaught exception).
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
const probes = []; // { file, keys }
for (const base of bases) {
  const text = readFileSync(join(dir, base), 'utf8');
  const doc = parseXml(new SourceText(text)).doc;
  // `removed`: what was taken away (the attribute's value, the element's type): the
  // tries of a place are spread over different ones, where libvirt's default may
  // or may not clash (a controller without type becomes IDE).
  const consider = (start, end, removed) => {
    const mutant = text.slice(0, start) + text.slice(end);
    const parsed = parseXml(new SourceText(mutant));
    if (!parsed.ok) return;
    const missing = validateDocument(parsed.doc).findings.filter((f) => f.kind === 'missing-required');
    if (missing.length !== 1) return;
    const keys = requiredKeys(missing[0]).filter((k) => {
      const v = verdicts.get(k);
      return !v || (v.tries < perSite && (v.removed.get(removed) ?? 0) < 2);
    });
    if (!keys.length) return;
    for (const k of keys) {
      const v = verdicts.get(k) ?? { refused: 0, accepted: 0, tries: 0, removed: new Map() };
      v.tries++;
      v.removed.set(removed, (v.removed.get(removed) ?? 0) + 1);
      verdicts.set(k, v);
    }
    const file = join(tmp, `p${probes.length}.xml`);
    writeFileSync(file, mutant);
    probes.push({ file, keys });
  };
  for (const el of doc.root.descendants()) {
    let inside = false;
    for (let e = el; e; e = e.parent) if (e.name === 'metadata' || e.prefix !== undefined) inside = true;
    if (inside) continue;
    for (const a of el.attributes) if (!a.name.startsWith('xmlns')) consider(a.range.start - 1, a.range.end, a.value);
    consider(el.range.start, el.range.end, el.attr('type') ?? '');
  }
}
const accepted = defineAccepted(probes.map((p) => p.file));
for (const p of probes) for (const k of p.keys) verdicts.get(k)[accepted.get(p.file) ? 'accepted' : 'refused']++;
rmSync(tmp, { recursive: true, force: true });

// ---- a second copy of an element the grammar allows once ------------------------
// Copied right after itself; libvirt refuses the domain, drops the copy (its
// output is the base file's) or keeps it. Up to N domains per place.
const copies = new Map(); // key -> { refused, dropped, kept }
for (const base of bases) {
  const text = readFileSync(join(dir, base), 'utf8');
  const doc = parseXml(new SourceText(text)).doc;
  const tries = [];
  for (const el of doc.root.descendants()) {
    if (!el.parent || el.prefix !== undefined || (el.name === 'name' && el.parent === doc.root)) continue;
    let inside = false;
    for (let e = el; e; e = e.parent) if (e.name === 'metadata') inside = true;
    if (inside || el.parent.childrenNamed(el.name).length !== 1) continue;
    const key = `${siteKey(el.parent)}>${el.name}`;
    const v = copies.get(key) ?? { refused: 0, dropped: 0, kept: 0, tries: 0 };
    if (v.tries >= perSite) continue;
    const mutant = text.slice(0, el.range.end) + text.slice(el.range.start, el.range.end) + text.slice(el.range.end);
    const parsed = parseXml(new SourceText(mutant));
    if (!parsed.ok) continue;
    const findings = validateDocument(parsed.doc).findings;
    if (findings.length !== 1 || findings[0].kind !== 'misplaced-element' || findings[0].reason !== 'duplicate') continue;
    v.tries++;
    copies.set(key, v);
    tries.push({ key, mutant });
  }
  if (!tries.length) continue;
  const out = defineAndDump([text, ...tries.map((t) => t.mutant)], doc.root.child('name').text());
  if (out[0] === undefined) continue;
  tries.forEach((t, i) => {
    const r = out[i + 1];
    copies.get(t.key)[r === undefined ? 'refused' : r === out[0] ? 'dropped' : 'kept']++;
  });
}
const copyKeys = [...copies.keys()].sort();
const keptCopies = copyKeys.filter((k) => copies.get(k).kept > 0);

const keys = [...verdicts.keys()].sort();
const refused = keys.filter((k) => verdicts.get(k).refused > 0 && verdicts.get(k).accepted === 0);
const acceptedKeys = keys.filter((k) => verdicts.get(k).accepted > 0 && verdicts.get(k).refused === 0);
const varies = keys.filter((k) => verdicts.get(k).accepted > 0 && verdicts.get(k).refused > 0);
const list = (xs) => xs.map((k) => `  ${JSON.stringify(k)},`).join('\n');
const out = `// Generated by scripts/probe-required.mjs from ${bases.length} corpus domains and libvirt ${libvirtVersion}'s test driver: do not edit.
// Keys: parent and element (each with its type), then @attribute or >child (a|b: one of them); see siteKey in schema-severity.ts.
// Required parts probed: ${keys.length} places, ${refused.length} refused without them in every domain tried, ${acceptedKeys.length} accepted, ${varies.length} either.
// Second copies probed: ${copyKeys.length} places, ${copyKeys.length - keptCopies.length} refused or dropped in every domain tried, ${keptCopies.length} kept somewhere.

/** Parts the grammar requires whose absence libvirt refuses at \`virsh define\` (in every domain tried); elsewhere it fills in a default or does not need them. */
export const REFUSED_WHEN_MISSING: ReadonlySet<string> = new Set([
${list(refused)}
]);

/** Elements the grammar allows once whose second copy libvirt kept (read both) in some domain tried: key \`parent>element\`; elsewhere it refuses or drops it. */
export const SECOND_COPY_KEPT: ReadonlySet<string> = new Set([
${list(keptCopies)}
]);
`;
writeFileSync(join(root, 'src/domain/libvirt-required.ts'), out);
console.log(`probe-required: ${keys.length} sites from ${bases.length} domains: ${refused.length} refused, ${acceptedKeys.length} accepted, ${varies.length} vary; second copies: ${copyKeys.length} places, ${copyKeys.length - keptCopies.length} refused or dropped, ${keptCopies.length} kept somewhere (libvirt ${libvirtVersion})`);
