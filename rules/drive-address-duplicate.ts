import { defineRule } from '#engine/rule.js';
import type { XmlElement } from '#engine/tree.js';
import { diskBus, diskDriveAddress, driveAddressOf, formatDriveAddress, sameDriveAddress, type DriveAddress } from '#domain/devices.js';

export default defineRule({
  meta: {
    id: 'drive-address-duplicate',
    description: 'Two disks (or SCSI host devices) sit at the same drive address: controller, bus, target and unit',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      diskOnDisk:
        'Disk \'{{dev}}\' is at the same {{bus}} drive address as disk \'{{other}}\' ({{address}}): libvirt refuses it: ' +
        '"Found duplicate drive address for disk with target name \'{{other}}\' {{address}}". ' +
        'Give one of them another unit, or drop its <address> and let libvirt choose.',
      hostdevOnHostdev:
        'Another SCSI <hostdev> already uses drive address {{address}}: libvirt refuses it: "SCSI host address {{libvirtAddress}} in use by another SCSI host device". Give this device another unit.',
      hostdevOnDisk:
        'SCSI disk \'{{dev}}\' already uses drive address {{address}}: libvirt refuses it: "SCSI host address {{address}} in use by a SCSI disk". Give this device another unit.',
      // libvirt's text lacks the closing quote after the unit; quoted as `virsh define` (9.0.0) prints it.
      hostdevOnNamedDisk:
        'SCSI disk \'{{dev}}\' takes drive address {{address}} from its target name, and this SCSI <hostdev> is written at that address: libvirt refuses it: "using disk target name \'{{dev}}\' conflicts with SCSI host device address {{openAddress}}". ' +
        'Give this device another unit, or give the disk an <address> of its own.',
    },
    docs: {
      whatItDoes:
        "Works out the drive address of every IDE, SATA, SCSI and floppy disk (the `<address type='drive'>` written, or the one libvirt derives from the target name: `sda` is unit 0, `sdb` unit 1, ...) and of every SCSI `<hostdev>` with a written drive address, and reports a device whose address is already taken on the same bus.",
      whyIsThisBad:
        'Two devices cannot sit on the same controller, bus, target and unit. `virsh define` fails with "Found duplicate drive address for disk with target name \'sda\' controller=\'0\' bus=\'0\' target=\'0\' unit=\'0\'" (or "SCSI host address ... in use by another SCSI host device", "... in use by a SCSI disk", "using disk target name \'sda\' conflicts with SCSI host device address ..."). A common cause is an explicit `<address>` copied from another disk, or an explicit address that collides with the address libvirt gives a disk that has none.',
      example: `<disk type='block' device='disk'>
  <source dev='/dev/vg0/system'/>
  <target dev='sda' bus='sata'/>
</disk>
<disk type='block' device='disk'>
  <source dev='/dev/vg0/data'/>
  <target dev='sdb' bus='sata'/>
  <address type='drive' controller='0' bus='0' target='0' unit='0'/>
</disk>`,
      useInstead: `<disk type='block' device='disk'>
  <source dev='/dev/vg0/system'/>
  <target dev='sda' bus='sata'/>
</disk>
<disk type='block' device='disk'>
  <source dev='/dev/vg0/data'/>
  <target dev='sdb' bus='sata'/>
  <address type='drive' controller='0' bus='0' target='0' unit='1'/>
</disk>`,
      fixSafety: 'No fix: which device should move is your choice (removing the explicit `<address>` lets libvirt pick a free one).',
      sources: [
        'libvirt 11.3 src/conf/domain_validate.c virDomainDefDuplicateDriveAddressesValidate: "Found duplicate drive address for disk with target name \'%1$s\' controller=\'%2$u\' bus=\'%3$u\' target=\'%4$u\' unit=\'%5$u\'", "SCSI host address ... in use by another SCSI host device"',
        'libvirt 11.3 src/conf/domain_postparse.c (SCSI hostdev post-parse): "SCSI host address controller=\'%1$u\' bus=\'%2$u\' target=\'%3$u\' unit=\'%4$u\' in use by a SCSI disk"',
        'virsh 9.0.0 (test driver) for a SCSI disk without <address> on a SCSI hostdev\'s address: "using disk target name \'sda\' conflicts with SCSI host device address controller=\'0\' bus=\'0\' target=\'0\' unit=\'0" (sic, no closing quote; from virDomainDiskDefAssignAddress)',
        'libvirt 11.3 src/conf/domain_conf.c virDomainDiskDefAssignAddress (default drive address from the target name)',
        'libvirt tests qemuxmlconfdata/disk-address-conflict.xml, hostdevs-drive-address-conflict.xml',
      ],
      notes:
        "For SCSI disks without an address virt-lint assumes the QEMU driver's wide SCSI numbering (15 disks per controller, unit 7 skipped); other drivers number narrow buses differently.",
    },
  },
  create(context) {
    const { domain } = context;
    const disks: { disk: XmlElement; bus: string; address: DriveAddress; explicit: boolean; at: XmlElement }[] = [];
    for (const disk of domain.select('devices/disk')) {
      const bus = diskBus(disk);
      const found = diskDriveAddress(disk);
      if (!bus || !found) continue;
      const at = found.explicit ? disk.childrenNamed('address')[0] : disk;
      const clash = disks.find((d) => d.bus === bus && sameDriveAddress(d.address, found.address));
      if (clash) {
        const other = clash.disk.child('target')?.attr('dev') ?? '';
        const dev = disk.child('target')?.attr('dev') ?? '';
        context.report({ at, messageId: 'diskOnDisk', data: { dev, bus, other, address: formatDriveAddress(found.address) } });
        continue;
      }
      disks.push({ disk, bus, address: found.address, explicit: found.explicit, at });
    }

    const scsiHostdevs: DriveAddress[] = [];
    for (const hostdev of domain.select('devices/hostdev')) {
      if (hostdev.attr('type') !== 'scsi') continue;
      const addressEl = hostdev.childrenNamed('address')[0];
      const address = driveAddressOf(addressEl);
      if (!addressEl || !address) continue;
      // libvirt prints bus and controller swapped in this message; quoted as it prints it.
      const libvirtAddress = `controller='${address.bus}' bus='${address.controller}' target='${address.target}' unit='${address.unit}'`;
      if (scsiHostdevs.some((a) => sameDriveAddress(a, address))) {
        context.report({ at: addressEl, messageId: 'hostdevOnHostdev', data: { address: formatDriveAddress(address), libvirtAddress } });
        continue;
      }
      scsiHostdevs.push(address);
      const disk = disks.find((d) => d.bus === 'scsi' && sameDriveAddress(d.address, address));
      if (disk) {
        const dev = disk.disk.child('target')?.attr('dev') ?? '';
        const formatted = formatDriveAddress(address);
        // A disk without <address> gets its address from the target name, and libvirt reports the clash while assigning it.
        if (disk.explicit) context.report({ at: addressEl, messageId: 'hostdevOnDisk', data: { dev, address: formatted } });
        else context.report({ at: addressEl, messageId: 'hostdevOnNamedDisk', data: { dev, address: formatted, openAddress: formatted.slice(0, -1) } });
      }
    }
  },
});
