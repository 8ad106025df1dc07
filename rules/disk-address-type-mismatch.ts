import { defineRule } from '#engine/rule.js';
import { diskBus } from '#domain/devices.js';
import { isQemuDomain } from '#domain/machine.js';

const DRIVE_BUSES = new Set(['ide', 'sata', 'scsi', 'fdc']);

export default defineRule({
  meta: {
    id: 'disk-address-type-mismatch',
    description: "A disk's <address> type does not fit its bus (IDE/SATA/SCSI/floppy need 'drive', USB needs 'usb')",
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      notDriveAddress:
        "Disk '{{dev}}' is on the {{bus}} bus but has an address of type '{{type}}': libvirt refuses it: \"Invalid address type '{{type}}' for the disk '{{dev}}' with the bus type '{{bus}}'\". " +
        "Use <address type='drive' .../> or remove the <address>.",
      notUsbAddress: "USB disk '{{dev}}' has an address of type '{{type}}': libvirt refuses it: \"unexpected address type for usb disk\". Use <address type='usb' .../> or remove the <address>.",
    },
    docs: {
      whatItDoes:
        "Reports the `<address>` of a `<disk>` on the `ide`, `sata`, `scsi` or `fdc` bus when its type is not `drive`, and (QEMU driver) the `<address>` of a `usb` disk when its type is not `usb`.",
      whyIsThisBad:
        'A disk on a storage controller is addressed by controller/bus/unit, not by a PCI slot: `virsh define` fails with "Invalid address type \'pci\' for the disk \'sda\' with the bus type \'sata\'" (or "unexpected address type for usb disk"). It happens when a disk is moved from `bus=\'virtio\'` (which does use a PCI address) to SATA or SCSI and its old `<address type=\'pci\'>` stays.',
      example: `<disk type='file' device='disk'>
  <source file='/var/lib/libvirt/images/win11.qcow2'/>
  <target dev='sda' bus='sata'/>
  <address type='pci' domain='0x0000' bus='0x04' slot='0x00' function='0x0'/>
</disk>`,
      useInstead: `<disk type='file' device='disk'>
  <source file='/var/lib/libvirt/images/win11.qcow2'/>
  <target dev='sda' bus='sata'/>
</disk>`,
      fixSafety: 'The suggested fix removes the `<address>`, letting libvirt assign a matching one. It is a suggestion because the guest may see the disk at another position.',
      sources: [
        'libvirt 11.3 src/conf/domain_validate.c virDomainDiskAddressDiskBusCompatibility / virDomainDiskDefValidate: "Invalid address type \'%1$s\' for the disk \'%2$s\' with the bus type \'%3$s\'"',
        'libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainDeviceDefDiskFrontend: "unexpected address type for usb disk"',
        'libvirt tests qemuxmlconfdata/disk-{fdc,ide,sata,scsi}-incompatible-address.xml, disk-usb-pci.xml',
      ],
    },
  },
  create(context) {
    for (const disk of context.domain.select('devices/disk')) {
      const address = disk.childrenNamed('address')[0];
      const type = address?.attr('type');
      if (!address || !type) continue;
      const bus = diskBus(disk);
      const dev = disk.child('target')?.attr('dev') ?? '';
      const remove = { title: 'Remove the <address> and let libvirt assign one', safety: 'unsafe' as const, edits: [context.fixer.removeElement(address)] };
      if (bus && DRIVE_BUSES.has(bus) && type !== 'drive') {
        context.report({
          at: address.attribute('type')!,
          messageId: 'notDriveAddress',
          data: { dev, bus, type },
          fixes: [remove],
        });
      } else if (bus === 'usb' && type !== 'usb' && isQemuDomain(context.domain)) {
        context.report({
          at: address.attribute('type')!,
          messageId: 'notUsbAddress',
          data: { dev, type },
          fixes: [remove],
        });
      }
    }
  },
});
