import { describe, expect, it } from 'vitest';
import rule from '../../rules/hostdev-duplicate.js';
import { applySuggestion, diagnostics, domain, fixed } from '../helpers/rule-tester.js';

const gpu = (fn: string) =>
  domain(`<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/>
  </source>
  <address type='pci' domain='0x0000' bus='0x05' slot='0x00' function='0x0'/>
</hostdev>
<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='0x0b' slot='0x00' function='${fn}'/>
  </source>
  <address type='pci' domain='0x0000' bus='0x06' slot='0x00' function='0x0'/>
</hostdev>`);

describe('hostdev-duplicate', () => {
  it('reports a PCI function passed through twice', () => {
    expect(diagnostics(rule, gpu('0x0'))).toEqual([
      {
        ruleId: 'hostdev-duplicate',
        severity: 'error',
        line: 30,
        column: 5,
        endLine: 30,
        endColumn: 56,
        message:
          'The host PCI device 0000:0b:00.0 is already passed through by an earlier <hostdev>: libvirt refuses it: "Hostdev already exists in the domain configuration". Remove this <hostdev>, or correct its source if you meant another device (for example another function of the card).',
      },
    ]);
  });

  it('accepts the GPU and its audio function', () => {
    expect(diagnostics(rule, gpu('0x1'))).toEqual([]);
  });

  it('offers removing the duplicate as a suggestion only', () => {
    const xml = gpu('0x0');
    expect(fixed(rule, xml)).toBe(xml);
    const second = xml.slice(xml.lastIndexOf("    <hostdev mode='subsystem'"), xml.lastIndexOf('</hostdev>') + '</hostdev>\n'.length);
    expect(applySuggestion(rule, xml, 0)).toBe(xml.replace(second, ''));
  });

  it('matches USB devices by bus/device and by vendor/product', () => {
    const usb = (a: string, b: string) =>
      domain(`<hostdev mode='subsystem' type='usb' managed='yes'>
  <source>
    ${a}
  </source>
</hostdev>
<hostdev mode='subsystem' type='usb' managed='yes'>
  <source>
    ${b}
  </source>
</hostdev>`);
    expect(diagnostics(rule, usb("<address bus='14' device='6'/>", "<address bus='14' device='6'/>"))).toHaveLength(1);
    expect(diagnostics(rule, usb("<address bus='14' device='6'/>", "<address bus='14' device='7'/>"))).toEqual([]);
    expect(diagnostics(rule, usb("<vendor id='0x046d'/><product id='0xc52b'/>", "<vendor id='0x046d'/><product id='0xc52b'/>"))).toHaveLength(1);
    expect(diagnostics(rule, usb("<vendor id='0x046d'/><product id='0xc52b'/>", "<vendor id='0x046d'/><product id='0xc539'/>"))).toEqual([]);
  });

  it('matches mediated devices by UUID and SCSI devices by adapter and address', () => {
    const mdev = domain(`<hostdev mode='subsystem' type='mdev' managed='no' model='vfio-pci'>
  <source>
    <address uuid='53764d0e-85a0-42b4-af5c-2046b460b1dc'/>
  </source>
</hostdev>
<hostdev mode='subsystem' type='mdev' managed='no' model='vfio-pci'>
  <source>
    <address uuid='53764D0E-85A0-42B4-AF5C-2046B460B1DC'/>
  </source>
</hostdev>`);
    expect(diagnostics(rule, mdev)[0].message).toMatch(/^The mediated device 53764D0E/);
    const scsi = domain(`<hostdev mode='subsystem' type='scsi' managed='yes'>
  <source>
    <adapter name='scsi_host0'/>
    <address bus='0' target='0' unit='0'/>
  </source>
</hostdev>
<hostdev mode='subsystem' type='scsi' managed='yes'>
  <source>
    <adapter name='scsi_host0'/>
    <address bus='0' target='0' unit='0'/>
  </source>
</hostdev>`);
    expect(diagnostics(rule, scsi)).toHaveLength(1);
    const other = scsi.slice(0, scsi.lastIndexOf('scsi_host0')) + 'scsi_host1' + scsi.slice(scsi.lastIndexOf('scsi_host0') + 'scsi_host0'.length);
    expect(diagnostics(rule, other)).toEqual([]);
  });
});
