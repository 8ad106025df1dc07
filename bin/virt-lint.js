#!/usr/bin/env node
// Runs the bundled CLI that `npm install` builds (the `prepare` script) into dist/.
try {
  await import('../dist/cli.js');
} catch (e) {
  if (e && e.code === 'ERR_MODULE_NOT_FOUND' && String(e.message).includes('dist/cli.js')) {
    process.stderr.write('virt-lint: not built yet; run `npm install` (or `npm run build`) in the virt-lint checkout\n');
    process.exit(2);
  }
  throw e;
}
