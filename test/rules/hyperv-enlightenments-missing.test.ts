import { describe, expect, it } from 'vitest';
import rule from '../../rules/hyperv-enlightenments-missing.js';
import { applySuggestion, diagnostics, domain, fixed, runRule } from '../helpers/rule-tester.js';

const METADATA = `  <metadata>
    <libosinfo:libosinfo xmlns:libosinfo="http://libosinfo.org/xmlns/libvirt/domain/1.0">
      <libosinfo:os id="http://microsoft.com/win/10"/>
    </libosinfo:libosinfo>
  </metadata>
`;
const withOs = (xml: string, id = 'http://microsoft.com/win/10') => xml.replace('  <memory ', METADATA.replace('http://microsoft.com/win/10', id) + '  <memory ');
const COMPLETE = `<hyperv mode='custom'>
  <relaxed state='on'/>
  <vapic state='on'/>
  <spinlocks state='on' retries='8191'/>
  <vpindex state='on'/>
  <runtime state='on'/>
  <synic state='on'/>
  <stimer state='on'/>
  <frequencies state='on'/>
  <tlbflush state='on'/>
  <ipi state='on'/>
</hyperv>`;
// The three enlightenments old guides list.
const old = domain('', { features: "<acpi/>\n<apic/>\n<hyperv>\n  <relaxed state='on'/>\n  <vapic state='on'/>\n  <spinlocks state='on' retries='8191'/>\n</hyperv>" });

describe('hyperv-enlightenments-missing', () => {
  it('lists what a Windows guest lacks, at <hyperv>', () => {
    expect(diagnostics(rule, withOs(old))).toEqual([
      {
        ruleId: 'hyperv-enlightenments-missing',
        severity: 'info',
        line: 19,
        column: 5,
        endLine: 19,
        endColumn: 13,
        message:
          'This Windows guest lacks the Hyper-V enlightenments QEMU recommends: vpindex, runtime, synic, stimer, frequencies, tlbflush, ipi. Without them Windows uses slower emulated timers and interrupts (without stimer it falls back to HPET/RTC and burns CPU).',
      },
    ]);
  });

  it('reports a Windows guest without any <hyperv> block, with the clock timer', () => {
    const xml = withOs(domain('').replace("    <timer name='hypervclock' present='yes'/>\n", ''));
    const [d] = diagnostics(rule, xml);
    expect(d.message).toContain('has no <hyperv> block, so it lacks the Hyper-V enlightenments QEMU recommends: relaxed, vapic, spinlocks, vpindex');
    expect(d.message).toContain('ipi, the hypervclock timer.');
    // The new block has no mode attribute: 'custom' is the default, and libvirt 7.x's grammar has no such attribute.
    expect(applySuggestion(rule, xml, 0)).toBe(
      withOs(domain('', { features: `<acpi/>\n<apic/>\n<smm state='on'/>\n${COMPLETE.replace(" mode='custom'", '')}` })),
    );
  });

  it("is quiet for the complete set, for features written 'off', in passthrough mode, and for non-Windows guests", () => {
    expect(diagnostics(rule, withOs(domain('', { features: `<acpi/>\n<apic/>\n${COMPLETE}` })))).toEqual([]);
    const off = COMPLETE.replace("<stimer state='on'/>", "<stimer state='off'/>").replace("<synic state='on'/>", "<synic state='off'/>");
    expect(diagnostics(rule, withOs(domain('', { features: `<acpi/>\n<apic/>\n${off}` })))).toEqual([]);
    expect(diagnostics(rule, withOs(domain('', { features: "<acpi/>\n<hyperv mode='passthrough'/>" })))).toEqual([]);
    expect(diagnostics(rule, withOs(old, 'http://fedoraproject.org/fedora/40'))).toEqual([]);
    // No metadata and no <hyperv>: nothing says it is Windows.
    expect(diagnostics(rule, domain(''))).toEqual([]);
  });

  it('without metadata, a <hyperv> block marks the guest as Windows', () => {
    expect(diagnostics(rule, old)).toHaveLength(1);
  });

  it('suggests adding the missing elements (not applied by --fix)', () => {
    expect(fixed(rule, withOs(old))).toBe(withOs(old));
    expect(applySuggestion(rule, withOs(old), 0)).toBe(withOs(domain('', { features: `<acpi/>\n<apic/>\n${COMPLETE.replace(" mode='custom'", '')}` })));
  });
});

describe('hyperv-enlightenments-missing: what the suggestion may add', () => {
  // The user turned vpindex off; synic, stimer, tlbflush and ipi all need it.
  const vpindexOff = withOs(domain('', { features: "<acpi/>\n<apic/>\n<hyperv>\n  <relaxed state='on'/>\n  <vapic state='on'/>\n  <spinlocks state='on' retries='8191'/>\n  <vpindex state='off'/>\n</hyperv>" }));

  it("leaves out the features whose dependency is written 'off', and says so", () => {
    const [d] = runRule(rule, vpindexOff).messages;
    expect(d.message).toBe(
      'This Windows guest lacks the Hyper-V enlightenments QEMU recommends: runtime, synic, stimer, frequencies, tlbflush, ipi. Without them Windows uses slower emulated timers and interrupts (without stimer it falls back to HPET/RTC and burns CPU). synic, stimer, tlbflush, ipi need <vpindex>, which is turned off here: the fix leaves them out.',
    );
    expect(d.suggestions?.map((f) => f.title)).toEqual(['Add runtime, frequencies']);
    expect(applySuggestion(rule, vpindexOff, 0)).toBe(vpindexOff.replace("<vpindex state='off'/>", "<vpindex state='off'/>\n      <runtime state='on'/>\n      <frequencies state='on'/>"));
  });

  it('adds only what a known libvirt has (libvirt refuses unknown <hyperv> children), and nothing that needs a newer one', () => {
    const on = (libvirt: string) => runRule(rule, withOs(old), { host: { libvirt } }).messages[0].suggestions!.map((f) => f.title);
    expect(on('4.7.0')).toEqual(['Add vpindex, runtime, synic, stimer, frequencies, tlbflush']);
    expect(on('9.0.0')).toEqual(['Add vpindex, runtime, synic, stimer, frequencies, tlbflush, ipi']);
    expect(on('4.6.0')).toEqual(['Add vpindex, runtime, synic, stimer']);
    // Unknown libvirt: the suggestion needs 4.10.0, which every maintained distribution has.
    const [unknown] = runRule(rule, withOs(old)).messages[0].suggestions!;
    expect(unknown.title).toBe('Add vpindex, runtime, synic, stimer, frequencies, tlbflush, ipi');
    expect(unknown.requires).toEqual({ libvirt: '>=4.10.0' });
  });
});

describe('hyperv-enlightenments-missing on guests that are not Windows', () => {
  it('does not take a macOS VM built from a Windows template for Windows', () => {
    expect(diagnostics(rule, old.replace('<name>win11</name>', '<name>macOS-Catalina</name>'))).toEqual([]);
    const applesmc = old.replace("<domain type='kvm'>", "<domain type='kvm' xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'>").replace(
      '</domain>',
      "  <qemu:commandline>\n    <qemu:arg value='-device'/>\n    <qemu:arg value='isa-applesmc,osk=placeholder'/>\n  </qemu:commandline>\n</domain>",
    );
    expect(diagnostics(rule, applesmc)).toEqual([]);
    expect(diagnostics(rule, old)[0].message).toContain('This guest (Windows, judging by its <hyperv> block) lacks');
  });
});
