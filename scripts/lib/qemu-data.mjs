// Builds src/domain/qemu-releases.data.ts from ../shared/reference/qemu-caps:
// what libvirt recorded by probing each QEMU release (x86_64): capability
// flags, machine types, CPU models. The output refers to releases by index
// and stores each fact as a range of releases, so every row can be traced
// back to the x86_64/<V>.txt files it summarises (see renderQemuData).
//
// The encoding assumes facts that hold in the data today; the generator
// checks them and refuses to write a table that would misstate the data:
//   - a machine type or CPU model is listed in one unbroken run of releases;
//   - once a release marks it deprecated, every later release that lists it
//     does too;
//   - the aliases `pc` and `q35` point at a machine of one family.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** The file the generator writes, relative to the project root. */
export const QEMU_DATA_MODULE = 'src/domain/qemu-releases.data.ts';

const vkey = (v) => v.split('.').map(Number);
const byVersion = (a, b) => {
  const x = vkey(a);
  const y = vkey(b);
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
};

function fail(message) {
  throw new Error(`qemu-caps data: ${message}`);
}

/** One x86_64/<V>.txt file: source line, libvirt's version encoding, package, flags, machines, CPU models. */
export function parseReleaseFile(text, release) {
  const lines = text.split('\n');
  const out = { release, source: undefined, version: undefined, package: undefined, flags: [], machines: new Map(), machineType: undefined, cpus: undefined };
  let section;
  for (const line of lines) {
    if (line === '') continue;
    let m;
    if ((m = /^# source: (.*)$/.exec(line))) {
      out.source = m[1];
      continue;
    }
    if ((m = /^version (\d+) package (.*)$/.exec(line))) {
      out.version = Number(m[1]);
      out.package = m[2];
      continue;
    }
    if ((m = /^\[(flags|machines (kvm|tcg)|cpus kvm)\]$/.exec(line))) {
      section = m[1].split(' ')[0];
      if (section === 'machines') out.machineType = m[2];
      if (section === 'cpus') out.cpus = new Map();
      continue;
    }
    if (section === 'flags') out.flags.push(line);
    else if (section === 'machines') {
      const [name, alias, attrs = ''] = line.split('\t');
      if (!name || alias === undefined) fail(`${release}: bad machine line '${line}'`);
      const a = Object.fromEntries(attrs.split(' ').filter(Boolean).map((kv) => kv.split('=')));
      out.machines.set(name, { alias: alias === '-' ? undefined : alias, deprecated: a.deprecated === 'yes' });
    } else if (section === 'cpus') {
      if (line === 'not extracted') {
        out.cpus = undefined;
        continue;
      }
      const [name, , deprecated] = line.split('\t');
      out.cpus.set(name, deprecated === 'yes');
    } else fail(`${release}: line outside a section: '${line}'`);
  }
  if (!out.source || out.version === undefined || !out.machineType) fail(`${release}: missing source, version or machine section`);
  return out;
}

/** The "how" column of the README's provenance table, by release range. */
function provenance(readme) {
  const rows = [];
  for (const line of readme.split('\n')) {
    const m = /^\| (\d+\.\d+\.\d+) – (\d+\.\d+\.\d+) \| [^|]+ \| ([^|]+) \|$/.exec(line);
    if (m) rows.push({ from: m[1], to: m[2], how: /^parsed/.test(m[3].trim()) ? 'parsed' : /transcribed by hand/.test(m[3]) ? 'transcribed by hand' : fail(`README: unknown method '${m[3].trim()}'`) });
  }
  return (release) => rows.find((r) => byVersion(r.from, release) <= 0 && byVersion(release, r.to) <= 0)?.how ?? fail(`README: no provenance row covers ${release}`);
}

/** The releases in which `present(i)` holds, as one run [first, last]; fails on a gap. */
function run(releases, present, what) {
  const idx = releases.map((_, i) => i).filter(present);
  const [first, last] = [idx[0], idx[idx.length - 1]];
  if (idx.length !== last - first + 1) fail(`${what} is missing from ${releases.filter((_, i) => i > first && i < last && !present(i)).join(', ')} between its first and last release: the encoding cannot say so`);
  return [first, last];
}

/** Everything the generated module holds, as plain data (also what tests compare). */
export function readQemuCaps(dir) {
  const x86 = join(dir, 'x86_64');
  const releases = readdirSync(x86)
    .filter((n) => /^\d+\.\d+\.\d+\.txt$/.test(n))
    .map((n) => n.slice(0, -4))
    .sort(byVersion);
  if (releases.length === 0) fail(`no x86_64/<V>.txt files in ${dir}`);
  const files = releases.map((v) => parseReleaseFile(readFileSync(join(x86, `${v}.txt`), 'utf8'), v));
  const how = provenance(readFileSync(join(dir, 'README.md'), 'utf8'));

  // Sources: the file's source line with its release replaced by {V}.
  const sources = [];
  const releaseSource = files.map((f) => {
    const template = f.source.replace(`caps_${f.release}`, 'caps_{V}');
    if (template === f.source) fail(`${f.release}: the source line does not name caps_${f.release}`);
    const note = `${template}; ${how(f.release)}`;
    let i = sources.indexOf(note);
    if (i < 0) i = sources.push(note) - 1;
    return i;
  });
  // Pre-releases: libvirt's encoding has a micro of 50 or more (e.g. 11000090 = 11.0.90 = 11.1.0-rc0).
  const prereleases = {};
  files.forEach((f, i) => {
    if (f.version % 1000 >= 50) prereleases[i] = f.package;
  });
  const tcgMachines = files.map((f, i) => (f.machineType === 'tcg' ? i : -1)).filter((i) => i >= 0);

  // Machine types.
  const machineNames = [...new Set(files.flatMap((f) => [...f.machines.keys()]))].sort(machineOrder);
  const machines = machineNames.map((name) => {
    const [first, last] = run(releases, (i) => files[i].machines.has(name), `machine type ${name}`);
    const dep = files.findIndex((f) => f.machines.get(name)?.deprecated);
    if (dep >= 0) for (let i = dep; i <= last; i++) if (!files[i].machines.get(name).deprecated) fail(`machine type ${name} is deprecated in ${releases[dep]} but not in ${releases[i]}`);
    return [name, first, last, dep];
  });
  const aliasNames = [...new Set(files.flatMap((f) => [...f.machines.values()].map((m) => m.alias).filter(Boolean)))].sort();
  const aliases = aliasNames.map((alias) => {
    const [first, last] = run(releases, (i) => [...files[i].machines.values()].some((m) => m.alias === alias), `alias ${alias}`);
    const families = new Set();
    for (const f of files) for (const [name, m] of f.machines) if (m.alias === alias) families.add(name.replace(/-\d+(\.\d+)+$/, ''));
    if (families.size !== 1) fail(`alias ${alias} points at machines of several families: ${[...families].join(', ')}`);
    return [alias, [...families][0], first, last];
  });

  // CPU models, from the releases whose CPU list was extracted.
  const cpuReleases = run(releases, (i) => files[i].cpus !== undefined, 'the CPU model list');
  const cpuNames = [...new Set(files.flatMap((f) => (f.cpus ? [...f.cpus.keys()] : [])))].sort();
  const cpuModels = cpuNames.map((name) => {
    const [first, last] = run(releases, (i) => files[i].cpus?.has(name) ?? false, `CPU model ${name}`);
    const dep = files.findIndex((f) => f.cpus?.get(name) === true);
    if (dep >= 0) for (let i = dep; i <= last; i++) if (!files[i].cpus.get(name)) fail(`CPU model ${name} is deprecated in ${releases[dep]} but not in ${releases[i]}`);
    return [name, first, last, dep];
  });

  // Capability flags: first and last release present, and the releases in between that lack them.
  const flagNames = [...new Set(files.flatMap((f) => f.flags))].sort();
  const flagSets = files.map((f) => new Set(f.flags));
  const flags = flagNames.map((name) => {
    const idx = releases.map((_, i) => i).filter((i) => flagSets[i].has(name));
    const [first, last] = [idx[0], idx[idx.length - 1]];
    const gaps = [];
    for (let i = first; i <= last; i++) if (!flagSets[i].has(name)) gaps.push(i);
    return gaps.length ? [name, first, last, gaps] : [name, first, last];
  });

  return { releases, sources, releaseSource, prereleases, tcgMachines, cpuReleases, machines, aliases, cpuModels, flags };
}

/** Machine names by family, then by version (pc-q35-2.10 after pc-q35-2.9). */
function machineOrder(a, b) {
  const split = (n) => {
    const m = /^(.*?)-(\d+(?:\.\d+)+)$/.exec(n);
    return m ? [m[1], vkey(m[2])] : [n, []];
  };
  const [fa, va] = split(a);
  const [fb, vb] = split(b);
  if (fa !== fb) return fa < fb ? -1 : 1;
  for (let i = 0; i < Math.max(va.length, vb.length); i++) {
    const d = (va[i] ?? -1) - (vb[i] ?? -1);
    if (d) return d;
  }
  return 0;
}

const q = (s) => `'${s}'`;
/** One row per line, fields separated by spaces (names have none): a string V8 stores as is, parsed on first use. */
const table = (rows) => `\`\n${rows.map((r) => r.map((x) => (Array.isArray(x) ? x.join(',') : String(x))).join(' ')).join('\n')}\n\``;

/** The TypeScript module, byte for byte. */
export function renderQemuData(data) {
  const { releases, sources, releaseSource, prereleases, tcgMachines, cpuReleases, machines, aliases, cpuModels, flags } = data;
  return `// GENERATED by scripts/gen-qemu-data.mjs from ../shared/reference/qemu-caps: do not edit.
// Regenerate with \`node scripts/gen-qemu-data.mjs\`; a test fails when this file is out of date.
//
// What libvirt recorded by probing each QEMU release (x86_64): its test data
// tests/qemucapabilitiesdata/caps_<V>_x86_64.xml (libvirt is LGPL-2.1-or-later;
// these are facts derived from it: names and the releases that have them).
// Every table refers to QEMU_RELEASES by index; a range "first last" means
// "listed in every data release from first to last". Releases missing from
// the data (2.2, 2.3, micro releases) are not in the list: a fact first seen in
// 2.4.0 may be older. Capability flags are libvirt's names, and a libvirt
// version probes only the flags it knows: see QEMU_SOURCES.
// The tables are text, one row per line with fields separated by spaces, so
// that loading the CLI costs nothing until a rule looks a fact up
// (src/domain/qemu-caps.ts parses them then).

/** The QEMU releases the data covers, oldest first. */
export const QEMU_RELEASES: readonly string[] = [${releases.map(q).join(', ')}];

/** Where each release's facts come from: QEMU_SOURCES[QEMU_RELEASE_SOURCE[i]], with {V} the release. */
export const QEMU_SOURCES: readonly string[] = [
${sources.map((s) => `  ${q(s)},`).join('\n')}
];
export const QEMU_RELEASE_SOURCE: readonly number[] = [${releaseSource.join(', ')}];

/** Releases probed before their final release (libvirt's version shows a micro of 50 or more): the package string. */
export const QEMU_PRERELEASES: Readonly<Record<number, string>> = { ${Object.entries(prereleases)
    .map(([i, p]) => `${i}: ${q(p)}`)
    .join(', ')} };

/** Releases whose machine list is libvirt's type='tcg' one (the others: type='kvm'). */
export const QEMU_TCG_MACHINE_LISTS: readonly number[] = [${tcgMachines.join(', ')}];

/** The releases with a CPU model list: [first, last]. */
export const QEMU_CPU_RELEASES: readonly [number, number] = [${cpuReleases.join(', ')}];

/** Machine types: name, first release listed, last release listed, first release marking it deprecated (-1: none). */
export const QEMU_MACHINES = ${table(machines)};

/** Unversioned aliases: alias, family of the machine it points at, first, last. */
export const QEMU_MACHINE_ALIASES = ${table(aliases)};

/** CPU models: name, first release listed, last release listed, first release marking it deprecated (-1: none). */
export const QEMU_CPU_MODELS = ${table(cpuModels)};

/** libvirt capability flags: name, first release present, last release present, releases in between that lack it (comma-separated, if any). */
export const QEMU_FLAGS = ${table(flags)};
`;
}

export function generateQemuData(dir) {
  return renderQemuData(readQemuCaps(dir));
}
