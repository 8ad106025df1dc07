import { describe, expect, it } from 'vitest';
import rule from '../../rules/mac-address-multicast.js';
import { applySuggestion, diagnostics, domain, fixed } from '../helpers/rule-tester.js';

const nic = (mac: string) =>
  domain(`<interface type='network'>
  <mac address='${mac}'/>
  <source network='default'/>
  <model type='virtio'/>
</interface>`);

describe('mac-address-multicast', () => {
  it('reports a MAC whose first byte is odd', () => {
    expect(diagnostics(rule, nic('53:54:00:6B:3C:58'))).toEqual([
      {
        ruleId: 'mac-address-multicast',
        severity: 'error',
        line: 25,
        column: 12,
        endLine: 25,
        endColumn: 39,
        message:
          'MAC address 53:54:00:6B:3C:58 is a multicast address (first byte 0x53 is odd): libvirt refuses it: "expected unicast mac address, found multicast \'53:54:00:6b:3c:58\'". Use a unicast address such as 52:54:00:6b:3c:58, or remove <mac> to let libvirt generate one.',
      },
    ]);
  });

  it('offers clearing the multicast bit as a suggestion only', () => {
    const xml = nic('01:54:00:12:34:56');
    expect(fixed(rule, xml)).toBe(xml);
    expect(applySuggestion(rule, xml, 0)).toBe(nic('00:54:00:12:34:56'));
  });

  it('accepts unicast addresses', () => {
    expect(diagnostics(rule, nic('52:54:00:6b:3c:58'))).toEqual([]);
    expect(diagnostics(rule, nic('fe:54:00:6b:3c:58'))).toEqual([]);
  });
});
