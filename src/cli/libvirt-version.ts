/**
 * The libvirt version without running anything: libvirt names its shared
 * library after its version, `libvirt.so.0.AGE.REVISION` with AGE = major *
 * 1000 + minor (libvirt's meson.build: 9.0.0 is libvirt.so.0.9000.0, 11.3.0 is
 * libvirt.so.0.11003.0, 0.9.14 was libvirt.so.0.9.14), and `libvirt.so.0`,
 * the name programs load, links to it. So one `realpath` per system library
 * directory tells the version of the libvirt installed on this machine.
 */
import type { HostVersion } from '#engine/host-facts.js';
import type { HostFileSystem } from './trusted-file.js';

/** Debian's multiarch directory per libvirt host architecture. */
const MULTIARCH: Readonly<Record<string, string>> = {
  x86_64: 'x86_64-linux-gnu',
  i686: 'i386-linux-gnu',
  aarch64: 'aarch64-linux-gnu',
  armv7l: 'arm-linux-gnueabihf',
  ppc64le: 'powerpc64le-linux-gnu',
  s390x: 's390x-linux-gnu',
  riscv64: 'riscv64-linux-gnu',
  loongarch64: 'loongarch64-linux-gnu',
  mips64el: 'mips64el-linux-gnuabi64',
};

/** Where distributions install libvirt.so.0: Debian/Ubuntu, Fedora/RHEL/SUSE, Arch, NixOS. */
export function systemLibraryDirs(hostArch: string | undefined): string[] {
  const multiarch = hostArch !== undefined ? MULTIARCH[hostArch] : undefined;
  return [...(multiarch ? [`/usr/lib/${multiarch}`] : []), '/usr/lib64', '/usr/lib', '/run/current-system/sw/lib'];
}

export const LIBVIRT_LIBRARY = 'libvirt.so.0';

/** `libvirt.so.0.9000.0` → `9.0.0`; undefined for any other name. */
export function versionFromLibraryName(name: string): string | undefined {
  const m = /^libvirt\.so\.0\.(\d{1,7})\.(\d{1,4})$/.exec(name);
  if (!m) return undefined;
  const age = Number(m[1]);
  return `${Math.floor(age / 1000)}.${age % 1000}.${Number(m[2])}`;
}

export type LibvirtDetection = { found: HostVersion } | { found?: undefined; why: string };

/** The first library directory whose libvirt.so.0 resolves to a versioned name. */
export function detectLibvirt(fs: HostFileSystem, dirs: readonly string[]): LibvirtDetection {
  const odd: string[] = [];
  for (const dir of dirs) {
    let real: string;
    try {
      real = fs.realpath(`${dir}/${LIBVIRT_LIBRARY}`);
    } catch {
      continue;
    }
    const name = real.slice(real.lastIndexOf('/') + 1);
    const version = versionFromLibraryName(name);
    if (version) return { found: { version, raw: name, source: real } };
    odd.push(`${dir}/${LIBVIRT_LIBRARY} resolves to ${real}, which has no version in its name`);
  }
  return { why: odd.length ? odd.join('; ') : `no ${LIBVIRT_LIBRARY} in ${dirs.join(', ')}` };
}
