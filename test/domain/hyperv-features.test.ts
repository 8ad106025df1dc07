import { describe, expect, it } from 'vitest';
import { HYPERV_DEPENDENCIES, HYPERV_FEATURES, hypervFeature, QEMU_HV_DESC, RECOMMENDED_FOR_WINDOWS } from '#domain/hyperv-features.js';

describe('the Hyper-V table', () => {
  const names = new Set(HYPERV_FEATURES.map((f) => f.name));

  it('names each feature once', () => {
    expect(names.size).toBe(HYPERV_FEATURES.length);
  });

  it('every dependency is a feature with a QEMU description (QEMU names both in its refusal)', () => {
    for (const [feature, deps] of Object.entries(HYPERV_DEPENDENCIES)) {
      expect(QEMU_HV_DESC[feature], feature).toBeTruthy();
      for (const d of deps) {
        expect(names.has(d), `${feature} -> ${d}`).toBe(true);
        expect(QEMU_HV_DESC[d], d).toBeTruthy();
      }
    }
  });

  it('derives the recommended set in the order virt-manager writes it', () => {
    expect(RECOMMENDED_FOR_WINDOWS).toEqual(['relaxed', 'vapic', 'spinlocks', 'vpindex', 'runtime', 'synic', 'stimer', 'frequencies', 'tlbflush', 'ipi']);
  });

  it('knows when libvirt learned each <hyperv> element (all but the clock timer)', () => {
    for (const f of HYPERV_FEATURES) if (f.name !== 'hypervclock') expect(f.libvirtSince, f.name).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('refuses an unknown name', () => {
    expect(hypervFeature('stimer').requires).toEqual(['synic', 'hypervclock']);
    expect(() => hypervFeature('nonesuch')).toThrow("unknown Hyper-V feature 'nonesuch'");
  });
});
