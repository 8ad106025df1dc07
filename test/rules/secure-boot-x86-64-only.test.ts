import rule from '#rules/secure-boot-x86-64-only.js';
import { testRule } from '../helpers/rule-tester.js';
import { osDomain } from '../helpers/os-domain.js';

/** An <os> block with a secure loader on line 9. */
const os = (arch: string, machine = 'pc-q35-9.2') => `<os>
  <type arch='${arch}' machine='${machine}'>hvm</type>
  <loader readonly='yes' secure='yes' type='pflash'>/usr/share/edk2/ovmf-ia32/OVMF_CODE.secboot.fd</loader>
  <nvram>/var/lib/libvirt/qemu/nvram/guest_VARS.fd</nvram>
</os>`;
const aarch64 = os('aarch64', 'virt-9.2');

testRule(rule, {
  valid: [
    { name: 'x86_64', xml: osDomain(os('x86_64')) },
    { name: 'an unwritten arch (taken as x86_64)', xml: osDomain(os('x86_64').replace(" arch='x86_64'", '')) },
    { name: "i686 without secure='yes'", xml: osDomain(os('i686').replace(" secure='yes'", '')) },
    { name: 'aarch64 with a uefi-vars <varstore> (libvirt 12.1+)', xml: osDomain(aarch64.replace('</os>', '  <varstore/>\n</os>')) },
    { name: 'another driver (xen)', xml: osDomain(os('i686'), { type: 'xen' }) },
  ],
  invalid: [
    {
      name: 'a secure loader on an i686 guest, at the secure attribute',
      xml: osDomain(os('i686')),
      errors: [
        {
          messageId: 'unsupportedArch',
          data: { arch: 'i686' },
          line: 9,
          column: 28,
          endLine: 9,
          endColumn: 40,
          severity: 'error',
          message:
            "<loader secure='yes'> on a guest of architecture i686: libvirt refuses it: \"Secure boot is supported for x86_64 architecture only\". Remove secure='yes' (and use a firmware build without Secure Boot), or make the guest x86_64.",
        },
      ],
    },
    {
      name: 'a secure loader on an aarch64 guest without <varstore>',
      xml: osDomain(aarch64),
      errors: [{ messageId: 'unsupportedArch', data: { arch: 'aarch64' }, line: 9, column: 28 }],
    },
  ],
});
