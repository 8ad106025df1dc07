/**
 * Device queries shared by the define-time rules: disk target names, drive
 * addresses (as libvirt assigns them), boot orders, graphics.
 */
import { memoize } from '#shared/memo.js';
import type { XmlElement } from '#engine/tree.js';
import { parseUnsigned } from './platform.js';

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

const INT_MAX = 0x7fffffff;

/**
 * libvirt's virDiskNameParse (src/util/virutil.c): the first known prefix,
 * lowercase letters read as a bijective base-26 number, then only digits.
 * libvirt holds the index in a C int: for a name past 2^31 (seven letters
 * and more) libvirt 9.0.0 wraps around and accepts it, 11.3 refuses it (its
 * test disk-target-overflow.xml); here the index is just large.
 */
function diskNameParts(name: string): { index: number; digits: string } | undefined {
  const prefix = DISK_PREFIXES.find((p) => name.startsWith(p));
  if (!prefix) return undefined;
  const m = /^([a-z]+)(\d*)$/.exec(name.slice(prefix.length));
  if (!m) return undefined;
  let index = 0;
  for (let i = 0; i < m[1].length; i++) index = (index + (i === 0 ? 0 : 1)) * 26 + (m[1].charCodeAt(i) - 97);
  return { index, digits: m[2] };
}

/**
 * The disk index libvirt numbers a target name with when it assigns an
 * address (virDiskNameToIndex: trailing digits are ignored, so `vdb01` is
 * disk 1). Undefined when libvirt says "Unknown disk name '...'".
 */
export function diskNameIndex(name: string): number | undefined {
  return diskNameParts(name)?.index;
}

/**
 * A target name as the QEMU driver's validation reads it (virDiskNameParse
 * with a partition, qemuValidateDomainDeviceDefDisk): also the partition
 * number, which may not start with 0 when it has more than one digit
 * ("Shouldn't start by zero": `vdb01` is refused) and must fit an int.
 * Undefined when libvirt says "invalid disk target '...'".
 */
export function parseDiskName(name: string): DiskName | undefined {
  const parts = diskNameParts(name);
  if (!parts) return undefined;
  const { index, digits } = parts;
  if (digits.length > 1 && digits.startsWith('0')) return undefined;
  const partition = digits === '' ? 0 : Number(digits);
  if (partition > INT_MAX) return undefined;
  return { index, partition };
}

export interface DriveAddress {
  controller: number;
  bus: number;
  target: number;
  unit: number;
}

/**
 * `<address type='drive' controller bus target unit>`; missing fields are 0 as
 * in libvirt, which reads the fields in base 10 (virDomainDeviceDriveAddressParseXML:
 * `virsh define` writes unit='010' back as unit='10' and refuses unit='0x1A').
 */
export function driveAddressOf(address: XmlElement | undefined): DriveAddress | undefined {
  if (!address || address.attr('type') !== 'drive') return undefined;
  const parts = ['controller', 'bus', 'target', 'unit'].map((k) => {
    const v = address.attr(k);
    return v === undefined ? 0 : parseUnsigned(v, 10);
  });
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
  const idx = diskNameIndex(disk.child('target')?.attr('dev') ?? '');
  if (idx === undefined) return undefined;
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

/**
 * The disk's source path as libvirt holds it (src->path), which its messages
 * print: the attribute the disk type reads (file -- also with no type --
 * `file`, block `dev`, dir `dir`, network `name`). Undefined for other types
 * and when that attribute is missing (`virsh define` prints '<null>' or
 * nothing then: a block disk's `file` attribute is not its path).
 */
export function diskSourcePath(disk: XmlElement): string | undefined {
  const source = disk.child('source');
  if (!source) return undefined;
  const attr = { file: 'file', block: 'dev', dir: 'dir', network: 'name' }[disk.attr('type') ?? 'file'];
  return attr === undefined ? undefined : source.attr(attr);
}

/**
 * How "missing target information for device %s" names the disk: a storage
 * pool volume as "pool = 'p', volume = 'v'" (virsh 9.0.0), other disks by
 * their source path.
 */
export function diskSourceName(disk: XmlElement): string | undefined {
  const source = disk.child('source');
  const pool = source?.attr('pool');
  const volume = source?.attr('volume');
  if (disk.attr('type') === 'volume') return pool !== undefined && volume !== undefined ? `pool = '${pool}', volume = '${volume}'` : undefined;
  return diskSourcePath(disk);
}

/** `<boot order='N'>` elements of devices (disk, interface, hostdev, redirdev, filesystem, ...). */
export const deviceBootOrders: (domain: XmlElement) => readonly { readonly device: XmlElement; readonly boot: XmlElement; readonly order: string }[] = memoize((domain) => {
  const out: { device: XmlElement; boot: XmlElement; order: string }[] = [];
  for (const device of deviceElements(domain)) {
    for (const boot of device.childrenNamed('boot')) {
      const order = boot.attr('order');
      if (order !== undefined) out.push({ device, boot, order });
    }
  }
  return out;
});

/** libvirt's virDomainDefHasSpiceGraphics: any `<graphics type='spice'>`. */
export function hasSpiceGraphics(domain: XmlElement): boolean {
  return domain.select('devices/graphics').some((g) => g.attr('type') === 'spice');
}

/** A short description of a device element for messages: `<disk> 'sda'`, `<hostdev type='pci'>`, `<memballoon model='virtio'>`. */
export function describeDevice(el: XmlElement): string {
  const dev = el.child('target')?.attr('dev');
  if (el.name === 'disk' && dev) return `<disk> '${dev}'`;
  // Name the attribute the element has: type, else model.
  const name = el.attr('type') !== undefined ? 'type' : el.attr('model') !== undefined ? 'model' : undefined;
  return name ? `<${el.name} ${name}='${el.attr(name)}'>` : `<${el.name}>`;
}
