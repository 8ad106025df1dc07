/**
 * Which QEMU programs answer for a libvirt architecture. Detection builds
 * program names only from this closed table: the `<os><type arch>` text of a
 * document is a key into it, never part of a path. An architecture that is
 * not a key means no detection.
 *
 * Source: libvirt src/util/virarch.c (virArchData: the architecture names the
 * XML uses) and src/qemu/qemu_capabilities.c (virQEMUCapsArchToString: i686 is
 * QEMU's `i386`, armv6l and armv7l are `arm`; virQEMUCapsGetDefaultEmulator:
 * an armv7l guest on an aarch64 host tries qemu-system-aarch64 first, a guest
 * the host runs natively falls back to the host's binary, ppc64 and ppc64le
 * guests fall back to qemu-system-ppc64, and RHEL's single /usr/libexec/qemu-kvm
 * answers for native guests).
 */

/** libvirt architecture name → the `qemu-system-*` suffix libvirt looks for. */
const QEMU_TARGET: Readonly<Record<string, string>> = {
  alpha: 'alpha',
  armv6l: 'arm',
  armv7l: 'arm',
  armv7b: 'armv7b',
  aarch64: 'aarch64',
  cris: 'cris',
  i686: 'i386',
  ia64: 'ia64',
  lm32: 'lm32',
  loongarch64: 'loongarch64',
  m68k: 'm68k',
  microblaze: 'microblaze',
  microblazeel: 'microblazeel',
  mips: 'mips',
  mipsel: 'mipsel',
  mips64: 'mips64',
  mips64el: 'mips64el',
  openrisc: 'openrisc',
  parisc: 'parisc',
  parisc64: 'parisc64',
  ppc: 'ppc',
  ppcle: 'ppcle',
  ppc64: 'ppc64',
  ppc64le: 'ppc64le',
  ppcemb: 'ppcemb',
  riscv32: 'riscv32',
  riscv64: 'riscv64',
  s390: 's390',
  s390x: 's390x',
  sh4: 'sh4',
  sh4eb: 'sh4eb',
  sparc: 'sparc',
  sparc64: 'sparc64',
  unicore32: 'unicore32',
  x86_64: 'x86_64',
  xtensa: 'xtensa',
  xtensaeb: 'xtensaeb',
};

/** RHEL and derivatives ship one binary outside the qemu-system-* scheme. */
const QEMU_KVM = 'qemu-kvm';

export function isKnownArch(arch: string): boolean {
  return Object.hasOwn(QEMU_TARGET, arch);
}

const isPpc64 = (arch: string) => arch === 'ppc64' || arch === 'ppc64le';

/** libvirt's virQEMUCapsGuestIsNative. */
function runsNatively(host: string, guest: string): boolean {
  return host === guest || (host === 'x86_64' && guest === 'i686') || (host === 'aarch64' && guest === 'armv7l') || (isPpc64(host) && isPpc64(guest));
}

/**
 * Program names to look for, in libvirt's order, for a guest architecture
 * that `isKnownArch` accepted, on a host of architecture `host`.
 */
export function qemuProgramsFor(guest: string, host: string | undefined): string[] {
  if (!isKnownArch(guest)) return [];
  const native = host !== undefined && isKnownArch(host) && runsNatively(host, guest);
  const names: string[] = [];
  if (host === 'aarch64' && guest === 'armv7l') names.push('qemu-system-aarch64');
  names.push(`qemu-system-${QEMU_TARGET[guest]}`);
  let target = native ? host : guest;
  if (isPpc64(target)) target = 'ppc64';
  names.push(`qemu-system-${QEMU_TARGET[target]}`);
  if (native) names.push(QEMU_KVM);
  return [...new Set(names)];
}

/** Every program name detection may run: what an `<emulator>` must be called to be run. */
export const QEMU_PROGRAM_NAMES: ReadonlySet<string> = new Set([...Object.values(QEMU_TARGET).map((t) => `qemu-system-${t}`), QEMU_KVM]);

/** Node's `process.arch` → libvirt's name for this machine (virArchFromHost). */
export function libvirtArchOf(nodeArch: string): string | undefined {
  const map: Record<string, string> = {
    x64: 'x86_64',
    ia32: 'i686',
    arm64: 'aarch64',
    arm: 'armv7l',
    ppc64: 'ppc64le', // Node supports ppc64 only little-endian on Linux
    s390x: 's390x',
    riscv64: 'riscv64',
    loong64: 'loongarch64',
    mips64el: 'mips64el',
  };
  return map[nodeArch];
}
