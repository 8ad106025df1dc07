#!/usr/bin/env node
// Applies every fix to every domain XML under a directory, in memory, and
// checks what "fixes never lose data" promises: the result is well-formed,
// a second --fix changes nothing (fixes converge), no comment disappears, and
// nothing fixable is left. Runs in safe mode and in --unsafe-fixes mode, with
// host facts that switch the version rules on.
// Usage: node scripts/fix-check.mjs <dir> [--qemu V] [--libvirt V]
// Exit status: 0 all good, 1 a problem (each is printed), 2 usage.
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { loadEngine, xmlFiles } from './lib/engine.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args.splice(i, 2)[1];
};
const qemu = option('--qemu', '9.1.1');
const libvirt = option('--libvirt', '11.3.0');
const [dir] = args;
if (!dir || !existsSync(dir) || args.length !== 1) {
  process.stderr.write('usage: node scripts/fix-check.mjs <dir> [--qemu V] [--libvirt V]\n');
  process.exit(2);
}

const { lint, rules, parseVersion, fixText, parseXml, SourceText } = await loadEngine();
const host = {
  qemu: { version: parseVersion(qemu), raw: qemu, source: '--qemu' },
  libvirt: { version: parseVersion(libvirt), raw: libvirt, source: '--libvirt' },
};
const lintText = (text) => lint(text, { rules, host });
const comments = (text) => (text.match(/<!--/g) ?? []).length;

const problems = [];
let runs = 0;
let changed = 0;
let applied = 0;
for (const mode of ['safe', 'unsafe']) {
  for (const file of xmlFiles(dir)) {
    const name = `${relative(dir, file)} (${mode})`;
    const raw = readFileSync(file, 'utf8');
    runs++;
    let out;
    try {
      out = fixText(raw, lintText, mode);
    } catch (e) {
      problems.push(`${name}: crashed: ${e.message}`);
      continue;
    }
    if (out.discarded) problems.push(`${name}: ${out.discarded}`);
    if (out.output === raw) continue;
    changed++;
    applied += out.applied;
    if (!parseXml(new SourceText(out.output)).ok) problems.push(`${name}: fixed text is not well-formed`);
    if (fixText(out.output, lintText, mode).output !== out.output) problems.push(`${name}: a second fix pass still changes the file`);
    if (comments(out.output) < comments(raw)) problems.push(`${name}: a comment was lost`);
    const left = out.result.messages.filter((d) => d.fix || (mode === 'unsafe' && d.suggestions?.length));
    for (const d of left) problems.push(`${name}:${d.line}:${d.column}: still fixable after fixing: ${d.ruleId}`);
  }
}
console.log(`${runs} fix runs (safe and unsafe) on ${runs / 2} files with QEMU ${qemu} and libvirt ${libvirt}: ${changed} changed, ${applied} fixes applied, ${problems.length} problems`);
for (const p of problems) console.log(`  ${p}`);
process.exit(problems.length ? 1 : 0);
