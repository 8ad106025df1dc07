import { describe, expect, it } from 'vitest';
import rule from '../../rules/hostdev-scsi-option-invalid.js';
import { applySuggestion, diagnostics, domain } from '../helpers/rule-tester.js';

const vhost = (attrs: string, inner = '') =>
  domain(`<hostdev mode='subsystem' type='scsi_host'${attrs}>
  <source protocol='vhost' wwpn='naa.5123456789abcde0'/>${inner}
</hostdev>`);

describe('hostdev-scsi-option-invalid', () => {
  it('reports rawio on a vhost-scsi hostdev', () => {
    expect(diagnostics(rule, vhost(" rawio='yes'"))).toEqual([
      {
        ruleId: 'hostdev-scsi-option-invalid',
        severity: 'error',
        line: 24,
        column: 48,
        endLine: 24,
        endColumn: 59,
        message:
          'rawio only applies to SCSI host devices, and this hostdev is type \'scsi_host\': libvirt refuses it: "rawio is only supported for scsi host device". Remove rawio.',
      },
    ]);
    expect(applySuggestion(rule, vhost(" rawio='yes'"), 0)).toBe(vhost(''));
  });

  it('reports a boot order on vhost-scsi', () => {
    expect(diagnostics(rule, vhost('', "\n  <boot order='1'/>"))[0].message).toContain('"booting from assigned devices is not supported by vhost SCSI devices"');
  });

  it('accepts rawio on a SCSI hostdev', () => {
    const scsi = domain(`<hostdev mode='subsystem' type='scsi' managed='no' rawio='yes'>
  <source>
    <adapter name='scsi_host0'/>
    <address bus='0' target='0' unit='0'/>
  </source>
</hostdev>`);
    expect(diagnostics(rule, scsi)).toEqual([]);
  });
});
