import { defineRule } from '#engine/rule.js';
import { deviceElements } from '#domain/devices.js';
import { parseUnsigned } from '#domain/platform.js';
import type { XmlElement } from '#engine/tree.js';

const hex = (n: number, width: number) => `0x${n.toString(16).padStart(width, '0')}`;
const CORRECT_IT = ' Correct the address or remove it and let libvirt choose.';
const USE_LSPCI = " Use the host address lspci shows for the device (0b:00.0 is bus='0x0b' slot='0x00' function='0x0').";

export default defineRule({
  meta: {
    id: 'pci-address-out-of-range',
    description: 'A guest or host PCI address has a bus above 0xFF, a slot above 0x1F or a function above 7, or a zPCI uid of 0',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      busTooHigh: 'PCI bus {{value}} does not exist (the highest is 0xff): libvirt refuses it: "Invalid PCI address bus=\'{{hex}}\', must be <= 0xFF".' + CORRECT_IT,
      slotTooHigh: 'PCI slot {{value}} does not exist (the highest is 0x1f): libvirt refuses it: "Invalid PCI address slot=\'{{hex}}\', must be <= 0x1F".' + CORRECT_IT,
      functionTooHigh: 'PCI function {{value}} does not exist (the highest is 7): libvirt refuses it: "Invalid PCI address function={{hex}}, must be <= 7".' + CORRECT_IT,
      hostBusTooHigh: 'Host PCI bus {{value}} does not exist (the highest is 0xff): libvirt refuses it: "Invalid PCI address bus=\'{{hex}}\', must be <= 0xFF".' + USE_LSPCI,
      hostSlotTooHigh: 'Host PCI slot {{value}} does not exist (the highest is 0x1f): libvirt refuses it: "Invalid PCI address slot=\'{{hex}}\', must be <= 0x1F".' + USE_LSPCI,
      hostFunctionTooHigh: 'Host PCI function {{value}} does not exist (the highest is 7): libvirt refuses it: "Invalid PCI address function={{hex}}, must be <= 7".' + USE_LSPCI,
      zpciUidOutOfRange:
        'zPCI uid {{value}} is out of range (1 to 0xffff): libvirt refuses it: "Invalid PCI address uid=\'{{hex}}\', must be > 0x0000 and <= 0xffff".' + CORRECT_IT,
    },
    docs: {
      whatItDoes:
        "Checks every device's `<address type='pci'>` (where the guest sees it) and the host address of a passed-through PCI device (`<hostdev type='pci'><source><address>`, `<interface type='hostdev'><source><address type='pci'>`): bus must be at most 0xFF, slot at most 0x1F, function at most 7; and a `<zpci uid>` must be between 0x0001 and 0xFFFF.",
      whyIsThisBad:
        'PCI has 256 buses, 32 slots per bus and 8 functions per slot; s390 zPCI uids start at 1. libvirt refuses other values, on the guest side and the host side alike, with "Invalid PCI address slot=\'0x20\', must be <= 0x1F" and similar messages. Usually a typo, or a host address (`lspci` shows `0b:00.0`) copied with the wrong base (bus 11 written as `0x11`, a decimal `bus=\'256\'`).',
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
        "Checked with virsh 9.0.0 (test driver): a hostdev `<source><address>` with bus='256' is refused with \"XML error: Invalid PCI address bus='0x100', must be <= 0xFF\", slot='0x20' with \"Invalid PCI address slot='0x20', must be <= 0x1F\", function='0x8' with \"Invalid PCI address function=0x8, must be <= 7\"; the same for `<interface type='hostdev'>`. A host domain above 0xFFFF (up to 32 bits) is accepted.",
      ],
    },
  },
  create(context) {
    const checkRange = (address: XmlElement, side: 'guest' | 'host') => {
      const bus = address.attribute('bus');
      const slot = address.attribute('slot');
      const fn = address.attribute('function');
      const b = parseUnsigned(bus?.value);
      const s = parseUnsigned(slot?.value);
      const f = parseUnsigned(fn?.value);
      const guest = side === 'guest';
      if (bus && b !== undefined && b > 0xff) context.report({ at: bus, messageId: guest ? 'busTooHigh' : 'hostBusTooHigh', data: { value: bus.value, hex: hex(b, 2) } });
      if (slot && s !== undefined && s > 0x1f) context.report({ at: slot, messageId: guest ? 'slotTooHigh' : 'hostSlotTooHigh', data: { value: slot.value, hex: hex(s, 2) } });
      if (fn && f !== undefined && f > 7) context.report({ at: fn, messageId: guest ? 'functionTooHigh' : 'hostFunctionTooHigh', data: { value: fn.value, hex: hex(f, 0) } });
    };
    for (const device of deviceElements(context.domain)) {
      // The host side: a PCI hostdev's source address has no type; <interface type='hostdev'> writes type='pci'.
      const pciHostdev = device.name === 'hostdev' && device.attr('type') === 'pci';
      for (const address of device.child('source')?.childrenNamed('address') ?? []) {
        const type = address.attr('type');
        if (type === 'pci' || (pciHostdev && type === undefined)) checkRange(address, 'host');
      }
      for (const address of device.childrenNamed('address')) {
        if (address.attr('type') !== 'pci') continue;
        checkRange(address, 'guest');
        const uid = address.child('zpci')?.attribute('uid');
        const u = parseUnsigned(uid?.value);
        if (uid && u !== undefined && (u === 0 || u > 0xffff)) {
          context.report({ at: uid, messageId: 'zpciUidOutOfRange', data: { value: uid.value, hex: hex(u, 4) } });
        }
      }
    }
  },
});
