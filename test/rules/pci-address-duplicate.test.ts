import { describe, expect, it } from 'vitest';
import rule from '../../rules/pci-address-duplicate.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const devices = (hostdevSlot: string) =>
  domain(`<interface type='network'>
  <mac address='52:54:00:6b:3c:58'/>
  <source network='default'/>
  <model type='virtio'/>
  <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
</interface>
<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/>
  </source>
  <address type='pci' domain='0x0000' bus='${hostdevSlot}' slot='0x00' function='0x0'/>
</hostdev>`);

describe('pci-address-duplicate', () => {
  it('reports the second device on a PCI address', () => {
    expect(diagnostics(rule, devices('0x01'))).toEqual([
      {
        ruleId: 'pci-address-duplicate',
        severity: 'error',
        line: 34,
        column: 7,
        endLine: 34,
        endColumn: 82,
        message:
          '<hostdev type=\'pci\'> uses PCI address 0000:01:00.0, already taken by <interface type=\'network\'>: libvirt refuses it: "Attempted double use of PCI Address 0000:01:00.0". Move one of them to a free slot, or remove its <address> and let libvirt choose.',
      },
    ]);
  });

  it('ignores the host-side source address and accepts distinct guest addresses', () => {
    expect(diagnostics(rule, devices('0x02'))).toEqual([]);
  });

  it("reports 0000:00:01.1 on i440fx (the built-in IDE controller's slot)", () => {
    const xml = domain(`<memballoon model='virtio'>
  <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x1'/>
</memballoon>`).replace("machine='pc-q35-9.1'", "machine='pc-i440fx-9.1'");
    const [d] = diagnostics(rule, xml);
    expect(d).toMatchObject({ line: 25, column: 7 });
    expect(d.message).toContain('"Attempted double use of PCI Address 0000:00:01.1"');
    expect(diagnostics(rule, xml.replace("machine='pc-i440fx-9.1'", "machine='pc-q35-9.1'"))).toEqual([]);
  });

  it('skips <console>, which shares the first serial port', () => {
    const xml = domain(`<serial type='dev'>
  <source path='/dev/ttyS2'/>
  <target type='pci-serial' port='0'/>
  <address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0'/>
</serial>
<console type='dev'>
  <source path='/dev/ttyS2'/>
  <target type='serial' port='0'/>
  <address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0'/>
</console>`);
    expect(diagnostics(rule, xml)).toEqual([]);
  });
});
