import { describe, expect, it } from 'vitest';
import rule from '../../rules/usb-controller-too-many-ports.js';
import { diagnostics, domain, fixed } from '../helpers/rule-tester.js';

const xml = domain(`<controller type='usb' index='0' model='qemu-xhci' ports='16'>
  <address type='pci' domain='0x0000' bus='0x02' slot='0x00' function='0x0'/>
</controller>`);

describe('usb-controller-too-many-ports', () => {
  it('reports more than 15 ports', () => {
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'usb-controller-too-many-ports',
        severity: 'error',
        line: 24,
        column: 56,
        endLine: 24,
        endColumn: 66,
        message:
          'A qemu-xhci controller has at most 15 ports, not 16: libvirt refuses it: "\'qemu-xhci\' controller only supports up to \'15\' ports". Set ports=\'15\' (add a USB hub for more devices).',
      },
    ]);
  });

  it('--fix sets 15 ports', () => {
    expect(fixed(rule, xml)).toBe(xml.replace("ports='16'", "ports='15'"));
  });

  it('accepts 15 ports', () => {
    expect(diagnostics(rule, xml.replace("ports='16'", "ports='15'"))).toEqual([]);
  });
});
