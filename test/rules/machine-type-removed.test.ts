import { describe, expect, it } from 'vitest';
import rule from '../../rules/machine-type-removed.js';
import { applySuggestion, diagnostics, domain, fixed, runRule } from '../helpers/rule-tester.js';

const vm = (machine: string) => domain('').replace("machine='pc-q35-9.1'", `machine='${machine}'`);

describe('machine-type-removed', () => {
  // domain-rules.md 8.5: an old NVIDIA passthrough guide pinned pc-q35-4.0.
  const xml = vm('pc-q35-4.0');
  const QEMU = { host: { qemu: '10.2.2' } };

  it('reports a machine type QEMU no longer registers', () => {
    expect(diagnostics(rule, xml, QEMU)).toEqual([
      {
        ruleId: 'machine-type-removed',
        severity: 'error',
        line: 8,
        column: 25,
        endLine: 8,
        endColumn: 45,
        message:
          "Machine type 'pc-q35-4.0' is more than 6 years old and QEMU 10.2.2 no longer provides it (removed in QEMU 10.0): libvirt refuses it: \"Emulator '/usr/bin/qemu-system-x86_64' does not support machine type 'pc-q35-4.0'\". Use 'q35' or a pc-q35 version the host still has.",
      },
    ]);
  });

  it('follows the 6-year boundary', () => {
    expect(diagnostics(rule, xml, { host: { qemu: '9.2.0' } })).toEqual([]);
    expect(diagnostics(rule, xml, { host: { qemu: '10.0.0' } })).toHaveLength(1);
    expect(diagnostics(rule, vm('pc-q35-4.2'), { host: { qemu: '10.1.0' } })).toEqual([]);
    expect(diagnostics(rule, vm('pc-q35-4.2'), { host: { qemu: '10.2.0' } })).toHaveLength(1);
    // A 10.1 development snapshot already behaves as 10.2.
    expect(diagnostics(rule, vm('pc-q35-4.2'), { host: { qemu: '10.1.50' } })).toHaveLength(1);
    expect(diagnostics(rule, vm('pc-i440fx-3.1'), { host: { qemu: '9.1.0' } })).toHaveLength(1);
    expect(diagnostics(rule, vm('pc-q35-5.0'), QEMU)).toEqual([]);
  });

  it('on QEMU 6.0 to 9.0 only knows the removed pc-0.x / pc-1.x names', () => {
    const [d] = diagnostics(rule, vm('pc-1.0'), { host: { qemu: '7.2.22' } });
    expect(d.message).toContain('(removed in QEMU 6.0 at the latest)');
    expect(diagnostics(rule, vm('pc-1.0'), { host: { qemu: '5.2.0' } })).toEqual([]);
    expect(diagnostics(rule, vm('pc-q35-2.12'), { host: { qemu: '7.2.22' } })).toEqual([]);
  });

  it('is skipped, and says so, when the QEMU version is unknown', () => {
    const result = runRule(rule, xml);
    expect(result.messages).toEqual([]);
    expect(result.skippedRules).toEqual([{ ruleId: 'machine-type-removed', missing: ['qemu'] }]);
  });

  it('only suggests the alias, and ignores other drivers', () => {
    expect(fixed(rule, xml, QEMU)).toBe(xml);
    expect(applySuggestion(rule, xml, 0, QEMU)).toBe(xml.replace("machine='pc-q35-4.0'", "machine='q35'"));
    expect(diagnostics(rule, xml.replace("<domain type='kvm'", "<domain type='bhyve'"), QEMU)).toEqual([]);
  });
});
