import { defineRule, renderMessage } from '#engine/rule.js';
import type { HostRequirements as RuleRequirements } from '#engine/host-facts.js';
import type { TextEdit } from '#engine/edit.js';
import { isQemuX86 } from '#domain/machine.js';
import type { XmlElement } from '#engine/tree.js';
import { compareVersions, versionAtLeast } from '#engine/version.js';
import { featureElement, featureEnabled, featureXml, HYPERV_DEPENDENCIES, hypervElement, hypervFeature, hypervPassthrough, isWindowsGuest, libosinfoId, RECOMMENDED_FOR_WINDOWS, type HypervFeature } from '#domain/hyperv-features.js';
import { qemuArgs } from '#domain/namespaces.js';

/** macOS guests (OSX-KVM style): the AppleSMC device, or a macOS name. */
function looksLikeMacOs(domain: XmlElement): boolean {
  if (qemuArgs(domain).some(({ value }) => /isa-applesmc/.test(value))) return true;
  return /mac ?os|osx|darwin|catalina|big ?sur|monterey|ventura|sonoma|sequoia/i.test(domain.child('name')?.text() ?? '');
}

const RECOMMENDS =
  ' the Hyper-V enlightenments QEMU recommends: {{features}}. Without them Windows uses slower emulated timers and interrupts (without stimer it falls back to HPET/RTC and burns CPU).' +
  // One sentence per dependency written off (LEFT_OUT_*), empty when there is none: their number varies, so no one template can hold them.
  '{{leftOut}}';
const LEFT_OUT_ONE = ' {{features}} needs {{dependency}}, which is turned off here: the fix leaves it out.';
const LEFT_OUT_SEVERAL = ' {{features}} need {{dependency}}, which is turned off here: the fix leaves them out.';

/** QEMU's recommended set for Windows (docs/system/i386/hyperv.rst "Recommendations"), as virt-manager writes it. */
export default defineRule({
  meta: {
    id: 'hyperv-enlightenments-missing',
    description: 'A Windows guest without the Hyper-V enlightenments QEMU recommends (relaxed, vapic, spinlocks, vpindex, synic, stimer, hypervclock, …)',
    severity: 'info',
    category: 'passthrough',
    fixable: 'unsafe',
    messages: {
      missing: 'This Windows guest lacks' + RECOMMENDS,
      missingBlock: 'This Windows guest has no <hyperv> block, so it lacks' + RECOMMENDS,
      // No libosinfo metadata: only a <hyperv> block says Windows, so the guest has one.
      missingGuessedWindows: 'This guest (Windows, judging by its <hyperv> block) lacks' + RECOMMENDS,
    },
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
        "The suggested fix (not applied by --fix) adds the missing elements with `state='on'` (spinlocks with retries='8191', as virt-manager does) and the `hypervclock` timer (in a new `<clock offset='utc'>`, libvirt's default, when there is no `<clock>`). The guest sees new CPUID leaves; Windows adapts, but a tuned or nested setup may have left some out on purpose. A feature whose dependency is written with `state='off'` (synic, stimer, tlbflush and ipi need vpindex) is left out rather than have another fix turn that dependency back on. libvirt refuses `<hyperv>` children it does not know, so with a known libvirt version only the features it has are added (ipi needs 4.10.0). A new `<hyperv>` block is written without `mode='custom'`, the default, which libvirt before 8.0.0 does not know.",
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
    // A feature whose dependency is written but off cannot be added without reversing that choice: leave it out of the fix.
    const blockers = new Map(missing.map((f) => [f, disabledDependency(domain, f)]));
    // On a known libvirt, add only what it knows (it refuses unknown <hyperv> children); on an unknown one, the fix says what it needs.
    const knows = (f: HypervFeature) => !context.host.libvirt || versionAtLeast(context.host.libvirt.version, libvirtSince(f));
    const added = missing.filter((f) => !blockers.get(f) && knows(f));

    const edits: TextEdit[] = [];
    const features = domain.child('features');
    if (added.length) {
      const xml = added.map(featureXml).join('\n');
      if (hyperv) edits.push(fixer.appendChild(hyperv, xml));
      // Without mode='custom': it is the default, and the attribute only exists from libvirt 8.0.0 on (absent from the 7.0.0 grammar).
      else if (features) edits.push(fixer.appendChild(features, `<hyperv>\n${xml.replace(/^/gm, '  ')}\n</hyperv>`));
    }
    if (clockMissing) {
      const clock = domain.child('clock');
      if (clock) edits.push(fixer.appendChild(clock, featureXml('hypervclock')));
      else if (features) edits.push(fixer.insertAfter(domain.child('cpu') ?? features, `<clock offset='utc'>\n  ${featureXml('hypervclock')}\n</clock>`));
    }
    const clockName = clockMissing ? ['the hypervclock timer'] : [];
    const names = [...missing, ...clockName];
    const fixNames = [...added, ...clockName];
    context.report({
      at: hyperv ?? features ?? domain,
      messageId: !byMetadata ? 'missingGuessedWindows' : hyperv ? 'missing' : 'missingBlock',
      data: { features: names.join(', '), leftOut: leftOut(blockers) },
      fixes: edits.length ? [{ title: `Add ${fixNames.join(', ')}`, safety: 'unsafe', edits, requires: libvirtFor(added) }] : [],
    });
  },
});

/** The first dependency of `feature` (transitively) that is written but not turned on. */
function disabledDependency(domain: XmlElement, feature: HypervFeature): HypervFeature | undefined {
  for (const dep of HYPERV_DEPENDENCIES[feature] ?? []) {
    if (featureEnabled(domain, dep)) continue;
    if (featureElement(domain, dep)) return dep;
    const deeper = disabledDependency(domain, dep);
    if (deeper) return deeper;
  }
  return undefined;
}

/** " synic, stimer need <vpindex>, which is turned off here: the fix leaves them out." per dependency written off. */
function leftOut(blockers: Map<HypervFeature, HypervFeature | undefined>): string {
  const byBlocker = new Map<HypervFeature, HypervFeature[]>();
  for (const [feature, blocker] of blockers) if (blocker) byBlocker.set(blocker, [...(byBlocker.get(blocker) ?? []), feature]);
  return [...byBlocker]
    .map(([blocker, features]) =>
      renderMessage(features.length > 1 ? LEFT_OUT_SEVERAL : LEFT_OUT_ONE, {
        features: features.join(', '),
        dependency: blocker === 'hypervclock' ? 'the hypervclock timer' : `<${blocker}>`,
      }),
    )
    .join('');
}

/** The libvirt release that introduced a <hyperv> child (the Hyper-V table). */
function libvirtSince(feature: HypervFeature): string {
  return hypervFeature(feature).libvirtSince ?? '0.0.0';
}

/**
 * libvirt parses <hyperv> strictly, so every added element needs a release that
 * knows it. The hypervclock timer (formatdomain: "since 1.2.2") predates all of them.
 */
function libvirtFor(added: HypervFeature[]): RuleRequirements | undefined {
  if (added.length === 0) return undefined;
  const newest = added.map(libvirtSince).sort(compareVersions)[added.length - 1];
  return { libvirt: `>=${newest}` };
}
