import { describe, expect, it } from 'vitest';
import rule from '../../rules/pci-controller-option-invalid.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const pseries = (controllers: string) => `<domain type='kvm'>
  <name>power9</name>
  <memory unit='GiB'>4</memory>
  <vcpu>4</vcpu>
  <os>
    <type arch='ppc64' machine='pseries'>hvm</type>
  </os>
  <devices>
    <emulator>/usr/bin/qemu-system-ppc64</emulator>
${controllers}
  </devices>
</domain>
`;

describe('pci-controller-option-invalid', () => {
  it('reports an address on the root controller', () => {
    const xml = domain(`<controller type='pci' index='0' model='pcie-root'>
  <address type='pci' domain='0x0000' bus='0x00' slot='0x00' function='0x0'/>
</controller>`);
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'pci-controller-option-invalid',
        severity: 'error',
        line: 25,
        column: 7,
        endLine: 25,
        endColumn: 82,
        message: 'The pcie-root controller is the root of the PCI tree and cannot sit at an address: libvirt refuses it: "pci-root and pcie-root controllers should not have an address".',
      },
    ]);
  });

  it('reports pSeries host bridge target indexes', () => {
    const one = pseries("    <controller type='pci' index='0' model='pci-root'>\n      <target index='1'/>\n    </controller>");
    expect(diagnostics(rule, one).map((d) => [d.line, d.column, d.message.split('"')[1]])).toEqual([
      [11, 15, 'Only the PCI controller with index 0 can have target index 0, and vice versa'],
    ]);
    const high = pseries("    <controller type='pci' index='2' model='pci-root'>\n      <target index='31'/>\n    </controller>");
    expect(diagnostics(rule, high)[0].message).toContain(`"PCI controller target index '31' out of range - must be 0-30"`);
    expect(diagnostics(rule, pseries("    <controller type='pci' index='1' model='pci-root'>\n      <target index='1'/>\n    </controller>"))).toEqual([]);
  });

  it('reports a non-zero index on an x86 root and out-of-range chassis/port', () => {
    expect(diagnostics(rule, domain(`<controller type='pci' index='7' model='pcie-root'/>`))[0].message).toContain('"pci-root and pcie-root controllers should have index 0"');
    const port = domain(`<controller type='pci' index='1' model='pcie-root-port'>\n  <target chassis='1' port='0x100'/>\n</controller>`);
    expect(diagnostics(rule, port)[0].message).toContain(`"PCI controller port '256' out of range - must be 0-255"`);
  });

  it('accepts a virt-manager q35 controller set', () => {
    const xml = domain(`<controller type='pci' index='0' model='pcie-root'/>
<controller type='pci' index='1' model='pcie-root-port'>
  <model name='pcie-root-port'/>
  <target chassis='1' port='0x10'/>
  <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0' multifunction='on'/>
</controller>`);
    expect(diagnostics(rule, xml)).toEqual([]);
  });
});
