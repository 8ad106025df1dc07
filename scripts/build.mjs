// Bundles the CLI into dist/ with esbuild. One bundle (plus lazily loaded
// chunks for formatters and docs) starts measurably faster than hundreds of
// separate ES modules, and keeps startup near the bare Node floor.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { cli: 'src/cli/bin.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  absWorkingDir: new URL('..', import.meta.url).pathname,
});
