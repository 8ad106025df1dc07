#!/usr/bin/env node
// The schema engine's valid/invalid verdict on every corpus file, compared
// with xmllint --relaxng as recorded next to the corpus:
//   11.3.0 model  vs the rng_11.3.0 column of libvirt-verdicts-11.3.0.tsv
//                 (xmllint with libvirt 11.3.0's schemas): must agree on every file;
//   9.0.0 model   vs the virt-xml-validate_installed column of
//                 libvirt-verdicts-9.0.0.tsv (Debian 12's virt-xml-validate,
//                 libvirt 9.0.0 schemas); known differences are listed in
//                 docs/schema.md and in KNOWN_9 below.
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

// Files where Debian 12's virt-xml-validate disagrees with the 9.0.0 grammar for a reason outside the grammar.
const KNOWN_9 = new Map();

function verdict(file, version) {
  const parsed = parseXml(new SourceText(readFileSync(join(dir, file), 'utf8')));
  if (!parsed.ok) return 'not-wellformed';
  return validateDocument(parsed.doc, grammarFor(version)).valid ? 'valid' : 'invalid';
}

let failed = false;
for (const [version, column, known] of [
  ['11.3.0', 'rng_11.3.0', new Map()],
  ['9.0.0', 'virt-xml-validate_installed', KNOWN_9],
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
    const got = verdict(file, version);
    if (got === expected) agree++;
    else if (known.has(file)) explained++;
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
