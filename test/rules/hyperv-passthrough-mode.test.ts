import rule from '#rules/hyperv-passthrough-mode.js';
import { domain, testRule } from '../helpers/rule-tester.js';

testRule(rule, {
  valid: [
    { name: "mode='custom'", xml: domain('', { features: "<acpi/>\n<hyperv mode='custom'>\n  <relaxed state='on'/>\n</hyperv>" }) },
    { name: 'a <hyperv> without mode', xml: domain('', { features: "<acpi/>\n<hyperv>\n  <relaxed state='on'/>\n</hyperv>" }) },
  ],
  invalid: [
    {
      name: "<hyperv mode='passthrough'>, at the mode attribute",
      xml: domain('', { features: "<acpi/>\n<apic/>\n<hyperv mode='passthrough'/>" }),
      errors: [
        {
          messageId: 'passthrough',
          line: 14,
          column: 13,
          endLine: 14,
          endColumn: 31,
          severity: 'info',
          message:
            "<hyperv mode='passthrough'> becomes QEMU's hv-passthrough, a debugging mode: the guest gets whatever enlightenments the host kernel offers (its CPUID changes with host upgrades) and the VM cannot migrate. Prefer mode='custom' with an explicit list.",
        },
      ],
    },
  ],
});
