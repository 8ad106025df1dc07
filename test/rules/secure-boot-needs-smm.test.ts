import { describe, expect, it } from 'vitest';
import rule from '../../rules/secure-boot-needs-smm.js';
import { applySuggestion, diagnostics, fixed } from '../helpers/rule-tester.js';
import { osDomain } from '../helpers/os-domain.js';

const MANUAL_SB = `<os>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <loader readonly='yes' secure='yes' type='pflash'>/usr/share/edk2/ovmf/OVMF_CODE.secboot.fd</loader>
  <nvram template='/usr/share/edk2/ovmf/OVMF_VARS.secboot.fd'>/var/lib/libvirt/qemu/nvram/win11_VARS.fd</nvram>
  <boot dev='hd'/>
</os>`;

const AUTO_SB = `<os firmware='efi'>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <loader secure='yes'/>
  <boot dev='hd'/>
</os>`;

const AUTO_FEATURE = `<os firmware='efi'>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <firmware>
    <feature enabled='yes' name='secure-boot'/>
  </firmware>
  <boot dev='hd'/>
</os>`;

const NO_SMM = "<acpi/>\n<apic/>";

describe('secure-boot-needs-smm', () => {
  it('reports a manual secure loader without <smm> and adds it to <features>', () => {
    const xml = osDomain(MANUAL_SB, { features: NO_SMM });
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'secure-boot-needs-smm',
        severity: 'error',
        line: 9,
        column: 28,
        endLine: 9,
        endColumn: 40,
        message:
          "<loader secure='yes'> without <smm state='on'/>: libvirt refuses it: \"Secure boot requires SMM feature enabled\". Add <smm state='on'/> to <features>, or let libvirt pick the firmware with <os firmware='efi'>.",
      },
    ]);
    const out = fixed(rule, xml);
    expect(out).toBe(xml.replace('    <apic/>\n', "    <apic/>\n    <smm state='on'/>\n"));
    expect(diagnostics(rule, out)).toEqual([]);
  });

  it("offers, but does not apply, turning an explicit <smm state='off'/> on", () => {
    const xml = osDomain(MANUAL_SB, { features: "<acpi/>\n<apic/>\n<smm state='off'/>" });
    const [d] = diagnostics(rule, xml);
    expect(d.message).toContain("without SMM (<smm state='off'/>)");
    expect(fixed(rule, xml)).toBe(xml);
    expect(applySuggestion(rule, xml, 0)).toBe(xml.replace("<smm state='off'/>", "<smm state='on'/>"));
  });

  it('is quiet when SMM is on (also written as <smm/>)', () => {
    expect(diagnostics(rule, osDomain(MANUAL_SB))).toEqual([]);
    expect(diagnostics(rule, osDomain(MANUAL_SB, { features: '<acpi/>\n<apic/>\n<smm/>' }))).toEqual([]);
  });

  it('does not report autoselection without <smm>: libvirt turns SMM on itself', () => {
    expect(diagnostics(rule, osDomain(AUTO_SB, { features: NO_SMM }))).toEqual([]);
    expect(diagnostics(rule, osDomain(AUTO_FEATURE, { features: NO_SMM }))).toEqual([]);
  });

  it('reports autoselection with SMM explicitly off', () => {
    const off = "<acpi/>\n<apic/>\n<smm state='off'/>";
    const [loader] = diagnostics(rule, osDomain(AUTO_SB, { features: off }));
    expect(loader).toMatchObject({ severity: 'error', line: 9, column: 13 });
    expect(loader.message).toContain("\"Unable to find 'efi' firmware that is compatible with the current configuration\"");
    const [feature] = diagnostics(rule, osDomain(AUTO_FEATURE, { features: off }));
    expect(feature).toMatchObject({ line: 10, column: 7 });
    expect(feature.message).toMatch(/^Firmware feature 'secure-boot' with <smm state='off'\/>/);
  });

  it('ignores other architectures and drivers', () => {
    expect(diagnostics(rule, osDomain(MANUAL_SB.replace("arch='x86_64'", "arch='aarch64'"), { features: NO_SMM }))).toEqual([]);
    expect(diagnostics(rule, osDomain(MANUAL_SB, { features: NO_SMM, type: 'xen' }))).toEqual([]);
  });
});
