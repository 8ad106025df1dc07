import { describe, expect, it } from 'vitest';
import rule from '../../rules/machine-type-deprecated.js';
import { applySuggestion, diagnostics, domain, fixed, runRule } from '../helpers/rule-tester.js';

const vm = (machine: string) => domain('').replace("machine='pc-q35-9.1'", `machine='${machine}'`);

describe('machine-type-deprecated', () => {
  const xml = vm('pc-q35-6.2');
  const QEMU = { host: { qemu: '10.2.2' } };

  it('warns about a machine type 3 to 6 years old', () => {
    expect(diagnostics(rule, xml, QEMU)).toEqual([
      {
        ruleId: 'machine-type-deprecated',
        severity: 'warning',
        line: 8,
        column: 25,
        endLine: 8,
        endColumn: 45,
        message:
          "Machine type 'pc-q35-6.2' is deprecated on QEMU 10.2.2 (since QEMU 9.2: \"machines more than 3 years old are subject to deletion after 6 years\") and will be gone in QEMU 12.2. Plan a move to a current machine type ('q35').",
      },
    ]);
  });

  it('follows the 3-year boundary month by month', () => {
    // QEMU 10.2 deprecates 5.0 .. 7.2; 8.0 is still current.
    for (const m of ['pc-q35-5.0', 'pc-q35-7.0', 'pc-i440fx-7.2', 'virt-7.2', 'pseries-6.0', 's390-ccw-virtio-5.2']) {
      expect(diagnostics(rule, vm(m), QEMU)).toHaveLength(1);
    }
    for (const m of ['pc-q35-8.0', 'pc-q35-10.2', 'q35', 'pc-q35-4.2']) {
      expect(diagnostics(rule, vm(m), QEMU)).toEqual([]);
    }
    // pc-q35-6.2 is deprecated from 9.2 on, not on 9.1.
    expect(diagnostics(rule, xml, { host: { qemu: '9.1.0' } })).toEqual([]);
    expect(diagnostics(rule, xml, { host: { qemu: '9.2.0' } })).toHaveLength(1);
  });

  it('does not run on QEMU before 9.1 (no life-cycle policy yet)', () => {
    const result = runRule(rule, vm('pc-q35-4.0'), { host: { qemu: '9.0.2' } });
    expect(result.messages).toEqual([]);
    expect(result.skippedRules).toEqual([]);
  });

  it('is skipped, and says so, when the QEMU version is unknown', () => {
    const result = runRule(rule, xml);
    expect(result.messages).toEqual([]);
    expect(result.skippedRules).toEqual([{ ruleId: 'machine-type-deprecated', missing: ['qemu'] }]);
  });

  it('only suggests the alias', () => {
    expect(fixed(rule, xml, QEMU)).toBe(xml);
    expect(applySuggestion(rule, xml, 0, QEMU)).toBe(xml.replace("machine='pc-q35-6.2'", "machine='q35'"));
  });
});
