import rule from '#rules/disk-target-duplicate.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const disks = (second: string) =>
  domain(`<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2' discard='unmap'/>
  <source file='/var/lib/libvirt/images/win11.qcow2'/>
  <target dev='vda' bus='virtio'/>
</disk>
<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='/var/lib/libvirt/images/data.qcow2'/>
  <target dev='${second}' bus='virtio'/>
</disk>`);

testRule(rule, {
  valid: [{ name: 'distinct targets', xml: disks('vdb') }],
  invalid: [
    {
      name: 'the second disk using a target name, at its dev attribute',
      xml: disks('vda'),
      errors: [
        {
          messageId: 'duplicate',
          data: { dev: 'vda', firstSource: '/var/lib/libvirt/images/win11.qcow2', source: '/var/lib/libvirt/images/data.qcow2' },
          line: 32,
          column: 15,
          endLine: 32,
          endColumn: 24,
          severity: 'error',
          message:
            'Target \'vda\' is already used by another <disk>: libvirt refuses it: "target \'vda\' duplicated for disk sources \'/var/lib/libvirt/images/win11.qcow2\' and \'/var/lib/libvirt/images/data.qcow2\'". Give each disk its own target name (vda, vdb, ... or sda, sdb, ...).',
        },
      ],
    },
    {
      name: "target names compare across buses; a disk without a source is '<null>' as libvirt prints it",
      xml: domain(`<disk type='file' device='cdrom'>
  <target dev='sda' bus='sata'/>
  <readonly/>
</disk>
<disk type='block' device='disk'>
  <source dev='/dev/vg0/data'/>
  <target dev='sda' bus='scsi'/>
</disk>`),
      errors: [{ messageId: 'duplicate', data: { dev: 'sda', firstSource: '<null>', source: '/dev/vg0/data' }, line: 30, column: 15 }],
    },
    {
      // `virsh define` (9.0.0): "target 'vda' duplicated for disk sources '<null>' and 'n'" -- a volume disk has no path yet.
      name: "a storage-pool volume is '<null>', a network disk its name",
      xml: domain(`<disk type='volume' device='disk'>
  <source pool='p' volume='v'/>
  <target dev='vda' bus='virtio'/>
</disk>
<disk type='network' device='disk'>
  <source protocol='nbd' name='n'>
    <host name='h'/>
  </source>
  <target dev='vda' bus='virtio'/>
</disk>`),
      errors: [{ messageId: 'duplicate', data: { dev: 'vda', firstSource: '<null>', source: 'n' }, line: 32, column: 15 }],
    },
  ],
});
