import { defineRule } from '#engine/rule.js';
import { archOf, isQemuDomain, isX86, machineOf } from '#domain/machine.js';
import { isArmVirt, isPSeries } from '#domain/platform.js';

/** <features> children that only pSeries machines have (qemuValidateDomainDefPSeriesFeature). */
const PSERIES_FEATURES = ['hpt', 'htm', 'nested-hv', 'ccf-assist', 'cfpc', 'sbbc', 'ibs'];

export default defineRule({
  meta: {
    id: 'machine-feature-unsupported',
    description: 'A <features> entry the machine does not have: pSeries features elsewhere, <gic> off ARM virt, <ioapic> or <pvspinlock> off x86',
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      notOnMachine:
        "<{{feature}}> does not exist on {{arch}} '{{machine}}': libvirt refuses it: \"The '{{feature}}' feature is not supported for architecture '{{arch}}' or machine type '{{machine}}'\". Remove it, or check the architecture and machine type.",
    },
    docs: {
      whatItDoes:
        'Reports pSeries-only features (`<hpt>`, `<htm>`, `<nested-hv>`, `<ccf-assist>`, `<cfpc>`, `<sbbc>`, `<ibs>`) on other machines, `<gic>` on machines other than ARM `virt`, and `<ioapic>` / `<pvspinlock>` on non-x86 guests. QEMU driver only.',
      whyIsThisBad:
        'These features configure hardware only one platform has. `virsh define` fails with "The \'hpt\' feature is not supported for architecture \'x86_64\' or machine type \'pc\'". Typical after copying a `<features>` block between guests of different architectures.',
      example: `<type arch='x86_64' machine='pc-q35-9.1'>hvm</type>
...
<features>
  <acpi/>
  <hpt resizing='enabled'/>
</features>`,
      useInstead: `<features>
  <acpi/>
</features>`,
      fixSafety: 'The suggested fix removes the feature element; a suggestion because the architecture or machine may be what is wrong.',
      sources: [
        'libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainDefFeatures / qemuValidateDomainDefPSeriesFeature: "The \'%1$s\' feature is not supported for architecture \'%2$s\' or machine type \'%3$s\'"',
        'libvirt tests qemuxmlconfdata/pseries-features-invalid-machine.xml, aarch64-gic-not-virt.xml, aarch64-gic-not-arm.xml',
      ],
    },
  },
  create(context) {
    const { domain } = context;
    if (!isQemuDomain(domain)) return;
    const arch = archOf(domain);
    const machine = machineOf(domain);
    if (!arch || !machine) return;
    const features = domain.child('features');
    if (!features) return;
    for (const f of features.elements) {
      let unsupported = false;
      if (PSERIES_FEATURES.includes(f.name)) unsupported = !isPSeries(domain);
      else if (f.name === 'gic') unsupported = !isArmVirt(domain);
      else if (f.name === 'ioapic' || f.name === 'pvspinlock') unsupported = !isX86(domain);
      if (!unsupported) continue;
      context.report({
        at: f,
        messageId: 'notOnMachine',
        data: { feature: f.name, arch, machine },
        fixes: [{ title: `Remove <${f.name}>`, safety: 'unsafe', edits: [context.fixer.removeElement(f)] }],
      });
    }
  },
});
