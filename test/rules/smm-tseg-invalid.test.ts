import { describe, expect, it } from 'vitest';
import rule from '../../rules/smm-tseg-invalid.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const tseg = (size: string) => domain('', { features: `<acpi/>\n<apic/>\n<smm state='on'>\n  <tseg ${size}</tseg>\n</smm>` });

describe('smm-tseg-invalid', () => {
  it('reports a TSEG size that is not whole MiB', () => {
    expect(diagnostics(rule, tseg("unit='KiB'>12345"))).toEqual([
      {
        ruleId: 'smm-tseg-invalid',
        severity: 'error',
        line: 15,
        column: 7,
        endLine: 15,
        endColumn: 24,
        message: 'The TSEG size is not a whole number of MiB: libvirt refuses it: "SMM TSEG size must be divisible by 1 MiB". Use a size such as <tseg unit=\'MiB\'>48</tseg>.',
      },
    ]);
  });

  it('reports TSEG on i440fx', () => {
    const xml = tseg("unit='MiB'>48").replace("machine='pc-q35-9.1'", "machine='pc-i440fx-9.1'");
    expect(diagnostics(rule, xml)[0].message).toContain('"SMM TSEG is only supported with q35 machine type"');
  });

  it('accepts 48 MiB on q35', () => {
    expect(diagnostics(rule, tseg("unit='MiB'>48"))).toEqual([]);
  });
});
