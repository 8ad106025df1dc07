import { defineRule } from '#engine/rule.js';

export default defineRule({
  meta: {
    id: 'disk-lun-source-invalid',
    description: "<disk device='lun'> whose source is not a block device (or an iSCSI LUN), or whose format is not raw",
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      protocolWithoutScsi:
        'A LUN needs a SCSI target, and {{protocol}} storage has none: libvirt refuses it: "disk device=\'lun\' is not supported for protocol=\'{{protocol}}\'". Use device=\'disk\'.',
      notBlock:
        'A LUN passes SCSI commands to a host block device, and a {{type}} source has none: libvirt refuses it: "disk device=\'lun\' is only valid for block type disk source". Use device=\'disk\' for images, or a block device source.',
      notRaw:
        'A LUN is used as it is on the host, without an image format: libvirt refuses it: "disk device \'lun\' must use \'raw\' format". Use type=\'raw\' or device=\'disk\'.',
    },
    docs: {
      whatItDoes:
        "Reports `<disk device='lun'>` with a `type` other than `block` or `volume` (or a network protocol other than iSCSI), and with a `<driver type>` other than `raw`.",
      whyIsThisBad:
        '`device=\'lun\'` passes SCSI commands straight to a host SCSI device, which only a block device (or an iSCSI LUN) has; an image file has no SCSI layer. `virsh define` fails with "disk device=\'lun\' is only valid for block type disk source" or "disk device \'lun\' must use \'raw\' format". Use `device=\'disk\'` for image files.',
      example: `<disk type='file' device='lun'>
  <driver name='qemu' type='qcow2'/>
  <source file='/var/lib/libvirt/images/data.qcow2'/>
  <target dev='sda' bus='scsi'/>
</disk>`,
      useInstead: `<disk type='block' device='lun'>
  <driver name='qemu' type='raw'/>
  <source dev='/dev/disk/by-id/wwn-0x5000c500a1b2c3d4'/>
  <target dev='sda' bus='scsi'/>
</disk>`,
      fixSafety: 'No fix: either the device type or the source is wrong, and only you know which.',
      sources: ['libvirt 11.3 src/conf/domain_validate.c virDomainDiskDefSourceLUNValidate: "disk device=\'lun\' is only valid for block type disk source", "disk device=\'lun\' is not supported for protocol=\'%1$s\'", "disk device \'lun\' must use \'raw\' format"', 'libvirt test qemuxmlconfdata/disk-device-lun-type-invalid.xml'],
    },
  },
  create(context) {
    for (const disk of context.domain.select('devices/disk')) {
      if (disk.attr('device') !== 'lun') continue;
      const type = disk.attribute('type');
      const kind = type?.value ?? 'file';
      if (kind === 'network') {
        const protocol = disk.child('source')?.attr('protocol');
        if (protocol && protocol !== 'iscsi') {
          context.report({ at: disk.child('source')!.attribute('protocol')!, messageId: 'protocolWithoutScsi', data: { protocol } });
        }
      } else if (kind !== 'block' && kind !== 'volume') {
        context.report({ at: type ?? disk, messageId: 'notBlock', data: { type: kind } });
      }
      const format = disk.child('driver')?.attribute('type');
      if (format && format.value !== 'raw') {
        context.report({ at: format, messageId: 'notRaw' });
      }
    }
  },
});
