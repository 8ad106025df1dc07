import { describe, expect, it } from 'vitest';
import rule from '../../rules/secure-boot-x86-64-only.js';
import { diagnostics } from '../helpers/rule-tester.js';
import { osDomain } from '../helpers/os-domain.js';

const os = (arch: string, machine = 'pc-q35-9.2') => `<os>
  <type arch='${arch}' machine='${machine}'>hvm</type>
  <loader readonly='yes' secure='yes' type='pflash'>/usr/share/edk2/ovmf-ia32/OVMF_CODE.secboot.fd</loader>
  <nvram>/var/lib/libvirt/qemu/nvram/guest_VARS.fd</nvram>
</os>`;

describe('secure-boot-x86-64-only', () => {
  it('reports a secure loader on an i686 guest', () => {
    expect(diagnostics(rule, osDomain(os('i686')))).toEqual([
      {
        ruleId: 'secure-boot-x86-64-only',
        severity: 'error',
        line: 9,
        column: 28,
        endLine: 9,
        endColumn: 40,
        message:
          "<loader secure='yes'> on a i686 guest: libvirt refuses it: \"Secure boot is supported for x86_64 architecture only\". Remove secure='yes' (and use a firmware build without Secure Boot), or make the guest x86_64.",
      },
    ]);
  });

  it('is quiet for x86_64, for an unwritten arch and without secure', () => {
    expect(diagnostics(rule, osDomain(os('x86_64')))).toEqual([]);
    expect(diagnostics(rule, osDomain(os('x86_64').replace(" arch='x86_64'", '')))).toEqual([]);
    expect(diagnostics(rule, osDomain(os('i686').replace(" secure='yes'", '')))).toEqual([]);
  });

  it('leaves aarch64 guests with a uefi-vars <varstore> alone (libvirt 12.1+)', () => {
    const aarch64 = os('aarch64', 'virt-9.2');
    expect(diagnostics(rule, osDomain(aarch64))).toHaveLength(1);
    expect(diagnostics(rule, osDomain(aarch64.replace('</os>', '  <varstore/>\n</os>')))).toEqual([]);
  });

  it('ignores non-QEMU drivers', () => {
    expect(diagnostics(rule, osDomain(os('i686'), { type: 'xen' }))).toEqual([]);
  });
});
