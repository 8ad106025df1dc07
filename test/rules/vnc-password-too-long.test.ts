import { describe, expect, it } from 'vitest';
import rule from '../../rules/vnc-password-too-long.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const vnc = (pw: string) => domain(`<graphics type='vnc' port='-1' autoport='yes' passwd='${pw}'>\n  <listen type='address' address='127.0.0.1'/>\n</graphics>`);

describe('vnc-password-too-long', () => {
  it('reports a password longer than 8 characters', () => {
    expect(diagnostics(rule, vnc('correct-horse'))).toEqual([
      {
        ruleId: 'vnc-password-too-long',
        severity: 'error',
        line: 24,
        column: 51,
        endLine: 24,
        endColumn: 73,
        message: 'The VNC password is 13 characters long: libvirt refuses it: "VNC password is 13 characters long, only 8 permitted". Use at most 8 characters.',
      },
    ]);
  });

  it('accepts 8 characters, and SPICE passwords of any length', () => {
    expect(diagnostics(rule, vnc('Vk3x9qTz'))).toEqual([]);
    expect(diagnostics(rule, vnc('correct-horse').replace("type='vnc'", "type='spice'"))).toEqual([]);
  });
});
