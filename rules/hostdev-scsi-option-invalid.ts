import { defineRule } from '#engine/rule.js';
import { isQemuDomain } from '#domain/machine.js';

export default defineRule({
  meta: {
    id: 'hostdev-scsi-option-invalid',
    description: "rawio / sgio on a <hostdev> that is not a SCSI host device, or a boot order on a vhost-scsi (scsi_host) hostdev",
    severity: 'error',
    category: 'passthrough',
    fixable: 'unsafe',
    messages: {
      notScsiHostdev:
        "{{attribute}} only applies to SCSI host devices, and this hostdev is type '{{type}}': libvirt refuses it: \"{{attribute}} is only supported for scsi host device\". Remove {{attribute}}.",
      vhostScsiBoot:
        'A vhost-scsi target cannot be booted from: libvirt refuses it: "booting from assigned devices is not supported by vhost SCSI devices". Remove the <boot> element.',
    },
    docs: {
      whatItDoes:
        "Reports `rawio` and `sgio` attributes on `<hostdev>` elements whose type is not `scsi`, and (QEMU driver) a `<boot order>` inside `<hostdev type='scsi_host'>` (vhost-scsi).",
      whyIsThisBad:
        '`rawio` and `sgio` control SCSI command filtering of a passed-through SCSI device, so they mean nothing elsewhere; vhost-scsi targets cannot be booted from. `virsh define` fails with "rawio is only supported for scsi host device", "sgio is only supported for scsi host device" or "booting from assigned devices is not supported by vhost SCSI devices".',
      example: `<hostdev mode='subsystem' type='scsi_host' rawio='yes'>
  <source protocol='vhost' wwpn='naa.5123456789abcde0'/>
</hostdev>`,
      useInstead: `<hostdev mode='subsystem' type='scsi_host'>
  <source protocol='vhost' wwpn='naa.5123456789abcde0'/>
</hostdev>`,
      fixSafety: 'The suggested fix removes the attribute or the `<boot>` element; a suggestion because the device type may be what is wrong.',
      sources: [
        'libvirt 11.3 src/conf/domain_conf.c (hostdev parsing): "rawio is only supported for scsi host device", "sgio is only supported for scsi host device"',
        'libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainDeviceDefHostdev: "booting from assigned devices is not supported by vhost SCSI devices"',
        'libvirt tests qemuxmlconfdata/hostdev-scsi-vhost-rawio-invalid.xml, hostdev-scsi-vhost-sgio-invalid.xml, hostdev-scsi-vhost-scsi-pci-boot-fail.xml',
      ],
    },
  },
  create(context) {
    const qemu = isQemuDomain(context.domain);
    for (const h of context.domain.select('devices/hostdev')) {
      const type = h.attr('type');
      if (type !== 'scsi') {
        for (const name of ['rawio', 'sgio']) {
          const attr = h.attribute(name);
          if (!attr) continue;
          context.report({
            at: attr,
            messageId: 'notScsiHostdev',
            data: { attribute: name, type: type ?? '' },
            fixes: [{ title: `Remove ${name}`, safety: 'unsafe', edits: [context.fixer.removeAttribute(attr)] }],
          });
        }
      }
      const boot = h.child('boot');
      if (qemu && type === 'scsi_host' && boot) {
        context.report({
          at: boot,
          messageId: 'vhostScsiBoot',
          fixes: [{ title: 'Remove <boot>', safety: 'unsafe', edits: [context.fixer.removeElement(boot)] }],
        });
      }
    }
  },
});
