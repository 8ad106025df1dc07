// Memory of the CLI over many files, in one process: runs `main()` (the real
// run loop, output discarded) over DIR ten times, each time naming DIR by
// another spelling, then once with all ten spellings at once (which must lint
// each file once). Prints the resident set after each run and the peak.
//
//   node scripts/memory-check.mjs DIR [--format NAME] [--runs N] [--limit-mb MB]
//
// Exits 1 when the peak resident set exceeds the limit (default 300 MB).
import { readdirSync } from 'node:fs';
import { basename, dirname, relative, resolve } from 'node:path';
import { importSources, xmlFiles } from './lib/engine.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  if (i < 0) return fallback;
  const [value] = args.splice(i, 2).slice(1);
  return value;
};
const format = option('--format', 'stylish');
const runs = Number(option('--runs', '10'));
const limitMb = Number(option('--limit-mb', '300'));
const dir = args[0];
if (!dir) {
  process.stderr.write('usage: node scripts/memory-check.mjs DIR [--format NAME] [--runs N] [--limit-mb MB]\n');
  process.exit(2);
}
const abs = resolve(dir);
readdirSync(abs); // fail early on a wrong path
const files = xmlFiles(abs).length;

const { main } = await importSources(["export { main } from './src/cli/main.ts';"]);

// Ten ways to name one directory: absolute, relative, with ./ and trailing slashes, through its parent.
const cwd = process.cwd();
const rel = relative(cwd, abs) || '.';
const spellings = [abs, `${abs}/`, rel, `./${rel}`, `${rel}/`, `${abs}/.`, `${abs}/./`, `${dirname(abs)}/${basename(abs)}`, `${abs}/../${basename(abs)}`, `${rel}/.`];

const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);
let peak = 0;
async function once(inputs) {
  let out = 0;
  let err = '';
  const code = await main({
    argv: ['--no-detect', '--no-config', '--format', format, ...inputs],
    env: { NO_COLOR: '1' },
    cwd,
    stdout: (s) => void (out += s.length),
    stderr: (s) => void (err += s),
    readStdin: async () => new Uint8Array(),
    stdoutIsTTY: false,
  });
  const rss = process.memoryUsage().rss;
  peak = Math.max(peak, process.resourceUsage().maxRSS * 1024);
  return { code, out, err, rss };
}

console.log(`${files} *.xml files under ${dir}; format ${format}; ${runs} runs in one process`);
const start = Date.now();
for (let i = 0; i < runs; i++) {
  const r = await once([spellings[i % spellings.length]]);
  console.log(`run ${i + 1} (${spellings[i % spellings.length]}): exit ${r.code}, ${mb(r.out)} MB of report, rss ${mb(r.rss)} MB`);
}
const all = await once(spellings);
console.log(`all ${spellings.length} spellings in one run: exit ${all.code}, ${mb(all.out)} MB of report, rss ${mb(all.rss)} MB`);
console.log(`peak rss ${mb(peak)} MB over ${runs + 1} runs (${((Date.now() - start) / 1000).toFixed(1)} s); limit ${limitMb} MB`);
if (peak > limitMb * 1024 * 1024) {
  console.log('FAIL: over the limit');
  process.exit(1);
}
