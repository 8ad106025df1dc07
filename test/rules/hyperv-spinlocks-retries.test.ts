import { describe, expect, it } from 'vitest';
import rule from '../../rules/hyperv-spinlocks-retries.js';
import { diagnostics, domain, fixed } from '../helpers/rule-tester.js';

const hyperv = (spinlocks: string, mode = 'custom') =>
  domain('', {
    features: `<acpi/>
<apic/>
<hyperv mode='${mode}'>
  <relaxed state='on'/>
  <vapic state='on'/>
  ${spinlocks}
</hyperv>`,
  });

describe('hyperv-spinlocks-retries', () => {
  const xml = hyperv("<spinlocks state='on' retries='1024'/>");

  it('reports retries below 4095 at the attribute', () => {
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'hyperv-spinlocks-retries',
        severity: 'error',
        line: 17,
        column: 29,
        endLine: 17,
        endColumn: 43,
        message:
          "Hyper-V spinlock retries='1024' is below the minimum: libvirt refuses it: \"HyperV spinlock retry count must be at least 4095\". Use retries='8191' (what virt-manager writes) or any value of at least 4095.",
      },
    ]);
  });

  it("--fix sets retries='8191'", () => {
    const out = fixed(rule, xml);
    expect(out).toBe(xml.replace("retries='1024'", "retries='8191'"));
    expect(diagnostics(rule, out)).toEqual([]);
  });

  it('reads numbers as libvirt does (decimal or 0x hex)', () => {
    expect(diagnostics(rule, hyperv("<spinlocks state='on' retries='4094'/>"))).toHaveLength(1);
    expect(diagnostics(rule, hyperv("<spinlocks state='on' retries='0xffe'/>"))).toHaveLength(1);
    expect(diagnostics(rule, hyperv("<spinlocks state='on' retries='4095'/>"))).toEqual([]);
    expect(diagnostics(rule, hyperv("<spinlocks state='on' retries='0xfff'/>"))).toEqual([]);
  });

  it('is quiet when off, without retries (libvirt 11.9+) and in passthrough mode', () => {
    expect(diagnostics(rule, hyperv("<spinlocks state='off' retries='1024'/>"))).toEqual([]);
    expect(diagnostics(rule, hyperv("<spinlocks state='on'/>"))).toEqual([]);
    expect(diagnostics(rule, hyperv("<spinlocks state='on' retries='1024'/>", 'passthrough'))).toEqual([]);
  });
});
