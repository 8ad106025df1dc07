import { describe, expect, it } from 'vitest';
import rule from '../../rules/hyperv-passthrough-mode.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

describe('hyperv-passthrough-mode', () => {
  it("reports <hyperv mode='passthrough'> at the mode attribute", () => {
    expect(diagnostics(rule, domain('', { features: "<acpi/>\n<apic/>\n<hyperv mode='passthrough'/>" }))).toEqual([
      {
        ruleId: 'hyperv-passthrough-mode',
        severity: 'info',
        line: 14,
        column: 13,
        endLine: 14,
        endColumn: 31,
        message:
          "<hyperv mode='passthrough'> becomes QEMU's hv-passthrough, a debugging mode: the guest gets whatever enlightenments the host kernel offers (its CPUID changes with host upgrades) and the VM cannot migrate. Prefer mode='custom' with an explicit list.",
      },
    ]);
  });

  it("is quiet for mode='custom' and for a <hyperv> without mode", () => {
    expect(diagnostics(rule, domain('', { features: "<acpi/>\n<hyperv mode='custom'>\n  <relaxed state='on'/>\n</hyperv>" }))).toEqual([]);
    expect(diagnostics(rule, domain('', { features: "<acpi/>\n<hyperv>\n  <relaxed state='on'/>\n</hyperv>" }))).toEqual([]);
  });
});
