// Generates the rule reference from the rules' metadata:
//   docs/rules/<id>.md  one page per rule (what `virt-lint rule <id>` prints)
//   docs/rules/README.md  a table of all rules
// and removes pages of rules that no longer exist.
//
//   npm run docs              write the files
//   npm run docs -- --check   write nothing; exit 1 listing what is out of date
//
// The rules are TypeScript, so the generator (src/docs/reference.ts) and the
// rule registry are bundled in memory first (scripts/lib/engine.mjs).
import { mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importSources } from './lib/engine.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const check = process.argv.includes('--check');

const { rules, referenceFiles, REFERENCE_DIR, jsonSchemaOf } = await importSources([
  "export { rules } from './rules/index.ts';",
  "export { referenceFiles, REFERENCE_DIR } from './src/docs/reference.ts';",
  "export { jsonSchemaOf } from './src/docs/option-schema.ts';",
]);
const generated = { files: referenceFiles(rules, jsonSchemaOf), dir: REFERENCE_DIR };

const dir = join(root, generated.dir);
const wanted = new Set(generated.files.map((f) => f.path));
const existing = (() => {
  try {
    return readdirSync(dir).filter((n) => n.endsWith('.md')).map((n) => `${generated.dir}/${n}`);
  } catch {
    return [];
  }
})();
const stale = existing.filter((p) => !wanted.has(p));
const changed = generated.files.filter((f) => {
  try {
    return readFileSync(join(root, f.path), 'utf8') !== f.content;
  } catch {
    return true;
  }
});

if (check) {
  if (changed.length || stale.length) {
    for (const f of changed) console.error(`out of date: ${f.path}`);
    for (const p of stale) console.error(`no such rule any more: ${p}`);
    console.error('The rule reference does not match the rules\' metadata: run `npm run docs` and commit docs/rules/.');
    process.exit(1);
  }
  console.log(`docs/rules is up to date (${generated.files.length} files)`);
} else {
  mkdirSync(dir, { recursive: true });
  for (const f of changed) writeFileSync(join(root, f.path), f.content);
  for (const p of stale) unlinkSync(join(root, p));
  console.log(`docs/rules: ${generated.files.length - 1} rule pages + README.md; ${changed.length} written, ${stale.length} removed`);
}
