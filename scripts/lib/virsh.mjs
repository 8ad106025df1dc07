// Asking the installed libvirt whether it accepts domain XML files, many at a
// time: `virsh -c test:///<node file>` runs libvirt's generic parser and
// validator in-process (no daemon), and one virsh process reads every
// command from its standard input. Each file gets a fresh connection first
// (`connect` re-reads the node file, so no domain defined earlier is left to
// clash with), which makes a verdict in a batch the verdict of the file alone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** `virsh --version`, or undefined when virsh is not installed. */
export function virshVersion() {
  const r = spawnSync('virsh', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Quotes an argument for virsh's own command parser (it knows '...' and "..." with backslash escapes). */
export function virshQuote(arg) {
  if (!/['\n]/.test(arg)) return `'${arg}'`;
  return `"${arg.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** The virsh script for a batch: per file a marker, a fresh connection and the define. */
export function batchScript(files, uri) {
  return files.map((file, i) => `echo @@${i}\nconnect ${virshQuote(uri)}\ndefine ${virshQuote(file)}\n`).join('');
}

/**
 * Reads a batch's standard output: the indexes of the files whose define
 * printed libvirt's success line, and the last marker reached (virsh may die
 * on a file: libvirt 9.0.0 crashes on some invalid ones).
 */
export function parseBatchOutput(stdout) {
  const accepted = new Set();
  let last = -1;
  for (const line of stdout.split('\n')) {
    const marker = /^@@(\d+)$/.exec(line.trim());
    if (marker) last = Number(marker[1]);
    else if (last >= 0 && /^Domain '.*' defined from /s.test(line)) accepted.add(last);
  }
  return { accepted, last };
}

/** Runs `fn(uri)` with a test-driver URI on an empty node file. */
function withTestDriver(fn) {
  const dir = mkdtempSync(join(tmpdir(), 'virt-lint-virsh-'));
  try {
    const node = join(dir, 'node.xml');
    writeFileSync(node, '<node/>\n');
    return fn(`test://${node}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** For each file (absolute paths), whether libvirt's `virsh define` accepts it. */
export function defineAccepted(files) {
  return withTestDriver((uri) => {
    const accepted = new Set();
    // When virsh dies on a file, that file is refused and the rest go to a new batch.
    for (let start = 0; start < files.length; ) {
      const batch = spawnSync('virsh', ['-c', uri], { input: batchScript(files.slice(start), uri), encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
      if (batch.error) throw batch.error;
      const { accepted: ok, last } = parseBatchOutput(batch.stdout);
      for (const i of ok) accepted.add(start + i);
      if (batch.status === 0 || last < 0) break;
      start += last + 1;
    }
    return new Map(files.map((file, i) => [file, accepted.has(i)]));
  });
}

/** What libvirt says when it refuses this one file (its meaningful line). */
export function defineError(file) {
  return withTestDriver((uri) => {
    const r = spawnSync('virsh', ['-c', uri, 'define', file], { encoding: 'utf8' });
    if (r.status === 0) return undefined;
    if (r.signal) return `virsh crashed (${r.signal})`;
    const lines = r.stderr
      .split('\n')
      .map((l) => l.replace(/^error: /, '').trim())
      .filter((l) => l && !l.startsWith('Failed to define domain from'));
    return lines[0] ?? 'refused without a message';
  });
}

/**
 * Validates files against a libvirt RelaxNG schema with one xmllint process.
 * Returns the set of files that validate, or undefined when xmllint is missing.
 */
export function schemaValid(files, schema) {
  if (files.length === 0) return new Set();
  const r = spawnSync('xmllint', ['--noout', '--relaxng', schema, ...files], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (r.error) return undefined;
  const valid = new Set();
  for (const line of r.stderr.split('\n')) {
    const m = /^(.*) validates$/.exec(line);
    if (m) valid.add(m[1]);
  }
  return valid;
}
