import { describe, expect, it } from 'vitest';
import rule from '../../rules/machine-type-newer-than-host.js';
import { applySuggestion, diagnostics, domain, fixed, runRule } from '../helpers/rule-tester.js';

const vm = (machine: string) => domain('').replace("machine='pc-q35-9.1'", `machine='${machine}'`);

describe('machine-type-newer-than-host', () => {
  const xml = vm('pc-q35-10.1');

  it('reports a machine type newer than the host QEMU', () => {
    expect(diagnostics(rule, xml, { host: { qemu: '9.2.0' } })).toEqual([
      {
        ruleId: 'machine-type-newer-than-host',
        severity: 'error',
        line: 8,
        column: 25,
        endLine: 8,
        endColumn: 46,
        message:
          "Machine type 'pc-q35-10.1' needs QEMU 10.1 or newer, but the host runs QEMU 9.2.0: libvirt refuses it: \"Emulator '/usr/bin/qemu-system-x86_64' does not support machine type 'pc-q35-10.1'\". Use 'q35' (the host's newest pc-q35 machine) or pc-q35-9.2 or older.",
      },
    ]);
  });

  it('fires for every QEMU release before the machine, not from it on', () => {
    for (const qemu of ['10.0.2', '9.2.4', '7.2.22 (Debian 1:7.2+dfsg-7+deb12u18)']) {
      expect(diagnostics(rule, xml, { host: { qemu } })).toHaveLength(1);
    }
    for (const qemu of ['10.1.0', '10.1.3', '10.2.2', '11.0.0']) {
      expect(diagnostics(rule, xml, { host: { qemu } })).toEqual([]);
    }
  });

  it('counts a development snapshot as the next release', () => {
    expect(diagnostics(rule, xml, { host: { qemu: '10.0.50' } })).toEqual([]);
    expect(diagnostics(rule, vm('pc-q35-11.0'), { host: { qemu: '10.2.50' } })).toEqual([]);
    expect(diagnostics(rule, vm('pc-q35-11.1'), { host: { qemu: '10.2.90' } })).toHaveLength(1);
  });

  it('knows the other versioned families and ignores aliases and distribution names', () => {
    const qemu = { host: { qemu: '8.2.0' } };
    for (const m of ['pc-i440fx-9.0', 'virt-9.0', 'pseries-9.0', 's390-ccw-virtio-9.0']) {
      expect(diagnostics(rule, vm(m), qemu)).toHaveLength(1);
    }
    for (const m of ['q35', 'pc', 'pc-q35-rhel9.4.0', 'pc-q35-8.2']) {
      expect(diagnostics(rule, vm(m), qemu)).toEqual([]);
    }
  });

  it('is skipped, and says so, when the QEMU version is unknown', () => {
    const result = runRule(rule, xml);
    expect(result.messages).toEqual([]);
    expect(result.skippedRules).toEqual([{ ruleId: 'machine-type-newer-than-host', missing: ['qemu'] }]);
  });

  it('suggests the alias; --fix leaves the file alone', () => {
    const run = { host: { qemu: '9.2.0' } };
    expect(fixed(rule, xml, run)).toBe(xml);
    expect(applySuggestion(rule, xml, 0, run)).toBe(xml.replace("machine='pc-q35-10.1'", "machine='q35'"));
  });

  it('ignores non-QEMU drivers', () => {
    expect(diagnostics(rule, xml.replace("<domain type='kvm'", "<domain type='xen'"), { host: { qemu: '9.2.0' } })).toEqual([]);
  });
});
