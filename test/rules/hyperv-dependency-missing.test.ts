import { describe, expect, it } from 'vitest';
import rule from '../../rules/hyperv-dependency-missing.js';
import { HYPERV_DEPENDENCIES, hypervFeature } from '../../src/domain/hyperv-features.js';
import { compareVersions } from '../../src/engine/version.js';
import { applySuggestion, diagnostics, domain, fixed, runRule } from '../helpers/rule-tester.js';

const BASE = "<acpi/>\n<apic/>\n";
// An old passthrough guide's block: stimer without synic (and hence without vpindex).
const partial = domain('', {
  features: `${BASE}<hyperv mode='custom'>
  <relaxed state='on'/>
  <vapic state='on'/>
  <spinlocks state='on' retries='8191'/>
  <stimer state='on'/>
</hyperv>`,
});

describe('hyperv-dependency-missing', () => {
  it("reports stimer without synic at <stimer>, quoting QEMU's error", () => {
    expect(diagnostics(rule, partial)).toEqual([
      {
        ruleId: 'hyperv-dependency-missing',
        severity: 'error',
        line: 18,
        column: 7,
        endLine: 18,
        endColumn: 27,
        message:
          "Hyper-V <stimer> is on but <synic> is not; QEMU refuses to start: \"Hyper-V synthetic timers (hv-stimer) requires Hyper-V synthetic interrupt controller (hv-synic)\". Turn on <synic>, <vpindex>.",
      },
    ]);
  });

  it('--fix adds synic and what synic needs in turn (vpindex)', () => {
    const out = fixed(rule, partial);
    expect(out).toBe(partial.replace("      <stimer state='on'/>\n", "      <stimer state='on'/>\n      <synic state='on'/>\n      <vpindex state='on'/>\n"));
    expect(diagnostics(rule, out)).toEqual([]);
  });

  it('adds the hypervclock timer to <clock> when stimer lacks hv-time', () => {
    const xml = domain('', { features: `${BASE}<hyperv>\n  <vpindex state='on'/>\n  <synic state='on'/>\n  <stimer state='on'/>\n</hyperv>` }).replace(
      "    <timer name='hypervclock' present='yes'/>\n",
      '',
    );
    const [d] = diagnostics(rule, xml);
    expect(d.message).toContain('"Hyper-V synthetic timers (hv-stimer) requires Hyper-V clocksources (hv-time)"');
    // <clock offset='localtime'> is now empty-bodied: the timer goes inside it.
    expect(fixed(rule, xml)).toBe(xml.replace("  <clock offset='localtime'>\n  </clock>", "  <clock offset='localtime'>\n    <timer name='hypervclock' present='yes'/>\n  </clock>"));
  });

  it('checks the other pairs: tlbflush/ipi/synic need vpindex, evmcs needs vapic, direct/extended need their parent', () => {
    const one = (hyperv: string) => diagnostics(rule, domain('', { features: `${BASE}<hyperv>\n${hyperv}\n</hyperv>` })).map((d) => d.message.match(/"(.*?)"/)![1]);
    expect(one("  <tlbflush state='on'/>")).toEqual(['Hyper-V paravirtualized TLB flush (hv-tlbflush) requires Hyper-V VP_INDEX MSR (hv-vpindex)']);
    expect(one("  <ipi state='on'/>")).toEqual(['Hyper-V paravirtualized IPI (hv-ipi) requires Hyper-V VP_INDEX MSR (hv-vpindex)']);
    expect(one("  <synic state='on'/>")).toEqual(['Hyper-V synthetic interrupt controller (hv-synic) requires Hyper-V VP_INDEX MSR (hv-vpindex)']);
    expect(one("  <evmcs state='on'/>")).toEqual(['Hyper-V enlightened VMCS (hv-evmcs) requires Hyper-V virtual APIC (hv-vapic)']);
    expect(one("  <vpindex state='on'/>\n  <tlbflush state='off'>\n    <extended state='on'/>\n  </tlbflush>")).toEqual([
      'Hyper-V Extended gva ranges for TLB flush hypercalls (hv-tlbflush-ext) requires Hyper-V paravirtualized TLB flush (hv-tlbflush)',
    ]);
  });

  it("with a dependency written as 'off', suggests turning off what needs it, then turning the dependency on; --fix does neither", () => {
    const xml = domain('', { features: `${BASE}<hyperv>\n  <vpindex state='off'/>\n  <ipi state='on'/>\n</hyperv>` });
    const [d] = runRule(rule, xml).messages;
    expect(d.message).toBe(
      'Hyper-V <ipi> is on but <vpindex> is not; QEMU refuses to start: "Hyper-V paravirtualized IPI (hv-ipi) requires Hyper-V VP_INDEX MSR (hv-vpindex)". <vpindex> is turned off explicitly: turn off <ipi>, or turn on <vpindex>.',
    );
    expect(d.fix).toBeUndefined();
    expect(d.suggestions?.map((f) => [f.title, f.safety])).toEqual([
      ['Turn off <ipi>', 'unsafe'],
      ["Turn on <vpindex> (overrides the explicit <vpindex state='off'>)", 'unsafe'],
    ]);
    expect(fixed(rule, xml)).toBe(xml);
    expect(applySuggestion(rule, xml, 0)).toBe(xml.replace("<ipi state='on'/>", "<ipi state='off'/>"));
    expect(applySuggestion(rule, xml, 1)).toBe(xml.replace("<vpindex state='off'/>", "<vpindex state='on'/>"));
    // --unsafe-fixes keeps the explicit 'off' and gives up the feature that conflicts with it.
    const out = fixed(rule, xml, { mode: 'unsafe' });
    expect(out).toBe(xml.replace("<ipi state='on'/>", "<ipi state='off'/>"));
    expect(diagnostics(rule, out)).toEqual([]);
  });

  it('turning a feature off takes the enabled features that need it along (synic -> stimer -> stimer/direct)', () => {
    const xml = domain('', {
      features: `${BASE}<hyperv>\n  <vpindex state='off'/>\n  <synic state='on'/>\n  <stimer state='on'>\n    <direct state='on'/>\n  </stimer>\n</hyperv>`,
    });
    const [d] = runRule(rule, xml).messages;
    expect(d.suggestions?.[0].title).toBe('Turn off <synic>, <stimer>, <stimer><direct>');
    const out = fixed(rule, xml, { mode: 'unsafe' });
    expect(out).toBe(xml.replace("<synic state='on'/>", "<synic state='off'/>").replace("<stimer state='on'>", "<stimer state='off'>").replace("<direct state='on'/>", "<direct state='off'/>"));
    expect(out).toContain("<vpindex state='off'/>");
    expect(diagnostics(rule, out)).toEqual([]);
  });

  it('is quiet for a complete set, in passthrough mode, and for non-x86 guests', () => {
    const complete = domain('', {
      features: `${BASE}<hyperv mode='custom'>\n  <relaxed state='on'/>\n  <vapic state='on'/>\n  <vpindex state='on'/>\n  <synic state='on'/>\n  <stimer state='on'>\n    <direct state='on'/>\n  </stimer>\n  <tlbflush state='on'/>\n  <ipi state='on'/>\n  <evmcs state='on'/>\n</hyperv>`,
    });
    expect(diagnostics(rule, complete)).toEqual([]);
    expect(diagnostics(rule, partial.replace("<hyperv mode='custom'>", "<hyperv mode='passthrough'>"))).toEqual([]);
    expect(diagnostics(rule, partial.replace("arch='x86_64' machine='pc-q35-9.1'", "arch='aarch64' machine='virt'"))).toEqual([]);
  });
});

describe('hyperv-dependency-missing: the turn-on fix declares no libvirt requirement', () => {
  it('because every dependency is known to libvirt since the feature that needs it, or earlier', () => {
    const since = (f: string) => hypervFeature(f).libvirtSince ?? '1.2.2'; // the hypervclock timer: formatdomain "since 1.2.2"
    for (const [feature, deps] of Object.entries(HYPERV_DEPENDENCIES)) {
      for (const d of deps) expect(compareVersions(since(d), since(feature)), `${feature} -> ${d}`).toBeLessThanOrEqual(0);
    }
  });
});
