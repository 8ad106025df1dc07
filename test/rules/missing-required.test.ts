import rule from '../../rules/missing-required.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const VALIDATE_ONLY = 'plain `virsh define` accepts it, but `virsh define --validate` refuses it';

testRule(rule, {
  valid: [
    { name: 'everything required is there', xml: domain('', { features: "<acpi/>\n<hyperv mode='custom'>\n  <vapic state='on'/>\n</hyperv>" }) },
    { name: 'a misspelt required attribute is unknown-attribute’s, not reported twice', xml: domain('', { features: "<acpi/>\n<hyperv mode='custom'>\n  <vapic stat='on'/>\n</hyperv>" }) },
  ],
  invalid: [
    {
      name: 'a required attribute libvirt refuses to do without: at the element name, named exactly',
      xml: domain('', { features: "<acpi/>\n<hyperv mode='custom'>\n  <vapic/>\n</hyperv>" }),
      errors: [
        {
          messageId: 'attribute',
          data: { element: '<vapic>', names: "'state'", consequence: 'libvirt refuses the domain', effect: 'refused' },
          line: 14,
          column: 8,
          endColumn: 13,
          severity: 'error',
          message: "<vapic> is missing the required attribute 'state': libvirt refuses the domain.",
        },
      ],
    },
    {
      name: 'a required attribute libvirt fills in itself is a warning',
      xml: domain("<interface type='network'>\n  <mac/>\n  <source network='default'/>\n</interface>"),
      errors: [{ messageId: 'attribute', data: { element: '<mac>', names: "'address'", consequence: VALIDATE_ONLY, effect: 'validate-only' }, line: 25, column: 4, severity: 'warning' }],
    },
    {
      name: 'a required child element, only that one',
      xml: domain("<disk type='file' device='disk'>\n  <driver name='qemu' type='qcow2'/>\n  <source file='/var/lib/libvirt/images/win11.qcow2'/>\n</disk>".replace('<disk', '<disk').replace('</disk>', '</disk>')).replace("<disk type='file' device='disk'>", "<redirdev bus='usb' type='spicevmc'/>\n    <disk type='file' device='disk'>"),
      errors: [],
    },
  ],
});
