import { describe, expect, it } from 'vitest';
import rule from '../../rules/loader-without-path.js';
import { applySuggestion, diagnostics, fixed, runRule } from '../helpers/rule-tester.js';
import { osDomain } from '../helpers/os-domain.js';

// The autoselection example of formatdomain.rst with the firmware attribute forgotten.
const OS = `<os>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <loader readonly='yes' secure='yes' type='pflash'/>
  <boot dev='hd'/>
</os>`;

describe('loader-without-path', () => {
  const xml = osDomain(OS);

  it('reports an empty <loader> without autoselection', () => {
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'loader-without-path',
        severity: 'error',
        line: 9,
        column: 5,
        endLine: 9,
        endColumn: 56,
        message:
          "<loader> names no firmware image and <os> has no firmware attribute: libvirt refuses it: \"no loader path specified and firmware auto selection disabled\". Write the firmware path as the <loader> text, or add firmware='efi' to <os> so libvirt picks one.",
      },
    ]);
  });

  it("suggests firmware='efi' for a pflash loader (not applied by --fix)", () => {
    expect(fixed(rule, xml)).toBe(xml);
    const out = applySuggestion(rule, xml, 0);
    expect(out).toBe(xml.replace('  <os>', "  <os firmware='efi'>"));
    expect(diagnostics(rule, out)).toEqual([]);
  });

  it("suggests firmware='bios' for a rom loader", () => {
    const rom = osDomain(OS.replace("<loader readonly='yes' secure='yes' type='pflash'/>", "<loader type='rom'/>"));
    expect(applySuggestion(rule, rom, 0)).toBe(rom.replace('  <os>', "  <os firmware='bios'>"));
  });

  it('offers autoselection next to these loader attributes only where libvirt accepts it (9.2.0 and later)', () => {
    expect(runRule(rule, xml, { host: { libvirt: '9.0.0' } }).messages[0].suggestions).toBeUndefined();
    expect(runRule(rule, xml, { host: { libvirt: '9.2.0' } }).messages[0].suggestions?.map((f) => f.title)).toEqual(["Add firmware='efi' to <os>"]);
    expect(runRule(rule, xml).messages[0].suggestions?.map((f) => f.title)).toEqual(["Add firmware='efi' to <os> (needs libvirt 9.2.0 or newer)"]);
    // <loader secure='yes'/> alone is accepted next to autoselection by libvirt 9.0.0 too.
    const secureOnly = osDomain(OS.replace("<loader readonly='yes' secure='yes' type='pflash'/>", "<loader secure='yes'/>"));
    expect(runRule(rule, secureOnly, { host: { libvirt: '9.0.0' } }).messages[0].suggestions?.map((f) => f.title)).toEqual(["Add firmware='efi' to <os>"]);
  });

  it('is quiet with a path or with autoselection', () => {
    expect(diagnostics(rule, osDomain(OS.replace("type='pflash'/>", "type='pflash'>/usr/share/edk2/ovmf/OVMF_CODE.secboot.fd</loader>")))).toEqual([]);
    expect(diagnostics(rule, osDomain(OS.replace('<os>', "<os firmware='efi'>")))).toEqual([]);
  });
});
