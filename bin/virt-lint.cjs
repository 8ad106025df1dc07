#!/usr/bin/env node
'use strict';
// Starts the CLI bundle that `npm install` builds into dist/ (the `prepare`
// script). The bundle is compiled with V8's code cache, written at build time
// by a warm-up run, so a lint starts close to bare Node speed. A cache from
// another Node version is rejected by V8 and the bundle is simply compiled.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const bundle = path.join(__dirname, '..', 'dist', 'cli.cjs');
const cachePath = bundle + '.v8-cache';

let source;
try {
  source = fs.readFileSync(bundle, 'utf8');
} catch {
  process.stderr.write('virt-lint: not built yet; run `npm install` (or `npm run build`) in the virt-lint checkout\n');
  process.exit(2);
}
let cachedData;
try {
  cachedData = fs.readFileSync(cachePath);
} catch {
  // No cache: compile normally.
}
const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
const module_ = { exports: {} };
script.runInThisContext()(module_.exports, Module.createRequire(bundle), module_, bundle, path.dirname(bundle));

// The build's warm-up run writes the cache after a real lint, so it holds the
// functions that lint compiled, not only the top level.
if (process.env.VIRT_LINT_WRITE_CODE_CACHE === '1') {
  process.on('exit', () => fs.writeFileSync(cachePath, script.createCachedData()));
}
