import rule from '#rules/graphics-password-in-xml.js';
import { domain, testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    { name: 'no passwd', xml: domain(`<graphics type='vnc' port='-1' autoport='yes'/>`) },
    { name: "passwd='' (logins disabled, no secret)", xml: domain(`<graphics type='vnc' port='-1' autoport='yes' passwd=''/>`) },
  ],
  invalid: [
    {
      name: 'a VNC passwd, at the attribute',
      xml: domain(`<graphics type='vnc' port='-1' autoport='yes' passwd='hunter22'>\n  <listen type='address' address='0.0.0.0'/>\n</graphics>`),
      errors: [
        {
          messageId: 'clearText',
          data: { protocol: 'VNC' },
          line: 24,
          column: 51,
          endLine: 24,
          endColumn: 68,
          severity: 'warning',
          message:
            'The VNC password is stored in clear text in this file; anyone who reads it (or its git history) has the console password. Set it in qemu.conf or at run time instead, and change it if this file was ever shared.',
        },
      ],
    },
    {
      name: 'a SPICE passwd',
      xml: domain(`<graphics type='spice' autoport='yes' passwd='x'/>`),
      errors: [{ messageId: 'clearText', data: { protocol: 'SPICE' }, line: 24, column: 43, endColumn: 53 }],
    },
  ],
});
