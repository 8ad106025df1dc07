/**
 * The domain's machine type on the host's QEMU: the one lookup the
 * machine-type rules share (removed, deprecated, newer than the host).
 */
import type { HostFacts } from '#engine/host-facts.js';
import type { Fixer } from '#engine/fixer.js';
import type { Fix } from '#engine/edit.js';
import type { XmlAttribute, XmlElement } from '#engine/tree.js';
import { isQemuDomain, isX86 } from './machine.js';
import { hostQemu, machineOnHost, type MachineOnHost } from './qemu-caps.js';

export interface HostMachine extends MachineOnHost {
  /** `<os><type machine>`. */
  attr: XmlAttribute;
  machine: string;
  /** The host's QEMU version as normalised. */
  qemu: string;
  /** `<emulator>` as libvirt would name it in its message. */
  emulator: string;
}

/** Undefined when the rule has nothing to judge: not a QEMU domain, no machine written, QEMU version unknown. */
export function hostMachine(domain: XmlElement, host: HostFacts): HostMachine | undefined {
  if (!isQemuDomain(domain) || !host.qemu) return undefined;
  const attr = domain.first('os/type')?.attribute('machine');
  if (!attr || attr.value === '') return undefined;
  const result = machineOnHost(attr.value, hostQemu(host.qemu.version), isX86(domain));
  const emulator = domain.first('devices/emulator')?.text() || '...';
  return { ...result, attr, machine: attr.value, qemu: host.qemu.version, emulator };
}

/** Message data every machine-type message uses. */
export function machineData(m: HostMachine) {
  return { machine: m.machine, qemu: m.qemu, emulator: m.emulator, family: m.family ?? '', alias: m.alias ?? '', newest: m.newest ?? m.alias ?? '' };
}

/** What libvirt says when the emulator lacks the machine type (libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainDef). */
export const LIBVIRT_NO_MACHINE = `libvirt refuses it: "Emulator '{{emulator}}' does not support machine type '{{machine}}'"`;

/** The suggestion the machine-type rules offer: the family's alias, which libvirt resolves to the host's newest version. */
export function aliasFix(m: HostMachine, fixer: Fixer): Fix[] {
  return m.alias ? [{ title: `Use the alias machine='${m.alias}'`, safety: 'unsafe', edits: [fixer.replaceAttributeValue(m.attr, m.alias)] }] : [];
}
