import { describe, expect, it } from 'vitest';
import rule from '../../rules/firmware-features-without-autoselect.js';
import { applySuggestion, diagnostics, fixed, runRule } from '../helpers/rule-tester.js';
import { osDomain } from '../helpers/os-domain.js';

// The <firmware> block of a dumped XML copied into a hand-written manual-firmware <os>.
const OS = `<os>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <firmware>
    <feature enabled='yes' name='enrolled-keys'/>
    <feature enabled='yes' name='secure-boot'/>
  </firmware>
  <loader readonly='yes' secure='yes' type='pflash'>/usr/share/edk2/ovmf/OVMF_CODE.secboot.fd</loader>
  <boot dev='hd'/>
</os>`;

describe('firmware-features-without-autoselect', () => {
  const xml = osDomain(OS);

  it('reports the <firmware> block when <os> has no firmware attribute', () => {
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'firmware-features-without-autoselect',
        severity: 'error',
        line: 9,
        column: 5,
        endLine: 9,
        endColumn: 15,
        message:
          "<firmware> lists 2 features but <os> has no firmware attribute: libvirt refuses it: \"cannot use feature-based firmware autoselection when firmware autoselection is disabled\". Add firmware='efi' to <os> to let libvirt pick the firmware, or remove the <firmware> block to keep your manual <loader>.",
      },
    ]);
  });

  it('is quiet with autoselection and for an empty <firmware/>', () => {
    expect(diagnostics(rule, osDomain(OS.replace('<os>', "<os firmware='efi'>")))).toEqual([]);
    const empty = OS.replace(/  <firmware>[\s\S]*<\/firmware>/, '  <firmware/>');
    expect(diagnostics(rule, osDomain(empty))).toEqual([]);
  });

  it("does not offer firmware='efi' to a libvirt that refuses it next to the manual loader (before 9.2.0)", () => {
    const titles = (libvirt?: string) => runRule(rule, xml, { host: libvirt ? { libvirt } : {} }).messages[0].suggestions?.map((f) => f.title);
    expect(titles('9.0.0')).toEqual(['Remove the <firmware> block']);
    expect(fixed(rule, xml, { host: { libvirt: '9.0.0' }, mode: 'unsafe' })).toBe(applySuggestion(rule, xml, 1));
    expect(titles('9.2.0')).toEqual(["Add firmware='efi' to <os>", 'Remove the <firmware> block']);
    expect(titles()).toEqual(["Add firmware='efi' to <os> (needs libvirt 9.2.0 or newer)", 'Remove the <firmware> block']);
    // Without manual loader settings there is nothing libvirt 9.0.0 objects to.
    const bare = osDomain(OS.replace(/\n  <loader [^\n]*/, ''));
    expect(runRule(rule, bare, { host: { libvirt: '9.0.0' } }).messages[0].suggestions?.map((f) => f.title)).toEqual(["Add firmware='efi' to <os>", 'Remove the <firmware> block']);
  });

  it('offers both repairs as suggestions only', () => {
    expect(fixed(rule, xml)).toBe(xml);
    expect(applySuggestion(rule, xml, 0)).toBe(xml.replace('  <os>', "  <os firmware='efi'>"));
    expect(applySuggestion(rule, xml, 1)).toBe(
      xml.replace("    <firmware>\n      <feature enabled='yes' name='enrolled-keys'/>\n      <feature enabled='yes' name='secure-boot'/>\n    </firmware>\n", ''),
    );
  });
});
