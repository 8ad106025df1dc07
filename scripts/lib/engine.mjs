// What the scripts share: the engine and rules bundled in memory from
// the TypeScript sources (no build step), and the list of *.xml under a tree.
import { build } from 'esbuild';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Imports TypeScript sources of this project without a build step: `exports`
 * are export lines relative to the project root, bundled in memory by esbuild.
 * `tree` and `bundler`: another checkout's sources, bundled with its own esbuild
 * (scripts/corpus-speed.mjs).
 */
export async function importSources(exports, { tree = root, bundler = build } = {}) {
  const tmp = mkdtempSync(join(tmpdir(), 'virt-lint-sources-'));
  try {
    const outfile = join(tmp, 'entry.mjs');
    await bundler({
      stdin: { contents: exports.join('\n'), resolveDir: tree, loader: 'ts', sourcefile: 'entry.ts' },
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      logLevel: 'warning',
      absWorkingDir: tree,
      // Keep the CommonJS dependencies' `require` working inside an ES module.
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    });
    return await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/** `{ lint, rules, parseVersion, fixText, parseXml, SourceText, decodeXmlBytes }` from src/ and rules/. */
export function loadEngine() {
  return importSources([
    "export { lint } from './src/engine/linter.ts';",
    "export { rules } from './rules/index.ts';",
    "export { parseVersion } from './src/engine/host-facts.ts';",
    "export { fixText } from './src/engine/apply-fixes.ts';",
    "export { parseXml } from './src/engine/parse.ts';",
    "export { SourceText } from './src/engine/source.ts';",
    "export { decodeXmlBytes } from './src/engine/decode.ts';",
  ]);
}

/** Every *.xml below `dir`, sorted, depth first. */
export function xmlFiles(dir, out = []) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) xmlFiles(p, out);
    else if (entry.isFile() && entry.name.endsWith('.xml')) out.push(p);
  }
  return out;
}
