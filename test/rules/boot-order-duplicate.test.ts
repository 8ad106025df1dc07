import rule from '#rules/boot-order-duplicate.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const install = (cdromOrder: string) =>
  domain(`<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='/var/lib/libvirt/images/win11.qcow2'/>
  <target dev='vda' bus='virtio'/>
  <boot order='1'/>
</disk>
<disk type='file' device='cdrom'>
  <driver name='qemu' type='raw'/>
  <source file='/srv/iso/Win11_24H2_English_x64.iso'/>
  <target dev='sdb' bus='sata'/>
  <readonly/>
  <boot order='${cdromOrder}'/>
</disk>`).replace("    <boot dev='hd'/>\n", '');

testRule(rule, {
  valid: [{ name: 'distinct orders', xml: install('2') }],
  invalid: [
    {
      name: 'the second device with an order in use, at its order attribute',
      xml: install('1'),
      errors: [
        {
          messageId: 'duplicate',
          data: { order: 1, device: "<disk> 'vda'" },
          line: 34,
          column: 13,
          endLine: 34,
          endColumn: 22,
          severity: 'error',
          message:
            'Boot order 1 is already used by <disk> \'vda\': libvirt refuses it: "boot order \'1\' used for more than one device". Give every bootable device its own order (1 boots first).',
        },
      ],
    },
    {
      name: 'orders compare as numbers (01 is 1)',
      xml: install('01'),
      errors: [{ messageId: 'duplicate', data: { order: 1, device: "<disk> 'vda'" }, line: 34, column: 13, endColumn: 23 }],
    },
  ],
});
