import { describe, expect, it } from 'vitest';
import rule from '../../rules/libvirt-qemu-too-old.js';
import { diagnostics, domain, runRule } from '../helpers/rule-tester.js';

describe('libvirt-qemu-too-old', () => {
  const xml = domain('');

  it('reports a QEMU older than the host libvirt supports, at <emulator>', () => {
    expect(diagnostics(rule, xml, { host: { libvirt: '11.3.0', qemu: '5.2.0' } })).toEqual([
      {
        ruleId: 'libvirt-qemu-too-old',
        severity: 'error',
        line: 23,
        column: 5,
        endLine: 23,
        endColumn: 15,
        message:
          'libvirt 11.3.0 requires QEMU 6.2 or newer (support for older QEMU was removed in libvirt 11.2.0), but the host runs QEMU 5.2.0: libvirt refuses this emulator, so the domain can be neither defined nor started. Upgrade QEMU to 6.2 or later, or use a libvirt older than 11.2.0.',
      },
    ]);
  });

  it('uses the minimum of the host libvirt release', () => {
    const fires = (libvirt: string, qemu: string) => diagnostics(rule, xml, { host: { libvirt, qemu } }).length === 1;
    expect(fires('11.3.0', '6.1.0')).toBe(true);
    expect(fires('11.3.0', '6.2.0')).toBe(false);
    expect(fires('11.1.0', '6.1.0')).toBe(false);
    expect(fires('11.1.0', '5.1.0')).toBe(true);
    expect(fires('12.4.0', '7.1.0')).toBe(true);
    expect(fires('12.4.0', '7.2.22')).toBe(false);
    expect(fires('8.7.0', '4.1.0')).toBe(true);
    expect(fires('7.3.0', '2.0.0')).toBe(false);
  });

  it('is skipped, naming the missing fact, when either version is unknown', () => {
    expect(runRule(rule, xml, { host: { libvirt: '11.3.0' } }).skippedRules).toEqual([{ ruleId: 'libvirt-qemu-too-old', missing: ['qemu'] }]);
    expect(runRule(rule, xml, { host: { qemu: '5.2.0' } }).skippedRules).toEqual([{ ruleId: 'libvirt-qemu-too-old', missing: ['libvirt'] }]);
    expect(runRule(rule, xml).messages).toEqual([]);
  });

  it('ignores other drivers', () => {
    expect(diagnostics(rule, xml.replace("<domain type='kvm'", "<domain type='lxc'"), { host: { libvirt: '11.3.0', qemu: '5.2.0' } })).toEqual([]);
  });
});
