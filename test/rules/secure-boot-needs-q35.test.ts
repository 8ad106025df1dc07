import { describe, expect, it } from 'vitest';
import rule from '../../rules/secure-boot-needs-q35.js';
import { diagnostics } from '../helpers/rule-tester.js';
import { osDomain } from '../helpers/os-domain.js';

// domain-rules.md 8.3: a secure-boot OVMF pasted into an i440fx VM.
const manual = (machine: string) =>
  osDomain(`<os>
  <type arch='x86_64' machine='${machine}'>hvm</type>
  <loader readonly='yes' secure='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.secboot.fd</loader>
  <nvram>/var/lib/libvirt/qemu/nvram/sb-bios_VARS.fd</nvram>
  <boot dev='hd'/>
</os>`);

// What virt-manager writes for Windows 11 (autoselection with Secure Boot).
const autoselect = (machine: string) =>
  osDomain(`<os firmware='efi'>
  <type arch='x86_64' machine='${machine}'>hvm</type>
  <firmware>
    <feature enabled='yes' name='enrolled-keys'/>
    <feature enabled='yes' name='secure-boot'/>
  </firmware>
  <boot dev='hd'/>
</os>`);

describe('secure-boot-needs-q35', () => {
  it("reports secure='yes' on an i440fx machine with libvirt's message", () => {
    expect(diagnostics(rule, manual('pc-i440fx-9.2'))).toEqual([
      {
        ruleId: 'secure-boot-needs-q35',
        severity: 'error',
        line: 9,
        column: 28,
        endLine: 9,
        endColumn: 40,
        message:
          "<loader secure='yes'> on machine type 'pc-i440fx-9.2': libvirt refuses it: \"Secure boot is supported with q35 machine types only\". Use a q35 machine type (machine='q35' for a new guest), or remove secure='yes' and use a non-Secure-Boot firmware.",
      },
    ]);
  });

  it('counts the pc alias as i440fx', () => {
    expect(diagnostics(rule, manual('pc')).map((d) => [d.line, d.column])).toEqual([[9, 28]]);
  });

  it('is quiet on q35 machine types and the q35 alias', () => {
    expect(diagnostics(rule, manual('pc-q35-9.2'))).toEqual([]);
    expect(diagnostics(rule, manual('q35'))).toEqual([]);
  });

  it('reports the secure-boot firmware feature under autoselection on i440fx', () => {
    const [d] = diagnostics(rule, autoselect('pc-i440fx-9.2'));
    expect(d).toMatchObject({ severity: 'error', line: 11, column: 7 });
    expect(d.message).toContain("\"Unable to find 'efi' firmware that is compatible with the current configuration\"");
    expect(diagnostics(rule, autoselect('pc-q35-9.2'))).toEqual([]);
  });

  it('does not guess the machine type when none is written', () => {
    const xml = manual('pc-i440fx-9.2').replace(" machine='pc-i440fx-9.2'", '');
    expect(diagnostics(rule, xml)).toEqual([]);
  });

  it('ignores non-QEMU drivers and other architectures', () => {
    expect(diagnostics(rule, manual('pc-i440fx-9.2').replace("<domain type='kvm'", "<domain type='xen'"))).toEqual([]);
    expect(diagnostics(rule, manual('virt-9.2').replace("arch='x86_64'", "arch='aarch64'"))).toEqual([]);
  });
});
