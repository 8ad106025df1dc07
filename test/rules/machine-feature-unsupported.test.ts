import { describe, expect, it } from 'vitest';
import rule from '../../rules/machine-feature-unsupported.js';
import { applySuggestion, diagnostics, domain } from '../helpers/rule-tester.js';

const xml = domain('', { features: "<acpi/>\n<apic/>\n<hpt resizing='enabled'/>" });

describe('machine-feature-unsupported', () => {
  it('reports a pSeries feature on x86', () => {
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'machine-feature-unsupported',
        severity: 'error',
        line: 14,
        column: 5,
        endLine: 14,
        endColumn: 30,
        message:
          '<hpt> does not exist on x86_64 \'pc-q35-9.1\': libvirt refuses it: "The \'hpt\' feature is not supported for architecture \'x86_64\' or machine type \'pc-q35-9.1\'". Remove it, or check the architecture and machine type.',
      },
    ]);
    expect(applySuggestion(rule, xml, 0)).toBe(domain('', { features: '<acpi/>\n<apic/>' }));
  });

  it('reports <gic> off ARM virt', () => {
    expect(diagnostics(rule, domain('', { features: "<acpi/>\n<gic version='3'/>" })).map((d) => d.line)).toEqual([13]);
  });

  it('accepts x86 features on x86', () => {
    expect(diagnostics(rule, domain('', { features: "<acpi/>\n<apic/>\n<ioapic driver='kvm'/>\n<pvspinlock state='on'/>" }))).toEqual([]);
  });
});
