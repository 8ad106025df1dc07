import { defineRule } from '#engine/rule.js';
import { diskNameIndex, diskSourceName, parseDiskName } from '#domain/devices.js';
import { isQemuDomain } from '#domain/machine.js';

const MISSING_TARGET = "This <disk> has no <target dev='...'>: libvirt refuses it: ";
const ADD_TARGET = " Add a target such as <target dev='vdb' bus='virtio'/>.";

const DISK_PREFIXES = ['hd', 'sd', 'vd', 'xvd', 'ubd'];

export default defineRule({
  meta: {
    id: 'disk-target-invalid',
    description: 'A <disk> has no <target dev>, or a target name libvirt cannot use (wrong prefix, a partition number)',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      missingTarget: MISSING_TARGET + '"missing target information for device {{source}}".' + ADD_TARGET,
      missingTargetWithoutSource: MISSING_TARGET + '"missing target information for device".' + ADD_TARGET,
      notDiskName: '\'{{dev}}\' is not a disk name: libvirt refuses it: "Invalid harddisk device name: {{dev}}". Use hd*, sd*, vd*, xvd* or ubd* (vda, sdb, ...).',
      notFloppyName: '\'{{dev}}\' is not a floppy name: libvirt refuses it: "Invalid floppy device name: {{dev}}". Use fda or fdb.',
      unknownName:
        'libvirt cannot number the target name \'{{dev}}\', and the disk has no <address> to use instead: libvirt refuses it: "Unknown disk name \'{{dev}}\' and no address specified". Use a name such as vdb or sdc.',
      unparsable: 'libvirt cannot parse the target name \'{{dev}}\': libvirt refuses it: "invalid disk target \'{{dev}}\'". Use a name such as vdb or sdc.',
      partition:
        '\'{{dev}}\' names a partition; a guest disk is always a whole disk: libvirt refuses it: "invalid disk target \'{{dev}}\', partitions can\'t appear in disk targets". Use \'{{disk}}\' (or another free name).',
    },
    docs: {
      whatItDoes:
        "Reports `<disk>` elements without `<target dev>`; a disk without `<address>` whose target libvirt cannot number (a known prefix, then lowercase letters, then only digits); disks and LUNs whose target does not start with hd, sd, vd, xvd or ubd; floppies whose target does not start with fd; and (QEMU driver) targets libvirt cannot parse (`vd-b`, `vdb01`) or that end in a partition number (`vdb1`).",
      whyIsThisBad:
        'The target names the disk inside libvirt and decides its default address. A disk cannot be attached as a partition of another, and every disk needs a target. `virsh define` fails with "missing target information for device ...", "Unknown disk name \'...\' and no address specified", "Invalid harddisk device name: ...", or "invalid disk target \'vdb1\', partitions can\'t appear in disk targets".',
      example: `<disk type='file' device='disk'>
  <source file='/var/lib/libvirt/images/data.raw'/>
  <target dev='vdb1' bus='virtio'/>
</disk>`,
      useInstead: `<disk type='file' device='disk'>
  <source file='/var/lib/libvirt/images/data.raw'/>
  <target dev='vdb' bus='virtio'/>
</disk>`,
      fixSafety: 'No fix: the right name depends on the other disks.',
      sources: [
        'libvirt 11.3 src/conf/domain_validate.c virDomainDiskDefValidate: VIR_ERR_NO_TARGET ("missing target information for device %s"), "Invalid harddisk device name: %1$s", "Invalid floppy device name: %1$s"',
        'libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainDeviceDefDisk: "invalid disk target \'%1$s\'", "invalid disk target \'%1$s\', partitions can\'t appear in disk targets"',
        'libvirt src/util/virutil.c virDiskNameParse / virDiskNameToIndex (prefixes, base-26 letters, "Shouldn\'t start by zero" for the partition number)',
        'virsh 9.0.0 define of a disk without <address> named nvme0, vd-b or vdB: "Unknown disk name \'...\' and no address specified" (libvirt numbers the disk from its name before validating it)',
        'libvirt tests qemuxmlconfdata/disk-missing-target-invalid.xml, disk-attaching-partition-nosupport.xml',
      ],
      notes:
        "A name with seven or more letters after the prefix numbers a disk past a C int: libvirt 9.0.0 wraps around and accepts it, 11.3 refuses it (\"Unknown disk name 'hdaxxxxxxxxxx' and no address specified\", its test disk-target-overflow.xml). The release that changed this is not known here, so such names are not reported.",
    },
  },
  create(context) {
    const qemu = isQemuDomain(context.domain);
    for (const disk of context.domain.select('devices/disk')) {
      const target = disk.child('target');
      const devAttr = target?.attribute('dev');
      if (!devAttr) {
        const source = diskSourceName(disk);
        if (source) context.report({ at: target ?? disk, messageId: 'missingTarget', data: { source } });
        else context.report({ at: target ?? disk, messageId: 'missingTargetWithoutSource' });
        continue;
      }
      const dev = devAttr.value;
      // Without an <address>, libvirt numbers the disk from its name first
      // (virDomainDiskDefAssignAddress, any bus and driver); digits at the end are ignored there.
      if (disk.childrenNamed('address').length === 0 && diskNameIndex(dev) === undefined) {
        context.report({ at: devAttr, messageId: 'unknownName', data: { dev } });
        continue;
      }
      const device = disk.attr('device') ?? 'disk';
      if ((device === 'disk' || device === 'lun') && !DISK_PREFIXES.some((p) => dev.startsWith(p))) {
        context.report({ at: devAttr, messageId: 'notDiskName', data: { dev } });
        continue;
      }
      if (device === 'floppy' && !dev.startsWith('fd')) {
        context.report({ at: devAttr, messageId: 'notFloppyName', data: { dev } });
        continue;
      }
      if (!qemu) continue;
      // The QEMU driver parses the name again with its partition number (vdb01: "Shouldn't start by zero").
      const parsed = parseDiskName(dev);
      if (!parsed) {
        context.report({ at: devAttr, messageId: 'unparsable', data: { dev } });
        continue;
      }
      if (parsed.partition !== 0) {
        context.report({ at: devAttr, messageId: 'partition', data: { dev, disk: dev.replace(/\d+$/, '') } });
      }
    }
  },
});
