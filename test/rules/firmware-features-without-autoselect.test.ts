import { describe, expect, it } from 'vitest';
import rule from '../../rules/firmware-features-without-autoselect.js';
import { applySuggestion, diagnostics, fixed } from '../helpers/rule-tester.js';
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

  it('offers both repairs as suggestions only', () => {
    expect(fixed(rule, xml)).toBe(xml);
    expect(applySuggestion(rule, xml, 0)).toBe(xml.replace('  <os>', "  <os firmware='efi'>"));
    expect(applySuggestion(rule, xml, 1)).toBe(
      xml.replace("    <firmware>\n      <feature enabled='yes' name='enrolled-keys'/>\n      <feature enabled='yes' name='secure-boot'/>\n    </firmware>\n", ''),
    );
  });
});
