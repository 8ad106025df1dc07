import { defineRule, type TextEdit } from '../src/engine/rule.js';
import { isQemuX86 } from '../src/domain/machine.js';
import type { XmlElement } from '../src/engine/tree.js';
import { featureElement, featureXml, hypervElement, hypervPassthrough, isWindowsGuest, libosinfoId, RECOMMENDED_FOR_WINDOWS } from '../src/domain/hyperv-features.js';
import { qemuArgs } from '../src/domain/namespaces.js';

/** macOS guests (OSX-KVM style): the AppleSMC device, or a macOS name. */
function looksLikeMacOs(domain: XmlElement): boolean {
  if (qemuArgs(domain).some(({ value }) => /isa-applesmc/.test(value))) return true;
  return /mac ?os|osx|darwin|catalina|big ?sur|monterey|ventura|sonoma|sequoia/i.test(domain.child('name')?.text() ?? '');
}

/** QEMU's recommended set for Windows (docs/system/i386/hyperv.rst "Recommendations"), as virt-manager writes it. */
export default defineRule({
  meta: {
    id: 'hyperv-enlightenments-missing',
    description: 'A Windows guest without the Hyper-V enlightenments QEMU recommends (relaxed, vapic, spinlocks, vpindex, synic, stimer, hypervclock, …)',
    severity: 'info',
    category: 'passthrough',
    fixable: 'unsafe',
    docs: {
      whatItDoes:
        'For Windows guests of the QEMU driver on x86 — the libosinfo metadata (`http://microsoft.com/win/…`) says so, or, without metadata, a `<hyperv>` block is present and nothing marks the VM as macOS (an `isa-applesmc` device, a macOS name) — lists the recommended enlightenments that are not written at all: ' +
        `${RECOMMENDED_FOR_WINDOWS.map((f) => `\`${f}\``).join(', ')} and the \`hypervclock\` timer. ` +
        "Features written with `state='off'` are taken as a choice and not reported; `<hyperv mode='passthrough'>` is not reported.",
      whyIsThisBad:
        'Windows runs noticeably better with these paravirtual interfaces: QEMU\'s documentation recommends enabling all of them for Windows guests, and notes that without hv-stimer "certain Windows versions revert to using HPET (or even RTC when HPET is unavailable) as a periodic clock source", which costs significant CPU. virt-manager enables this set for new Windows VMs. Older passthrough guides list only relaxed/vapic/spinlocks.',
      example: `<features>
  <acpi/>
  <apic/>
  <hyperv>
    <relaxed state='on'/>
    <vapic state='on'/>
    <spinlocks state='on' retries='8191'/>
  </hyperv>
</features>`,
      useInstead: `<features>
  <acpi/>
  <apic/>
  <hyperv mode='custom'>
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
  </hyperv>
</features>
<clock offset='localtime'>
  <timer name='hypervclock' present='yes'/>
</clock>`,
      fixSafety:
        "The suggested fix (not applied by --fix) adds the missing elements with `state='on'` (spinlocks with retries='8191', as virt-manager does) and the `hypervclock` timer (in a new `<clock offset='utc'>`, libvirt's default, when there is no `<clock>`). The guest sees new CPUID leaves; Windows adapts, but a tuned or nested setup may have left some out on purpose.",
      sources: [
        'QEMU docs/system/i386/hyperv.rst "Recommendations" and "hv-stimer"',
        'virt-manager virtinst: Windows guests get relaxed, vapic, spinlocks, vpindex, runtime, synic, stimer, frequencies, tlbflush, ipi (and evmcs/avic where supported) plus the hypervclock timer (tests/data/cli/compare/virt-install-*win*.xml)',
        'libvirt docs/formatdomain.rst "Hypervisor features" (hyperv element names and the versions that introduced them)',
      ],
      notes:
        'Each element needs a libvirt that knows it (per formatdomain.rst: vpindex/runtime/synic/stimer/reset 1.3.3 and later, frequencies/reenlightenment/tlbflush 4.7, ipi/evmcs 4.10). evmcs and avic are not suggested: they depend on the host CPU vendor and on nesting.',
    },
  },
  create(context) {
    const { domain, fixer } = context;
    if (!isQemuX86(domain)) return;
    const hyperv = hypervElement(domain);
    const byMetadata = isWindowsGuest(domain);
    // Without metadata, a <hyperv> block says Windows, unless the VM is a macOS one built from a Windows template.
    const byHyperv = !byMetadata && libosinfoId(domain) === undefined && hyperv !== undefined && !looksLikeMacOs(domain);
    if ((!byMetadata && !byHyperv) || hypervPassthrough(domain)) return;
    const missing = RECOMMENDED_FOR_WINDOWS.filter((f) => !featureElement(domain, f));
    const clockMissing = !featureElement(domain, 'hypervclock');
    if (missing.length === 0 && !clockMissing) return;

    const edits: TextEdit[] = [];
    const features = domain.child('features');
    if (missing.length) {
      const xml = missing.map(featureXml).join('\n');
      if (hyperv) edits.push(fixer.appendChild(hyperv, xml));
      else if (features) edits.push(fixer.appendChild(features, `<hyperv mode='custom'>\n${xml.replace(/^/gm, '  ')}\n</hyperv>`));
    }
    if (clockMissing) {
      const clock = domain.child('clock');
      if (clock) edits.push(fixer.appendChild(clock, featureXml('hypervclock')));
      else if (features) edits.push(fixer.insertAfter(domain.child('cpu') ?? features, `<clock offset='utc'>\n  ${featureXml('hypervclock')}\n</clock>`));
    }
    const names = [...missing, ...(clockMissing ? ["the hypervclock timer"] : [])];
    context.report({
      at: hyperv ?? features ?? domain,
      message: `This ${byMetadata ? 'Windows guest' : 'guest (Windows, judging by its <hyperv> block)'} ${hyperv ? 'lacks' : 'has no <hyperv> block, so it lacks'} the Hyper-V enlightenments QEMU recommends: ${names.join(', ')}. Without them Windows uses slower emulated timers and interrupts (without stimer it falls back to HPET/RTC and burns CPU).`,
      fixes: edits.length ? [{ title: `Add ${names.join(', ')}`, safety: 'unsafe', edits }] : [],
    });
  },
});
