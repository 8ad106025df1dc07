#!/usr/bin/env node
// Applies every fix to every domain XML under a directory, in memory, and
// checks what "fixes never lose data" promises: the result is well-formed,
// a second --fix changes nothing (fixes converge), no comment disappears, and
// nothing fixable is left. Runs in safe mode and in --unsafe-fixes mode, with
// host facts that switch the version rules on.
//
// With --virsh it also asks the installed libvirt (virsh's test driver, no
// daemon) whether fixing ever makes a file worse for that host: every file
// libvirt accepts must still be accepted after the fixes, and a file that
// validates against libvirt's RelaxNG schema (--schema, by default the
// installed one) must still validate. The libvirt version defaults to the
// installed virsh's; give the QEMU one, e.g. --qemu 7.2.0 for Debian 12.
//
// Usage: node scripts/fix-check.mjs <dir> [--qemu V] [--libvirt V] [--virsh] [--schema RNG]
// Exit status: 0 all good, 1 a problem (each is printed), 2 usage.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { loadEngine, xmlFiles } from './lib/engine.mjs';
import { defineAccepted, defineError, schemaValid, virshVersion } from './lib/virsh.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i < 0 ? fallback : args.splice(i, 2)[1];
};
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 && args.splice(i, 1).length > 0;
};
const withVirsh = flag('--virsh');
const virsh = withVirsh ? virshVersion() : undefined;
const qemu = option('--qemu', '9.1.1');
// With --virsh the host is the installed libvirt, unless told otherwise.
const libvirt = option('--libvirt', virsh ?? '11.3.0');
const schema = option('--schema', '/usr/share/libvirt/schemas/domain.rng');
const [dir] = args;
if (!dir || !existsSync(dir) || args.length !== 1) {
  process.stderr.write('usage: node scripts/fix-check.mjs <dir> [--qemu V] [--libvirt V] [--virsh] [--schema RNG]\n');
  process.exit(2);
}
if (withVirsh && !virsh) {
  process.stderr.write('--virsh: virsh is not installed (Debian: apt-get install libvirt-clients)\n');
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
/** Changed files, for the libvirt check: original path, fixed text, and the rules whose fixes applied. */
const changedOutputs = [];
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
    // A fix that reverses an explicit setting is withheld when an earlier fix created the conflict (src/engine/apply-fixes.ts).
    const left = out.result.messages.filter((d) => d.fix || (mode === 'unsafe' && d.suggestions?.length && !d.suggestions[0].overrides));
    for (const d of left) problems.push(`${name}:${d.line}:${d.column}: still fixable after fixing: ${d.ruleId}`);
    const fixedBy = [...new Set(lintText(raw).messages.filter((d) => d.fix || (mode === 'unsafe' && d.suggestions?.length)).map((d) => d.ruleId))];
    changedOutputs.push({ file, name, mode, output: out.output, fixedBy });
  }
}
console.log(`${runs} fix runs (safe and unsafe) on ${runs / 2} files with QEMU ${qemu} and libvirt ${libvirt}: ${changed} changed, ${applied} fixes applied`);
if (withVirsh) {
  if (virsh !== libvirt) console.log(`note: fixes were chosen for libvirt ${libvirt} but are checked with the installed ${virsh}`);
  checkWithLibvirt();
}
console.log(`${problems.length} problems`);
for (const p of problems) console.log(`  ${p}`);
process.exit(problems.length ? 1 : 0);

/** A fixed file libvirt refuses (or its schema rejects) while it took the original is a regression. */
function checkWithLibvirt() {
  const tmp = mkdtempSync(join(tmpdir(), 'virt-lint-fix-check-'));
  try {
    const fixedPaths = changedOutputs.map((c, i) => {
      const path = join(tmp, `${i}-${c.mode}.xml`);
      writeFileSync(path, c.output);
      return path;
    });
    const originals = [...new Set(changedOutputs.map((c) => resolve(c.file)))];
    const started = Date.now();
    const accepted = defineAccepted([...originals, ...fixedPaths]);
    let fromAccepted = 0;
    let regressions = 0;
    changedOutputs.forEach((c, i) => {
      if (!accepted.get(resolve(c.file))) return; // refused before the fixes: nothing to keep
      fromAccepted++;
      if (accepted.get(fixedPaths[i])) return;
      regressions++;
      problems.push(`${c.name}: libvirt accepts the file but refuses it after fixes by ${c.fixedBy.join(', ')}: ${defineError(fixedPaths[i])}`);
    });
    const validBefore = existsSync(schema) ? schemaValid(originals, schema) : undefined;
    if (!validBefore) console.log(`schema check skipped: ${existsSync(schema) ? 'xmllint is not installed (Debian: libxml2-utils)' : `no ${schema}`}`);
    let schemaRegressions = 0;
    if (validBefore) {
      const candidates = changedOutputs.map((c, i) => (validBefore.has(resolve(c.file)) ? i : -1)).filter((i) => i >= 0);
      const validAfter = schemaValid(candidates.map((i) => fixedPaths[i]), schema) ?? new Set();
      for (const i of candidates) {
        if (validAfter.has(fixedPaths[i])) continue;
        schemaRegressions++;
        problems.push(`${changedOutputs[i].name}: valid against ${schema} but not after fixes by ${changedOutputs[i].fixedBy.join(', ')}`);
      }
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `libvirt (${virsh}, virsh test driver): ${originals.length} changed files, ${fromAccepted} of ${changedOutputs.length} fixed outputs come from files libvirt accepts; ` +
        `${regressions} refused after fixing${validBefore ? `; schema ${schema}: ${schemaRegressions} no longer valid` : ''} (${seconds} s)`,
    );
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
