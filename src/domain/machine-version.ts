/**
 * What a versioned machine type name says (`pc-q35-9.1`, `pc-i440fx-2.12`,
 * `pc-q35-4.0.1`, `pseries-7.2`, ...) and the QEMU release a version string
 * stands for. Which release has which machine type is data:
 * src/domain/qemu-caps.ts.
 */

export interface Release {
  major: number;
  minor: number;
}

export interface VersionedMachine {
  /** The name as written. */
  name: string;
  /** `pc-q35`, `pc-i440fx`, `pc` (old i440fx names), `virt`, `pseries`, `s390-ccw-virtio`. */
  family: string;
  /** The unversioned alias QEMU gives the newest machine of the family. */
  alias: string;
  /** Whether QEMU's x86 emulators provide the family (the per-release data covers x86_64 only). */
  x86: boolean;
  major: number;
  minor: number;
  /** A stable-branch machine (`pc-q35-4.0.1`, QEMU 4.0.1) carries a micro version; 0 otherwise. */
  micro: number;
}

const FAMILIES: { re: RegExp; family: string; alias: string; x86: boolean }[] = [
  { re: /^pc-q35-(\d+)\.(\d+)(?:\.(\d+))?$/, family: 'pc-q35', alias: 'q35', x86: true },
  { re: /^pc-i440fx-(\d+)\.(\d+)(?:\.(\d+))?$/, family: 'pc-i440fx', alias: 'pc', x86: true },
  { re: /^pc-(\d+)\.(\d+)$/, family: 'pc', alias: 'pc', x86: true },
  { re: /^virt-(\d+)\.(\d+)$/, family: 'virt', alias: 'virt', x86: false },
  // pseries has tagged variants such as pseries-2.12-sxxm.
  { re: /^pseries-(\d+)\.(\d+)(?:-[a-z]+)?$/, family: 'pseries', alias: 'pseries', x86: false },
  { re: /^s390-ccw-virtio-(\d+)\.(\d+)$/, family: 's390-ccw-virtio', alias: 's390-ccw-virtio', x86: false },
];

/** The version a machine type name pins, or undefined for aliases and unversioned or distribution-specific names (`pc-q35-rhel9.4.0`). */
export function parseVersionedMachine(name: string | undefined): VersionedMachine | undefined {
  if (!name) return undefined;
  for (const { re, family, alias, x86 } of FAMILIES) {
    const m = re.exec(name);
    if (m) return { name, family, alias, x86, major: Number(m[1]), minor: Number(m[2]), micro: Number(m[3] ?? 0) };
  }
  return undefined;
}

/**
 * The QEMU release a version string stands for, as the machine-type macros
 * see it: `10.2.2` -> 10.2; development snapshots and release candidates
 * (micro >= 50) count as the next release (`9.2.50` -> 10.0, `10.0.90` -> 10.1),
 * as QEMU's include/hw/boards.h does since "include/hw/boards: cope with
 * dev/rc versions in deprecation checks" (f59ee044067).
 */
export function qemuRelease(version: string): Release {
  const [major, minor, micro] = version.split('.').map(Number);
  if (!(micro >= 50)) return { major, minor };
  // The last minor of each major: 2.12, 3.1, then x.2 from 4.x on (three releases a year).
  const lastMinor = major >= 4 ? 2 : major === 3 ? 1 : 12;
  return minor >= lastMinor ? { major: major + 1, minor: 0 } : { major, minor: minor + 1 };
}

export function compareRelease(a: Release, b: Release): number {
  return a.major - b.major || a.minor - b.minor;
}

export function formatRelease(r: Release): string {
  return `${r.major}.${r.minor}`;
}
