/**
 * Device queries shared by the define-time rules: disk target names, drive
 * addresses (as libvirt assigns them), boot orders, graphics.
 */
import type { XmlElement } from '#engine/tree.js';
import { parseAddressNumber } from './pci.js';

/** The device elements under `<devices>` (not `<emulator>`), in document order. */
export function deviceElements(domain: XmlElement): XmlElement[] {
  return domain.select('devices/*').filter((e) => e.name !== 'emulator');
}

/** Prefixes libvirt accepts for disk target names (virDiskNameParse, src/util/virutil.c). */
const DISK_PREFIXES = ['fd', 'hd', 'vd', 'sd', 'xvd', 'ubd'];

export interface DiskName {
  /** 0 for `sda`, 25 for `sdz`, 26 for `sdaa`. */
  index: number;
  /** The trailing number (`vdb1` -> 1), 0 when there is none. */
  partition: number;
}

/**
 * libvirt's virDiskNameParse: a known prefix, lowercase letters read as a
 * bijective base-26 number, optionally a partition number. Undefined when
 * libvirt cannot parse the name.
 */
export function parseDiskName(name: string): DiskName | undefined {
  const prefix = DISK_PREFIXES.find((p) => name.startsWith(p));
  if (!prefix) return undefined;
  const m = /^([a-z]+)(\d*)$/.exec(name.slice(prefix.length));
  if (!m) return undefined;
  let index = 0;
  for (let i = 0; i < m[1].length; i++) index = (index + (i === 0 ? 0 : 1)) * 26 + (m[1].charCodeAt(i) - 97);
  if (!Number.isSafeInteger(index)) return undefined;
  return { index, partition: m[2] === '' ? 0 : Number(m[2]) };
}

export interface DriveAddress {
  controller: number;
  bus: number;
  target: number;
  unit: number;
}

/** `<address type='drive' controller bus target unit>`; missing fields are 0 as in libvirt. */
export function driveAddressOf(address: XmlElement | undefined): DriveAddress | undefined {
  if (!address || address.attr('type') !== 'drive') return undefined;
  const parts = ['controller', 'bus', 'target', 'unit'].map((k) => parseAddressNumber(address.attr(k)));
  if (parts.some((p) => p === undefined)) return undefined;
  const [controller, bus, target, unit] = parts as number[];
  return { controller, bus, target, unit };
}

export function sameDriveAddress(a: DriveAddress, b: DriveAddress): boolean {
  return a.controller === b.controller && a.bus === b.bus && a.target === b.target && a.unit === b.unit;
}

export function formatDriveAddress(a: DriveAddress): string {
  return `controller='${a.controller}' bus='${a.bus}' target='${a.target}' unit='${a.unit}'`;
}

/**
 * The disk's `<target bus>`, or the bus libvirt derives when none is written
 * (virDomainDiskDefParseXML: floppy -> fdc; then by target prefix hd -> ide,
 * sd -> scsi, vd -> virtio, xvd -> xen, ubd -> uml; anything else -> ide).
 */
export function diskBus(disk: XmlElement): string | undefined {
  const target = disk.child('target');
  if (!target) return undefined;
  const bus = target.attr('bus');
  if (bus) return bus;
  if (disk.attr('device') === 'floppy') return 'fdc';
  const dev = target.attr('dev') ?? '';
  if (dev.startsWith('hd')) return 'ide';
  if (dev.startsWith('sd')) return 'scsi';
  if (dev.startsWith('vd')) return 'virtio';
  if (dev.startsWith('xvd')) return 'xen';
  if (dev.startsWith('ubd')) return 'uml';
  return 'ide';
}

/**
 * The drive address of a disk: the written one, or the one libvirt assigns
 * from the target name (virDomainDiskDefAssignAddress, QEMU driver: wide
 * SCSI, 15 units per controller skipping unit 7; IDE 2 units x 2 buses;
 * SATA 6 units; floppy 2 units). Undefined for buses without drive addresses.
 */
export function diskDriveAddress(disk: XmlElement): { address: DriveAddress; explicit: boolean } | undefined {
  const written = disk.childrenNamed('address')[0];
  if (written) {
    const a = driveAddressOf(written);
    return a ? { address: a, explicit: true } : undefined;
  }
  const bus = diskBus(disk);
  const name = parseDiskName(disk.child('target')?.attr('dev') ?? '');
  if (!name) return undefined;
  const idx = name.index;
  switch (bus) {
    case 'scsi': {
      let unit = idx % 15;
      if (unit >= 7) unit++;
      return { address: { controller: Math.floor(idx / 15), bus: 0, target: 0, unit }, explicit: false };
    }
    case 'ide':
      return { address: { controller: Math.floor(idx / 4), bus: Math.floor((idx % 4) / 2), target: 0, unit: idx % 2 }, explicit: false };
    case 'sata':
      return { address: { controller: Math.floor(idx / 6), bus: 0, target: 0, unit: idx % 6 }, explicit: false };
    case 'fdc':
      return { address: { controller: Math.floor(idx / 2), bus: 0, target: 0, unit: idx % 2 }, explicit: false };
    default:
      return undefined;
  }
}

/** What libvirt names a disk's source in its messages: the path, pool/volume or network name. */
export function diskSourceName(disk: XmlElement): string | undefined {
  const source = disk.child('source');
  if (!source) return undefined;
  return source.attr('file') ?? source.attr('dev') ?? source.attr('dir') ?? source.attr('name') ?? source.attr('volume');
}

/** `<boot order='N'>` elements of devices (disk, interface, hostdev, redirdev, filesystem, ...). */
export function deviceBootOrders(domain: XmlElement): { device: XmlElement; boot: XmlElement; order: string }[] {
  const out: { device: XmlElement; boot: XmlElement; order: string }[] = [];
  for (const device of deviceElements(domain)) {
    for (const boot of device.childrenNamed('boot')) {
      const order = boot.attr('order');
      if (order !== undefined) out.push({ device, boot, order });
    }
  }
  return out;
}

/** libvirt's virDomainDefHasSpiceGraphics: any `<graphics type='spice'>`. */
export function hasSpiceGraphics(domain: XmlElement): boolean {
  return domain.select('devices/graphics').some((g) => g.attr('type') === 'spice');
}

/** A short description of a device element for messages: `<disk ... target dev='sda'>`, `<hostdev type='pci'>`. */
export function describeDevice(el: XmlElement): string {
  const dev = el.child('target')?.attr('dev');
  if (el.name === 'disk' && dev) return `<disk> '${dev}'`;
  const type = el.attr('type') ?? el.attr('model');
  return type ? `<${el.name} type='${type}'>` : `<${el.name}>`;
}
