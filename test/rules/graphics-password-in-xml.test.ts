import { describe, expect, it } from 'vitest';
import rule from '../../rules/graphics-password-in-xml.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

describe('graphics-password-in-xml', () => {
  it('reports a VNC passwd at the attribute', () => {
    expect(diagnostics(rule, domain(`<graphics type='vnc' port='-1' autoport='yes' passwd='hunter22'>\n  <listen type='address' address='0.0.0.0'/>\n</graphics>`))).toEqual([
      {
        ruleId: 'graphics-password-in-xml',
        severity: 'warning',
        line: 24,
        column: 51,
        endLine: 24,
        endColumn: 68,
        message:
          'The VNC password is stored in clear text in this file; anyone who reads it (or its git history) has the console password. Set it in qemu.conf or at run time instead, and change it if this file was ever shared.',
      },
    ]);
  });

  it('reports SPICE passwords too', () => {
    expect(diagnostics(rule, domain(`<graphics type='spice' autoport='yes' passwd='x'/>`))[0].message).toContain('The SPICE password');
  });

  it("is quiet without passwd and for passwd='' (logins disabled, no secret)", () => {
    expect(diagnostics(rule, domain(`<graphics type='vnc' port='-1' autoport='yes'/>`))).toEqual([]);
    expect(diagnostics(rule, domain(`<graphics type='vnc' port='-1' autoport='yes' passwd=''/>`))).toEqual([]);
  });
});
