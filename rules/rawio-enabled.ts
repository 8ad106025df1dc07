import { defineRule } from '#engine/rule.js';

export default defineRule({
  meta: {
    id: 'rawio-enabled',
    description: "rawio='yes' gives QEMU CAP_SYS_RAWIO (and is refused on a disk that is not device='lun')",
    severity: 'info',
    category: 'security',
    fixable: false,
    messages: {
      notLun: "rawio='yes' on a <disk device='{{device}}'>: libvirt refuses it: \"rawio can be used only with device='lun'\". Remove rawio, or pass the device as device='lun'.",
      rawioGranted:
        "rawio='yes' gives the VM's QEMU process CAP_SYS_RAWIO (libvirt taints the domain: high-privileges); keep it only if the guest really needs raw SCSI commands.",
    },
    docs: {
      whatItDoes:
        "Reports `rawio='yes'` on `<disk>` and on SCSI `<hostdev>`. On a `<disk>` whose `device` is not `lun` it is an error, since libvirt refuses it; otherwise information.",
      whyIsThisBad:
        "rawio gives the QEMU process the CAP_SYS_RAWIO capability so the guest can send raw SCSI commands to the host device; libvirt marks the domain tainted (high-privileges). It is only meaningful for a passed-through SCSI LUN: libvirt refuses it elsewhere with \"rawio can be used only with device='lun'\".",
      example: `<disk type='block' device='disk' rawio='yes'>
  <source dev='/dev/sdb'/>
  <target dev='sdb' bus='scsi'/>
</disk>`,
      useInstead: `<!-- When the guest needs raw SCSI commands, pass the LUN instead:
     <disk type='block' device='lun' rawio='yes'> (still reported, as information) -->
<disk type='block' device='disk'>
  <source dev='/dev/sdb'/>
  <target dev='sdb' bus='scsi'/>
</disk>`,
      fixSafety: 'No automatic fix: whether the guest needs raw SCSI access is your call.',
      sources: [
        'libvirt src/conf/domain_validate.c: "rawio can be used only with device=\'lun\'"',
        'libvirt src/qemu/qemu_domain.c (taint high-privileges for rawio)',
        'libvirt docs/formatdomain.rst "Hard drives, floppy disks, CDROMs" (rawio)',
      ],
    },
  },
  create(context) {
    const { domain } = context;
    for (const el of [...domain.select('devices/disk'), ...domain.select('devices/hostdev')]) {
      const rawio = el.attribute('rawio');
      if (rawio?.value !== 'yes') continue;
      if (el.name === 'hostdev' && el.attr('type') !== 'scsi') continue;
      const device = el.attr('device') ?? 'disk';
      if (el.name === 'disk' && device !== 'lun') {
        context.report({
          at: rawio,
          severity: 'error',
          messageId: 'notLun',
          data: { device },
        });
        continue;
      }
      context.report({ at: rawio, messageId: 'rawioGranted' });
    }
  },
});
