#!/usr/bin/env node
// The schema engine's valid/invalid verdict on every corpus file, compared
// with xmllint --relaxng as recorded next to the corpus:
//   11.3.0 model  vs the rng_11.3.0 column of libvirt-verdicts-11.3.0.tsv
//                 (xmllint with libvirt 11.3.0's schemas): must agree on every file;
//   9.0.0 model   vs the virt-xml-validate_installed column of
//                 libvirt-verdicts-9.0.0.tsv (Debian 12's virt-xml-validate,
//                 libvirt 9.0.0 schemas), but for a libxml2 limitation
//                 (idsSplit below; docs/schema.md).
// Files libvirt's verdicts call not well-formed are compared on that alone.
// Usage: node scripts/schema-verdicts.mjs <corpus dir> [--list]
// Exit status: 0 agreement, 1 a disagreement, 2 usage.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { importSources } from './lib/engine.mjs';

const [dir, ...rest] = process.argv.slice(2);
if (!dir || !existsSync(join(dir, 'libvirt-verdicts-11.3.0.tsv'))) {
  process.stderr.write('usage: node scripts/schema-verdicts.mjs <corpus dir holding libvirt-verdicts-*.tsv> [--list]\n');
  process.exit(2);
}
const list = rest.includes('--list');
const { parseXml, SourceText, validateDocument, grammarFor } = await importSources([
  "export { parseXml } from './src/engine/parse.ts';",
  "export { SourceText } from './src/engine/source.ts';",
  "export { validateDocument } from './src/schema/index.ts';",
  "export { grammarFor } from './src/schema/releases.ts';",
]);

/**
 * libxml2's RELAX NG validator splits an interleave's children among its
 * branches and mishandles nested interleaves whose elements alternate with
 * each other's. libvirt 9.0.0's grammar nests two in <domain>: "ids" (<name>,
 * <uuid>, <genid>, in a group after the optional id attribute) and the memory
 * and vCPU block. virt-manager writes <name>, <currentMemory>, <memory>,
 * <uuid>, ..., <vcpu>: valid by the RELAX NG specification, refused by
 * xmllint ("Extra element uuid in interleave"); the same order with <uuid>
 * right after <name>, or without <vcpu> after <uuid>, passes. libvirt 11.3.0's
 * grammar inlined "ids" and xmllint accepts these files again. A difference
 * is explained when the engine says valid, xmllint with 9.0.0 says invalid,
 * the domain's <name>/<uuid>/<genid> are split by other elements, and
 * xmllint with 11.3.0's grammar accepts the file.
 */
function idsSplit(doc) {
  const names = doc.root.elements.map((e) => e.name);
  const at = names.map((n, i) => (['name', 'uuid', 'genid'].includes(n) ? i : -1)).filter((i) => i >= 0);
  return at.length > 1 && at[at.length - 1] - at[0] + 1 > at.length;
}
const rng11 = new Map(
  readFileSync(join(dir, 'libvirt-verdicts-11.3.0.tsv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split('\t'))
    .map(([file, verdict]) => [file, verdict]),
);

function verdict(file, version) {
  const parsed = parseXml(new SourceText(readFileSync(join(dir, file), 'utf8')));
  if (!parsed.ok) return { verdict: 'not-wellformed' };
  return { verdict: validateDocument(parsed.doc, grammarFor(version)).valid ? 'valid' : 'invalid', doc: parsed.doc };
}

let failed = false;
for (const [version, column, known] of [
  ['11.3.0', 'rng_11.3.0', () => false],
  ['9.0.0', 'virt-xml-validate_installed', (got, expected, doc, file) => got === 'valid' && expected === 'invalid' && idsSplit(doc) && rng11.get(file) === 'valid'],
]) {
  const rows = readFileSync(join(dir, `libvirt-verdicts-${version}.tsv`), 'utf8').trim().split('\n');
  const header = rows.shift().split('\t');
  const col = header.indexOf(column);
  let agree = 0;
  let explained = 0;
  const differ = [];
  const started = process.hrtime.bigint();
  for (const row of rows) {
    const cells = row.split('\t');
    const file = cells[0];
    const expected = cells[col];
    const { verdict: got, doc } = verdict(file, version);
    if (got === expected) agree++;
    else if (doc && known(got, expected, doc, file)) explained++;
    else differ.push(`${file}: xmllint ${expected}, virt-lint ${got}`);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  console.log(`libvirt ${version} grammar vs ${column}: ${agree}/${rows.length} agree${explained ? `, ${explained} known differences` : ''}, ${differ.length} unexplained (${ms.toFixed(0)} ms)`);
  if (differ.length) {
    failed = true;
    for (const d of list ? differ : differ.slice(0, 20)) console.log(`  ${d}`);
    if (!list && differ.length > 20) console.log(`  … ${differ.length - 20} more (--list)`);
  }
}
process.exitCode = failed ? 1 : 0;
