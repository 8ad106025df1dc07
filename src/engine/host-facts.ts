/**
 * Facts about the host the domain will run on. Rules declare which they need;
 * the CLI gathers them (flags, environment, config, detection) and says where
 * each came from.
 */

export interface HostVersion {
  /** Normalised `MAJOR.MINOR.PATCH`. */
  version: string;
  /** What the user or the program gave, verbatim. */
  raw: string;
  /** Where it came from, for the output: `--qemu-version`, `/usr/bin/qemu-system-x86_64 --version`, ... */
  source: string;
}

export interface HostFacts {
  qemu?: HostVersion;
  libvirt?: HostVersion;
}

export type HostFactName = keyof HostFacts;

/** The product each fact is the version of, as messages name it. */
export const FACT_PRODUCTS: Record<HostFactName, string> = { qemu: 'QEMU', libvirt: 'libvirt' };

/** Versions a rule or fix needs, as ranges (src/engine/version.ts) the host's version must satisfy. */
export type HostRequirements = Partial<Record<HostFactName, string>>;

// Leading words people paste along with the number: `qemu-system-x86_64 --version`,
// `virsh version` ("Running hypervisor: QEMU 9.1.1", "Using library: libvirt 10.0.0").
// Matched against the lower-cased line, not with the `i` flag: V8 compiles a
// case-insensitive pattern with these alternatives about twice as slowly, and
// every lint that detects QEMU runs it cold (about 0.5 ms).
const VERSION =
  /^\s*(?:(?:qemu emulator version|running hypervisor:\s*qemu|using library:\s*libvirt|compiled against library:\s*libvirt|qemu|libvirt|version|v)\s*)?(\d{1,4})\.(\d{1,4})(?:\.(\d{1,4}))?(?![\d.])(.*)$/s;

/**
 * Extracts `MAJOR.MINOR.PATCH` from what people paste: `9.1.1`,
 * `9.1.1 (Debian 1:9.1.1+ds-2)`, `QEMU emulator version 7.2.22 (Debian ...)`,
 * `8.2.0 (qemu-kvm-8.2.0-11.el9)`. Returns undefined for anything else.
 */
export function parseVersion(raw: string): string | undefined {
  const firstLine = raw.split(/\r?\n/)[0];
  const m = VERSION.exec(firstLine.toLowerCase());
  if (!m) return undefined;
  const rest = m[4].trim();
  // After the number only a distribution suffix may follow: `(…)`, `+ds-2`, `-rc1`, `~bpo12`.
  if (rest !== '' && !/^[(+~-]/.test(rest)) return undefined;
  return `${Number(m[1])}.${Number(m[2])}.${Number(m[3] ?? 0)}`;
}
