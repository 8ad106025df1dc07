import { describe, expect, it } from 'vitest';
import { isArmVirt, isLoongArchVirt, isPSeries, isRiscvVirt, isS390, parseBitmap, parseInteger, parseUnsigned, rawText } from '#domain/platform.js';
import { root, withOs } from './xml.js';

const all = (f: (d: ReturnType<typeof withOs>) => boolean, cases: [string | undefined, string | undefined][]) => cases.map(([a, m]) => f(withOs(a, m)));

// libvirt's qemuDomainMachineIsPSeries (ppc64/ppc64le, "pseries" or "pseries-")
// and qemuDomainMachineIsVirt (armv7l/aarch64, "virt" or "virt-"), src/qemu/qemu_domain.c.
describe('machine families', () => {
  it('isPSeries: ppc64 or ppc64le with a pseries machine', () => {
    expect(all(isPSeries, [['ppc64le', 'pseries'], ['ppc64', 'pseries-9.0'], ['ppc64', 'powernv9'], ['x86_64', 'pseries'], ['ppc64le', undefined]])).toEqual([
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('isArmVirt: aarch64 or armv7l with virt or virt-X.Y, not other names starting with virt', () => {
    expect(all(isArmVirt, [['aarch64', 'virt'], ['aarch64', 'virt-9.0'], ['armv7l', 'virt'], ['aarch64', 'sbsa-ref'], ['aarch64', 'virtual'], ['x86_64', 'virt']])).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('isRiscvVirt: riscv64 or riscv32 with virt', () => {
    expect(all(isRiscvVirt, [['riscv64', 'virt'], ['riscv32', 'virt'], ['riscv64', 'spike'], ['aarch64', 'virt']])).toEqual([true, true, false, false]);
  });

  it('isLoongArchVirt: loongarch64 with virt', () => {
    expect(all(isLoongArchVirt, [['loongarch64', 'virt'], ['loongarch64', 'virt-9.0'], ['aarch64', 'virt']])).toEqual([true, true, false]);
  });

  it('isS390: s390 and s390x, whatever the machine', () => {
    expect(all(isS390, [['s390x', 's390-ccw-virtio'], ['s390', undefined], ['x86_64', undefined]])).toEqual([true, true, false]);
  });
});

// Each expectation below was checked with `virsh define` of
// <vcpu cpuset='...'> (libvirt's virBitmapParse) and `dumpxml`.
describe('parseBitmap', () => {
  const members = (text: string) => {
    const set = parseBitmap(text);
    return set && [...set].sort((a, b) => a - b);
  };

  it("reads numbers, ranges and exclusions: '0-3,^2,8' is 0-1,3,8", () => {
    expect(members('0-3,^2,8')).toEqual([0, 1, 3, 8]);
  });

  it("reads numbers in base 10 ('08' is 8)", () => {
    expect(members('08')).toEqual([8]);
  });

  it('refuses a reversed range, an empty text, empty members, hex and an excluded range', () => {
    expect(['3-1', '', ',1', '0-3,,5', '0x1', '1-3,^0-1'].map(parseBitmap)).toEqual(Array(6).fill(undefined));
  });

  // virBitmapParse clears an excluded number when it reads it: `virsh define`
  // turns cpuset='^2,0-3' into '0-3' and '1,^1,1' into '1'.
  it('applies an exclusion where it stands: ^2,0-3 is 0-3 and 1,^1,1 is 1', () => {
    expect(members('^2,0-3')).toEqual([0, 1, 2, 3]);
    expect(members('1,^1,1')).toEqual([1]);
  });

  // `virsh define` accepts cpuset='0-3,' (written back as '0-3').
  it('accepts a trailing comma', () => {
    expect(members('0-3,')).toEqual([0, 1, 2, 3]);
  });

  // `virsh define` accepts cpuset=' 1 - 3 , 5' (written back as '1-3,5').
  it('accepts spaces around numbers, dashes and commas', () => {
    expect(members(' 1 - 3 , 5')).toEqual([1, 2, 3, 5]);
  });

  // More `virsh define` verdicts on cpuset: '1-+3' is 1-3 (the range end is
  // read by strtol), '^ 1,2' and '3-1' are refused ("Failed to parse bitmap"),
  // '^1' alone parses (to an empty set, which cpuset then refuses as empty).
  it("reads a '+' before a range end, refuses a space after '^', an excluded range and a lone comma", () => {
    expect(members('1-+3')).toEqual([1, 2, 3]);
    expect(members('^1')).toEqual([]);
    expect(['^ 1,2', '^1-2', ',', ' ', '1 2', '1,,'].map(parseBitmap)).toEqual(Array(6).fill(undefined));
  });
});

// parseUnsigned reads like virStrToLong_uip (virXMLPropUInt). Checked with
// `virsh define` on PCI address fields (base 0), drive address units and
// audio ids (base 10).
describe('parseUnsigned', () => {
  it("reads decimal, 0x hex (either case) and leading-0 octal ('010' is 8) in base 0", () => {
    expect(['12', '0x10', '0X1f', '010', '0'].map((v) => parseUnsigned(v))).toEqual([12, 16, 31, 8, 0]);
  });

  it('accepts leading spaces and a plus sign, as strtoul does', () => {
    expect(parseUnsigned(' 7')).toBe(7);
    expect(parseUnsigned('+7')).toBe(7);
  });

  it('is undefined for no value, an empty value, a minus sign, a fraction, words or trailing spaces', () => {
    expect([undefined, '', '-1', '-0', '1.5', '1e1', 'ten', '0x', '7 '].map((v) => parseUnsigned(v))).toEqual(Array(9).fill(undefined));
  });

  // Base 0 reads '08' as octal and stops at the 8: `virsh define` refuses
  // bus='08' ("Expected non-negative integer value").
  it("refuses '08' (not octal, and base 0 does not fall back to decimal)", () => {
    expect(parseUnsigned('08')).toBeUndefined();
  });

  // `virsh define`: unit='010' in a drive address is written back as
  // unit='10'; unit='0x1A' is refused.
  it("reads base 10 when asked: '010' is 10, '08' is 8, hex is refused", () => {
    expect(['010', '08', '0x1A'].map((v) => parseUnsigned(v, 10))).toEqual([10, 8, undefined]);
  });

  it('is undefined above 4294967295, as virStrToLong_ui refuses it', () => {
    expect(parseUnsigned('4294967295')).toBe(4294967295);
    expect(parseUnsigned('4294967296')).toBeUndefined();
  });
});

// virXMLPropInt: `virsh define` of <controller type='usb' index='010'
// ports='020'> gives index 10, ports 20 (base 10); index='0x10' and '2 ' are
// refused ("Expected integer value"); index='-0' is 0; <target chassis='010'>
// of a PCI controller is 8 (base 0).
describe('parseInteger', () => {
  it('reads base 10 and base 0 as asked, with a sign', () => {
    expect(['010', '-0', '+2', ' 2', '-5'].map((v) => parseInteger(v, 10))).toEqual([10, 0, 2, 2, -5]);
    expect(['010', '0x10', '-0x10'].map((v) => parseInteger(v, 0))).toEqual([8, 16, -16]);
  });

  it('is undefined for hex in base 10, trailing spaces, an empty value and values outside int', () => {
    expect(['0x10', '2 ', '', '2147483648', '-2147483649', undefined].map((v) => parseInteger(v, 10))).toEqual(Array(6).fill(undefined));
    expect([parseInteger('2147483647', 10), parseInteger('-2147483648', 10)]).toEqual([2147483647, -2147483648]);
  });
});

describe('rawText', () => {
  it('is the character data of the element and its descendants, untrimmed, without comments', () => {
    expect(rawText(root('<loader> /a <!-- c -->b<x>c</x> </loader>'))).toBe(' /a bc ');
  });
});
