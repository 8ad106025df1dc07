import { describe, expect, it } from 'vitest';
import rule from '../../rules/graphics-duplicate-type.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

describe('graphics-duplicate-type', () => {
  it('reports a second display of one type', () => {
    const xml = domain(`<graphics type='vnc' port='5900' autoport='no'>\n  <listen type='address' address='127.0.0.1'/>\n</graphics>\n<graphics type='vnc' port='5901' autoport='no'>\n  <listen type='address' address='127.0.0.1'/>\n</graphics>`);
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'graphics-duplicate-type',
        severity: 'error',
        line: 27,
        column: 5,
        endLine: 27,
        endColumn: 52,
        message:
          'A second <graphics type=\'vnc\'>: QEMU runs one display of each type and the domain fails to start: "only 1 graphics device of each type (sdl, vnc, spice, headless, dbus, rdp) is supported". Remove one of them.',
      },
    ]);
  });

  it('accepts one display of each type', () => {
    expect(diagnostics(rule, domain("<graphics type='spice' autoport='yes'/>\n<graphics type='vnc' port='-1' autoport='yes'/>"))).toEqual([]);
  });
});
