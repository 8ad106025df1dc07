/** Guest and host PCI addresses as libvirt writes them (`<address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>`). */
import type { XmlElement } from '#engine/tree.js';
import { memoize } from '#shared/memo.js';
import { parseUnsigned } from './platform.js';

export interface PciAddress {
  domain: number;
  bus: number;
  slot: number;
  function: number;
}

/**
 * One field of a PCI address as libvirt reads it (virPCIDeviceAddressParseXML:
 * virXMLPropUInt with base 0, so decimal, 0x hex and leading-0 octal): 0 when
 * the field is not written, undefined when libvirt refuses the value (an
 * empty value, `08`, trailing spaces, a sign `-`). Also used for the other
 * base-0 unsigned fields (USB and SCSI host addresses, spinlock retries).
 */
export function parseAddressNumber(value: string | undefined): number | undefined {
  return value === undefined ? 0 : parseUnsigned(value, 0);
}

/** The PCI address of an `<address>` element (any `type` that is pci, or a hostdev `<source><address>`). */
export function pciAddressOf(address: XmlElement | undefined): Readonly<PciAddress> | undefined {
  return address ? pciAddressOfElement(address) : undefined;
}

// Remembered per element: a dozen PCI rules read every device's address.
const pciAddressOfElement = memoize((address: XmlElement): Readonly<PciAddress> | undefined => {
  const type = address.attr('type');
  if (type !== undefined && type !== 'pci') return undefined;
  const domain = parseAddressNumber(address.attr('domain'));
  const bus = parseAddressNumber(address.attr('bus'));
  const slot = parseAddressNumber(address.attr('slot'));
  const fn = parseAddressNumber(address.attr('function'));
  if (domain === undefined || bus === undefined || slot === undefined || fn === undefined) return undefined;
  return Object.freeze({ domain, bus, slot, function: fn });
});

/** `0000:0b:00.1`, as lspci and libvirt's messages write it. */
export function formatPci(a: PciAddress): string {
  const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
  return `${hex(a.domain, 4)}:${hex(a.bus, 2)}:${hex(a.slot, 2)}.${a.function.toString(16)}`;
}

/** The guest-side PCI address of a device element (its direct `<address type='pci'>` child). */
export function guestPciAddress(device: XmlElement): PciAddress | undefined {
  const addr = device.childrenNamed('address').find((a) => a.attr('type') === 'pci');
  return pciAddressOf(addr);
}

/** PCI hostdevs: `<hostdev mode='subsystem' type='pci'>` with their host address. */
export function pciHostdevs(domainEl: XmlElement): { hostdev: XmlElement; source: PciAddress | undefined }[] {
  return domainEl
    .select('devices/hostdev')
    .filter((h) => h.attr('type') === 'pci' && (h.attr('mode') ?? 'subsystem') === 'subsystem')
    .map((hostdev) => ({ hostdev, source: pciAddressOf(hostdev.first('source/address')) }));
}
