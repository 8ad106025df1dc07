import rule from '#rules/graphics-duplicate-type.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const vnc = (port: number) => `<graphics type='vnc' port='${port}' autoport='no'>\n  <listen type='address' address='127.0.0.1'/>\n</graphics>`;

testRule(rule, {
  valid: [{ name: 'one display of each type', xml: domain("<graphics type='spice' autoport='yes'/>\n<graphics type='vnc' port='-1' autoport='yes'/>") }],
  invalid: [
    {
      name: 'a second VNC display, at its start tag',
      xml: domain(`${vnc(5900)}\n${vnc(5901)}`),
      errors: [
        {
          messageId: 'duplicate',
          data: { type: 'vnc' },
          line: 27,
          column: 5,
          endLine: 27,
          endColumn: 52,
          severity: 'error',
          message:
            'A second <graphics type=\'vnc\'>: QEMU runs one display of each type and the domain fails to start: "only 1 graphics device of each type (sdl, vnc, spice, headless, dbus, rdp) is supported". Remove one of them.',
        },
      ],
    },
    {
      name: 'every repeat is reported: a second and a third SPICE display',
      xml: domain("<graphics type='spice' autoport='yes'/>\n<graphics type='spice' port='5930'/>\n<graphics type='spice' port='5931'/>"),
      errors: [
        { messageId: 'duplicate', data: { type: 'spice' }, line: 25, column: 5 },
        { messageId: 'duplicate', data: { type: 'spice' }, line: 26, column: 5 },
      ],
    },
  ],
});
