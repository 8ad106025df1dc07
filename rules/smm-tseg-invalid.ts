import { defineRule } from '#engine/rule.js';
import { isQ35, isQemuDomain } from '#domain/machine.js';
import { MiB, scaledBytes } from '#domain/units.js';

export default defineRule({
  meta: {
    id: 'smm-tseg-invalid',
    description: '<smm><tseg> on a machine other than q35, or a TSEG size that is not a whole number of MiB',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      notQ35: 'TSEG is a q35 chipset setting: libvirt refuses it: "SMM TSEG is only supported with q35 machine type". Remove <tseg> or use a q35 machine.',
      notWholeMiB: 'The TSEG size is not a whole number of MiB: libvirt refuses it: "SMM TSEG size must be divisible by 1 MiB". Use a size such as <tseg unit=\'MiB\'>48</tseg>.',
    },
    docs: {
      whatItDoes: "Reports `<features><smm state='on'><tseg>` on non-q35 machines and TSEG sizes that are not a multiple of 1 MiB. QEMU driver only.",
      whyIsThisBad:
        'TSEG is the SMRAM area of the q35 chipset (raised for guests with many vCPUs or lots of memory with OVMF). Other machines have no such setting, and QEMU only takes whole MiB. `virsh define` fails with "SMM TSEG is only supported with q35 machine type" or "SMM TSEG size must be divisible by 1 MiB".',
      example: `<smm state='on'>
  <tseg unit='KiB'>12345</tseg>
</smm>`,
      useInstead: `<smm state='on'>
  <tseg unit='MiB'>48</tseg>
</smm>`,
      fixSafety: 'No fix: the intended size is unknown.',
      sources: ['libvirt 11.3 src/qemu/qemu_postparse.c qemuDomainDefTsegPostParse: "SMM TSEG is only supported with q35 machine type", "SMM TSEG size must be divisible by 1 MiB"', 'libvirt tests qemuxmlconfdata/tseg-i440fx.xml, tseg-invalid-size.xml'],
    },
  },
  create(context) {
    const { domain } = context;
    if (!isQemuDomain(domain)) return;
    const smm = domain.first('features/smm');
    const tseg = smm?.child('tseg');
    if (!smm || !tseg || smm.attr('state') !== 'on') return;
    if (!isQ35(domain)) {
      context.report({ at: tseg, messageId: 'notQ35' });
      return;
    }
    const bytes = scaledBytes(tseg, 'MiB');
    if (bytes !== undefined && bytes % MiB !== 0) {
      context.report({ at: tseg, messageId: 'notWholeMiB' });
    }
  },
});
