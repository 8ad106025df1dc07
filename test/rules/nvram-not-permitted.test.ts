import { describe, expect, it } from 'vitest';
import rule from '../../rules/nvram-not-permitted.js';
import { applySuggestion, diagnostics, fixed } from '../helpers/rule-tester.js';
import { osDomain } from '../helpers/os-domain.js';

describe('nvram-not-permitted', () => {
  it("reports <nvram> with firmware='bios'", () => {
    const xml = osDomain(`<os firmware='bios'>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <nvram>/var/lib/libvirt/qemu/nvram/guest_VARS.fd</nvram>
</os>`);
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'nvram-not-permitted',
        severity: 'error',
        line: 9,
        column: 5,
        endLine: 9,
        endColumn: 12,
        message:
          "<nvram> with <os firmware='bios'>: libvirt refuses it: \"firmware type 'bios' does not support nvram\". Remove <nvram> for a BIOS guest, or use firmware='efi' for a UEFI guest.",
      },
    ]);
    expect(fixed(rule, xml)).toBe(xml);
    expect(applySuggestion(rule, xml, 0)).toBe(xml.replace('    <nvram>/var/lib/libvirt/qemu/nvram/guest_VARS.fd</nvram>\n', ''));
    expect(applySuggestion(rule, xml, 1)).toBe(xml.replace("<os firmware='bios'>", "<os firmware='efi'>"));
  });

  it('is quiet for an efi guest with NVRAM and for an empty <nvram/>', () => {
    expect(
      diagnostics(
        rule,
        osDomain(`<os firmware='efi'>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <nvram>/var/lib/libvirt/qemu/nvram/guest_VARS.fd</nvram>
</os>`),
      ),
    ).toEqual([]);
    expect(diagnostics(rule, osDomain(`<os firmware='bios'>\n  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>\n  <nvram/>\n</os>`))).toEqual([]);
  });

  const stateless = (nvram: string) =>
    osDomain(`<os>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <loader readonly='yes' type='pflash' stateless='yes'>/usr/share/edk2/ovmf/OVMF.amdsev.fd</loader>
  ${nvram}
</os>`);

  it('reports an NVRAM store or template with a stateless loader, template first', () => {
    const [store] = diagnostics(rule, stateless('<nvram>/var/lib/libvirt/qemu/nvram/guest_VARS.fd</nvram>'));
    expect(store).toMatchObject({ line: 10, column: 5 });
    expect(store.message).toContain('"NVRAM is not permitted when loader is stateless"');
    const [template] = diagnostics(rule, stateless("<nvram template='/usr/share/edk2/ovmf/OVMF_VARS.fd'>/var/lib/libvirt/qemu/nvram/guest_VARS.fd</nvram>"));
    expect(template.message).toContain('"NVRAM template is not permitted when loader is stateless"');
    expect(diagnostics(rule, stateless(''))).toEqual([]);
  });

  it("reports stateless='no' on a manual loader that is not pflash", () => {
    const xml = osDomain(`<os>
  <type arch='x86_64' machine='pc-i440fx-9.2'>hvm</type>
  <loader stateless='no'>/usr/share/seabios/bios.bin</loader>
</os>`);
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'nvram-not-permitted',
        severity: 'error',
        line: 9,
        column: 13,
        endLine: 9,
        endColumn: 27,
        message:
          "<loader stateless='no'> asks for an NVRAM store, which a loader without type='pflash' cannot have: libvirt refuses it: \"Only pflash loader type permits NVRAM\". Remove stateless='no', or make it a UEFI loader with type='pflash'.",
      },
    ]);
    expect(applySuggestion(rule, xml, 0)).toBe(xml.replace(" stateless='no'", ''));
    expect(diagnostics(rule, xml.replace("<loader stateless='no'>", "<loader type='pflash' stateless='no'>"))).toEqual([]);
  });

  it("reports stateless='no' with firmware='bios'", () => {
    const [d] = diagnostics(rule, osDomain(`<os firmware='bios'>\n  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>\n  <loader stateless='no'/>\n</os>`));
    expect(d.message).toContain('"Only EFI firmware permits NVRAM"');
  });
});
