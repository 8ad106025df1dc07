import { describe, expect, it } from 'vitest';
import { archOf, isI440fx, isQ35, isQemuDomain, isQemuX86, isX86, machineOf } from '#domain/machine.js';
import { domain, withOs } from './xml.js';

const x86 = (machine: string | undefined) => withOs('x86_64', machine);

describe('isQemuDomain', () => {
  it("is true for the QEMU driver's domain types kvm, qemu and hvf", () => {
    expect(['kvm', 'qemu', 'hvf'].map((t) => isQemuDomain(domain('', `type='${t}'`)))).toEqual([true, true, true]);
  });

  it('is false for other drivers and for a missing type', () => {
    expect(['xen', 'lxc', 'test', 'vmware'].map((t) => isQemuDomain(domain('', `type='${t}'`)))).toEqual([false, false, false, false]);
    expect(isQemuDomain(domain('', ''))).toBe(false);
  });
});

describe('archOf and machineOf', () => {
  it('read <os><type arch machine>', () => {
    const d = withOs('aarch64', 'virt-9.0');
    expect([archOf(d), machineOf(d)]).toEqual(['aarch64', 'virt-9.0']);
  });

  it('are undefined when not written', () => {
    const d = withOs(undefined, undefined);
    expect([archOf(d), machineOf(d)]).toEqual([undefined, undefined]);
    expect(archOf(domain(''))).toBeUndefined();
  });
});

describe('isX86', () => {
  it('is true for x86_64, i686 and an unwritten arch (assumed x86_64 host); false for others', () => {
    expect(['x86_64', 'i686', undefined, 'aarch64', 'ppc64le', 's390x'].map((a) => isX86(withOs(a, undefined)))).toEqual([true, true, true, false, false, false]);
  });
});

// libvirt's qemuDomainMachineIsQ35 / qemuDomainMachineIsI440FX: q35 is "q35"
// or a "pc-q35" prefix; i440FX is "pc", or a "pc-0.", "pc-1.", "pc-i440" or
// "rhel" prefix (src/qemu/qemu_domain.c).
describe('isQ35', () => {
  it('is true for q35 and versioned pc-q35 machines, upstream or downstream', () => {
    expect(['q35', 'pc-q35-9.1', 'pc-q35-rhel9.4.0'].map((m) => isQ35(x86(m)))).toEqual([true, true, true]);
  });

  it('is false for i440FX machines and when no machine is written (QEMU defaults to pc)', () => {
    expect(['pc', 'pc-i440fx-9.1', 'pc-1.0', undefined].map((m) => isQ35(x86(m)))).toEqual([false, false, false, false]);
  });
});

describe('isI440fx', () => {
  it('is true for pc, pc-i440fx-X.Y and the old pc-0.x / pc-1.x names', () => {
    expect(['pc', 'pc-i440fx-9.1', 'pc-i440fx-2.12', 'pc-1.0', 'pc-0.15'].map((m) => isI440fx(x86(m)))).toEqual([true, true, true, true, true]);
  });

  it('is false for q35 machines', () => {
    expect(['q35', 'pc-q35-9.1'].map((m) => isI440fx(x86(m)))).toEqual([false, false]);
  });

  it('is true with no machine on x86 (the default pc), false with no machine elsewhere', () => {
    expect(isI440fx(x86(undefined))).toBe(true);
    expect(isI440fx(withOs(undefined, undefined))).toBe(true);
    expect(isI440fx(withOs('aarch64', undefined))).toBe(false);
  });

  // RHEL/CentOS qemu-kvm names its i440FX machines pc-i440fx-rhel7.6.0 (and,
  // older, rhel6.6.0); libvirt's qemuDomainMachineIsI440FX counts both
  // (STRPREFIX "pc-i440" and "rhel").
  it('is true for the downstream i440FX machines pc-i440fx-rhel7.6.0 and rhel6.6.0', () => {
    expect(['pc-i440fx-rhel7.6.0', 'rhel6.6.0'].map((m) => isI440fx(x86(m)))).toEqual([true, true]);
  });

  it('is false for i440FX names on another architecture, and for names libvirt does not list (pc-2.0)', () => {
    expect(isI440fx(withOs('aarch64', 'pc-i440fx-9.1'))).toBe(false);
    expect(isI440fx(x86('pc-2.0'))).toBe(false);
  });
});

describe('isQemuX86', () => {
  it('needs both the QEMU driver and an x86 guest', () => {
    expect(isQemuX86(withOs('x86_64', 'q35', 'kvm'))).toBe(true);
    expect(isQemuX86(withOs('aarch64', 'virt', 'kvm'))).toBe(false);
    expect(isQemuX86(withOs('x86_64', 'xenfv', 'xen'))).toBe(false);
  });
});
