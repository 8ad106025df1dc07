import { defineRule } from '#engine/rule.js';
import { isQemuDomain } from '#domain/machine.js';

/** The message for a format the QEMU driver refuses: libvirt's words (qemuDomainValidateStorageSource), then what to use. */
const noFormat = (format: string, libvirt: string, instead: string) => `QEMU has no '${format}' image format: libvirt refuses it: "${libvirt}". Instead, ${instead}.`;

/** Formats the QEMU driver refuses, by their message id. */
const REFUSED = new Map<string, 'cowFormat' | 'dirFormat' | 'isoFormat'>([
  ['cow', 'cowFormat'],
  ['dir', 'dirFormat'],
  ['iso', 'isoFormat'],
]);

export default defineRule({
  meta: {
    id: 'disk-format-unsupported',
    description: "A disk image format or network protocol QEMU cannot use (driver type 'iso', 'cow', 'dir'; the sheepdog protocol)",
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      cowFormat: noFormat('cow', "'cow' storage format is not supported", "use type='qcow2' (convert the image with qemu-img)"),
      dirFormat: noFormat('dir', "'directory' storage format is not directly supported by QEMU, use 'dir' disk type instead", "use <disk type='dir'> with <driver type='fat'/>"),
      isoFormat: noFormat('iso', "storage format 'iso' is not directly supported by QEMU, use 'raw' instead", "use type='raw' (an ISO image is a raw image)"),
      sheepdogRemoved:
        'Sheepdog storage was removed from QEMU and libvirt: libvirt refuses it: "\'sheepdog\' protocol is no longer supported by any hypervisor driver". Move the image to another storage backend (rbd, iscsi, nbd, a local file).',
    },
    docs: {
      whatItDoes:
        "Reports `<disk><driver type='iso'|'cow'|'dir'>` (QEMU driver) and `<source protocol='sheepdog'>` (any driver).",
      whyIsThisBad:
        'libvirt knows these format names from its storage layer, but QEMU has no such block drivers: an ISO image is read as `raw`, `cow` is long gone, and a directory is exposed through `<disk type=\'dir\'>` with the `fat` format. Sheepdog support was removed from QEMU and libvirt. `virsh define` fails with "storage format \'iso\' is not directly supported by QEMU, use \'raw\' instead" and similar messages.',
      example: `<disk type='file' device='cdrom'>
  <driver name='qemu' type='iso'/>
  <source file='/srv/iso/debian-12.9.0-amd64-netinst.iso'/>
  <target dev='sdb' bus='sata'/>
  <readonly/>
</disk>`,
      useInstead: `<disk type='file' device='cdrom'>
  <driver name='qemu' type='raw'/>
  <source file='/srv/iso/debian-12.9.0-amd64-netinst.iso'/>
  <target dev='sdb' bus='sata'/>
  <readonly/>
</disk>`,
      fixSafety: "For `iso` the suggested fix sets `type='raw'`, which is how QEMU reads ISO images; it is a suggestion because the file could be something else.",
      sources: [
        'libvirt 11.3 src/qemu/qemu_domain.c qemuDomainValidateStorageSource: "\'cow\' storage format is not supported", "\'directory\' storage format is not directly supported by QEMU, use \'dir\' disk type instead", "storage format \'iso\' is not directly supported by QEMU, use \'raw\' instead"',
        'libvirt 11.3 src/conf/storage_source_conf.c / domain_conf.c: "\'sheepdog\' protocol is no longer supported by any hypervisor driver"',
        'libvirt tests qemuxmlconfdata/disk-fmt-cow.xml, disk-fmt-dir.xml, disk-fmt-iso.xml, disk-network-sheepdog.xml',
      ],
    },
  },
  create(context) {
    const qemu = isQemuDomain(context.domain);
    for (const disk of context.domain.select('devices/disk')) {
      const typeAttr = disk.child('driver')?.attribute('type');
      const refused = typeAttr && REFUSED.get(typeAttr.value);
      if (qemu && typeAttr && refused) {
        context.report({
          at: typeAttr,
          messageId: refused,
          fixes: typeAttr.value === 'iso' ? [{ title: "Set type='raw'", safety: 'unsafe', edits: [context.fixer.replaceAttributeValue(typeAttr, 'raw')] }] : [],
        });
      }
      const protocol = disk.child('source')?.attribute('protocol');
      if (protocol?.value === 'sheepdog') {
        context.report({ at: protocol, messageId: 'sheepdogRemoved' });
      }
    }
  },
});
