import { defineRule } from '#engine/rule.js';
import type { XmlElement } from '#engine/tree.js';
import { formatPci, guestPciAddress, type PciAddress } from '#domain/pci.js';
import { deviceElements, describeDevice, diskBus } from '#domain/devices.js';

/** Buses whose disks use drive addresses; a PCI address on them is disk-address-type-mismatch's business. */
const DRIVE_BUSES = new Set(['ide', 'sata', 'scsi', 'fdc']);
import { isI440fx, isQemuDomain } from '#domain/machine.js';

const key = (a: PciAddress) => `${a.domain}:${a.bus}:${a.slot}.${a.function}`;

export default defineRule({
  meta: {
    id: 'pci-address-duplicate',
    description: 'Two devices are given the same guest PCI address',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      ideSlot:
        '{{device}} is placed at 0000:00:01.1, where the i440fx machine\'s built-in IDE controller sits: libvirt refuses it: "Attempted double use of PCI Address 0000:00:01.1". ' +
        'Move the device to a free slot, or remove its <address> and let libvirt choose.',
      duplicate:
        '{{device}} uses PCI address {{address}}, already taken by {{first}}: libvirt refuses it: "Attempted double use of PCI Address {{address}}". ' +
        'Move one of them to a free slot, or remove its <address> and let libvirt choose.',
    },
    docs: {
      whatItDoes:
        "Collects the guest-side `<address type='pci' domain bus slot function>` of every device and reports a device whose address is already used by another one. On i440fx machines it also reports a device placed at 0000:00:01.1, where the built-in IDE controller always sits. QEMU driver only.",
      whyIsThisBad:
        'A PCI function can hold one device. `virsh define` fails with "Attempted double use of PCI Address 0000:00:01.1". It usually comes from copying a device block (with its `<address>`) or from pasting a device from another VM.',
      example: `<interface type='network'>
  <source network='default'/>
  <model type='virtio'/>
  <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
</interface>
<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/>
  </source>
  <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
</hostdev>`,
      useInstead: `<interface type='network'>
  <source network='default'/>
  <model type='virtio'/>
  <address type='pci' domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
</interface>
<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/>
  </source>
  <!-- no <address>: libvirt assigns a free one -->
</hostdev>`,
      fixSafety: 'No fix: which device should move is your choice; deleting one device\'s `<address>` lets libvirt pick a free slot (on q35 it may add a pcie-root-port).',
      sources: [
        'libvirt 11.3 src/conf/domain_addr.c virDomainPCIAddressReserveAddrInternal: "Attempted double use of PCI Address %1$s"',
        'libvirt 11.3 src/qemu/qemu_domain_address.c qemuDomainValidateDevicePCISlotsPIIX3 (the IDE controller at 0000:00:01.1 on i440fx)',
        'libvirt test qemuxmlconfdata/440fx-ide-address-conflict.xml',
      ],
      notes:
        'Only the written addresses are compared (plus the i440fx IDE slot); conflicts with addresses libvirt reserves for other built-in devices are not detected. An all-zero address is libvirt\'s "any PCI address" request and is skipped.',
    },
  },
  create(context) {
    const { domain } = context;
    if (!isQemuDomain(domain)) return;
    const seen = new Map<string, XmlElement>();
    const i440fx = isI440fx(domain);
    for (const device of deviceElements(domain)) {
      // <console> of target type serial is the first <serial> again (libvirt shares the device).
      if (device.name === 'console') continue;
      if (device.name === 'disk' && DRIVE_BUSES.has(diskBus(device) ?? '')) continue;
      const address = guestPciAddress(device);
      if (!address) continue;
      if (address.domain === 0 && address.bus === 0 && address.slot === 0 && address.function === 0) continue;
      const at = device.childrenNamed('address').find((a) => a.attr('type') === 'pci')!;
      const k = key(address);
      const first = seen.get(k);
      const isIdeController = device.name === 'controller' && device.attr('type') === 'ide';
      if (!first && i440fx && !isIdeController && k === '0:0:1.1') {
        context.report({ at, messageId: 'ideSlot', data: { device: describeDevice(device) } });
        continue;
      }
      if (first) {
        context.report({ at, messageId: 'duplicate', data: { device: describeDevice(device), address: formatPci(address), first: describeDevice(first) } });
        continue;
      }
      seen.set(k, device);
    }
  },
});
