import { defineRule } from '#engine/rule.js';
import { isQemuX86 } from '#domain/machine.js';
import { hypervElement } from '#domain/hyperv-features.js';

export default defineRule({
  meta: {
    id: 'hyperv-passthrough-mode',
    description: "<hyperv mode='passthrough'> (QEMU hv-passthrough: a debugging mode that follows the host and blocks migration)",
    severity: 'info',
    category: 'passthrough',
    fixable: false,
    messages: {
      passthrough:
        "<hyperv mode='passthrough'> becomes QEMU's hv-passthrough, a debugging mode: the guest gets whatever enlightenments the host kernel offers (its CPUID changes with host upgrades) and the VM cannot migrate. Prefer mode='custom' with an explicit list.",
    },
    docs: {
      whatItDoes: "Reports `<features><hyperv mode='passthrough'>` on QEMU-driver x86 domains.",
      whyIsThisBad:
        "libvirt turns this mode into QEMU's `hv-passthrough`, which enables every Hyper-V enlightenment the host's KVM supports. QEMU's documentation lists it among the debugging features not meant for normal use: the guest-visible CPUID then changes with the host kernel, and the mode \"effectively prevents migration\". An explicit list (`mode='custom'`, the default) gives the guest the same enlightenments every boot.",
      example: `<hyperv mode='passthrough'/>`,
      useInstead: `<hyperv mode='custom'>
  <relaxed state='on'/>
  <vapic state='on'/>
  <spinlocks state='on' retries='8191'/>
  <vpindex state='on'/>
  <runtime state='on'/>
  <synic state='on'/>
  <stimer state='on'/>
  <frequencies state='on'/>
  <tlbflush state='on'/>
  <ipi state='on'/>
</hyperv>`,
      fixSafety: 'No automatic fix: which enlightenments the host offers is not in the XML. Write the list above (and `<timer name=\'hypervclock\' present=\'yes\'/>` in `<clock>`).',
      sources: [
        'libvirt docs/formatdomain.rst "Hypervisor features": hyperv mode passthrough (since 8.0.0)',
        'QEMU docs/system/i386/hyperv.rst "hv-passthrough" (debugging; prevents migration)',
        "QEMU target/i386/cpu.c: \"'hv-passthrough' mode is not migratable\"",
      ],
      notes: 'For a single-host gaming VM that never migrates this is a legitimate shortcut; the report is information only.',
    },
  },
  create(context) {
    const { domain } = context;
    if (!isQemuX86(domain)) return;
    const mode = hypervElement(domain)?.attribute('mode');
    if (mode?.value !== 'passthrough') return;
    context.report({ at: mode, messageId: 'passthrough' });
  },
});
