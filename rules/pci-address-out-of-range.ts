import { defineRule } from '../src/engine/rule.js';
import type { XmlAttribute } from '../src/engine/tree.js';
import { deviceElements } from '../src/domain/devices.js';
import { parseUnsigned } from '../src/domain/platform.js';

const hex = (n: number, width: number) => `0x${n.toString(16).padStart(width, '0')}`;

export default defineRule({
  meta: {
    id: 'pci-address-out-of-range',
    description: 'A guest PCI address has a bus above 0xFF, a slot above 0x1F, a function above 7 or a zPCI uid of 0',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    docs: {
      whatItDoes:
        "Checks every device's `<address type='pci'>`: bus must be at most 0xFF, slot at most 0x1F, function at most 7, and a `<zpci uid>` must be between 0x0001 and 0xFFFF.",
      whyIsThisBad:
        'PCI has 256 buses, 32 slots per bus and 8 functions per slot; s390 zPCI uids start at 1. libvirt refuses other values with "Invalid PCI address slot=\'0x20\', must be <= 0x1F" and similar messages. Usually a typo, or a host address (`lspci` shows `0b:00.0`) pasted into the guest address with the wrong base.',
      example: `<interface type='network'>
  <source network='default'/>
  <model type='virtio'/>
  <address type='pci' domain='0x0000' bus='0x00' slot='0x20' function='0x0'/>
</interface>`,
      useInstead: `<interface type='network'>
  <source network='default'/>
  <model type='virtio'/>
  <address type='pci' domain='0x0000' bus='0x00' slot='0x1f' function='0x0'/>
</interface>`,
      fixSafety: 'No fix: the intended address is unknown.',
      sources: [
        'libvirt 11.3 src/conf/device_conf.c virPCIDeviceAddressIsValid: "Invalid PCI address bus=\'%1$s\', must be <= 0xFF", "slot=\'%1$s\', must be <= 0x1F", "function=0x%1$x, must be <= 7"',
        'libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainDeviceDefZPCIAddress: "Invalid PCI address uid=\'0x%1$.4x\', must be > 0x0000 and <= 0x%2$.4x"',
        'libvirt tests qemuxmlconfdata/pci-{bus,slot,function,domain}-invalid.xml, hostdev-vfio-zpci-*.xml',
      ],
    },
  },
  create(context) {
    const report = (attr: XmlAttribute, text: string, libvirt: string) =>
      context.report({ at: attr, message: `${text}: libvirt refuses it: "${libvirt}". Correct the address or remove it and let libvirt choose.` });
    for (const device of deviceElements(context.domain)) {
      for (const address of device.childrenNamed('address')) {
        if (address.attr('type') !== 'pci') continue;
        const bus = address.attribute('bus');
        const slot = address.attribute('slot');
        const fn = address.attribute('function');
        const b = parseUnsigned(bus?.value);
        const s = parseUnsigned(slot?.value);
        const f = parseUnsigned(fn?.value);
        if (bus && b !== undefined && b > 0xff) report(bus, `PCI bus ${bus.value} does not exist (the highest is 0xff)`, `Invalid PCI address bus='${hex(b, 2)}', must be <= 0xFF`);
        if (slot && s !== undefined && s > 0x1f) report(slot, `PCI slot ${slot.value} does not exist (the highest is 0x1f)`, `Invalid PCI address slot='${hex(s, 2)}', must be <= 0x1F`);
        if (fn && f !== undefined && f > 7) report(fn, `PCI function ${fn.value} does not exist (the highest is 7)`, `Invalid PCI address function=0x${f.toString(16)}, must be <= 7`);
        const uid = address.child('zpci')?.attribute('uid');
        const u = parseUnsigned(uid?.value);
        if (uid && u !== undefined && (u === 0 || u > 0xffff)) {
          report(uid, `zPCI uid ${uid.value} is out of range (1 to 0xffff)`, `Invalid PCI address uid='${hex(u, 4)}', must be > 0x0000 and <= 0xffff`);
        }
      }
    }
  },
});
