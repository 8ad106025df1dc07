import { defineRule } from '#engine/rule.js';
import { deviceElements } from '#domain/devices.js';
import { parseUnsigned } from '#domain/platform.js';

const hex = (n: number, width: number) => `0x${n.toString(16).padStart(width, '0')}`;
const CORRECT_IT = ' Correct the address or remove it and let libvirt choose.';

export default defineRule({
  meta: {
    id: 'pci-address-out-of-range',
    description: 'A guest PCI address has a bus above 0xFF, a slot above 0x1F, a function above 7 or a zPCI uid of 0',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      busTooHigh: 'PCI bus {{value}} does not exist (the highest is 0xff): libvirt refuses it: "Invalid PCI address bus=\'{{hex}}\', must be <= 0xFF".' + CORRECT_IT,
      slotTooHigh: 'PCI slot {{value}} does not exist (the highest is 0x1f): libvirt refuses it: "Invalid PCI address slot=\'{{hex}}\', must be <= 0x1F".' + CORRECT_IT,
      functionTooHigh: 'PCI function {{value}} does not exist (the highest is 7): libvirt refuses it: "Invalid PCI address function={{hex}}, must be <= 7".' + CORRECT_IT,
      zpciUidOutOfRange:
        'zPCI uid {{value}} is out of range (1 to 0xffff): libvirt refuses it: "Invalid PCI address uid=\'{{hex}}\', must be > 0x0000 and <= 0xffff".' + CORRECT_IT,
    },
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
    for (const device of deviceElements(context.domain)) {
      for (const address of device.childrenNamed('address')) {
        if (address.attr('type') !== 'pci') continue;
        const bus = address.attribute('bus');
        const slot = address.attribute('slot');
        const fn = address.attribute('function');
        const b = parseUnsigned(bus?.value);
        const s = parseUnsigned(slot?.value);
        const f = parseUnsigned(fn?.value);
        if (bus && b !== undefined && b > 0xff) context.report({ at: bus, messageId: 'busTooHigh', data: { value: bus.value, hex: hex(b, 2) } });
        if (slot && s !== undefined && s > 0x1f) context.report({ at: slot, messageId: 'slotTooHigh', data: { value: slot.value, hex: hex(s, 2) } });
        if (fn && f !== undefined && f > 7) context.report({ at: fn, messageId: 'functionTooHigh', data: { value: fn.value, hex: hex(f, 0) } });
        const uid = address.child('zpci')?.attribute('uid');
        const u = parseUnsigned(uid?.value);
        if (uid && u !== undefined && (u === 0 || u > 0xffff)) {
          context.report({ at: uid, messageId: 'zpciUidOutOfRange', data: { value: uid.value, hex: hex(u, 4) } });
        }
      }
    }
  },
});
