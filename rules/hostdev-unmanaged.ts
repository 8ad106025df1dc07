import { defineRule } from '#engine/rule.js';
import { isQemuDomain } from '#domain/machine.js';
import { formatPci, pciHostdevs } from '#domain/pci.js';

const BIND_BY_HAND = ": libvirt will not bind it to vfio-pci for you; detach it first (virsh nodedev-detach, or vfio-pci.ids at boot), or set managed='yes'.";

export default defineRule({
  meta: {
    id: 'hostdev-unmanaged',
    description: "A PCI <hostdev> without managed='yes': the device must be bound to vfio-pci by hand before the VM starts",
    severity: 'info',
    category: 'passthrough',
    fixable: false,
    messages: {
      managedNo: "{{hostdev}} is managed='no'" + BIND_BY_HAND,
      notManaged: "{{hostdev}} is not managed (no managed='yes')" + BIND_BY_HAND,
    },
    docs: {
      whatItDoes: "Reports `<hostdev mode='subsystem' type='pci'>` whose `managed` attribute is absent or `no` (QEMU driver).",
      whyIsThisBad:
        "With `managed='yes'` libvirt detaches the device from its host driver (binding it to vfio-pci) when the VM starts and gives it back afterwards. Without it you must run `virsh nodedev-detach` (or bind vfio-pci at boot) yourself, or the VM fails to start. That is a valid choice for GPUs reserved with vfio-pci.ids at boot, which is why this is only information.",
      example: `<hostdev mode='subsystem' type='pci'>
  <source><address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/></source>
</hostdev>`,
      useInstead: `<hostdev mode='subsystem' type='pci' managed='yes'>
  <source><address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/></source>
</hostdev>`,
      fixSafety: "No automatic fix: with managed='yes' libvirt rebinds the device to its host driver when the VM stops, which single-GPU setups with their own hook scripts may not want.",
      sources: ['libvirt docs/formatdomain.rst "USB / PCI / SCSI devices" (hostdev managed attribute)'],
    },
  },
  create(context) {
    const { domain } = context;
    if (!isQemuDomain(domain)) return;
    for (const { hostdev, source } of pciHostdevs(domain)) {
      const managed = hostdev.attr('managed');
      if (managed === 'yes') continue;
      context.report({
        at: hostdev.attribute('managed') ?? hostdev,
        messageId: managed === 'no' ? 'managedNo' : 'notManaged',
        data: { hostdev: source ? `PCI hostdev ${formatPci(source)}` : 'PCI hostdev' },
      });
    }
  },
});
