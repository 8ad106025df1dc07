import { describe, expect, it } from 'vitest';
import { formatPci, guestPciAddress, parseAddressNumber, pciAddressOf, pciHostdevs } from '#domain/pci.js';
import { root, withDevices } from './xml.js';

const GPU = `<hostdev mode='subsystem' type='pci' managed='yes'>
  <source><address domain='0x0000' bus='0x0b' slot='0x00' function='0x1'/></source>
  <address type='pci' domain='0x0000' bus='0x06' slot='0x00' function='0x0'/>
</hostdev>`;

// libvirt reads PCI address fields with base 0 (virPCIDeviceAddressParseXML:
// virXMLPropUInt(node, "bus", 0, ...)). Each value below was checked with
// `virsh define` on <hostdev><source><address bus='...'>.
describe('parseAddressNumber', () => {
  it("reads decimal, 0x hex in either case, and leading-0 octal ('010' is bus 0x08)", () => {
    expect(['10', '0x1A', '0X1a', '010', '0'].map(parseAddressNumber)).toEqual([10, 26, 26, 8, 0]);
  });

  it('accepts leading spaces, as strtoul does', () => {
    expect(parseAddressNumber(' 1')).toBe(1);
  });

  it('is 0 for a field that is not written (libvirt leaves it 0)', () => {
    expect(parseAddressNumber(undefined)).toBe(0);
  });

  it('is undefined for what libvirt refuses: a sign, an exponent, a bare 0x, words', () => {
    expect(['-0', '-1', '1e1', '0x', 'one'].map(parseAddressNumber)).toEqual(Array(5).fill(undefined));
  });

  // `virsh define` refuses bus='08': base 0 reads 0 as octal and stops at 8.
  it("refuses '08'", () => {
    expect(parseAddressNumber('08')).toBeUndefined();
  });

  // `virsh define` refuses bus='' ("Invalid value for attribute 'bus' ... ''");
  // only a field that is not written at all is 0.
  it('refuses an empty value', () => {
    expect(parseAddressNumber('')).toBeUndefined();
  });

  // `virsh define` refuses bus='1 ' (trailing space) and accepts bus='+1' as 1.
  it('reads trailing spaces and a plus sign as strtoul does', () => {
    expect(parseAddressNumber('1 ')).toBeUndefined();
    expect(parseAddressNumber('+1')).toBe(1);
  });
});

describe('pciAddressOf', () => {
  it("reads <address type='pci'> and a hostdev's untyped <source><address>", () => {
    expect(pciAddressOf(root("<address type='pci' domain='0x0000' bus='0x06' slot='0x1f' function='0x7'/>"))).toEqual({ domain: 0, bus: 6, slot: 31, function: 7 });
    expect(pciAddressOf(root("<address domain='0x0000' bus='0x0b' slot='0x00' function='0x1'/>"))).toEqual({ domain: 0, bus: 11, slot: 0, function: 1 });
  });

  it('fills unwritten fields with 0', () => {
    expect(pciAddressOf(root("<address type='pci' slot='0x05'/>"))).toEqual({ domain: 0, bus: 0, slot: 5, function: 0 });
  });

  it('is undefined for another address type, an unreadable field, or no address', () => {
    expect(pciAddressOf(root("<address type='drive' controller='0' unit='1'/>"))).toBeUndefined();
    expect(pciAddressOf(root("<address type='pci' bus='zero'/>"))).toBeUndefined();
    expect(pciAddressOf(undefined)).toBeUndefined();
  });
});

describe('formatPci', () => {
  it('writes domain:bus:slot.function in hex, as lspci does', () => {
    expect(formatPci({ domain: 0, bus: 11, slot: 0, function: 1 })).toBe('0000:0b:00.1');
    expect(formatPci({ domain: 0x10, bus: 0xff, slot: 0x1f, function: 7 })).toBe('0010:ff:1f.7');
  });
});

describe('guestPciAddress', () => {
  it("is the device's own <address type='pci'>, not the host address in <source>", () => {
    const hostdev = withDevices(GPU).first('devices/hostdev')!;
    expect(guestPciAddress(hostdev)).toEqual({ domain: 0, bus: 6, slot: 0, function: 0 });
  });

  it('is undefined for a device without a PCI address', () => {
    const d = withDevices("<disk type='file'><target dev='sda' bus='sata'/><address type='drive' controller='0' unit='0'/></disk>");
    expect(guestPciAddress(d.first('devices/disk')!)).toBeUndefined();
  });
});

describe('pciHostdevs', () => {
  it('lists the PCI subsystem hostdevs with their host address; mode defaults to subsystem', () => {
    const d = withDevices(`${GPU}
      <hostdev type='pci'><source><address bus='0x0c' slot='0x00' function='0x0'/></source></hostdev>
      <hostdev mode='subsystem' type='usb'><source><vendor id='0x046d'/><product id='0xc52b'/></source></hostdev>
      <hostdev mode='capabilities' type='storage'><source><block>/dev/sdf</block></source></hostdev>`);
    expect(pciHostdevs(d).map((h) => h.source && formatPci(h.source))).toEqual(['0000:0b:00.1', '0000:0c:00.0']);
  });

  it('gives an undefined source when the host address is missing or unreadable', () => {
    const d = withDevices("<hostdev mode='subsystem' type='pci'><source/></hostdev><hostdev mode='subsystem' type='pci'><source><address bus='x'/></source></hostdev>");
    expect(pciHostdevs(d).map((h) => h.source)).toEqual([undefined, undefined]);
  });
});
