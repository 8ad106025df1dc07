/**
 * Versioned machine types (`pc-q35-9.1`, `pseries-7.2`, ...) and QEMU's
 * life cycle for them (QEMU include/hw/core/boards.h MACHINE_VER_DEPRECATION
 * / MACHINE_VER_DELETION, docs/about/deprecated.rst "Versioned machine types").
 */

export interface VersionedMachine {
  /** The name as written. */
  name: string;
  /** `pc-q35`, `pc-i440fx`, `pc` (old i440fx names), `virt`, `pseries`, `s390-ccw-virtio`. */
  family: string;
  /** The unversioned alias QEMU gives the newest machine of the family. */
  alias: string;
  major: number;
  minor: number;
}

const FAMILIES: { re: RegExp; family: string; alias: string }[] = [
  { re: /^pc-q35-(\d+)\.(\d+)(?:\.\d+)?$/, family: 'pc-q35', alias: 'q35' },
  { re: /^pc-i440fx-(\d+)\.(\d+)(?:\.\d+)?$/, family: 'pc-i440fx', alias: 'pc' },
  { re: /^pc-(\d+)\.(\d+)$/, family: 'pc', alias: 'pc' },
  { re: /^virt-(\d+)\.(\d+)$/, family: 'virt', alias: 'virt' },
  // pseries has tagged variants such as pseries-2.12-sxxm.
  { re: /^pseries-(\d+)\.(\d+)(?:-[a-z]+)?$/, family: 'pseries', alias: 'pseries' },
  { re: /^s390-ccw-virtio-(\d+)\.(\d+)$/, family: 's390-ccw-virtio', alias: 's390-ccw-virtio' },
];

/** The version a machine type name pins, or undefined for aliases and unversioned or distribution-specific names (`pc-q35-rhel9.4.0`). */
export function parseVersionedMachine(name: string | undefined): VersionedMachine | undefined {
  if (!name) return undefined;
  for (const { re, family, alias } of FAMILIES) {
    const m = re.exec(name);
    if (m) return { name, family, alias, major: Number(m[1]), minor: Number(m[2]) };
  }
  return undefined;
}

export interface Release {
  major: number;
  minor: number;
}

/**
 * The QEMU release a version string stands for, as the machine-type macros
 * see it: `10.2.2` -> 10.2; development snapshots and release candidates
 * (micro >= 50) count as the next release (`9.2.50` -> 10.0, `10.0.90` -> 10.1).
 */
export function qemuRelease(version: string): Release {
  const [major, minor, micro] = version.split('.').map(Number);
  if (micro < 50) return { major, minor };
  // The last minor of each major: 2.12, 3.1, then x.2 from 4.x on (three releases a year).
  const lastMinor = major >= 4 ? 2 : major === 3 ? 1 : 12;
  return minor >= lastMinor ? { major: major + 1, minor: 0 } : { major, minor: minor + 1 };
}

export function compareRelease(a: Release, b: Release): number {
  return a.major - b.major || a.minor - b.minor;
}

/** QEMU's _MACHINE_VER_IS_EXPIRED: more than `cutoff` majors old, or exactly `cutoff` and the minor reached. */
function expired(cutoff: number, host: Release, m: Release): boolean {
  const d = host.major - m.major;
  return d > cutoff || (d === cutoff && host.minor - m.minor >= 0);
}

/** MACHINE_VER_DEPRECATION_MAJOR: deprecated after 3 years. */
export const DEPRECATION_MAJORS = 3;
/** MACHINE_VER_DELETION_MAJOR: no longer registered after 6 years. */
export const DELETION_MAJORS = 6;

export function isDeprecatedOn(host: Release, m: Release): boolean {
  return expired(DEPRECATION_MAJORS, host, m);
}

export function isRemovedOn(host: Release, m: Release): boolean {
  return expired(DELETION_MAJORS, host, m);
}

/** The first QEMU release that marks `m` deprecated (3.N -> (3+3).N). */
export function deprecatedSince(m: Release): Release {
  return { major: m.major + DEPRECATION_MAJORS, minor: m.minor };
}

/** The first QEMU release that no longer registers `m`. */
export function removedSince(m: Release): Release {
  return { major: m.major + DELETION_MAJORS, minor: m.minor };
}

export function formatRelease(r: Release): string {
  return `${r.major}.${r.minor}`;
}
