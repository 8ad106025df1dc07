import { defineRule } from '#engine/rule.js';
import type { XmlElement } from '#engine/tree.js';
import { diskBus } from '#domain/devices.js';
import { rawText } from '#domain/platform.js';
import { isQemuDomain } from '#domain/machine.js';

const LIMITS: Record<string, number> = { vendor: 8, product: 16 };

export default defineRule({
  meta: {
    id: 'disk-vendor-product-invalid',
    description: '<disk><vendor> longer than 8 or <product> longer than 16 characters, <vendor> on a non-SCSI disk, or either on a LUN',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      tooLong: '<{{element}}> is {{length}} characters long: libvirt refuses it: "disk {{element}} is more than {{max}} characters". Use at most {{max}} characters.',
      onLun: 'A LUN passes the real device\'s identity through: libvirt refuses it: "Setting vendor or product is not supported for lun device". Remove <vendor> and <product>.',
      vendorNotScsi:
        '<vendor> only exists for SCSI disks, and this disk is on the {{bus}} bus: libvirt refuses it: "Only scsi disk supports \'vendor\'". Remove it or put the disk on bus=\'scsi\'.',
    },
    docs: {
      whatItDoes: 'Reports `<vendor>` strings over 8 characters and `<product>` strings over 16 (the SCSI INQUIRY field sizes), and (QEMU driver) `<vendor>` on a disk whose bus is not `scsi`, or either element on a `lun` device.',
      whyIsThisBad:
        'Vendor and product are SCSI INQUIRY data; only emulated SCSI disks report them and the fields have fixed sizes. `virsh define` fails with "disk product is more than 16 characters", "Only scsi disk supports \'vendor\'" or "Setting vendor or product is not supported for lun device". People copy a real drive\'s model number (often longer than 16) to make a Windows guest happy.',
      example: `<disk type='block' device='disk'>
  <source dev='/dev/vg0/data'/>
  <target dev='sda' bus='scsi'/>
  <product>WD10EZEX-00BN5A00</product>
</disk>`,
      useInstead: `<disk type='block' device='disk'>
  <source dev='/dev/vg0/data'/>
  <target dev='sda' bus='scsi'/>
  <product>WD10EZEX-00BN5A0</product>
</disk>`,
      fixSafety: 'No fix: shortening a model string is a choice.',
      notes: 'libvirt 11.3 accepts `<product>` on SATA disks (test disk-sata-product.xml); virt-lint does not check which buses take `<product>`.',
      sources: [
        'libvirt 11.3 src/conf/domain_validate.c virDomainDiskDefValidate: "disk vendor is more than %1$d characters" (8), "disk product is more than %1$d characters" (16)',
        'libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainDeviceDefDiskFrontend: "Only scsi disk supports \'vendor\'", "Setting vendor or product is not supported for lun device"',
        'libvirt tests qemuxmlconfdata/disk-scsi-product-length.xml, disk-scsi-disk-vpd-build-error.xml',
      ],
    },
  },
  create(context) {
    const qemu = isQemuDomain(context.domain);
    for (const disk of context.domain.select('devices/disk')) {
      const fields = ['vendor', 'product'].map((n) => disk.child(n)).filter((e): e is XmlElement => e !== undefined);
      for (const el of fields) {
        // libvirt counts the characters as written, spaces around them included (`virsh define` refuses <vendor> ABCDEFG </vendor>).
        const len = rawText(el).length;
        if (len > LIMITS[el.name]) {
          context.report({ at: el, messageId: 'tooLong', data: { element: el.name, length: len, max: LIMITS[el.name] } });
        }
      }
      if (!qemu || fields.length === 0) continue;
      const bus = diskBus(disk);
      const vendor = disk.child('vendor');
      if (disk.attr('device') === 'lun') {
        context.report({ at: fields[0], messageId: 'onLun' });
      } else if (vendor && bus !== undefined && bus !== 'scsi') {
        // A disk without <target> has no bus: libvirt stops at "missing target information" (disk-target-invalid) first.
        context.report({ at: vendor, messageId: 'vendorNotScsi', data: { bus } });
      }
    }
  },
});
