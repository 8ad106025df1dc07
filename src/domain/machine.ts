/** What kind of machine a domain describes: hypervisor driver, architecture, machine type. */
import type { XmlElement } from '#engine/tree.js';

/** `<domain type>` values served by libvirt's QEMU driver. */
const QEMU_DRIVER_TYPES = new Set(['kvm', 'qemu', 'hvf', 'kqemu']);

export function isQemuDomain(domain: XmlElement): boolean {
  return QEMU_DRIVER_TYPES.has(domain.attr('type') ?? '');
}

/** `<os><type arch>`; undefined when not written (libvirt then uses the host's architecture). */
export function archOf(domain: XmlElement): string | undefined {
  return domain.first('os/type')?.attr('arch');
}

/** x86 guests: arch x86_64 / i686, or no arch written (virt-lint assumes an x86_64 host, as most users have). */
export function isX86(domain: XmlElement): boolean {
  const arch = archOf(domain);
  return arch === undefined || arch === 'x86_64' || arch === 'i686';
}

export function machineOf(domain: XmlElement): string | undefined {
  return domain.first('os/type')?.attr('machine');
}

/** Q35 machine types: `q35`, `pc-q35-9.1`. */
export function isQ35(domain: XmlElement): boolean {
  return /(^|-)q35(-|$)/.test(machineOf(domain) ?? '');
}

/**
 * i440FX machine types as libvirt's qemuDomainMachineIsI440FX names them
 * (src/qemu/qemu_domain.c): `pc`, `pc-0.*`, `pc-1.*`, `pc-i440*` and the
 * RHEL/CentOS downstream `rhel*` (`rhel6.6.0`; their newer names are
 * `pc-i440fx-rhel7.6.0`), on x86. No machine on x86 is QEMU's default `pc`.
 */
export function isI440fx(domain: XmlElement): boolean {
  if (!isX86(domain)) return false;
  const m = machineOf(domain);
  if (m === undefined) return true;
  return m === 'pc' || /^(pc-0\.|pc-1\.|pc-i440|rhel)/.test(m);
}

/** An HVM (full virtualisation) guest of the QEMU driver on x86: what most rules about PC hardware assume. */
export function isQemuX86(domain: XmlElement): boolean {
  return isQemuDomain(domain) && isX86(domain);
}
