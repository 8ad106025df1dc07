import rule from '#rules/disk-lun-source-invalid.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const lun = (type: string, format: string, source: string) =>
  domain(`<controller type='scsi' index='0' model='virtio-scsi'/>
<disk type='${type}' device='lun'>
  <driver name='qemu' type='${format}'/>
  ${source}
  <target dev='sda' bus='scsi'/>
</disk>`);

testRule(rule, {
  valid: [
    { name: 'a raw block LUN', xml: lun('block', 'raw', "<source dev='/dev/disk/by-id/wwn-0x5000c500a1b2c3d4'/>") },
    { name: 'a raw iSCSI LUN', xml: lun('network', 'raw', "<source protocol='iscsi' name='iqn.2013-06.com.example:storage/1'>\n    <host name='iscsi.example.org' port='3260'/>\n  </source>") },
  ],
  invalid: [
    {
      name: 'a LUN backed by an image file, at the disk type',
      xml: lun('file', 'raw', "<source file='/var/lib/libvirt/images/data.raw'/>"),
      errors: [
        {
          messageId: 'notBlock',
          data: { type: 'file' },
          line: 25,
          column: 11,
          endLine: 25,
          endColumn: 22,
          severity: 'error',
          message:
            'A LUN passes SCSI commands to a host block device, and a file source has none: libvirt refuses it: "disk device=\'lun\' is only valid for block type disk source". Use device=\'disk\' for images, or a block device source.',
        },
      ],
    },
    {
      name: 'a qcow2 LUN, at the driver type',
      xml: lun('block', 'qcow2', "<source dev='/dev/sdb'/>"),
      errors: [
        {
          messageId: 'notRaw',
          line: 26,
          column: 27,
          message: 'A LUN is used as it is on the host, without an image format: libvirt refuses it: "disk device \'lun\' must use \'raw\' format". Use type=\'raw\' or device=\'disk\'.',
        },
      ],
    },
    {
      name: 'an RBD LUN, at the source protocol',
      xml: lun('network', 'raw', "<source protocol='rbd' name='pool/image'>\n    <host name='ceph.example.org'/>\n  </source>"),
      errors: [
        {
          messageId: 'protocolWithoutScsi',
          data: { protocol: 'rbd' },
          line: 27,
          column: 15,
          message: 'A LUN needs a SCSI target, and rbd storage has none: libvirt refuses it: "disk device=\'lun\' is not supported for protocol=\'rbd\'". Use device=\'disk\'.',
        },
      ],
    },
  ],
});
