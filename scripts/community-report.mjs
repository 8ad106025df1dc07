// Runs the registered rules over directories of real domain XML (the
// community VFIO / Looking Glass configs and virt-manager's test data in
// ../shared/corpus) with fixed host facts, and prints a Markdown report: per
// rule, how many configs of each directory it flags (and at which severity),
// then every error- and warning-level diagnostic on the first directory, so a
// person can check each one against the rule's sources.
//
// Usage: node scripts/community-report.mjs <dir> [<dir>...]
//          [--qemu 10.2.2] [--libvirt 11.3.0] [--category a,b] [--rule id,id] [--out FILE]
// --category and --rule select rules (their union); without either, every rule.
// Exit status: 0, or 1 when a rule crashed on some file, 2 usage.
//
// Not part of `npm test`: the corpus is third-party data outside the project.
// Rules are bundled from the TypeScript sources on the fly.
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

function usage(message) {
  process.stderr.write(
    `community-report: ${message}\nusage: node scripts/community-report.mjs <dir>... [--qemu V] [--libvirt V] [--category a,b] [--rule id,id] [--out FILE]\n`,
  );
  process.exit(2);
}

const args = process.argv.slice(2);
const dirs = [];
let qemu = '10.2.2';
let libvirt = '11.3.0';
let categories;
let ruleIds;
let out;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const value = () => (i + 1 < args.length ? args[++i] : usage(`${a} needs a value`));
  if (a === '--qemu') qemu = value();
  else if (a === '--libvirt') libvirt = value();
  else if (a === '--category') categories = new Set(value().split(','));
  else if (a === '--rule') ruleIds = new Set(value().split(','));
  else if (a === '--out') out = value();
  else if (a.startsWith('-')) usage(`unknown option ${a}`);
  else dirs.push(resolve(a));
}
if (dirs.length === 0) usage('which directory?');
for (const d of dirs) if (!existsSync(d) || !statSync(d).isDirectory()) usage(`${d} is not a directory`);

// ---- the engine, bundled from the sources ---------------------------------
const root = resolve(dirname(new URL(import.meta.url).pathname), '..');
const tmp = mkdtempSync(join(tmpdir(), 'virt-lint-report-'));
let engine;
try {
  const outfile = join(tmp, 'engine.mjs');
  await build({
    stdin: {
      contents:
        "export { lint } from './src/engine/linter.ts';\nexport { rules } from './rules/index.ts';\nexport { parseVersion } from './src/engine/host-facts.ts';\n",
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'report-entry.ts',
    },
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'warning',
    banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  });
  engine = await import(pathToFileURL(outfile).href);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
const { lint, rules: allRules, parseVersion } = engine;
const rules =
  categories || ruleIds ? allRules.filter((r) => categories?.has(r.meta.category) || ruleIds?.has(r.meta.id)) : allRules;
for (const id of ruleIds ?? []) if (!allRules.some((r) => r.meta.id === id)) usage(`no rule ${id}`);
const host = {
  qemu: { version: parseVersion(qemu), raw: qemu, source: '--qemu' },
  libvirt: { version: parseVersion(libvirt), raw: libvirt, source: '--libvirt' },
};

function walk(d, acc) {
  for (const entry of readdirSync(d, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(d, entry.name);
    if (entry.isDirectory()) walk(p, acc);
    else if (entry.isFile() && entry.name.endsWith('.xml')) acc.push(p);
  }
  return acc;
}

// ---- lint -------------------------------------------------------------------
const SEVERITIES = ['error', 'warning', 'info'];
const stats = dirs.map(() => new Map()); // rule id -> { files: Set, error, warning, info }
const counts = dirs.map(() => ({ files: 0, linted: 0, notDomain: 0, malformed: 0 }));
const hits = []; // error/warning diagnostics of the first directory
const crashes = [];
dirs.forEach((dir, di) => {
  for (const file of walk(dir, [])) {
    counts[di].files++;
    const result = lint(readFileSync(file, 'utf8'), { rules, host });
    if (result.skippedReason) {
      counts[di].notDomain++;
      continue;
    }
    if (!result.doc) {
      counts[di].malformed++;
      continue;
    }
    counts[di].linted++;
    for (const d of result.messages) {
      if (d.ruleId === 'internal-error') crashes.push(`${relative(dir, file)}: ${d.message}`);
      const s = stats[di].get(d.ruleId) ?? { files: new Set(), error: 0, warning: 0, info: 0 };
      s.files.add(file);
      s[d.severity]++;
      stats[di].set(d.ruleId, s);
      if (di === 0 && d.severity !== 'info') hits.push({ file: relative(dir, file), d });
    }
  }
});

// ---- report -----------------------------------------------------------------
const label = (d) => `${basename(dirname(d))}/${basename(d)}`;
const lines = [];
lines.push('# virt-lint on real configurations');
lines.push('');
lines.push(
  `Generated by \`node scripts/community-report.mjs${dirs.map((d) => ` ${label(d)}`).join('')} --qemu ${qemu} --libvirt ${libvirt}${categories ? ` --category ${[...categories].join(',')}` : ''}${ruleIds ? ` --rule ${[...ruleIds].join(',')}` : ''}\` ` +
    `from the shared corpus (third-party files, not part of this repository): host facts QEMU ${qemu}, libvirt ${libvirt}; every rule with its default options.`,
);
lines.push('');
dirs.forEach((d, i) =>
  lines.push(`- \`${label(d)}\`: ${counts[i].files} files, ${counts[i].linted} domains linted${counts[i].notDomain ? `, ${counts[i].notDomain} not a <domain>` : ''}${counts[i].malformed ? `, ${counts[i].malformed} not well-formed` : ''}.`),
);
lines.push(`- Rule crashes: ${crashes.length}.`);
lines.push('');
lines.push('Cells: configs flagged (diagnostics by severity, `E`/`W`/`I`). A rule can report at a severity other than its default (e.g. more severe with Looking Glass).');
lines.push('');
lines.push(`| rule | category | default | ${dirs.map(label).join(' | ')} |`);
lines.push(`| --- | --- | --- | ${dirs.map(() => '---:').join(' | ')} |`);
const byCategory = [...rules].sort((a, b) => a.meta.category.localeCompare(b.meta.category) || a.meta.id.localeCompare(b.meta.id));
for (const r of byCategory) {
  const cells = stats.map((m) => {
    const s = m.get(r.meta.id);
    if (!s) return '0';
    const sev = SEVERITIES.filter((k) => s[k]).map((k) => `${k[0].toUpperCase()}${s[k]}`).join(' ');
    return `${s.files.size} (${sev})`;
  });
  lines.push(`| \`${r.meta.id}\` | ${r.meta.category} | ${r.meta.severity} | ${cells.join(' | ')} |`);
}
lines.push('');
lines.push(`## Errors and warnings on \`${label(dirs[0])}\``);
lines.push('');
lines.push('Each one was read by hand against the rule\'s sources (see the rule\'s documentation).');
lines.push('');
if (hits.length === 0) lines.push('None.');
for (const { file, d } of hits.sort((a, b) => a.d.ruleId.localeCompare(b.d.ruleId) || a.file.localeCompare(b.file) || a.d.line - b.d.line)) {
  lines.push(`- \`${d.ruleId}\` (${d.severity}) \`${file}:${d.line}:${d.column}\`: ${d.message.replace(/\|/g, '\\|')}`);
}
if (crashes.length) {
  lines.push('');
  lines.push('## Crashes');
  lines.push('');
  for (const c of crashes) lines.push(`- ${c}`);
}
const text = lines.join('\n') + '\n';
if (out) writeFileSync(out, text);
else process.stdout.write(text);
process.exit(crashes.length ? 1 : 0);
