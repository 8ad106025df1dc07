import { describe, expect, it } from 'vitest';
import rule from '../../rules/iommu-invalid.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const intel = domain(`<iommu model='intel'>
  <driver intremap='on' caching_mode='on'/>
</iommu>`);

describe('iommu-invalid', () => {
  it('reports the Intel IOMMU on i440fx', () => {
    const xml = intel.replace("machine='pc-q35-9.1'", "machine='pc-i440fx-9.1'");
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'iommu-invalid',
        severity: 'error',
        line: 24,
        column: 12,
        endLine: 24,
        endColumn: 25,
        message: 'The Intel IOMMU (VT-d) exists only on q35 machines: libvirt refuses it: "IOMMU device: \'intel\' is only supported with Q35 machines".',
      },
    ]);
  });

  it('accepts the Intel IOMMU on q35', () => {
    expect(diagnostics(rule, intel)).toEqual([]);
  });

  it('reports eim without intremap and VT-d options on virtio-iommu', () => {
    const eim = intel.replace("intremap='on' caching_mode='on'", "eim='on'");
    expect(diagnostics(rule, eim)[0].message).toContain('"IOMMU eim requires interrupt remapping to be enabled"');
    const virtio = intel.replace("model='intel'", "model='virtio'");
    expect(diagnostics(rule, virtio)[0].message).toContain(`"iommu model 'virtio' doesn't support additional attributes"`);
  });

  it('reports virtio-iommu without ACPI', () => {
    const xml = domain("<iommu model='virtio'/>", { features: '<apic/>' });
    expect(diagnostics(rule, xml)[0].message).toContain(`"IOMMU device: 'virtio' requires ACPI"`);
    expect(diagnostics(rule, domain("<iommu model='virtio'/>"))).toEqual([]);
  });
});
