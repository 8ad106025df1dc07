#!/usr/bin/env node
// Byte-level fuzzing of the engine and every rule, in process.
//
// Takes the domain XML files under a corpus directory, makes mutants of them
// at the byte level (bit flips, inserted and deleted bytes, duplicated and
// truncated ranges, markup spliced from another file, deep nesting, entity
// declarations and references, control characters and bytes that are not
// UTF-8, huge attribute values, an element repeated thousands of times) and
// for each mutant runs what `virt-lint --fix` would: lint its bytes with all
// rules and fixed host facts, then, when the bytes decode, fix in safe and in
// unsafe mode. A mutant fails when anything throws, a rule reports
// internal-error, a fix produces text that is not well-formed (fixText
// discards it, and says so), or the three runs take longer than the time
// limit.
//
// Deterministic: mutant N of seed S is the same on every machine; a failure
// prints the command that replays it alone (--only N) and, with --out DIR,
// the mutant is written there.
//
// Usage: node scripts/fuzz.mjs <corpus-dir> [--seed S] [--count N] [--time-limit-ms MS] [--only N] [--out DIR] [--quiet]
// Exit status: 0 no failure, 1 failures (each printed), 2 usage.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { loadEngine, xmlFiles } from './lib/engine.mjs';

const USAGE = 'usage: node scripts/fuzz.mjs <corpus-dir> [--seed S] [--count N] [--time-limit-ms MS] [--only N] [--out DIR] [--quiet]';
function usage(message) {
  process.stderr.write(`fuzz: ${message}\n${USAGE}\n`);
  process.exit(2);
}

// ---- options ----------------------------------------------------------------
const args = process.argv.slice(2);
const options = { seed: 1, count: 500, timeLimitMs: 10_000, only: undefined, out: undefined, quiet: false };
let dir;
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  const number = (name) => {
    const v = Number(args[++i]);
    if (!Number.isInteger(v) || v < 0) usage(`${name} takes a whole number`);
    return v;
  };
  if (a === '--seed') options.seed = number('--seed');
  else if (a === '--count') options.count = number('--count');
  else if (a === '--time-limit-ms') options.timeLimitMs = number('--time-limit-ms');
  else if (a === '--only') options.only = number('--only');
  else if (a === '--out') {
    if (args[i + 1] === undefined) usage('--out takes a directory');
    options.out = resolve(args[++i]);
  } else if (a === '--quiet') options.quiet = true;
  else if (a.startsWith('-')) usage(`unknown option ${a}`);
  else if (dir === undefined) dir = a;
  else usage('one corpus directory only');
}
if (dir === undefined) usage('which corpus directory?');
dir = resolve(dir);
if (!existsSync(dir) || !statSync(dir).isDirectory()) usage(`${dir} is not a directory`);

// ---- engine and corpus ---------------------------------------------------------
const { lint, rules, fixText, parseXml, SourceText, parseVersion, decodeXmlBytes } = await loadEngine();
const hostOf = (qemu, libvirt) => ({
  qemu: { version: parseVersion(qemu), raw: qemu, source: 'fuzz' },
  libvirt: { version: parseVersion(libvirt), raw: libvirt, source: 'fuzz' },
});
// Two hosts, so the version rules of both sides of most boundaries run.
const HOSTS = [hostOf('9.1.1', '10.0.0'), hostOf('7.2.0', '9.0.0')];

const files = xmlFiles(dir);
if (files.length === 0) usage(`no *.xml under ${dir}`);
const cache = new Map();
const bytesOf = (file) => {
  if (!cache.has(file)) cache.set(file, readFileSync(file));
  return cache.get(file);
};

/** Mutants larger than this are not made (the mutation that would grow past it is skipped). */
const MAX_MUTANT = 4 * 1024 * 1024;

// ---- deterministic randomness ----------------------------------------------------
/** mulberry32: small, fast, good enough to pick mutations; one stream per mutant. */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const mutantSeed = (seed, index) => (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + Math.imul(index + 1, 0xc2b2ae35)) >>> 0;

// ---- mutations (bytes in, bytes out) -------------------------------------------------
const enc = (s) => Buffer.from(s, 'utf8');
const cat = (...parts) => Buffer.concat(parts);

const INTERESTING_VALUES = ['', '0', '-1', '1', '65535', '4294967296', '99999999999999999999999', '0x', '0xffffffffffff', 'NaN', '1e999', ' 7 ', 'none', 'spice', 'vnc', 'q35', 'pc-q35-9.1', 'pc-i440fx-2.0', 'vfio', 'ich9', 'virtio', 'looking-glass', 'on', 'off', 'yes', 'no', '&amp;', '&lt;', '&gt;', 'é', '😀', '\u0085', '../../etc/passwd', '${x}', '%s%n'];
const BREAKING_VALUES = ['"', "'", '&#x7;', '&', '<', '&nbsp;'];
const ENTITY_BLOCKS = [
  ['<!ENTITY n "win11">', true],
  ['<!ENTITY n "lol">', true],
  ['<!ENTITY n "0x0000">', true],
  ['<!ENTITY n "<devices><disk type=\'file\'/></devices>">', true], // fine in text, an error in an attribute
  [`<!ENTITY n "${'x'.repeat(50_000)}">`, true],
  ['<!ENTITY a "lollollollol"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY n "&c;">', false],
  ['<!ENTITY n "&m;"><!ENTITY m "&n;">', false],
  ['<!ENTITY n SYSTEM "file:///etc/passwd">', true],
  ['<!ENTITY n "a&#60;b">', true],
  ['<!ENTITY % p "<!ENTITY n \'pe\'>"> %p;', true],
  ['<!ENTITY n "&#x7;">', false],
  ['<!ENTITY n "', false],
];

/**
 * The mutations, each `[name, gentle, mutate]`. Gentle ones usually keep the
 * document well-formed (so the rules get to run on the result); the others
 * damage bytes anywhere.
 */
function mutators(r) {
  const int = (n) => Math.floor(r() * n);
  const pick = (xs) => xs[int(xs.length)];
  const pos = (buf) => int(buf.length + 1);
  /** Offsets where `needle` starts in buf (at most `max`). */
  const offsetsOf = (buf, needle, max = 4096) => {
    const out = [];
    for (let i = buf.indexOf(needle); i >= 0 && out.length < max; i = buf.indexOf(needle, i + 1)) out.push(i);
    return out;
  };
  const at = (buf, needle) => {
    const offsets = offsetsOf(buf, needle);
    return offsets.length ? pick(offsets) : pos(buf);
  };
  const range = (buf, max = 256) => {
    const start = int(buf.length);
    return [start, Math.min(buf.length, start + 1 + int(max))];
  };
  const insert = (buf, where, bytes) => cat(buf.subarray(0, where), bytes, buf.subarray(where));
  /** Inside element content: just before an end tag. */
  const inContent = (buf) => at(buf, '</');
  /** Just after the opening quote of an attribute value, or undefined. */
  const inAttribute = (buf) => {
    const offsets = [...offsetsOf(buf, "='"), ...offsetsOf(buf, '="')];
    return offsets.length ? pick(offsets) + 2 : undefined;
  };
  /** A whole element that is not the root (start tag to its end tag), or undefined. */
  const element = (buf) => {
    const starts = offsetsOf(buf, '<').filter((i) => buf[i + 1] !== 0x2f && buf[i + 1] !== 0x21 && buf[i + 1] !== 0x3f);
    starts.shift(); // the root: a second one would only be "extra content"
    if (!starts.length) return undefined;
    const s = pick(starts);
    const close = buf.indexOf(0x3e, s);
    if (close < 0) return undefined;
    let e = close + 1;
    if (buf[close - 1] !== 0x2f) {
      const name = /^<([^\s/>]+)/.exec(buf.subarray(s, close + 1).toString('latin1'))?.[1];
      const endTag = name ? buf.indexOf(`</${name}>`, close, 'latin1') : -1;
      if (endTag < 0) return undefined;
      e = endTag + name.length + 3;
    }
    return { start: s, end: e };
  };
  /** After the XML declaration when there is one: where a DOCTYPE may stand. */
  const prologEnd = (buf) => (buf.subarray(0, 5).toString('latin1') === '<?xml' ? buf.indexOf('?>') + 2 : 0);

  const entities = (gentle) => (buf) => {
    const [block, safe] = pick(gentle ? ENTITY_BLOCKS.filter(([, ok]) => ok) : ENTITY_BLOCKS);
    const doctype = enc(`<!DOCTYPE domain [${block}]>\n`);
    let body = buf;
    const refs = gentle || safe ? ['&n;', '&n;&n;&n;', '&amp;', '&#x1F600;'] : ['&n;', '&undeclared;', '&#0;'];
    for (let k = 1 + int(5); k > 0; k--) body = insert(body, inContent(body), enc(pick(refs)));
    const attribute = inAttribute(body);
    if (attribute !== undefined && r() < 0.5) body = insert(body, attribute, enc('&n;'));
    const where = gentle ? prologEnd(body) : at(body, '<');
    return insert(body, where, doctype);
  };
  const nesting = (gentle) => (buf) => {
    const depth = pick(gentle ? [50, 200, 250] : [256, 257, 258, 1000, 10_000, 100_000]);
    const name = pick(['a', 'devices', 'disk', 'metadata', 'b:c']);
    const closed = gentle || r() < 0.6;
    const nest = `<${name}>`.repeat(depth) + (closed ? `</${name}>`.repeat(depth) : '');
    // Under <metadata> too: rules walk it (descendants), which once overflowed the stack.
    const end = buf.lastIndexOf('</domain>');
    if (closed && end >= 0 && r() < 0.4) return insert(buf, end, enc(`<metadata>${nest}</metadata>`));
    return insert(buf, gentle ? inContent(buf) : at(buf, '<'), enc(nest));
  };
  const values = (gentle) => (buf) => {
    let out = buf;
    for (let k = 1 + int(6); k > 0; k--) {
      const q = inAttribute(out);
      if (q === undefined) break;
      const end = out.indexOf(out[q - 1], q);
      if (end < 0) break;
      out = cat(out.subarray(0, q), enc(pick(gentle ? INTERESTING_VALUES : [...INTERESTING_VALUES, ...BREAKING_VALUES])), out.subarray(end));
    }
    return out;
  };

  return [
    ['flip bits', false, (buf) => {
      const out = Buffer.from(buf);
      for (let k = 1 + int(8); k > 0 && out.length; k--) out[int(out.length)] ^= 1 << int(8);
      return out;
    }],
    ['insert bytes', false, (buf) => insert(buf, pos(buf), Buffer.from(Array.from({ length: 1 + int(16) }, () => int(256))))],
    ['delete a range', false, (buf) => {
      const [s, e] = range(buf);
      return cat(buf.subarray(0, s), buf.subarray(e));
    }],
    ['duplicate a range', false, (buf) => {
      const [s, e] = range(buf, 2048);
      return insert(buf, pos(buf), buf.subarray(s, e));
    }],
    ['truncate', false, (buf) => buf.subarray(0, pos(buf))],
    ['splice markup from another file', false, (buf) => {
      const other = bytesOf(pick(files));
      const s = at(other, '<');
      const e = Math.min(other.length, s + 1 + int(4096));
      return insert(buf, at(buf, '<'), other.subarray(s, e));
    }],
    ['splice an element from another file', true, (buf) => {
      const other = bytesOf(pick(files));
      const el = element(other);
      return el ? insert(buf, inContent(buf), other.subarray(el.start, el.end)) : buf;
    }],
    ['deep nesting', true, nesting(true)],
    ['deep nesting past the limit', false, nesting(false)],
    ['entities', true, entities(true)],
    ['entities that libvirt refuses', false, entities(false)],
    ['control characters and bytes that are not UTF-8', false, (buf) => {
      const bytes = pick([[0x00], [0x07], [0x1b, 0x5d, 0x30, 0x3b], [0x7f], [0x0b], [0xc0, 0x80], [0xff], [0x80], [0xed, 0xa0, 0x80], [0xef, 0xbf, 0xbe], [0xf4, 0x90, 0x80, 0x80], [0xef, 0xbb, 0xbf]]);
      const text = pick(['&#x7;', '&#0;', '&#xFFFE;', '&#xD800;', '&#x110000;', '&#x1b;]0;X&#x7;', '']);
      return insert(insert(buf, pos(buf), Buffer.from(bytes)), at(buf, '>') + 1, enc(text));
    }],
    ['huge attribute value', true, (buf) => {
      const where = inAttribute(buf);
      if (where === undefined) return buf;
      const size = pick([1000, 65_536, 300_000, 1_000_000]);
      const unit = pick(['x', '9', ' ', ',', '0x', 'a:', '-', '&amp;', '\t\n', '1-2,']);
      return insert(buf, where, enc(unit.repeat(Math.ceil(size / unit.length))));
    }],
    ['interesting attribute values', true, values(true)],
    ['attribute values that break quoting', false, values(false)],
    ['repeat an element', true, (buf) => {
      const el = element(buf);
      if (!el) return buf;
      const piece = buf.subarray(el.start, el.end);
      const times = Math.max(2, Math.min(pick([2, 100, 2000]), Math.floor(MAX_MUTANT / 2 / Math.max(1, piece.length))));
      return insert(buf, el.end, Buffer.concat(Array.from({ length: times }, () => piece)));
    }],
  ];
}

/**
 * Mutant `index`: a corpus file and 1 to 4 mutations, all from the mutant's
 * own stream. Even-numbered mutants use only gentle mutations: byte-level
 * damage alone leaves few documents the rules can see.
 */
function makeMutant(index) {
  const r = prng(mutantSeed(options.seed, index));
  const all = mutators(r);
  const list = index % 2 === 0 ? all.filter(([, gentle]) => gentle) : all;
  const file = files[Math.floor(r() * files.length)];
  let buf = bytesOf(file);
  const applied = [];
  for (let k = 1 + Math.floor(r() * 4); k > 0; k--) {
    const [name, , mutate] = list[Math.floor(r() * list.length)];
    const next = mutate(buf);
    if (next.length > MAX_MUTANT) continue; // the CLI reads at most 16 MiB; keep runs short
    buf = next;
    applied.push(name);
  }
  return { file, buf, applied, host: HOSTS[index % HOSTS.length] };
}

// ---- running one mutant --------------------------------------------------------------
/** What the CLI does with a file: lint its bytes; fix it (safe, then unsafe) when it decodes, as --fix refuses bytes that do not. */
function run(mutant) {
  const failures = [];
  const lintText = (raw) => lint(raw, { rules, host: mutant.host });
  const started = process.hrtime.bigint();
  let outcome = 'linted';
  try {
    const result = lint(mutant.buf, { rules, host: mutant.host });
    if (!result.doc) outcome = 'not well-formed';
    else if (result.skippedReason) outcome = 'not a domain';
    for (const d of result.messages) if (d.ruleId === 'internal-error') failures.push(`internal-error at ${d.line}:${d.column}: ${d.message}`);
    const decoded = decodeXmlBytes(mutant.buf);
    if (decoded.ok) {
      for (const mode of ['safe', 'unsafe']) {
        const out = fixText(decoded.text, lintText, mode);
        if (out.discarded) failures.push(`${mode} fix: ${out.discarded}`);
        if (result.doc && !parseXml(new SourceText(out.output)).ok) failures.push(`${mode} fix output is not well-formed`);
        for (const d of out.result.messages) if (d.ruleId === 'internal-error') failures.push(`internal-error after ${mode} fixes: ${d.message}`);
      }
    }
  } catch (e) {
    failures.push(`threw: ${e instanceof Error ? (e.stack ?? e.message).split('\n').slice(0, 4).join(' | ') : String(e)}`);
  }
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (ms > options.timeLimitMs) failures.push(`took ${ms.toFixed(0)} ms (limit ${options.timeLimitMs} ms) for ${mutant.buf.length} bytes`);
  return { failures, ms, outcome };
}

// ---- main ----------------------------------------------------------------------------
const indexes = options.only !== undefined ? [options.only] : Array.from({ length: options.count }, (_, i) => i);
const times = [];
const outcomes = new Map();
const failed = [];
let bytes = 0;
const started = Date.now();
for (const index of indexes) {
  const mutant = makeMutant(index);
  bytes += mutant.buf.length;
  const { failures, ms, outcome } = run(mutant);
  times.push({ ms, index, size: mutant.buf.length });
  outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  if (failures.length) {
    failed.push(index);
    const where = relative(dir, mutant.file);
    process.stdout.write(`FAIL mutant ${index} (${where}; ${mutant.applied.join(', ')}):\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
    process.stdout.write(`  replay: node scripts/fuzz.mjs ${process.argv[2]} --seed ${options.seed} --only ${index}\n`);
    if (options.out) {
      mkdirSync(options.out, { recursive: true });
      writeFileSync(join(options.out, `seed${options.seed}-mutant${index}.xml`), mutant.buf);
    }
  } else if (!options.quiet && options.only !== undefined) {
    process.stdout.write(`mutant ${index} (${relative(dir, mutant.file)}; ${mutant.applied.join(', ')}): ${outcome}, ${ms.toFixed(0)} ms\n`);
  }
}
const seconds = (Date.now() - started) / 1000;
const sorted = times.map((t) => t.ms).sort((a, b) => a - b);
const quantile = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const slowest = times.reduce((a, b) => (b.ms > a.ms ? b : a), times[0]);
const outcomeText = [...outcomes].map(([k, v]) => `${v} ${k}`).join(', ');
process.stdout.write(
  `fuzz: seed ${options.seed}, ${indexes.length} mutants of ${files.length} files (${(bytes / 1e6).toFixed(1)} MB; ${outcomeText}) in ${seconds.toFixed(1)} s: ` +
    `${failed.length} failed; per mutant (lint + safe fix + unsafe fix) median ${quantile(0.5).toFixed(0)} ms, p99 ${quantile(0.99).toFixed(0)} ms, ` +
    `max ${slowest.ms.toFixed(0)} ms (mutant ${slowest.index}, ${slowest.size} bytes)\n`,
);
process.exit(failed.length ? 1 : 0);
