import { describe, expect, it } from 'vitest';
import rule from '../../rules/seclabel-none.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

describe('seclabel-none', () => {
  it("reports <seclabel type='none'/> at the type attribute", () => {
    expect(diagnostics(rule, domain('', { extra: "<seclabel type='none'/>" }))).toEqual([
      {
        ruleId: 'seclabel-none',
        severity: 'warning',
        line: 26,
        column: 13,
        endLine: 26,
        endColumn: 24,
        message:
          "<seclabel type='none'> disables sVirt (SELinux/AppArmor) confinement of this VM's QEMU process: a guest escaping QEMU is no longer limited to its own resources. Remove it and grant the specific access QEMU needs instead.",
      },
    ]);
  });

  it('names the driver it turns off', () => {
    expect(diagnostics(rule, domain('', { extra: "<seclabel type='none' model='apparmor'/>" }))[0].message).toContain('disables AppArmor confinement');
  });

  it("is quiet for model='none' (the host has no security driver), model='dac' and dynamic labels", () => {
    expect(diagnostics(rule, domain('', { extra: "<seclabel type='none' model='none'/>" }))).toEqual([]);
    expect(diagnostics(rule, domain('', { extra: "<seclabel type='none' model='dac'/>" }))).toEqual([]);
    expect(diagnostics(rule, domain('', { extra: "<seclabel type='dynamic' model='dac' relabel='yes'/>" }))).toEqual([]);
  });
});
