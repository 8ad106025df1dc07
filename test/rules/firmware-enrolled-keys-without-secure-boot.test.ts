import { describe, expect, it } from 'vitest';
import rule from '../../rules/firmware-enrolled-keys-without-secure-boot.js';
import { applySuggestion, diagnostics, fixed } from '../helpers/rule-tester.js';
import { osDomain } from '../helpers/os-domain.js';

const os = (keys: string, sb: string) => `<os firmware='efi'>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <firmware>
    <feature enabled='${keys}' name='enrolled-keys'/>
    <feature enabled='${sb}' name='secure-boot'/>
  </firmware>
  <boot dev='hd'/>
</os>`;

describe('firmware-enrolled-keys-without-secure-boot', () => {
  const xml = osDomain(os('yes', 'no'));

  it('reports enrolled-keys on while secure-boot is off', () => {
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'firmware-enrolled-keys-without-secure-boot',
        severity: 'error',
        line: 10,
        column: 7,
        endLine: 10,
        endColumn: 52,
        message:
          "Firmware feature 'enrolled-keys' is enabled but 'secure-boot' is disabled: libvirt refuses it: \"firmware feature 'enrolled-keys' cannot be enabled when firmware feature 'secure-boot' is disabled\". Set enrolled-keys to enabled='no' for a guest without Secure Boot, or secure-boot to enabled='yes'.",
      },
    ]);
  });

  it('is quiet for the consistent combinations and when secure-boot is not stated', () => {
    expect(diagnostics(rule, osDomain(os('yes', 'yes')))).toEqual([]);
    expect(diagnostics(rule, osDomain(os('no', 'no')))).toEqual([]);
    expect(diagnostics(rule, osDomain(os('no', 'yes')))).toEqual([]);
    expect(diagnostics(rule, osDomain(os('yes', 'no').replace("    <feature enabled='no' name='secure-boot'/>\n", '')))).toEqual([]);
  });

  it('offers both directions as suggestions', () => {
    expect(fixed(rule, xml)).toBe(xml);
    expect(applySuggestion(rule, xml, 0)).toBe(osDomain(os('no', 'no')));
    expect(applySuggestion(rule, xml, 1)).toBe(osDomain(os('yes', 'yes')));
  });
});
