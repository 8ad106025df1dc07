import { defineRule } from '#engine/rule.js';

const MAC = /^([0-9a-f]{2})((?::[0-9a-f]{2}){5})$/i;

export default defineRule({
  meta: {
    id: 'mac-address-multicast',
    description: 'An interface MAC address is a multicast address (lowest bit of the first byte set)',
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      multicast:
        "MAC address {{address}} is a multicast address (first byte 0x{{firstByte}} is odd): libvirt refuses it: \"expected unicast mac address, found multicast '{{lowercase}}'\". " +
        'Use a unicast address such as {{unicast}}, or remove <mac> to let libvirt generate one.',
    },
    docs: {
      whatItDoes: "Reports `<interface><mac address='...'/>` whose first byte is odd (`01:`, `53:`, `ff:`, ...): that bit marks a multicast address.",
      whyIsThisBad:
        'A network card needs a unicast address. `virsh define` fails with "expected unicast mac address, found multicast \'...\'". Hand-made addresses often get the first byte wrong; libvirt\'s own prefix is `52:54:00` (QEMU/KVM).',
      example: `<interface type='network'>
  <mac address='53:54:00:6b:3c:58'/>
  <source network='default'/>
  <model type='virtio'/>
</interface>`,
      useInstead: `<interface type='network'>
  <mac address='52:54:00:6b:3c:58'/>
  <source network='default'/>
  <model type='virtio'/>
</interface>`,
      fixSafety:
        'The suggested fix clears the multicast bit (53 becomes 52). It changes the MAC address the guest sees, which can matter for DHCP reservations or licences tied to it, so it is only a suggestion. Removing `<mac>` makes libvirt generate a new address.',
      sources: ['libvirt 11.3 src/conf/domain_conf.c virDomainNetDefParseXML: "expected unicast mac address, found multicast \'%1$s\'"', 'libvirt src/util/virmacaddr.c virMacAddrIsMulticast'],
    },
  },
  create(context) {
    for (const mac of context.domain.select('devices/interface/mac')) {
      const attr = mac.attribute('address');
      const m = attr ? MAC.exec(attr.value.trim()) : null;
      if (!attr || !m) continue;
      const first = parseInt(m[1], 16);
      if ((first & 1) === 0) continue;
      const unicast = ((first & 0xfe).toString(16).padStart(2, '0') + m[2]).toLowerCase();
      context.report({
        at: attr,
        messageId: 'multicast',
        data: { address: attr.value, firstByte: m[1].toLowerCase(), lowercase: attr.value.toLowerCase(), unicast },
        fixes: [{ title: `Change the MAC address to ${unicast}`, safety: 'unsafe', edits: [context.fixer.replaceAttributeValue(attr, unicast)] }],
      });
    }
  },
});
