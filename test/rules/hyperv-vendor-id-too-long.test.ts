import { describe, expect, it } from 'vitest';
import rule from '../../rules/hyperv-vendor-id-too-long.js';
import { applySuggestion, diagnostics, domain, fixed } from '../helpers/rule-tester.js';

// domain-rules.md 8.5: the Hyper-V block of an older NVIDIA passthrough guide.
const hyperv = (vendor: string, mode = 'custom') =>
  domain('', {
    features: `<acpi/>
<apic/>
<hyperv mode='${mode}'>
  <relaxed state='on'/>
  <vapic state='on'/>
  <spinlocks state='on' retries='8191'/>
  ${vendor}
</hyperv>
<kvm>
  <hidden state='on'/>
</kvm>`,
  });

describe('hyperv-vendor-id-too-long', () => {
  const long = hyperv("<vendor_id state='on' value='1234567890abcd'/>");

  it('reports a 14-character value at the attribute', () => {
    expect(diagnostics(rule, long)).toEqual([
      {
        ruleId: 'hyperv-vendor-id-too-long',
        severity: 'error',
        line: 18,
        column: 29,
        endLine: 18,
        endColumn: 51,
        message:
          "Hyper-V vendor_id '1234567890abcd' is 14 characters long: libvirt refuses it: \"HyperV vendor_id value must not be more than 12 characters.\" Use at most 12 characters, e.g. '1234567890ab'.",
      },
    ]);
  });

  it('suggests (but does not apply) the truncated value', () => {
    expect(fixed(rule, long)).toBe(long);
    const out = applySuggestion(rule, long, 0);
    expect(out).toBe(long.replace("value='1234567890abcd'", "value='1234567890ab'"));
    expect(diagnostics(rule, out)).toEqual([]);
  });

  it('counts bytes as libvirt does (strlen)', () => {
    const [d] = diagnostics(rule, hyperv("<vendor_id state='on' value='ÄÄÄÄÄÄÄ'/>"));
    expect(d.message).toContain("is 14 bytes long");
    expect(applySuggestion(rule, hyperv("<vendor_id state='on' value='ÄÄÄÄÄÄÄ'/>"), 0)).toContain("value='ÄÄÄÄÄÄ'");
  });

  it('reports a comma and a missing value', () => {
    const [comma] = diagnostics(rule, hyperv("<vendor_id state='on' value='AMD,Intel'/>"));
    expect(comma.message).toContain('"HyperV vendor_id value is invalid"');
    expect(applySuggestion(rule, hyperv("<vendor_id state='on' value='AMD,Intel'/>"), 0)).toContain("value='AMDIntel'");
    const [missing] = diagnostics(rule, hyperv("<vendor_id state='on'/>"));
    expect(missing).toMatchObject({ line: 18, column: 7 });
    expect(missing.message).toContain("\"missing 'value' attribute for HyperV feature 'vendor_id'\"");
  });

  it('is quiet for 12 characters, state off and passthrough mode', () => {
    expect(diagnostics(rule, hyperv("<vendor_id state='on' value='1234567890ab'/>"))).toEqual([]);
    expect(diagnostics(rule, hyperv("<vendor_id state='off' value='1234567890abcd'/>"))).toEqual([]);
    expect(diagnostics(rule, hyperv("<vendor_id state='on' value='1234567890abcd'/>", 'passthrough'))).toEqual([]);
  });
});
