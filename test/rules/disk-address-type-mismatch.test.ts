import { describe, expect, it } from 'vitest';
import rule from '../../rules/disk-address-type-mismatch.js';
import { applySuggestion, diagnostics, domain, fixed } from '../helpers/rule-tester.js';

// A disk moved from virtio to SATA that kept its PCI address.
const xml = domain(`<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='/var/lib/libvirt/images/win11.qcow2'/>
  <target dev='sda' bus='sata'/>
  <address type='pci' domain='0x0000' bus='0x04' slot='0x00' function='0x0'/>
</disk>`);

describe('disk-address-type-mismatch', () => {
  it('reports a PCI address on a SATA disk', () => {
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'disk-address-type-mismatch',
        severity: 'error',
        line: 28,
        column: 16,
        endLine: 28,
        endColumn: 26,
        message:
          'Disk \'sda\' is on the sata bus but has an address of type \'pci\': libvirt refuses it: "Invalid address type \'pci\' for the disk \'sda\' with the bus type \'sata\'". Use <address type=\'drive\' .../> or remove the <address>.',
      },
    ]);
  });

  it('suggests removing the address', () => {
    expect(fixed(rule, xml)).toBe(xml);
    expect(applySuggestion(rule, xml, 0)).toBe(xml.replace("      <address type='pci' domain='0x0000' bus='0x04' slot='0x00' function='0x0'/>\n", ''));
  });

  it('reports a non-USB address on a USB disk', () => {
    const usb = xml.replace("bus='sata'", "bus='usb'");
    expect(diagnostics(rule, usb)[0].message).toContain('"unexpected address type for usb disk"');
  });

  it('accepts drive addresses on SATA and PCI addresses on virtio', () => {
    expect(diagnostics(rule, xml.replace("<address type='pci' domain='0x0000' bus='0x04' slot='0x00' function='0x0'/>", "<address type='drive' controller='0' bus='0' target='0' unit='0'/>"))).toEqual([]);
    expect(diagnostics(rule, xml.replace("<target dev='sda' bus='sata'/>", "<target dev='vda' bus='virtio'/>"))).toEqual([]);
  });
});
