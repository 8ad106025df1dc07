import { describe, expect, it } from 'vitest';
import rule from '../../rules/q35-4-0-split-irqchip.js';
import { diagnostics, domain, fixed } from '../helpers/rule-tester.js';

const GPU = `<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
  </source>
</hostdev>`;
const q35v40 = (devices = GPU, features?: string) => domain(devices, { features }).replace("machine='pc-q35-9.1'", "machine='pc-q35-4.0'");

describe('q35-4-0-split-irqchip', () => {
  it('warns at the machine attribute of a pc-q35-4.0 passthrough VM', () => {
    expect(diagnostics(rule, q35v40())).toEqual([
      {
        ruleId: 'q35-4-0-split-irqchip',
        severity: 'warning',
        line: 8,
        column: 25,
        endLine: 8,
        endColumn: 45,
        message:
          "Machine pc-q35-4.0 defaults to a split irqchip, which breaks some passed-through devices (NVIDIA code 43, stutter); add <ioapic driver='kvm'/> to <features>, or move to a newer machine version.",
      },
    ]);
  });

  it("--fix adds <ioapic driver='kvm'/> to <features>", () => {
    const xml = q35v40();
    expect(fixed(rule, xml)).toBe(xml.replace("    <smm state='on'/>\n", "    <smm state='on'/>\n    <ioapic driver='kvm'/>\n"));
  });

  it('is quiet with an ioapic driver, other machine versions, no passthrough, QEMU 10+ (machine gone) or interrupt remapping', () => {
    expect(diagnostics(rule, q35v40(GPU, "<acpi/>\n<apic/>\n<ioapic driver='kvm'/>"))).toEqual([]);
    expect(diagnostics(rule, q35v40(GPU).replace("pc-q35-4.0'", "pc-q35-4.0.1'"))).toEqual([]);
    expect(diagnostics(rule, domain(GPU))).toEqual([]);
    expect(diagnostics(rule, q35v40(''))).toEqual([]);
    expect(diagnostics(rule, q35v40(), { host: { qemu: '10.0.0' } })).toEqual([]);
    expect(diagnostics(rule, q35v40(), { host: { qemu: '9.2.0' } })).toHaveLength(1);
    const iommu = `${GPU}\n<iommu model='intel'>\n  <driver intremap='on'/>\n</iommu>`;
    const [d] = diagnostics(rule, q35v40(iommu));
    expect(fixed(rule, q35v40(iommu))).toBe(q35v40(iommu));
    expect(d).toBeDefined();
  });
});
