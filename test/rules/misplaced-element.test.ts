import rule from '#rules/misplaced-element.js';
import { domain, testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [{ name: 'devices in <devices>', xml: domain("<interface type='network'>\n  <source network='default'/>\n</interface>") }],
  invalid: [
    {
      name: 'a device outside <devices>: says where it belongs',
      xml: domain('', { extra: "<interface type='network'>\n  <source network='default'/>\n</interface>" }),
      errors: [
        {
          messageId: 'parent',
          data: { name: 'interface', parent: "<domain type='kvm'>", parents: '<devices> or <source>', effect: 'dropped' },
          line: 26,
          column: 4,
          endColumn: 13,
          severity: 'error',
          message: "<interface> does not belong in <domain type='kvm'>: it goes in <devices> or <source>. libvirt ignores it here, so this setting would be lost.",
        },
      ],
    },
    {
      name: 'a second copy of an element allowed once',
      xml: domain('', { extra: "<vcpu placement='static'>4</vcpu>" }),
      errors: [{ messageId: 'duplicate', data: { name: 'vcpu', parent: "<domain type='kvm'>", consequence: 'libvirt ignores it, so this setting would be lost', effect: 'dropped' }, line: 26, column: 4 }],
    },
    {
      name: 'an order the grammar does not allow is only a warning',
      xml: domain("<video>\n  <model type='virtio' heads='1' primary='yes'>\n    <resolution x='1920' y='1080'/>\n    <acceleration accel3d='yes'/>\n  </model>\n</video>"),
      errors: [
        {
          messageId: 'order',
          data: { name: 'acceleration', parent: "<model type='virtio'>", before: 'resolution', effect: 'validate-only' },
          line: 27,
          column: 10,
          severity: 'warning',
          message: "<acceleration> must come before <resolution> in <model type='virtio'>: plain `virsh define` accepts any order, but `virsh define --validate` refuses this one.",
        },
      ],
    },
    {
      name: 'an element of the parent, not in this form of it',
      xml: domain("<controller type='usb' model='qemu-xhci'>\n  <model name='pcie-root-port'/>\n</controller>"),
      errors: [{ messageId: 'context', line: 25, column: 8 }],
    },
    {
      name: 'an element that belongs nowhere but the root',
      xml: domain("<domain type='kvm'/>"),
      errors: [{ messageId: 'root', data: { name: 'domain', parent: '<devices>', effect: 'dropped' }, line: 24, column: 6 }],
    },
  ],
});
