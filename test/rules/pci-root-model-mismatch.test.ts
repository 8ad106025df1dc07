import { describe, expect, it } from 'vitest';
import rule from '../../rules/pci-root-model-mismatch.js';
import { applySuggestion, diagnostics, domain, fixed } from '../helpers/rule-tester.js';

// An i440fx VM switched to q35 without redoing the PCI controllers.
const switched = domain(`<controller type='pci' index='0' model='pci-root'/>`);

describe('pci-root-model-mismatch', () => {
  it('reports pci-root on q35', () => {
    expect(diagnostics(rule, switched)).toEqual([
      {
        ruleId: 'pci-root-model-mismatch',
        severity: 'error',
        line: 24,
        column: 38,
        endLine: 24,
        endColumn: 54,
        message:
          'The PCI controller with index 0 of a q35 machine must be a pcie-root, not pci-root: libvirt refuses it: "The PCI controller with index=\'0\' must be model=\'pcie-root\' for this machine type, but model=\'pci-root\' was found instead". Use model=\'pcie-root\' (after a machine change, let libvirt rebuild the PCI controllers and addresses).',
      },
    ]);
  });

  it('suggests the right model', () => {
    expect(fixed(rule, switched)).toBe(switched);
    expect(applySuggestion(rule, switched, 0)).toBe(switched.replace("model='pci-root'", "model='pcie-root'"));
  });

  it('reports pcie-root on i440fx and expander buses on the wrong machine', () => {
    const i440fx = domain(`<controller type='pci' index='0' model='pcie-root'/>`).replace("machine='pc-q35-9.1'", "machine='pc-i440fx-9.1'");
    expect(diagnostics(rule, i440fx)[0].message).toContain("must be model='pci-root' for this machine type, but model='pcie-root'");
    const pxb = domain(`<controller type='pci' index='0' model='pcie-root'/>\n<controller type='pci' index='1' model='pci-expander-bus'>\n  <target busNr='254'/>\n</controller>`);
    expect(diagnostics(rule, pxb)[0].message).toContain('"pci-expander-bus controllers are only supported on 440fx-based machinetypes"');
  });

  it('accepts the matching root', () => {
    expect(diagnostics(rule, applySuggestion(rule, switched, 0))).toEqual([]);
  });
});
