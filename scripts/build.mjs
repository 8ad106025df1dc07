// Builds dist/ with esbuild:
//
//   dist/cli.cjs    the CLI (bin/virt-lint.cjs runs it), with V8's code cache
//                   written from a warm-up lint of the example. One CommonJS
//                   bundle loaded through vm.Script with a code cache starts
//                   markedly faster than ES modules (no ESM loader, no
//                   per-module resolution, no compiling on every run): the
//                   budget is 1.5x the bare `node -e 0` startup (npm run bench).
//   dist/rule-docs.cjs  the rules' documentation, which the CLI bundle leaves
//                   out and requires only when it is read (docsApart below).
//   dist/lsp.cjs    the language server (`virt-lint lsp`, src/cli/lsp/server.ts)
//                   and its libraries: a bundle of their own, required by the
//                   CLI only for that subcommand, so a plain lint neither
//                   reads nor compiles it. The server imports no engine code
//                   at run time (the CLI hands it src/cli/lsp/linter.ts), so
//                   the engine ships once for both.
//   dist/api.cjs    the Node API (`require('virt-lint')`), and dist/api.mjs,
//                   the ES module that re-exports it (`import('virt-lint')`):
//                   one copy of the code, so both see the same objects.
//   dist/api.d.ts, .d.mts, .d.cts   its types, one self-contained declaration
//                   file from the sources (dts-bundle-generator; the package
//                   ships no TypeScript sources). Slow (it compiles the whole
//                   program), so `--no-types` skips it: `npm test`'s build
//                   does (the test of the types packs the package, and `npm
//                   pack` builds them, as installs from a clone or a git URL do).
//
// No source map by default: it is three times the bundle's size and the
// published package leaves it out. `npm run build -- --sourcemap` writes
// dist/*.cjs.map for debugging; stack traces are mapped when the bundle is
// run directly with `node --enable-source-maps dist/cli.cjs ...` (Node does
// not apply source maps to the vm.Script that bin/virt-lint.cjs compiles).
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const args = process.argv.slice(2);
const unknown = args.filter((a) => a !== '--sourcemap' && a !== '--no-types');
if (unknown.length > 0) {
  process.stderr.write(`build: unknown argument ${unknown[0]} (the options are --sourcemap and --no-types)\n`);
  process.exit(2);
}
const sourcemap = args.includes('--sourcemap');
const root = fileURLToPath(new URL('..', import.meta.url));
// The schema check's models, compiled from the vendored libvirt grammars (src/schema/generated/).
const compiled = spawnSync(process.execPath, ['scripts/compile-schemas.mjs'], { cwd: root, stdio: 'inherit' });
if (compiled.status !== 0) process.exit(compiled.status ?? 1);
const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: sourcemap ? 'linked' : false,
  logLevel: 'warning',
  absWorkingDir: root,
  // jsonc-parser's "main" is a UMD build whose require() calls esbuild cannot follow; bundle its ES modules.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/main.js' },
};

/** The CLI's `import('./lsp/server.js')` becomes `require('./lsp.cjs')` at run time: the server stays out of the CLI bundle. */
const lspApart = {
  name: 'lsp-apart',
  setup(b) {
    b.onResolve({ filter: /^\.\/lsp\/server\.js$/ }, (a) => (a.importer.endsWith('src/cli/main.ts') ? { path: './lsp.cjs', external: true } : undefined));
  },
};

/**
 * The rules' documentation (meta.docs: prose, examples, sources) is a quarter of the CLI bundle and, being
 * object literals run at start, a fifth of its code cache, which every lint reads and deserialises and none
 * needs: only --explain / `rule`, --list-rules --format json and SARIF read it. In the CLI bundle each rule's
 * `docs: {...}` becomes a getter that requires dist/rule-docs.cjs, a bundle of all of them written from the
 * same literals (the rule modules stay the single source). Docs that are not plain literals (a table rendered
 * from data) stay in the rule's module, as a getter that builds them when read, not at every start.
 */
function docsApart() {
  const docs = new Map();
  const plugin = {
    name: 'docs-apart',
    setup(b) {
      b.onResolve({ filter: /^\.\/rule-docs\.cjs$/ }, () => ({ path: './rule-docs.cjs', external: true }));
      b.onLoad({ filter: /[\\/]rules[\\/][^\\/]+\.ts$/ }, (a) => {
        const text = readFileSync(a.path, 'utf8');
        const found = plainDocs(text, a.path);
        if (!found) return { contents: text, loader: 'ts' };
        if (found.computed) return { contents: `${text.slice(0, found.start)}get docs() { return (${found.computed}); }${text.slice(found.end)}`, loader: 'ts' };
        docs.set(found.id, found.literal);
        const getter = `get docs() { return require('./rule-docs.cjs')[${JSON.stringify(found.id)}]; }`;
        return { contents: text.slice(0, found.start) + getter + text.slice(found.end), loader: 'ts' };
      });
    },
  };
  const source = () => `module.exports = {\n${[...docs].map(([id, literal]) => `${JSON.stringify(id)}: ${literal},`).join('\n')}\n};\n`;
  return { plugin, source };
}

/** The `docs: {...}` property of a rule module's `meta`: its span, the rule id, and its text as `literal` when it holds literals only, else as `computed`. */
function plainDocs(text, path) {
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  let found;
  const visit = (node) => {
    if (found) return;
    if (ts.isPropertyAssignment(node) && node.name.getText(file) === 'meta' && ts.isObjectLiteralExpression(node.initializer)) {
      const props = node.initializer.properties;
      const id = props.find((p) => ts.isPropertyAssignment(p) && p.name.getText(file) === 'id');
      const docs = props.find((p) => ts.isPropertyAssignment(p) && p.name.getText(file) === 'docs');
      if (id && docs && ts.isStringLiteral(id.initializer) && ts.isPropertyAssignment(docs)) {
        const text = docs.initializer.getText(file);
        found = { id: id.initializer.text, start: docs.getStart(file), end: docs.getEnd(), ...(onlyLiterals(docs.initializer) ? { literal: text } : { computed: text }) };
      }
      return;
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

/** Objects, arrays, strings and templates without substitutions, joined by `+`: nothing the module defines. */
function onlyLiterals(node) {
  if (ts.isObjectLiteralExpression(node)) {
    return node.properties.every((p) => ts.isPropertyAssignment(p) && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) && onlyLiterals(p.initializer));
  }
  if (ts.isArrayLiteralExpression(node)) return node.elements.every(onlyLiterals);
  if (ts.isParenthesizedExpression(node)) return onlyLiterals(node.expression);
  if (ts.isBinaryExpression(node)) return node.operatorToken.kind === ts.SyntaxKind.PlusToken && onlyLiterals(node.left) && onlyLiterals(node.right);
  return ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node);
}

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const cliDocs = docsApart();
await Promise.all([
  // `supported`: no import() is left in the bundle (it runs in a vm.Script, bin/virt-lint.cjs, where import()
  // has no loader): the import() of the server becomes a require('./lsp.cjs') run only by `virt-lint lsp`.
  build({ ...common, entryPoints: ['src/cli/bin.ts'], outfile: 'dist/cli.cjs', plugins: [lspApart, cliDocs.plugin], supported: { 'dynamic-import': false } }),
  build({ ...common, entryPoints: ['src/cli/lsp/server.ts'], outfile: 'dist/lsp.cjs' }),
  // Identifiers kept: a library's stack traces should name the functions of the sources.
  build({ ...common, entryPoints: ['src/cli/node-api.ts'], outfile: 'dist/api.cjs', minify: false, minifyWhitespace: true, minifySyntax: true }),
]);

// The rules' docs that the CLI bundle leaves out (docsApart), once its build has collected them.
await build({ ...common, stdin: { contents: cliDocs.source(), loader: 'ts', sourcefile: 'rule-docs.ts' }, outfile: 'dist/rule-docs.cjs' });

// The ES module entry: the CommonJS module's exports, named.
const names = Object.keys(createRequire(import.meta.url)('../dist/api.cjs')).sort();
writeFileSync(
  new URL('../dist/api.mjs', import.meta.url),
  `// The ES module entry of virt-lint: re-exports the CommonJS build (dist/api.cjs), so import and require share one copy.\nimport api from './api.cjs';\n\nexport const { ${names.join(', ')} } = api;\n`,
);

if (!args.includes('--no-types')) {
  const dts = fileURLToPath(new URL('../dist/api.d.ts', import.meta.url));
  const bin = createRequire(import.meta.url).resolve('dts-bundle-generator/dist/bin/dts-bundle-generator.js');
  const gen = spawnSync(
    process.execPath,
    [bin, '--silent', '--no-banner', '--no-check', '--export-referenced-types', 'false', '--project', 'scripts/tsconfig.api-types.json', '-o', dts, 'src/cli/node-api.ts'],
    { cwd: root, stdio: 'inherit' },
  );
  if (gen.status !== 0) {
    process.stderr.write(`build: generating the API's types failed (exit ${gen.status})\n`);
    process.exit(1);
  }
  // One declaration file for both entries: .d.mts for import, .d.cts for require (TypeScript reads a .d.ts in a
  // "type": "module" package as an ES module's).
  const text = readFileSync(dts, 'utf8');
  writeFileSync(dts.replace(/\.d\.ts$/, '.d.mts'), text);
  writeFileSync(dts.replace(/\.d\.ts$/, '.d.cts'), text);
}

// Warm-up: lint as a user does and let bin/virt-lint.cjs write the cache on exit,
// so the cache holds what such a run compiles (a function missing from it is
// compiled on first call, in every run): the default output format, the
// configuration lookup, host detection, the version-specific rules (an old
// libvirt, so the table of features newer than it is walked), and a document
// with mistakes (the schema check's derivative walk and its messages). With
// VIRT_LINT_WRITE_CODE_CACHE set the CLI detects a made-up host (QEMU 9.1.1,
// libvirt 7.0.0: src/cli/host.ts warmUpDetection), so nothing is read from
// this machine's QEMU or libvirt and nothing is executed. Its exit status is
// the lint's (1). The first file is linted from a directory of its own with a
// configuration file, as in a repository that keeps one (its reading, checking
// and rule options cost a lint about 15 ms when compiled on every start), the
// second from examples/, where the lookup finds none.
const warmDir = mkdtempSync(join(tmpdir(), 'virt-lint-warm-up-'));
let warm;
try {
  writeFileSync(
    join(warmDir, '.virt-lint.jsonc'),
    '// the build\'s warm-up (scripts/build.mjs)\n{ "rules": { "lg-shmem-size-too-small": ["warning", { "resolution": "2560x1440" }], "unused-suppression": "error" }, "ignores": ["generated/"] }\n',
  );
  copyFileSync(join(root, 'examples/win11-looking-glass.xml'), join(warmDir, 'win11-looking-glass.xml'));
  warm = spawnSync(
    process.execPath,
    ['bin/virt-lint.cjs', join(warmDir, 'win11-looking-glass.xml'), 'examples/typos.xml'],
    { cwd: root, env: { ...process.env, VIRT_LINT_WRITE_CODE_CACHE: '1', NO_COLOR: '1' }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' },
  );
} finally {
  rmSync(warmDir, { recursive: true, force: true });
}
if (warm.status !== 0 && warm.status !== 1) {
  process.stderr.write(`build: warm-up run failed (exit ${warm.status}); the CLI works, only without a code cache\n${warm.stderr}`);
}
