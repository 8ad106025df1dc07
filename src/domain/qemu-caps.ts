/**
 * What a host's QEMU release has, looked up in the per-release data libvirt
 * recorded by probing QEMU (src/domain/qemu-releases.data.ts, generated from
 * ../shared/reference/qemu-caps): machine types, CPU models and libvirt's
 * capability flags.
 *
 * Every answer is one of "yes", "no" or "unknown", and "no" is given only
 * when the data proves it, because rules turn it into errors:
 *
 * - A host version resolves to its release X.Y (a micro release uses the
 *   X.Y data: micro releases do not add or remove machine types, except the
 *   stable-branch `pc-q35-4.0.1`, which its name pins); a development snapshot
 *   (micro >= 50) counts as the next release. A release the data lacks (2.2,
 *   2.3) is judged by the nearest release at or below it, and by the next one
 *   above where both agree.
 * - A host newer than the newest release in the data is judged by that
 *   release plus QEMU's policy for versioned machine types (deprecated after
 *   3 years, deleted after 6), which deletes machines automatically from
 *   QEMU 10.1.0 on.
 * - A capability flag is libvirt's name for something it probes, and each
 *   libvirt version probes only the flags it knows: a flag missing from a
 *   release proves nothing unless the libvirt version that probed that
 *   release records the flag for some other release (and the release is
 *   4.2 or later: FLAG_PROOF_FROM).
 */
import { QEMU_CPU_MODELS, QEMU_CPU_RELEASES, QEMU_FLAGS, QEMU_MACHINE_ALIASES, QEMU_MACHINES, QEMU_PRERELEASES, QEMU_RELEASES, QEMU_RELEASE_SOURCE, QEMU_SOURCES } from './qemu-releases.data.js';
import { compareRelease, formatRelease, parseVersionedMachine, qemuRelease, type Release, type VersionedMachine } from './machine-version.js';
import { lazy } from '#shared/memo.js';

// ---------------------------------------------------------------------------
// The tables, parsed on first use (loading the CLI must cost nothing)

type Row = [string, number, number, number];
type FlagRow = [string, number, number, number[]];

const lines = (text: string) => text.trim().split('\n').map((l) => l.split(' '));
/** A `name first last third` line of the machine and CPU tables. */
const rangedRow = ([name, ...n]: string[]): Row => [name, Number(n[0]), Number(n[1]), Number(n[2])];
const ranged = (text: string) => new Map(lines(text).map((fields): [string, Row] => [fields[0], rangedRow(fields)]));

/** Each table is parsed when a rule first needs it. */
const tables = {
  machines: lazy(() => ranged(QEMU_MACHINES)),
  aliases: lazy(() => new Map(lines(QEMU_MACHINE_ALIASES).map(([alias, family, first, last]) => [alias, { family, first: Number(first), last: Number(last) }]))),
  // Looked up by name only, a few names a lint: each row is found in the text when first asked for, not the
  // whole table parsed (the flags' Map cost about 1 ms of a lint's start).
  cpus: rowLookup(QEMU_CPU_MODELS, rangedRow),
  flags: rowLookup(QEMU_FLAGS, ([name, first, last, gaps]): FlagRow => [name, Number(first), Number(last), gaps ? gaps.split(',').map(Number) : []]),
};

/** A table's row by its name (the line's first field), parsed once per name; undefined when the table has no such line. */
function rowLookup<R>(text: string, parse: (fields: string[]) => R): { get(name: string): R | undefined; has(name: string): boolean } {
  const rows = new Map<string, R | undefined>();
  const get = (name: string): R | undefined => {
    if (rows.has(name)) return rows.get(name);
    let row: R | undefined;
    // A name with a separator in it is in no line (the table's names have none).
    if (name !== '' && !/[\s]/.test(name)) {
      const at = text.indexOf(`\n${name} `);
      if (at >= 0) {
        const end = text.indexOf('\n', at + 1);
        row = parse(text.slice(at + 1, end < 0 ? text.length : end).split(' '));
      }
    }
    // Bounded: names come from documents, and the language server lints many.
    if (rows.size >= 10_000) rows.clear();
    rows.set(name, row);
    return row;
  };
  return { get, has: (name) => get(name) !== undefined };
}

/** Machine types as the data lists them: [name, first, last, first deprecated or -1] by release index. */
export function machineRows(): Row[] {
  return [...tables.machines().values()];
}

// ---------------------------------------------------------------------------
// Releases

const DATA: readonly Release[] = QEMU_RELEASES.map((v) => qemuRelease(v));
const NEWEST = DATA.length - 1;

/** How a host release relates to the data. */
export type Placement =
  | { kind: 'exact'; index: number } // the data has this X.Y
  | { kind: 'between'; index: number } // the data lacks this X.Y: index is the nearest release below
  | { kind: 'newer'; index: number } // newer than the newest release in the data (index)
  | { kind: 'older' }; // older than the oldest release in the data

export interface HostQemu {
  /** The normalised version as given (`10.0.2`). */
  version: string;
  /** The release it stands for (`10.0`; a development snapshot `10.0.50` is 10.1). */
  release: Release;
  /** The version machine names are compared with: as given, or X.Y.0 of the next release for a development snapshot. */
  effective: [number, number, number];
  placement: Placement;
}

export function hostQemu(version: string): HostQemu {
  const [major, minor, micro] = version.split('.').map(Number);
  const release = qemuRelease(version);
  const effective: [number, number, number] = micro >= 50 ? [release.major, release.minor, 0] : [major, minor, micro];
  return { version, release, effective, placement: placeRelease(release) };
}

export function placeRelease(r: Release): Placement {
  if (compareRelease(r, DATA[0]) < 0) return { kind: 'older' };
  if (compareRelease(r, DATA[NEWEST]) > 0) return { kind: 'newer', index: NEWEST };
  let i = NEWEST;
  while (compareRelease(DATA[i], r) > 0) i--;
  return { kind: compareRelease(DATA[i], r) === 0 ? 'exact' : 'between', index: i };
}

/** `10.1`: how messages name a data release. */
export function releaseName(index: number): string {
  return formatRelease(DATA[index]);
}

/** The oldest and newest releases in the data (`1.5`, `11.1`). */
export const DATA_RANGE = { oldest: releaseName(0), newest: releaseName(NEWEST) } as const;

/** Whether no QEMU release can lie between two consecutive data releases (2.5 -> 2.6, 3.1 -> 4.0). */
function adjacent(i: number): boolean {
  const [a, b] = [DATA[i], DATA[i + 1]];
  return (b.major === a.major && b.minor === a.minor + 1) || (b.major === a.major + 1 && b.minor === 0);
}

/** The first release without something last listed in `last`: exact, or "X.Y at the latest" after a gap in the data. */
function firstReleaseAfter(last: number): string {
  return adjacent(last) ? releaseName(last + 1) : `${releaseName(last + 1)} at the latest`;
}

/** The first release with something first listed in `first`: exact, or "X.Y (maybe earlier)" after a gap in the data. */
function firstReleaseWith(first: number): string {
  return first === 0 || adjacent(first - 1) ? releaseName(first) : `${releaseName(first)} (maybe earlier)`;
}

/** Where a data release's facts come from, e.g. "libvirt 11.3.0 release tarball, tests/qemucapabilitiesdata/caps_9.1.0_x86_64.xml; parsed". */
export function releaseSource(index: number): string {
  const note = QEMU_SOURCES[QEMU_RELEASE_SOURCE[index]].replace('{V}', QEMU_RELEASES[index]);
  const pre = QEMU_PRERELEASES[index];
  return pre ? `${note} (probed pre-release ${pre})` : note;
}

// ---------------------------------------------------------------------------
// QEMU's life cycle of versioned machine types

/**
 * QEMU docs/about/deprecated.rst: versioned machine types "are only intended
 * to be supported for a period of 6 years, equivalent to 18 QEMU releases. All
 * versioned machine types will be automatically marked deprecated after an
 * initial 3 years (9 QEMU releases) has passed, and will then be deleted after
 * a further 3 year period has passed." The macros (include/hw/boards.h
 * MACHINE_VER_DEPRECATION / MACHINE_VER_DELETION) came with QEMU 9.1; the
 * deletion was "temporarily gated on ... QEMU version number >= 10.1.0"
 * (QEMU commit c9fd2d9a48, "include/hw: temporarily disable deletion of
 * versioned machine types", reverted in the 10.1 cycle).
 */
export const MACHINE_POLICY = {
  deprecationMajors: 3,
  deletionMajors: 6,
  deprecationFrom: { major: 9, minor: 1 } as Release,
  deletionFrom: { major: 10, minor: 1 } as Release,
} as const;

/** QEMU's _MACHINE_VER_IS_EXPIRED: more than `cutoff` majors old, or exactly `cutoff` and the minor reached. */
function expired(cutoff: number, host: Release, m: Release): boolean {
  const d = host.major - m.major;
  return d > cutoff || (d === cutoff && host.minor >= m.minor);
}

const later = (a: Release, b: Release) => (compareRelease(a, b) >= 0 ? a : b);

/** The release that first deprecates `m` under the policy. */
function policyDeprecatedSince(m: Release): Release {
  return later({ major: m.major + MACHINE_POLICY.deprecationMajors, minor: m.minor }, MACHINE_POLICY.deprecationFrom);
}

/** The release that no longer registers `m` under the policy. */
function policyRemovedIn(m: Release): Release {
  return later({ major: m.major + MACHINE_POLICY.deletionMajors, minor: m.minor }, MACHINE_POLICY.deletionFrom);
}

function policyDeprecated(host: Release, m: Release): boolean {
  return compareRelease(host, MACHINE_POLICY.deprecationFrom) >= 0 && expired(MACHINE_POLICY.deprecationMajors, host, m);
}

function policyRemoved(host: Release, m: Release): boolean {
  return compareRelease(host, MACHINE_POLICY.deletionFrom) >= 0 && expired(MACHINE_POLICY.deletionMajors, host, m);
}

// ---------------------------------------------------------------------------
// Machine types

/** Where a removal comes from: the per-release data, or QEMU's policy (a host newer than the data, a removal still to come, other architectures). */
export type Basis = 'data' | 'policy';

export type MachineVerdict =
  /** Not judged: a name the data does not track (distribution machines, build options), or a host older than the data. */
  | { status: 'unknown' }
  | {
      status: 'registered';
      /**
       * Set when the host's release marks it deprecated; `removedIn` is the
       * release that drops it, from the data or predicted by the policy.
       */
      deprecated?: { since: string; removedIn: string | undefined; removalBasis: Basis };
    }
  /** The name pins (or the data shows) a release newer than the host's. */
  | { status: 'newer'; needs: string }
  /** The host's release no longer registers it: the data shows it, or (`removalBasis: 'policy'`) the policy deletes it. */
  | { status: 'removed'; removedIn: string; deprecatedSince: string | undefined; removalBasis: Basis }
  /** No release in the data registers it (`pc-q35-8.3`, `pc-i440fx-1.3`). */
  | { status: 'never' };

export interface MachineOnHost {
  verdict: MachineVerdict;
  /** The family's name for people (`pc-q35`; the old `pc-1.x` names are i440fx). */
  family?: string;
  /** The alias libvirt resolves to the newest machine of the family. */
  alias?: string;
  /** The newest machine of the family on this host, when known. */
  newest?: string;
}

/** Unversioned machine types judged from the data; others (xenfv, x-remote, nitro) depend on build options. */
const TRACKED_UNVERSIONED = new Set(['isapc', 'microvm']);

const cmp3 = (a: readonly number[], b: readonly number[]) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
const pinned = (m: VersionedMachine): [number, number, number] => [m.major, m.minor, m.micro];
const pinnedName = (m: VersionedMachine) => (m.micro ? `${m.major}.${m.minor}.${m.micro}` : `${m.major}.${m.minor}`);

/**
 * Whether the host's QEMU registers machine type `name`, whether it marks it
 * deprecated, and the newest machine of its family there. Versioned names
 * carry their architecture (the data covers x86_64; arm `virt`, `pseries` and
 * `s390-ccw-virtio` are judged by the policy alone); `x86` says whether an
 * unversioned name (`q35`, `isapc`) is meant for qemu-system-x86_64 / i386.
 */
export function machineOnHost(name: string, host: HostQemu, x86: boolean): MachineOnHost {
  const alias = tables.aliases().get(name);
  if (alias) {
    if (!x86) return { verdict: { status: 'unknown' } };
    return withFamily({ verdict: aliasVerdict(alias, host) }, alias.family, name, host);
  }
  const versioned = parseVersionedMachine(name);
  if (versioned) {
    // A versioned name says its architecture: the x86 families are in the data, the others are not.
    const verdict = versioned.x86 ? x86Verdict(versioned, host) : policyVerdict(versioned, host);
    const family = versioned.family === 'pc' ? 'pc-i440fx' : versioned.family;
    return withFamily({ verdict }, family, versioned.alias, host);
  }
  if (x86 && TRACKED_UNVERSIONED.has(name)) return { verdict: unversionedVerdict(tables.machines().get(name)!, host) };
  return { verdict: { status: 'unknown' } };
}

function aliasVerdict(alias: { first: number; last: number }, host: HostQemu): MachineVerdict {
  const p = host.placement;
  if (p.kind === 'older') return { status: 'unknown' };
  return alias.first <= p.index && (p.index <= alias.last || alias.last === NEWEST) ? { status: 'registered' } : { status: 'unknown' };
}

function x86Verdict(m: VersionedMachine, host: HostQemu): MachineVerdict {
  const p = host.placement;
  if (p.kind === 'older') return { status: 'unknown' };
  const row = tables.machines().get(m.name);
  // Every versioned x86 machine QEMU registered up to the newest release in the data is in it.
  if (!row && compareRelease(m, DATA[NEWEST]) <= 0) return { status: 'never' };
  if (cmp3(pinned(m), host.effective) > 0) return { status: 'newer', needs: pinnedName(m) };
  if (!row) return { status: 'registered' };
  const [, first, last, dep] = row;
  const deprecatedSince = dep >= 0 ? firstReleaseWith(dep) : undefined;
  const removedInData = last < NEWEST ? firstReleaseAfter(last) : undefined;
  if (p.kind === 'newer') {
    if (last < NEWEST) return { status: 'removed', removedIn: removedInData!, deprecatedSince, removalBasis: 'data' };
    if (policyRemoved(host.release, m)) {
      return { status: 'removed', removedIn: formatRelease(policyRemovedIn(m)), deprecatedSince: deprecatedSince ?? formatRelease(policyDeprecatedSince(m)), removalBasis: 'policy' };
    }
    if (dep >= 0) return { status: 'registered', deprecated: { since: deprecatedSince!, removedIn: formatRelease(policyRemovedIn(m)), removalBasis: 'policy' } };
    if (policyDeprecated(host.release, m)) {
      return { status: 'registered', deprecated: { since: formatRelease(policyDeprecatedSince(m)), removedIn: formatRelease(policyRemovedIn(m)), removalBasis: 'policy' } };
    }
    return { status: 'registered' };
  }
  const i = p.index;
  if (i > last) return { status: 'removed', removedIn: removedInData!, deprecatedSince, removalBasis: 'data' };
  // i < first: the data first lists it later, but the name pins a release at or below the host's
  // (a release missing from the data, or the stable-branch pc-q35-4.0.1).
  if (dep >= 0 && i >= dep) {
    const removedIn = removedInData ?? formatRelease(policyRemovedIn(m));
    return { status: 'registered', deprecated: { since: deprecatedSince!, removedIn, removalBasis: removedInData ? 'data' : 'policy' } };
  }
  return { status: 'registered' };
}

/** Machine families the x86 data does not cover (arm virt, pseries, s390x): QEMU's policy alone. Exported for tests that hold it against the data. */
export function policyVerdict(m: VersionedMachine, host: HostQemu): MachineVerdict {
  if (cmp3(pinned(m), host.effective) > 0) return { status: 'newer', needs: pinnedName(m) };
  if (policyRemoved(host.release, m)) {
    return { status: 'removed', removedIn: formatRelease(policyRemovedIn(m)), deprecatedSince: formatRelease(policyDeprecatedSince(m)), removalBasis: 'policy' };
  }
  if (policyDeprecated(host.release, m)) {
    return { status: 'registered', deprecated: { since: formatRelease(policyDeprecatedSince(m)), removedIn: formatRelease(policyRemovedIn(m)), removalBasis: 'policy' } };
  }
  // Before QEMU 10.1 old machines were removed by hand, release by release: not known here.
  return compareRelease(host.release, MACHINE_POLICY.deletionFrom) >= 0 ? { status: 'registered' } : { status: 'unknown' };
}

function unversionedVerdict(row: Row, host: HostQemu): MachineVerdict {
  const [, first, last, dep] = row;
  const p = host.placement;
  if (p.kind === 'older') return { status: 'unknown' };
  const deprecatedSince = dep >= 0 ? firstReleaseWith(dep) : undefined;
  const i = p.index;
  if (i > last) return { status: 'removed', removedIn: firstReleaseAfter(last), deprecatedSince, removalBasis: 'data' };
  if (i < first) {
    // Between two data releases it may have appeared in the host's own release.
    if (p.kind === 'between' && first === i + 1) return { status: 'unknown' };
    return { status: 'newer', needs: firstReleaseWith(first) };
  }
  if (p.kind === 'between' && i === last && last < NEWEST) return { status: 'unknown' };
  return dep >= 0 && i >= dep ? { status: 'registered', deprecated: { since: deprecatedSince!, removedIn: last < NEWEST ? firstReleaseAfter(last) : undefined, removalBasis: 'data' } } : { status: 'registered' };
}

function withFamily(result: MachineOnHost, family: string, alias: string, host: HostQemu): MachineOnHost {
  return { ...result, family, alias, newest: newestOfFamily(family, host) };
}

const FAMILY_VERSION = /^(pc-q35|pc-i440fx)-(\d+)\.(\d+)(?:\.(\d+))?$/;

/**
 * The newest machine of a family the host registers: from the data, or for a
 * host newer than the data (and other architectures) the host's own X.Y, as
 * QEMU adds one versioned machine per family in every release.
 */
function newestOfFamily(family: string, host: HostQemu): string | undefined {
  const p = host.placement;
  if (p.kind === 'older') return undefined;
  const x86 = family === 'pc-q35' || family === 'pc-i440fx';
  if (!x86 || p.kind === 'newer') {
    const own = `${family}-${formatRelease(host.release)}`;
    if (x86 && !machineRows().some(([n, , last]) => n.startsWith(`${family}-`) && last === NEWEST)) return undefined;
    return own;
  }
  let best: { name: string; v: number[] } | undefined;
  for (const [name, , last] of machineRows()) {
    const m = FAMILY_VERSION.exec(name);
    if (!m || m[1] !== family || p.index > last) continue;
    const v = [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)];
    if (cmp3(v, host.effective) > 0) continue;
    if (!best || cmp3(v, best.v) > 0) best = { name, v };
  }
  return best?.name;
}

// ---------------------------------------------------------------------------
// CPU models

export type CpuModelVerdict =
  | { status: 'unknown' }
  | { status: 'present'; deprecated?: { since: string; removedIn: string | undefined } }
  /** `reason`: not yet added (`firstIn`), removed (`removedIn`), or in no release of the data. */
  | { status: 'missing'; reason: 'not-yet'; firstIn: string }
  | { status: 'missing'; reason: 'removed'; removedIn: string }
  | { status: 'missing'; reason: 'never'; range: string };

const [CPU_FIRST, CPU_LAST] = QEMU_CPU_RELEASES;

/** The CPU model range of the data for messages (`1.5 to 10.0`). */
export const CPU_DATA_RANGE = `${releaseName(CPU_FIRST)} to ${releaseName(CPU_LAST)}`;

/**
 * Whether the host's QEMU has CPU model `name` (x86). The data lists CPU
 * models up to QEMU 10.0; for a newer host only a removal before then is
 * certain (a model missing from 10.0 may have come later).
 */
export function cpuModelOnHost(name: string, host: HostQemu): CpuModelVerdict {
  const p = host.placement;
  if (p.kind === 'older' || p.index < CPU_FIRST) return { status: 'unknown' };
  const beyond = p.index > CPU_LAST || (p.index === CPU_LAST && p.kind !== 'exact');
  // The newest release with a CPU list at or below the host.
  const j = Math.min(p.index, CPU_LAST);
  const row = tables.cpus.get(name);
  if (!row) return beyond ? { status: 'unknown' } : { status: 'missing', reason: 'never', range: CPU_DATA_RANGE };
  const [, first, last, dep] = row;
  if (j > last) return { status: 'missing', reason: 'removed', removedIn: firstReleaseAfter(last) };
  if (j < first) {
    if (p.kind !== 'exact' && first === j + 1) return { status: 'unknown' };
    return { status: 'missing', reason: 'not-yet', firstIn: firstReleaseWith(first) };
  }
  if (dep >= 0 && j >= dep) return { status: 'present', deprecated: { since: firstReleaseWith(dep), removedIn: last < CPU_LAST ? firstReleaseAfter(last) : undefined } };
  return { status: 'present' };
}

// ---------------------------------------------------------------------------
// Capability flags

export type FlagVerdict =
  | { status: 'unknown' }
  | { status: 'present' }
  /** Proven absent: not yet (first recorded in `firstIn`) or removed (`removedIn`). */
  | { status: 'absent'; reason: 'not-yet'; firstIn: string; lastWithout: string }
  | { status: 'absent'; reason: 'removed'; removedIn: string; lastIn: string };


/**
 * The oldest data release whose missing flags count as proof. libvirt
 * computes the flags from replies it recorded once from some build of each
 * QEMU release, and the builds probed for releases before 4.2 lacked
 * configure-time options that the release had: QEMU 1.5 to 2.0 had tpm-tis
 * behind --enable-tpm, yet the data has no `tpm-tis` before 2.1. From 4.2 on
 * (libvirt 9.0's data and newer) no such case is known. A release before 4.2
 * can still be proven to lack a device through a later release that lacks it.
 */
export const FLAG_PROOF_FROM = '4.2.0';
const PROOF_FROM = QEMU_RELEASES.indexOf(FLAG_PROOF_FROM);

export function isKnownFlag(flag: string): boolean {
  return tables.flags.has(flag);
}

function flagIn(row: FlagRow, i: number): boolean {
  const [, first, last, gaps] = row;
  return i >= first && i <= last && !gaps.includes(i);
}

/** Whether the libvirt version that probed release `i` records `row`'s flag for any release it probed. */
function sourceKnows(row: FlagRow, i: number): boolean {
  const source = QEMU_RELEASE_SOURCE[i];
  return QEMU_RELEASE_SOURCE.some((s, k) => s === source && flagIn(row, k));
}

/**
 * Whether the host's QEMU has what libvirt's capability flag `flag` stands
 * for. "absent" is proven the way a careful reader would: the flag is missing
 * from a data release at or above the host's and older than its first
 * appearance (or at or below the host's and newer than its last), probed by a
 * libvirt version that records the flag elsewhere, so the absence is QEMU's,
 * not libvirt's. Releases in the middle of a flag's life that lack it (build
 * options such as SPICE GL) prove nothing.
 */
export function flagOnHost(flag: string, host: HostQemu): FlagVerdict {
  const row = tables.flags.get(flag);
  const p = host.placement;
  if (!row || p.kind === 'older') return { status: 'unknown' };
  const [, first, last] = row;
  const r = host.release;
  for (let k = first - 1; k >= PROOF_FROM && compareRelease(DATA[k], r) >= 0; k--) {
    if (sourceKnows(row, k)) return { status: 'absent', reason: 'not-yet', firstIn: firstReleaseWith(first), lastWithout: releaseName(first - 1) };
  }
  for (let k = Math.max(last + 1, PROOF_FROM); k <= NEWEST && compareRelease(DATA[k], r) <= 0; k++) {
    if (sourceKnows(row, k)) return { status: 'absent', reason: 'removed', removedIn: k === last + 1 ? firstReleaseAfter(last) : `${releaseName(k)} at the latest`, lastIn: releaseName(last) };
  }
  if (p.kind === 'newer') return last === NEWEST ? { status: 'present' } : { status: 'unknown' };
  return flagIn(row, p.index) && (p.kind === 'exact' || p.index < last) ? { status: 'present' } : { status: 'unknown' };
}

/** When a flag first appears and (if it does) disappears in the data, for documentation: `8.2`, `1.5 to 9.0`. */
export function flagSpan(flag: string): string | undefined {
  const row = tables.flags.get(flag);
  if (!row) return undefined;
  const [, first, last] = row;
  return last === NEWEST ? `${releaseName(first)}+` : `${releaseName(first)} to ${releaseName(last)}`;
}

// ---------------------------------------------------------------------------
// Sources, for rule documentation

/** Where the per-release data comes from, release range by release range, as the generated module records it. */
export const dataProvenance = lazy((): string => {
  const parts: string[] = [];
  QEMU_RELEASE_SOURCE.forEach((s, i) => {
    if (i > 0 && QEMU_RELEASE_SOURCE[i - 1] === s) return;
    let last = i;
    while (last + 1 < QEMU_RELEASE_SOURCE.length && QEMU_RELEASE_SOURCE[last + 1] === s) last++;
    parts.push(`QEMU ${QEMU_RELEASES[i]} to ${QEMU_RELEASES[last]}: ${QEMU_SOURCES[s].replace('{V}', '<V>')}`);
  });
  const pre = Object.entries(QEMU_PRERELEASES).map(([i, p]) => `${QEMU_RELEASES[Number(i)]} is ${p}`);
  return `virt-lint's src/domain/qemu-releases.data.ts, generated by scripts/gen-qemu-data.mjs from libvirt's probes of each QEMU release (x86_64): ${parts.join('; ')}${pre.length ? ` (pre-releases: ${pre.join(', ')})` : ''}`;
});

/** The sources of the machine-type rules. */
export const MACHINE_TYPE_SOURCES: string[] = [
  dataProvenance(),
  'QEMU docs/about/deprecated.rst: versioned machine types "are only intended to be supported for a period of 6 years, equivalent to 18 QEMU releases. All versioned machine types will be automatically marked deprecated after an initial 3 years (9 QEMU releases) has passed, and will then be deleted after a further 3 year period has passed."',
  'QEMU commit c9fd2d9a48 "include/hw: temporarily disable deletion of versioned machine types" (qemu-devel, June 2024, in QEMU 9.1): "automatic deletions (by skipping QOM registration) are temporarily gated on existance of the env variable "QEMU_DELETE_MACHINES" / QEMU version number >= 10.1.0"; reverted in the 10.1 development cycle (commit 3dfa5a5c71)',
  'QEMU include/hw/boards.h: MACHINE_VER_DEPRECATION_MAJOR 3, MACHINE_VER_DELETION_MAJOR 6, _MACHINE_VER_IS_EXPIRED; development and release-candidate versions count as the next release (commit f59ee04406, "include/hw/boards: cope with dev/rc versions in deprecation checks")',
  'QEMU commit c87759ce87 "q35: Revert to kernel irqchip" (QEMU 4.1, backported to 4.0.1): "create a pc-q35-4.0.1 machine for the 4.0-stable branch"',
  "libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainDef: \"Emulator '%1$s' does not support machine type '%2$s'\"",
];
