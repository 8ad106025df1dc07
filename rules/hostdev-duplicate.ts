import { defineRule } from '#engine/rule.js';
import type { XmlElement } from '#engine/tree.js';
import { formatPci, pciAddressOf, parseAddressNumber } from '#domain/pci.js';
import { repeats } from '#domain/repeats.js';

/**
 * What identifies a hostdev's source, as libvirt's virDomainHostdevMatch
 * compares it; undefined when the source is not written out completely.
 */
function sourceKey(h: XmlElement): { key: string; label: string } | undefined {
  const mode = h.attr('mode') ?? 'subsystem';
  const type = h.attr('type') ?? '';
  const source = h.child('source');
  if (!source) return undefined;
  if (mode === 'subsystem') {
    switch (type) {
      case 'pci': {
        const a = pciAddressOf(source.child('address'));
        return a ? { key: `pci:${formatPci(a)}`, label: `host PCI device ${formatPci(a)}` } : undefined;
      }
      case 'usb': {
        const addr = source.child('address');
        const bus = parseAddressNumber(addr?.attr('bus') ?? undefined);
        const device = parseAddressNumber(addr?.attr('device') ?? undefined);
        if (addr && addr.attr('bus') !== undefined && addr.attr('device') !== undefined && bus !== undefined && device !== undefined) {
          return { key: `usb-addr:${bus}:${device}`, label: `host USB device at bus ${bus} device ${device}` };
        }
        const vendor = source.child('vendor')?.attr('id');
        const product = source.child('product')?.attr('id');
        if (vendor && product) {
          return { key: `usb-id:${Number(vendor)}:${Number(product)}`, label: `host USB device ${vendor}:${product}` };
        }
        return undefined;
      }
      case 'scsi': {
        const protocol = source.attr('protocol');
        if (protocol === 'iscsi') {
          const name = source.attr('name');
          const host = source.child('host');
          return name ? { key: `iscsi:${host?.attr('name') ?? ''}:${host?.attr('port') ?? ''}:${name}`, label: `iSCSI LUN ${name}` } : undefined;
        }
        const adapter = source.child('adapter')?.attr('name');
        const addr = source.child('address');
        if (!adapter || !addr) return undefined;
        const parts = ['bus', 'target', 'unit'].map((k) => parseAddressNumber(addr.attr(k)));
        if (parts.some((p) => p === undefined)) return undefined;
        return { key: `scsi:${adapter}:${parts.join(':')}`, label: `host SCSI device ${adapter} ${parts.join(':')}` };
      }
      case 'scsi_host': {
        const wwpn = source.attr('wwpn');
        return wwpn ? { key: `scsi_host:${source.attr('protocol') ?? ''}:${wwpn}`, label: `vhost-scsi target ${wwpn}` } : undefined;
      }
      case 'mdev': {
        const uuid = source.child('address')?.attr('uuid');
        return uuid ? { key: `mdev:${uuid.toLowerCase()}`, label: `mediated device ${uuid}` } : undefined;
      }
      default:
        return undefined;
    }
  }
  if (mode === 'capabilities') {
    const value = source.child('block')?.text() ?? source.child('char')?.text() ?? source.child('interface')?.text();
    return value ? { key: `caps:${type}:${value}`, label: `host ${type} ${value}` } : undefined;
  }
  return undefined;
}

export default defineRule({
  meta: {
    id: 'hostdev-duplicate',
    description: 'The same host device is passed through twice',
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      alreadyPassedThrough:
        'The {{device}} is already passed through by an earlier <hostdev>: libvirt refuses it: "Hostdev already exists in the domain configuration". ' +
        'Remove this <hostdev>, or correct its source if you meant another device (for example another function of the card).',
    },
    docs: {
      whatItDoes:
        'Compares the `<source>` of every `<hostdev>`: PCI host address, USB bus/device (or vendor/product), SCSI adapter and address, iSCSI target, vhost-scsi WWPN, mediated device UUID. Reports a hostdev whose source was already given to the guest by an earlier one.',
      whyIsThisBad:
        'A host device can be assigned to the guest once. `virsh define` fails with "Hostdev already exists in the domain configuration" — a message that does not say which device. In GPU passthrough guides this happens when the GPU\'s audio function is added twice instead of the GPU and its audio function.',
      example: `<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/>
  </source>
</hostdev>
<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/>
  </source>
</hostdev>`,
      useInstead: `<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/>
  </source>
</hostdev>
<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='0x0b' slot='0x00' function='0x1'/>
  </source>
</hostdev>`,
      fixSafety:
        'The suggested fix removes the second `<hostdev>`. It is only a suggestion: if you meant to pass another device (another function of the same card, for example), correct its source address instead.',
      sources: [
        'libvirt 11.3 src/conf/domain_validate.c virDomainDefHostdevValidate: "Hostdev already exists in the domain configuration"',
        'libvirt 11.3 src/conf/domain_conf.c virDomainHostdevMatch (what counts as the same source)',
        'libvirt tests qemuxmlconfdata/hostdev-pci-duplicate.xml, hostdev-usb-duplicate.xml, hostdev-scsi-duplicate.xml, hostdev-mdev-duplicate.xml',
      ],
    },
  },
  create(context) {
    for (const { item: hostdev } of repeats(context.domain.select('devices/hostdev'), (h) => sourceKey(h)?.key)) {
      const k = sourceKey(hostdev)!;
      context.report({
        at: hostdev,
        messageId: 'alreadyPassedThrough',
        data: { device: k.label },
        fixes: [{ title: 'Remove the duplicate <hostdev>', safety: 'unsafe', edits: [context.fixer.removeElement(hostdev)] }],
      });
    }
  },
});
