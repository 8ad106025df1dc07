// Lints every *.xml under a directory with no host facts (as `--no-detect`
// would) and reports speed, counts per rule and, when libvirt's verdicts sit
// next to the tree (as in ../shared/corpus), how far virt-lint agrees with
// libvirt:
//   recall        share of the inputs libvirt rejects at parse time whatever
//                 the capabilities (qemuxmlconfdata PARSE_ERROR rows with an
//                 empty notes column) on which virt-lint reports an error;
//   false errors  error diagnostics on files libvirt accepts: every
//                 qemuxmlconfdata/*.x86_64-latest.xml, and every file that
//                 libvirt-verdicts-*.tsv says both the test driver and the
//                 QEMU driver define;
//   misses        the rejected inputs virt-lint passes, grouped by libvirt's
//                 message: the list of checks to write next.
//
// Usage: npm run corpus -- <dir> [--allow-false-errors] [--misses N] [--quiet] [--list RULE]...
//   --allow-false-errors  report false errors but exit 0 (for exploring)
//   --misses N            show only the N most frequent missed messages
//   --quiet               misses without their file lists
//   --list RULE           also print every diagnostic of RULE (repeatable)
// Exit status: 0 clean, 1 a crash or a false error, 2 usage.
//
// Not part of `npm test`: the corpus is third-party data that lives outside
// the project. Rules are bundled from the TypeScript sources on the fly, so no
// build step is needed and all files are linted in one process.
import { loadEngine, xmlFiles } from './lib/engine.mjs';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

const EXPECTED = 'libvirt-expected-failures.txt';
const VERDICTS = /^libvirt-verdicts-(\d+\.\d+\.\d+)\.tsv$/;
const CRASH_RULE = 'internal-error';

function usage(message) {
  process.stderr.write(`corpus: ${message}\nusage: npm run corpus -- <dir> [--allow-false-errors] [--misses N] [--quiet] [--list RULE]...\n`);
  process.exit(2);
}

const args = process.argv.slice(2);
let dir;
let allowFalseErrors = false;
let missLimit = Infinity;
let quiet = false;
const listRules = new Set();
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a === '--allow-false-errors') allowFalseErrors = true;
  else if (a === '--quiet') quiet = true;
  else if (a === '--list') {
    if (args[i + 1] === undefined) usage('--list takes a rule id');
    listRules.add(args[++i]);
  }
  else if (a === '--misses') {
    missLimit = Number(args[++i]);
    if (!Number.isInteger(missLimit) || missLimit < 0) usage('--misses takes a whole number');
  } else if (a.startsWith('-')) usage(`unknown option ${a}`);
  else if (dir === undefined) dir = a;
  else usage('one directory only');
}
if (dir === undefined) usage('which directory?');
dir = resolve(dir);
if (!existsSync(dir) || !statSync(dir).isDirectory()) usage(`${dir} is not a directory`);

// ---- the engine, bundled from the sources ---------------------------------
const { lint, rules } = await loadEngine();

// ---- files ----------------------------------------------------------------
const files = xmlFiles(dir);

// Where libvirt's verdicts are: the directory itself or its parent.
const corpusRoot = [dir, dirname(dir)].find((d) => existsSync(join(d, EXPECTED)));
const toPosix = (p) => p.split(sep).join('/');
const corpusPath = (file) => (corpusRoot ? toPosix(relative(corpusRoot, file)) : toPosix(relative(dir, file)));

// ---- lint -------------------------------------------------------------------
const results = new Map(); // corpus path -> { errors: Diagnostic[], messages: Diagnostic[] }
const perRule = new Map(); // rule id -> { error, warning, info, files:Set }
const crashes = [];
let notDomain = 0;
let malformed = 0;
const started = process.hrtime.bigint();
for (const file of files) {
  const key = corpusPath(file);
  let result;
  try {
    result = lint(readFileSync(file, 'utf8'), { rules, host: {} });
  } catch (e) {
    crashes.push({ file: key, why: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    continue;
  }
  if (result.skippedReason) notDomain++;
  const messages = result.messages;
  for (const d of messages) {
    if (d.ruleId === CRASH_RULE) crashes.push({ file: key, why: `${d.line}:${d.column} ${d.message}` });
    if (d.ruleId === 'xml-not-well-formed') malformed++;
    let c = perRule.get(d.ruleId);
    if (!c) perRule.set(d.ruleId, (c = { error: 0, warning: 0, info: 0, files: new Set() }));
    c[d.severity]++;
    c.files.add(key);
  }
  results.set(key, { messages, errors: messages.filter((d) => d.severity === 'error') });
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;

// ---- report -----------------------------------------------------------------
const out = [];
const say = (s = '') => out.push(s);
const pct = (n, d) => (d === 0 ? 'n/a' : `${((100 * n) / d).toFixed(1)}%`);

say(`virt-lint corpus run on ${dir}`);
say(`${files.length} files, ${Math.round(files.length / seconds)} files/s (${seconds.toFixed(2)} s, ${rules.length} rules, no host facts); ` + `${notDomain} not <domain>, ${malformed} not well-formed, ${crashes.length} crashes`);
say();
say('diagnostics per rule (error / warning / info, files):');
const ruleRows = [...perRule.entries()].sort((a, b) => b[1].files.size - a[1].files.size || a[0].localeCompare(b[0]));
const width = Math.max(10, ...ruleRows.map(([id]) => id.length));
for (const [id, c] of ruleRows) say(`  ${id.padEnd(width)}  ${String(c.error).padStart(5)} ${String(c.warning).padStart(5)} ${String(c.info).padStart(5)}  ${String(c.files.size).padStart(5)} files`);
if (ruleRows.length === 0) say('  (none)');

let failed = crashes.length > 0;
let allowedFalseErrors = 0;
if (crashes.length) {
  say();
  say(`CRASHES (${crashes.length}):`);
  for (const c of crashes) say(`  ${c.file}: ${c.why}`);
}

const fmt = (file, d) => `  ${file}:${d.line}:${d.column} ${d.ruleId} ${d.message}`;

for (const id of listRules) {
  say();
  say(`${id}:`);
  for (const [file, r] of results) for (const d of r.messages) if (d.ruleId === id) say(fmt(file, d));
}

if (corpusRoot) {
  const expectedRows = readFileSync(join(corpusRoot, EXPECTED), 'utf8')
    .split('\n')
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [file, kind, variant, notes, message] = l.split('\t');
      return { file: `libvirt/${file}`, kind, variant, notes: notes ?? '', message: message ?? '' };
    });
  const rejected = expectedRows.filter((r) => r.kind === 'PARSE_ERROR' && r.file.startsWith('libvirt/qemuxmlconfdata/') && r.notes === '');
  const linted = rejected.filter((r) => results.has(r.file));
  const hits = linted.filter((r) => results.get(r.file).errors.length > 0);
  const misses = linted.filter((r) => results.get(r.file).errors.length === 0);

  // Accepted: libvirt's own outputs, and what both of libvirt's drivers define.
  const accepted = new Map(); // corpus path -> why
  for (const key of results.keys()) {
    if (/^libvirt\/qemuxmlconfdata\/[^/]+\.x86_64-latest\.xml$/.test(key)) accepted.set(key, 'qemuxmlconfdata output');
  }
  const verdictFile = readdirSync(corpusRoot)
    .filter((f) => VERDICTS.test(f))
    .sort((a, b) => b.localeCompare(a, undefined, { numeric: true }))[0];
  let verdictAccepted = 0;
  if (verdictFile) {
    for (const line of readFileSync(join(corpusRoot, verdictFile), 'utf8').split('\n').slice(1)) {
      const [file, , , testDriver, qemuDriver] = line.split('\t');
      if (!file || !results.has(file) || testDriver !== 'ok' || qemuDriver !== 'ok') continue;
      verdictAccepted++;
      if (!accepted.has(file)) accepted.set(file, 'defined by libvirt');
    }
  }
  // Rules whose errors are QEMU start-time refusals (meta.failsAt 'start') cannot be
  // judged by libvirt's define-time verdicts: libvirt's tests build a command line
  // but never start QEMU. They are listed apart, not counted as false errors.
  const startTime = new Set(rules.filter((r) => r.meta.failsAt === 'start').map((r) => r.meta.id));
  const falseErrors = [];
  const startErrors = [];
  // Errors that say libvirt accepts the domain and silently drops a setting
  // (data.effect 'dropped': an unknown element or attribute) agree with a define
  // that succeeds; the schema differential checks them against dumpxml.
  const droppedErrors = [];
  for (const [file] of accepted) {
    for (const d of results.get(file).errors) (startTime.has(d.ruleId) ? startErrors : d.data?.effect === 'dropped' ? droppedErrors : falseErrors).push({ file, d });
  }
  const outputs = [...accepted.values()].filter((w) => w === 'qemuxmlconfdata output').length;

  say();
  say(`agreement with libvirt (${EXPECTED}${verdictFile ? `, ${verdictFile}` : ''}):`);
  if (linted.length === 0) {
    say('  recall: n/a (the qemuxmlconfdata inputs libvirt rejects are not under this directory)');
  } else {
    say(`  recall: ${hits.length}/${linted.length} (${pct(hits.length, linted.length)}) of the qemuxmlconfdata inputs libvirt rejects at parse time get at least one error`);
  }
  say(
    `  false errors: ${falseErrors.length} on ${accepted.size} accepted files (${outputs} qemuxmlconfdata x86_64-latest outputs, ${verdictAccepted} files both libvirt drivers define)`,
  );
  say(`  start-time errors: ${startErrors.length} on accepted files from rules that report QEMU start-time refusals (${[...startTime].join(', ')}); libvirt's define verdicts cannot confirm or refute these`);
  if (startErrors.length && !quiet) for (const { file, d } of startErrors) say(fmt(file, d).replace(/^  /, '    '));
  say(`  dropped-setting errors: ${droppedErrors.length} on accepted files say libvirt accepts the domain but drops what was written (a define verdict agrees; scripts/schema-differential.mjs checks such findings against dumpxml)`);
  for (const { file, d } of droppedErrors) say(fmt(file, d).replace(/^  /, '    '));
  if (falseErrors.length) {
    if (!allowFalseErrors) failed = true;
    else allowedFalseErrors = falseErrors.length;
    say();
    say(`FALSE ERRORS (${falseErrors.length}):`);
    for (const { file, d } of falseErrors) say(fmt(file, d));
  }
  if (misses.length && missLimit > 0) {
    // Group by libvirt's message with quoted values and numbers masked.
    const groups = new Map();
    for (const r of misses) {
      const key = r.message.replace(/'[^']*'/g, "'…'").replace(/\d+/g, 'N');
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(r);
    }
    const sorted = [...groups.values()].sort((a, b) => b.length - a.length || a[0].message.localeCompare(b[0].message));
    say();
    say(`misses (${misses.length} files, ${groups.size} messages; most frequent first):`);
    for (const g of sorted.slice(0, missLimit)) {
      say(`  ${String(g.length).padStart(3)}  ${g[0].message}`);
      if (!quiet) for (const r of g) say(`         ${r.file.slice('libvirt/'.length)}`);
    }
    if (sorted.length > missLimit) say(`  … ${sorted.length - missLimit} more messages`);
  }
}

say();
say(failed ? 'FAILED: crashes or false errors (see above)' : allowedFalseErrors ? `OK (${allowedFalseErrors} false errors allowed by --allow-false-errors)` : 'OK: no crashes, no false errors');
process.stdout.write(out.join('\n') + '\n');
process.exitCode = failed ? 1 : 0;
