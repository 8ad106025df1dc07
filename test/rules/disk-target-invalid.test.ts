import rule from '#rules/disk-target-invalid.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const disk = (target: string, device = 'disk') =>
  domain(`<disk type='file' device='${device}'>
  <driver name='qemu' type='raw'/>
  <source file='/var/lib/libvirt/images/data.raw'/>
  ${target}
</disk>`);

testRule(rule, {
  valid: [
    { name: 'vdb', xml: disk("<target dev='vdb' bus='virtio'/>") },
    { name: 'sdaa (a two-letter index)', xml: disk("<target dev='sdaa' bus='scsi'/>") },
    { name: 'fda on a floppy', xml: disk("<target dev='fda' bus='fdc'/>", 'floppy') },
  ],
  invalid: [
    {
      name: 'a partition as target, at the dev attribute',
      xml: disk("<target dev='vdb1' bus='virtio'/>"),
      errors: [
        {
          messageId: 'partition',
          data: { dev: 'vdb1', disk: 'vdb' },
          line: 27,
          column: 15,
          endLine: 27,
          endColumn: 25,
          severity: 'error',
          message:
            '\'vdb1\' names a partition; a guest disk is always a whole disk: libvirt refuses it: "invalid disk target \'vdb1\', partitions can\'t appear in disk targets". Use \'vdb\' (or another free name).',
        },
      ],
    },
    {
      name: 'no <target>, at the <disk>, naming the source as libvirt does',
      xml: disk(''),
      errors: [
        {
          messageId: 'missingTarget',
          data: { source: '/var/lib/libvirt/images/data.raw' },
          line: 24,
          column: 5,
          message:
            'This <disk> has no <target dev=\'...\'>: libvirt refuses it: "missing target information for device /var/lib/libvirt/images/data.raw". Add a target such as <target dev=\'vdb\' bus=\'virtio\'/>.',
        },
      ],
    },
    {
      name: 'a <target> without dev and no source, at the <target>',
      xml: domain("<disk type='file' device='cdrom'>\n  <target bus='sata'/>\n  <readonly/>\n</disk>"),
      errors: [
        {
          messageId: 'missingTargetWithoutSource',
          line: 25,
          column: 7,
          message: 'This <disk> has no <target dev=\'...\'>: libvirt refuses it: "missing target information for device". Add a target such as <target dev=\'vdb\' bus=\'virtio\'/>.',
        },
      ],
    },
    {
      name: 'a disk name with a wrong prefix',
      xml: disk("<target dev='nvme0' bus='virtio'/>"),
      errors: [
        {
          messageId: 'notDiskName',
          data: { dev: 'nvme0' },
          line: 27,
          column: 15,
          message: '\'nvme0\' is not a disk name: libvirt refuses it: "Invalid harddisk device name: nvme0". Use hd*, sd*, vd*, xvd* or ubd* (vda, sdb, ...).',
        },
      ],
    },
    {
      name: 'a floppy with a disk name',
      xml: disk("<target dev='vdb' bus='fdc'/>", 'floppy'),
      errors: [
        {
          messageId: 'notFloppyName',
          data: { dev: 'vdb' },
          line: 27,
          column: 15,
          message: '\'vdb\' is not a floppy name: libvirt refuses it: "Invalid floppy device name: vdb". Use fda or fdb.',
        },
      ],
    },
    {
      name: 'a name libvirt cannot parse',
      xml: disk("<target dev='vd-b' bus='virtio'/>"),
      errors: [
        {
          messageId: 'unparsable',
          data: { dev: 'vd-b' },
          line: 27,
          column: 15,
          message: 'libvirt cannot parse the target name \'vd-b\': libvirt refuses it: "invalid disk target \'vd-b\'". Use a name such as vdb or sdc.',
        },
      ],
    },
  ],
});
