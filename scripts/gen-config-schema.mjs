#!/usr/bin/env node
// Writes schema/virt-lint.schema.json, the JSON Schema of .virt-lint.json,
// from the zod schema in src/config/schema.ts and the rule registry.
// `--check` exits 1 instead of writing when the committed file is out of date
// (test/config/json-schema.test.ts runs the same comparison).
// The TypeScript sources are bundled in memory with esbuild (a dev dependency).
import { build } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const check = process.argv.includes('--check');

const entry = `
import { rules } from './rules/index.ts';
import { configJsonSchemaText, SCHEMA_PATH } from './src/config/json-schema.ts';
export const text = configJsonSchemaText(rules);
export const path = SCHEMA_PATH;
`;
const out = await build({
  stdin: { contents: entry, resolveDir: root, loader: 'ts', sourcefile: 'gen-config-schema-entry.ts' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  write: false,
  logLevel: 'warning',
});
const dir = mkdtempSync(join(tmpdir(), 'virt-lint-schema-'));
let text, path;
try {
  const file = join(dir, 'entry.mjs');
  writeFileSync(file, out.outputFiles[0].text);
  ({ text, path } = await import(pathToFileURL(file).href));
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const target = join(root, path);
let before = '';
try {
  before = readFileSync(target, 'utf8');
} catch {
  // not written yet
}
if (check) {
  if (before !== text) {
    console.error(`${path} is out of date with the rules; run \`node scripts/gen-config-schema.mjs\``);
    process.exit(1);
  }
} else if (before !== text) {
  mkdirSync(dirname(target), { recursive: true });
  writeFileSync(target, text);
  console.log(`${path} updated`);
}
