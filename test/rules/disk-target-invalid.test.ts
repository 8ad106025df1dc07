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
    // libvirt 9.0.0 defines it (the int index wraps around); 11.3 refuses it (qemuxmlconfdata/disk-target-overflow.xml).
    { name: "a name whose index overflows libvirt's int is left alone", xml: disk("<target dev='hdaxxxxxxxxxx' bus='virtio'/>") },
    { name: 'an odd name on another driver, with an address (only the QEMU driver parses it again)', xml: disk("<target dev='vd-b' bus='virtio'/>\n  <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>").replace("<domain type='kvm'>", "<domain type='xen'>") },
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
      // `virsh define` (9.0.0): a disk without <address> is numbered from its name first.
      name: 'a disk name with a wrong prefix and no <address>: libvirt cannot number it',
      xml: disk("<target dev='nvme0' bus='virtio'/>"),
      errors: [
        {
          messageId: 'unknownName',
          data: { dev: 'nvme0' },
          line: 27,
          column: 15,
          message:
            'libvirt cannot number the target name \'nvme0\', and the disk has no <address> to use instead: libvirt refuses it: "Unknown disk name \'nvme0\' and no address specified". Use a name such as vdb or sdc.',
        },
      ],
    },
    {
      name: 'vd-b without <address> (NOTES: not "invalid disk target")',
      xml: disk("<target dev='vd-b' bus='virtio'/>"),
      errors: [{ messageId: 'unknownName', data: { dev: 'vd-b' }, line: 27, column: 15 }],
    },
    {
      name: 'a disk name with a wrong prefix, with an <address>',
      xml: disk("<target dev='nvme0' bus='virtio'/>\n  <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>"),
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
      name: 'a name libvirt cannot parse, with an <address> (QEMU driver)',
      xml: disk("<target dev='vd-b' bus='virtio'/>\n  <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>"),
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
    {
      // virDiskNameParse with a partition: "Shouldn't start by zero" (more than one digit starting with 0).
      name: 'a partition number with a leading zero (vdb01) is no name at all to the QEMU driver',
      xml: disk("<target dev='vdb01' bus='virtio'/>"),
      errors: [{ messageId: 'unparsable', data: { dev: 'vdb01' }, line: 27, column: 15 }],
    },
    {
      // `virsh define` (9.0.0): "missing target information for device pool = 'p', volume = 'v'".
      name: 'a storage-pool volume without <target>, named as libvirt names it',
      xml: domain("<disk type='volume' device='disk'>\n  <source pool='p' volume='v'/>\n</disk>"),
      errors: [{ messageId: 'missingTarget', data: { source: "pool = 'p', volume = 'v'" }, line: 24, column: 5 }],
    },
  ],
});
