import rule from '#rules/boot-order-with-os-boot.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const xml = domain(`<disk type='file' device='cdrom'>
  <driver name='qemu' type='raw'/>
  <source file='/srv/iso/debian-12.9.0-amd64-netinst.iso'/>
  <target dev='sdb' bus='sata'/>
  <readonly/>
  <boot order='1'/>
</disk>`);
const withoutOsBoot = xml.replace("    <boot dev='hd'/>\n", '');
const twoOsBoots = xml.replace("    <boot dev='hd'/>\n", "    <boot dev='hd'/>\n    <boot dev='cdrom'/>\n");

testRule(rule, {
  valid: [
    { name: 'per-device boot orders alone', xml: withoutOsBoot },
    { name: '<os><boot> alone', xml: xml.replace("      <boot order='1'/>\n", '') },
  ],
  invalid: [
    {
      name: "<os><boot> next to a per-device boot order; removing <os><boot> is only a suggestion",
      xml,
      errors: [
        {
          messageId: 'mixedWithDeviceOrders',
          data: { dev: 'hd', device: 'disk', order: '1' },
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 21,
          severity: 'error',
          message:
            '<os><boot dev=\'hd\'/> cannot be combined with per-device boot orders (<disk> has <boot order=\'1\'/>): libvirt refuses it: "per-device boot elements cannot be used together with os/boot elements". Use one style: remove the <os><boot> elements, or the per-device <boot order> elements.',
          suggestions: [{ title: 'Remove the <os><boot> elements', output: withoutOsBoot }],
        },
      ],
      output: null,
      unsafeOutput: withoutOsBoot,
    },
    {
      name: 'each <os><boot> is reported, and the suggestion removes them all',
      xml: twoOsBoots,
      errors: [
        { messageId: 'mixedWithDeviceOrders', data: { dev: 'hd', device: 'disk', order: '1' }, line: 9, column: 5, suggestions: [{ output: withoutOsBoot }] },
        { messageId: 'mixedWithDeviceOrders', data: { dev: 'cdrom', device: 'disk', order: '1' }, line: 10, column: 5, suggestions: [{ output: withoutOsBoot }] },
      ],
      output: null,
      unsafeOutput: withoutOsBoot,
    },
  ],
});
