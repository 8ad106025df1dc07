import { describe, expect, it } from 'vitest';
import rule from '../../rules/shmem-size-invalid.js';
import { applySuggestion, diagnostics, domain, fixed } from '../helpers/rule-tester.js';

const shmem = (size: string) =>
  domain(`<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  ${size}
</shmem>`);

describe('shmem-size-invalid', () => {
  it('reports a size that is not a power of two at the <size> element', () => {
    expect(diagnostics(rule, shmem("<size unit='M'>48</size>"))).toEqual([
      {
        ruleId: 'shmem-size-invalid',
        severity: 'error',
        line: 26,
        column: 7,
        endLine: 26,
        endColumn: 22,
        message:
          "<shmem name='looking-glass'> size 48 MiB is not a power of two; libvirt refuses it: \"shmem size must be a power of 2 and at least 1 MiB (1024 KiB)\". Use 64 MiB.",
      },
    ]);
  });

  it('reports a size below 1 MiB (libvirt test shmem-small-size: 16 KiB)', () => {
    const [d] = diagnostics(rule, shmem("<size unit='K'>16</size>"));
    expect(d.message).toContain('size 16 KiB is below 1 MiB');
    expect(d.message).toContain('Use 1 MiB.');
  });

  it('reads the unit like libvirt (12345 KiB from shmem-invalid-size; bytes without a unit)', () => {
    expect(diagnostics(rule, shmem("<size unit='K'>12345</size>"))[0].message).toContain('size 12345 KiB is not a power of two');
    expect(diagnostics(rule, shmem('<size>33554432</size>'))).toEqual([]);
    expect(diagnostics(rule, shmem('<size>33554431</size>'))).toHaveLength(1);
  });

  it('accepts powers of two of at least 1 MiB, in any unit', () => {
    for (const size of ["<size unit='M'>32</size>", "<size unit='MiB'>1</size>", "<size unit='G'>1</size>", "<size unit='KiB'>65536</size>"]) {
      expect(diagnostics(rule, shmem(size))).toEqual([]);
    }
  });

  it('offers rounding up as a suggestion only (--fix leaves it)', () => {
    const xml = shmem("<size unit='M'>48</size>");
    expect(fixed(rule, xml)).toBe(xml);
    expect(applySuggestion(rule, xml, 0)).toBe(xml.replace("<size unit='M'>48</size>", "<size unit='M'>64</size>"));
    // A unit the result is not a whole number of: rewritten in MiB.
    const bytes = shmem('<size>1000</size>');
    expect(applySuggestion(rule, bytes, 0)).toBe(bytes.replace('<size>1000</size>', "<size unit='M'>1</size>"));
  });
});
