#!/usr/bin/env node
// Prints the schema engine's findings for XML files (development aid).
// Usage: node scripts/schema-check.mjs [--version V] FILE...
import { readFileSync } from 'node:fs';
import { importSources } from './lib/engine.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--version');
const version = at >= 0 ? args.splice(at, 2)[1] : undefined;
const { parseXml, SourceText, validateDocument, grammarFor } = await importSources([
  "export { parseXml } from './src/engine/parse.ts';",
  "export { SourceText } from './src/engine/source.ts';",
  "export { validateDocument } from './src/schema/index.ts';",
  "export { grammarFor } from './src/schema/releases.ts';",
]);
for (const file of args) {
  const source = new SourceText(readFileSync(file, 'utf8'));
  const parsed = parseXml(source);
  if (!parsed.ok) {
    console.log(`${file}: not well-formed: ${parsed.error.message}`);
    continue;
  }
  const r = validateDocument(parsed.doc, version ? grammarFor(version) : undefined);
  console.log(`${file}: ${r.valid ? 'valid' : 'invalid'} (${r.grammar.version})`);
  for (const f of r.findings) {
    const { line, column } = source.position(f.range.start);
    const { element, range, forms, first, before, attribute, ...rest } = f;
    const extra = { ...rest, name: rest.name?.key, attribute: attribute?.name, forms: forms?.map((p) => p.label ?? p.dt?.name ?? p.kind) };
    console.log(`  ${line}:${column} <${element.name}> ${JSON.stringify(extra)}`);
  }
}
