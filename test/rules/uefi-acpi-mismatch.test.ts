import { describe, expect, it } from 'vitest';
import rule from '../../rules/uefi-acpi-mismatch.js';
import { applySuggestion, diagnostics, fixed } from '../helpers/rule-tester.js';
import { osDomain } from '../helpers/os-domain.js';

// A UEFI guest written by hand (or by a Terraform provider) without <acpi/>.
const MANUAL_UEFI = `<os>
  <type arch='x86_64' machine='q35'>hvm</type>
  <loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>
  <nvram>/var/lib/libvirt/qemu/nvram/guest_VARS.fd</nvram>
  <boot dev='hd'/>
</os>`;

describe('uefi-acpi-mismatch', () => {
  it('reports UEFI without <acpi/> on x86 at <features> and --fix adds it first', () => {
    const xml = osDomain(MANUAL_UEFI, { features: "<apic/>\n<smm state='on'/>" });
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'uefi-acpi-mismatch',
        severity: 'error',
        line: 13,
        column: 3,
        endLine: 13,
        endColumn: 13,
        message: 'UEFI firmware on an x86 guest without <acpi/>: libvirt refuses it: "UEFI requires ACPI on this architecture". Add <acpi/> to <features>.',
      },
    ]);
    const out = fixed(rule, xml);
    expect(out).toBe(xml.replace('  <features>\n', '  <features>\n    <acpi/>\n'));
    expect(diagnostics(rule, out)).toEqual([]);
  });

  it('creates <features> after </os> when there is none', () => {
    const xml = osDomain(MANUAL_UEFI, { features: '<apic/>' }).replace('  <features>\n    <apic/>\n  </features>\n', '');
    const [d] = diagnostics(rule, xml);
    expect(d).toMatchObject({ line: 7, column: 3 });
    expect(fixed(rule, xml)).toBe(xml.replace('  </os>\n', '  </os>\n  <features>\n    <acpi/>\n  </features>\n'));
  });

  it('also counts firmware autoselection as UEFI', () => {
    expect(diagnostics(rule, osDomain(`<os firmware='efi'>\n  <type arch='x86_64' machine='q35'>hvm</type>\n</os>`, { features: '<apic/>' }))).toHaveLength(1);
  });

  it('is quiet with <acpi/>, and for BIOS guests without it', () => {
    expect(diagnostics(rule, osDomain(MANUAL_UEFI))).toEqual([]);
    expect(diagnostics(rule, osDomain(`<os>\n  <type arch='x86_64' machine='pc-i440fx-9.2'>hvm</type>\n</os>`, { features: '<apic/>' }))).toEqual([]);
  });

  it('reports <acpi/> on aarch64 without UEFI, suggesting its removal', () => {
    const xml = osDomain(`<os>\n  <type arch='aarch64' machine='virt'>hvm</type>\n  <kernel>/var/lib/libvirt/images/vmlinuz</kernel>\n</os>`, { features: '<acpi/>\n<gic version=\'3\'/>' });
    const [d] = diagnostics(rule, xml);
    expect(d).toMatchObject({ severity: 'error', line: 12, column: 5 });
    expect(d.message).toContain('"ACPI requires UEFI on this architecture"');
    expect(fixed(rule, xml)).toBe(xml);
    expect(applySuggestion(rule, xml, 0)).toBe(xml.replace('    <acpi/>\n', ''));
    expect(diagnostics(rule, xml.replace('<os>', "<os firmware='efi'>"))).toEqual([]);
  });

  it('ignores non-QEMU drivers', () => {
    expect(diagnostics(rule, osDomain(MANUAL_UEFI, { features: '<apic/>', type: 'xen' }))).toEqual([]);
  });
});
