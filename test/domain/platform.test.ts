import { describe, expect, it } from 'vitest';
import { isArmVirt, isLoongArchVirt, isPSeries, isRiscvVirt, isS390, parseBitmap, parseUnsigned } from '#domain/platform.js';
import { withOs } from './xml.js';

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
  // turns cpuset='^2,0-3' into '0-3' and '1,^1,1' into '1'. parseBitmap
  // applies every exclusion at the end.
  it.fails('applies an exclusion where it stands: ^2,0-3 is 0-3 and 1,^1,1 is 1', () => {
    expect(members('^2,0-3')).toEqual([0, 1, 2, 3]);
    expect(members('1,^1,1')).toEqual([1]);
  });

  // `virsh define` accepts cpuset='0-3,' (written back as '0-3').
  it.fails('accepts a trailing comma', () => {
    expect(members('0-3,')).toEqual([0, 1, 2, 3]);
  });

  // `virsh define` accepts cpuset=' 1 - 3 , 5' (written back as '1-3,5').
  it.fails('accepts spaces around numbers, dashes and commas', () => {
    expect(members(' 1 - 3 , 5')).toEqual([1, 2, 3, 5]);
  });
});

// parseUnsigned reads like virStrToLong_ui with base 0. Checked with `virsh
// define` on <target chassis='010'> (8) and PCI address fields.
describe('parseUnsigned', () => {
  it("reads decimal, 0x hex (either case) and leading-0 octal ('010' is 8)", () => {
    expect(['12', '0x10', '0X1f', '010', '0'].map(parseUnsigned)).toEqual([12, 16, 31, 8, 0]);
  });

  it('accepts leading spaces, as strtoul does', () => {
    expect(parseUnsigned(' 7')).toBe(7);
  });

  it('is undefined for no value, an empty value, a sign, a fraction or words', () => {
    expect([undefined, '', '-1', '-0', '1.5', '1e1', 'ten', '0x'].map(parseUnsigned)).toEqual(Array(8).fill(undefined));
  });

  // Base 0 reads '08' as octal and stops at the 8: `virsh define` refuses
  // bus='08' ("Expected non-negative integer value"); parseUnsigned gives 8.
  it.fails("refuses '08' (not octal, and base 0 does not fall back to decimal)", () => {
    expect(parseUnsigned('08')).toBeUndefined();
  });
});
