import rule from '#rules/seclabel-none.js';
import { domain, testRule } from '../helpers/rule-tester.js';

/** A domain with `seclabel` on line 26, after </devices>. */
const seclabel = (element: string) => domain('', { extra: element });

testRule(rule, {
  valid: [
    { name: "model='none' (the host has no security driver)", xml: seclabel("<seclabel type='none' model='none'/>") },
    { name: "model='dac'", xml: seclabel("<seclabel type='none' model='dac'/>") },
    { name: 'a dynamic label', xml: seclabel("<seclabel type='dynamic' model='dac' relabel='yes'/>") },
    { name: 'no seclabel', xml: domain('') },
  ],
  invalid: [
    {
      name: "<seclabel type='none'/>: every confinement driver, at the type attribute",
      xml: seclabel("<seclabel type='none'/>"),
      errors: [
        {
          messageId: 'confinementOff',
          line: 26,
          column: 13,
          endLine: 26,
          endColumn: 24,
          severity: 'warning',
          message:
            "<seclabel type='none'> disables sVirt (SELinux/AppArmor) confinement of this VM's QEMU process: a guest escaping QEMU is no longer limited to its own resources. Remove it and grant the specific access QEMU needs instead.",
        },
      ],
    },
    {
      name: 'names AppArmor',
      xml: seclabel("<seclabel type='none' model='apparmor'/>"),
      errors: [
        {
          messageId: 'modelConfinementOff',
          data: { model: 'apparmor', driver: 'AppArmor' },
          line: 26,
          column: 13,
          message:
            "<seclabel type='none' model='apparmor'> disables AppArmor confinement of this VM's QEMU process: a guest escaping QEMU is no longer limited to its own resources. Remove it and grant the specific access QEMU needs instead.",
        },
      ],
    },
    {
      name: 'names SELinux',
      xml: seclabel("<seclabel type='none' model='selinux'/>"),
      errors: [{ messageId: 'modelConfinementOff', data: { model: 'selinux', driver: 'SELinux' }, line: 26, column: 13 }],
    },
    {
      name: 'quotes another model as written',
      xml: seclabel("<seclabel type='none' model='smack'/>"),
      errors: [{ messageId: 'modelConfinementOff', data: { model: 'smack', driver: "'smack'" }, line: 26, column: 13 }],
    },
    {
      name: 'one report per <seclabel>',
      xml: seclabel("<seclabel type='none' model='selinux'/>\n<seclabel type='none' model='apparmor'/>"),
      errors: [
        { messageId: 'modelConfinementOff', data: { model: 'selinux', driver: 'SELinux' }, line: 26, column: 13 },
        { messageId: 'modelConfinementOff', data: { model: 'apparmor', driver: 'AppArmor' }, line: 27, column: 13 },
      ],
    },
  ],
});
