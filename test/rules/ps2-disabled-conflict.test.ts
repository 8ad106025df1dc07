import rule from '#rules/ps2-disabled-conflict.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const PS2_OFF = "<acpi/>\n<apic/>\n<ps2 state='off'/>";

testRule(rule, {
  valid: [
    { name: 'USB and virtio inputs with PS/2 off', xml: domain("<input type='tablet' bus='usb'/>\n<input type='keyboard' bus='virtio'/>", { features: PS2_OFF }) },
    { name: 'PS/2 inputs with PS/2 on (the default)', xml: domain("<input type='mouse' bus='ps2'/>") },
    { name: "vmport state='off' with PS/2 off", xml: domain('', { features: `${PS2_OFF}\n<vmport state='off'/>` }) },
    { name: 'another driver (xen)', xml: domain("<input type='mouse' bus='ps2'/>", { features: PS2_OFF }).replace("<domain type='kvm'", "<domain type='xen'") },
  ],
  invalid: [
    {
      name: 'each PS/2 input when PS/2 is off, at its bus attribute',
      xml: domain("<input type='mouse' bus='ps2'/>\n<input type='keyboard' bus='ps2'/>", { features: PS2_OFF }),
      errors: [
        {
          messageId: 'inputNeedsPs2',
          data: { type: 'mouse' },
          line: 24,
          column: 25,
          endLine: 24,
          endColumn: 34,
          severity: 'error',
          message:
            'A PS/2 mouse needs the PS/2 controller, which <ps2 state=\'off\'/> removes: libvirt refuses it: "ps2 bus inputs require the ps2 feature not to be disabled". Use bus=\'usb\' or \'virtio\', or keep PS/2.',
        },
        { messageId: 'inputNeedsPs2', data: { type: 'keyboard' }, line: 25, column: 28 },
      ],
    },
    {
      name: 'vmport with PS/2 off, at <vmport>',
      xml: domain('', { features: `${PS2_OFF}\n<vmport state='on'/>` }),
      errors: [
        {
          messageId: 'vmportNeedsPs2',
          line: 15,
          column: 5,
          endColumn: 25,
          message:
            'vmport uses the PS/2 controller, which <ps2 state=\'off\'/> removes: libvirt refuses it: "vmport feature requires the ps2 feature not to be disabled". Turn vmport off or keep PS/2.',
        },
      ],
    },
  ],
});
