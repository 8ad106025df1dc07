import { defineRule } from '#engine/rule.js';
import type { XmlElement } from '#engine/tree.js';
import { isQemuDomain } from '#domain/machine.js';
import { formatPci, pciAddressOf, type PciAddress } from '#domain/pci.js';

export default defineRule({
  meta: {
    id: 'pci-multifunction-off',
    description: "Guest PCI function 0 with multifunction='off' while other functions of its slot are in use (QEMU refuses to start)",
    severity: 'error',
    failsAt: 'start',
    category: 'passthrough',
    fixable: 'unsafe',
    messages: {
      multifunctionOff:
        "Guest PCI slot {{slot}} holds function 0 with multifunction='off' and also function {{function}} ({{address}}); QEMU refuses to start: " +
        '"PCI: single function device can\'t be populated in function {{qemuSlot}}.{{qemuFunction}}" (or "PCI: {{qemuSlot}}.0 indicates single function, but {{qemuSlot}}.{{qemuFunction}} is already populated.", depending on the order). ' +
        "Set multifunction='on' on function 0.",
    },
    docs: {
      whatItDoes:
        "Groups the devices' guest PCI addresses (`<address type='pci'>`) by domain, bus and slot, and reports function 0 of a slot when its address says `multifunction='off'` while another device uses function 1-7 of the same slot — typically a GPU and its HDMI audio placed by hand in one guest slot.",
      whyIsThisBad:
        "QEMU only lets a slot hold several functions when function 0 is a multifunction device; otherwise it refuses to start: \"PCI: single function device can't be populated in function 4.1\" (or \"PCI: 4.0 indicates single function, but 4.1 is already populated.\"). When the attribute is absent libvirt sets `multifunction='on'` itself for such slots (virDomainPCIAddressSetAllMulti), but it keeps an explicit 'off' — \"the user must have better information than us\".",
      example: `<hostdev mode='subsystem' type='pci' managed='yes'>
  <source><address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/></source>
  <address type='pci' domain='0x0000' bus='0x05' slot='0x00' function='0x0' multifunction='off'/>
</hostdev>
<hostdev mode='subsystem' type='pci' managed='yes'>
  <source><address domain='0x0000' bus='0x0b' slot='0x00' function='0x1'/></source>
  <address type='pci' domain='0x0000' bus='0x05' slot='0x00' function='0x1'/>
</hostdev>`,
      useInstead: `<hostdev mode='subsystem' type='pci' managed='yes'>
  <source><address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/></source>
  <address type='pci' domain='0x0000' bus='0x05' slot='0x00' function='0x0' multifunction='on'/>
</hostdev>
<hostdev mode='subsystem' type='pci' managed='yes'>
  <source><address domain='0x0000' bus='0x0b' slot='0x00' function='0x1'/></source>
  <address type='pci' domain='0x0000' bus='0x05' slot='0x00' function='0x1'/>
</hostdev>`,
      fixSafety:
        "Suggestion only (not applied by `--fix`): sets `multifunction='on'` on function 0's address, the only value with which QEMU accepts the slot; nothing moves. It reverses a value someone wrote explicitly (libvirt itself keeps an explicit 'off'), so the choice is yours: the other way out is to move the other functions to another slot.",
      sources: [
        "QEMU hw/pci/pci.c pci_init_multifunction: \"PCI: single function device can't be populated in function %x.%x\", \"PCI: %x.0 indicates single function, but %x.%x is already populated.\"",
        'libvirt src/conf/domain_addr.c virDomainPCIAddressSetMultiIter / virDomainPCIAddressSetAllMulti (called from qemuDomainAssignPCIAddresses): sets multi=on only when it was absent',
        "libvirt tests qemuxmlconfdata/q35-multifunction (slot 2: absent -> multifunction='on' in libvirt's output; slot 4: explicit 'off' kept)",
      ],
      notes:
        "Without the attribute there is nothing to report: libvirt adds multifunction='on' when it defines the domain. Only the QEMU driver is checked.",
    },
  },
  create(context) {
    const { domain, fixer } = context;
    if (!isQemuDomain(domain)) return;
    const slots = new Map<string, { fn0?: XmlElement; others: PciAddress[] }>();
    for (const device of domain.select('devices/*')) {
      for (const address of device.childrenNamed('address')) {
        if (address.attr('type') !== 'pci') continue;
        const a = pciAddressOf(address);
        if (!a) continue;
        const key = `${a.domain}:${a.bus}:${a.slot}`;
        const entry = slots.get(key) ?? { others: [] };
        if (a.function === 0) entry.fn0 ??= address;
        else entry.others.push(a);
        slots.set(key, entry);
      }
    }
    for (const { fn0, others } of slots.values()) {
      const multi = fn0?.attribute('multifunction');
      if (!fn0 || others.length === 0 || multi?.value !== 'off') continue;
      const a = pciAddressOf(fn0)!;
      const other = others[0];
      context.report({
        at: multi,
        messageId: 'multifunctionOff',
        // QEMU names the slot and function in hex, without the domain and bus.
        data: { slot: formatPci(a).replace(/\.0$/, ''), function: other.function, address: formatPci(other), qemuSlot: a.slot.toString(16), qemuFunction: other.function.toString(16) },
        fixes: [{ title: "Set multifunction='on' on function 0", safety: 'unsafe', edits: [fixer.replaceAttributeValue(multi, 'on')] }],
      });
    }
  },
});
