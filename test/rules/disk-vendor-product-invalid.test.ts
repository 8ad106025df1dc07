import rule from '#rules/disk-vendor-product-invalid.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const disk = (bus: string, fields: string, device = 'disk') =>
  domain(`<disk type='block' device='${device}'>
  <driver name='qemu' type='raw' cache='none'/>
  <source dev='/dev/vg0/data'/>
  <target dev='sda' bus='${bus}'/>
  ${fields}
</disk>`);

testRule(rule, {
  valid: [
    { name: 'short strings on SCSI', xml: disk('scsi', '<vendor>SEAGATE</vendor>\n  <product>ST3146707LC</product>') },
    { name: '<product> of 16 characters on SATA', xml: disk('sata', '<product>WD10EZEX-00BN5A0</product>') },
    // libvirt stops at "missing target information for device /dev/vg0/data" (disk-target-invalid's report); the bus is unknown.
    { name: '<vendor> on a disk without <target> (NOTES: was "on the undefined bus")', xml: disk('scsi', '<vendor>SEAGATE</vendor>').replace("<target dev='sda' bus='scsi'/>\n  ", '') },
  ],
  invalid: [
    {
      name: 'a product longer than 16 characters, at <product>',
      xml: disk('scsi', '<product>WD10EZEX-00BN5A00</product>'),
      errors: [
        {
          messageId: 'tooLong',
          data: { element: 'product', length: 17, max: 16 },
          line: 28,
          column: 7,
          endLine: 28,
          endColumn: 16,
          severity: 'error',
          message: '<product> is 17 characters long: libvirt refuses it: "disk product is more than 16 characters". Use at most 16 characters.',
        },
      ],
    },
    {
      name: 'a vendor longer than 8 characters',
      xml: disk('scsi', '<vendor>SEAGATE-X</vendor>'),
      errors: [{ messageId: 'tooLong', data: { element: 'vendor', length: 9, max: 8 }, line: 28, column: 7 }],
    },
    {
      // `virsh define` (9.0.0) refuses <vendor> ABCDEFG </vendor>: "disk vendor is more than 8 characters".
      name: 'spaces around the text count',
      xml: disk('scsi', '<vendor> ABCDEFG </vendor>'),
      errors: [{ messageId: 'tooLong', data: { element: 'vendor', length: 9, max: 8 }, line: 28, column: 7 }],
    },
    {
      name: '<vendor> on a virtio disk',
      xml: disk('virtio', '<vendor>SEAGATE</vendor>'),
      errors: [
        {
          messageId: 'vendorNotScsi',
          data: { bus: 'virtio' },
          line: 28,
          column: 7,
          message: '<vendor> only exists for SCSI disks, and this disk is on the virtio bus: libvirt refuses it: "Only scsi disk supports \'vendor\'". Remove it or put the disk on bus=\'scsi\'.',
        },
      ],
    },
    {
      name: '<product> on a LUN, at the first of the two',
      xml: disk('scsi', '<product>ST3146707LC</product>', 'lun'),
      errors: [
        {
          messageId: 'onLun',
          line: 28,
          column: 7,
          message: 'A LUN passes the real device\'s identity through: libvirt refuses it: "Setting vendor or product is not supported for lun device". Remove <vendor> and <product>.',
        },
      ],
    },
  ],
});
