import rule from '#rules/vnc-password-too-long.js';
import { domain, testRule } from '../helpers/rule-tester.js';

/** VNC graphics on line 24 with password `pw`. */
const vnc = (pw: string) => domain(`<graphics type='vnc' port='-1' autoport='yes' passwd='${pw}'>\n  <listen type='address' address='127.0.0.1'/>\n</graphics>`);

testRule(rule, {
  valid: [
    { name: '8 characters', xml: vnc('Vk3x9qTz') },
    { name: 'a SPICE password of any length', xml: vnc('correct-horse').replace("type='vnc'", "type='spice'") },
    { name: 'another driver (xen)', xml: vnc('correct-horse').replace("<domain type='kvm'", "<domain type='xen'") },
  ],
  invalid: [
    {
      name: 'a password longer than 8 characters, at the passwd attribute',
      xml: vnc('correct-horse'),
      errors: [
        {
          messageId: 'tooLong',
          data: { length: 13 },
          line: 24,
          column: 51,
          endLine: 24,
          endColumn: 73,
          severity: 'error',
          message: 'The VNC password is 13 characters long: libvirt refuses it: "VNC password is 13 characters long, only 8 permitted". Use at most 8 characters.',
        },
      ],
    },
    {
      name: '9 characters',
      xml: vnc('Vk3x9qTz1'),
      errors: [{ messageId: 'tooLong', data: { length: 9 }, line: 24, column: 51 }],
    },
    {
      name: 'the length is counted in UTF-8 bytes (5 characters, 10 bytes)',
      xml: vnc('ключи'),
      errors: [{ messageId: 'tooLong', data: { length: 10 }, line: 24, column: 51 }],
    },
  ],
});
