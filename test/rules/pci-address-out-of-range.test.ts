import { describe, expect, it } from 'vitest';
import rule from '../../rules/pci-address-out-of-range.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const nic = (address: string) =>
  domain(`<interface type='network'>
  <mac address='52:54:00:6b:3c:58'/>
  <source network='default'/>
  <model type='virtio'/>
  ${address}
</interface>`);

describe('pci-address-out-of-range', () => {
  it('reports a slot above 0x1f', () => {
    expect(diagnostics(rule, nic("<address type='pci' domain='0x0000' bus='0x00' slot='0x20' function='0x0'/>"))).toEqual([
      {
        ruleId: 'pci-address-out-of-range',
        severity: 'error',
        line: 28,
        column: 54,
        endLine: 28,
        endColumn: 65,
        message:
          'PCI slot 0x20 does not exist (the highest is 0x1f): libvirt refuses it: "Invalid PCI address slot=\'0x20\', must be <= 0x1F". Correct the address or remove it and let libvirt choose.',
      },
    ]);
  });

  it('reports bus and function out of range', () => {
    const bus = diagnostics(rule, nic("<address type='pci' domain='0x0000' bus='0x100' slot='0x00' function='0x0'/>"));
    expect(bus[0].message).toContain(`"Invalid PCI address bus='0x100', must be <= 0xFF"`);
    const fn = diagnostics(rule, nic("<address type='pci' domain='0x0000' bus='0x00' slot='0x1f' function='0x8'/>"));
    expect(fn[0].message).toContain('"Invalid PCI address function=0x8, must be <= 7"');
  });

  it('reports a zPCI uid of 0', () => {
    const zpci = nic("<address type='pci' domain='0x0000' bus='0x00' slot='0x08' function='0x0'>\n    <zpci uid='0x0' fid='0x0000001f'/>\n  </address>");
    expect(diagnostics(rule, zpci)[0].message).toContain(`"Invalid PCI address uid='0x0000', must be > 0x0000 and <= 0xffff"`);
  });

  it('accepts the highest valid values', () => {
    expect(diagnostics(rule, nic("<address type='pci' domain='0x0000' bus='0xff' slot='0x1f' function='0x7'/>"))).toEqual([]);
  });
});
