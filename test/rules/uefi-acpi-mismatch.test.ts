import rule from '#rules/uefi-acpi-mismatch.js';
import { testRule } from '../helpers/rule-tester.js';
import { osDomain } from '../helpers/os-domain.js';

// A UEFI guest written by hand (or by a Terraform provider) without <acpi/>.
const MANUAL_UEFI = `<os>
  <type arch='x86_64' machine='q35'>hvm</type>
  <loader readonly='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.fd</loader>
  <nvram>/var/lib/libvirt/qemu/nvram/guest_VARS.fd</nvram>
  <boot dev='hd'/>
</os>`;
const AUTO_UEFI = `<os firmware='efi'>\n  <type arch='x86_64' machine='q35'>hvm</type>\n</os>`;
const ARM_KERNEL = `<os>\n  <type arch='aarch64' machine='virt'>hvm</type>\n  <kernel>/var/lib/libvirt/images/vmlinuz</kernel>\n</os>`;

const withoutAcpi = osDomain(MANUAL_UEFI, { features: "<apic/>\n<smm state='on'/>" });
const withoutFeatures = osDomain(MANUAL_UEFI, { features: '<apic/>' }).replace('  <features>\n    <apic/>\n  </features>\n', '');
const autoWithoutAcpi = osDomain(AUTO_UEFI, { features: '<apic/>' });
const armAcpi = osDomain(ARM_KERNEL, { features: "<acpi/>\n<gic version='3'/>" });
const withoutFeaturesCrlf = withoutFeatures.replace(/\n/g, '\r\n');
const addAcpiFirst = (xml: string) => xml.replace('  <features>\n', '  <features>\n    <acpi/>\n');

testRule(rule, {
  valid: [
    { name: 'UEFI with <acpi/> (what --fix writes)', xml: osDomain(MANUAL_UEFI) },
    { name: 'a BIOS guest without <acpi/>', xml: osDomain(`<os>\n  <type arch='x86_64' machine='pc-i440fx-9.2'>hvm</type>\n</os>`, { features: '<apic/>' }) },
    { name: '<acpi/> on aarch64 with UEFI', xml: armAcpi.replace('<os>', "<os firmware='efi'>") },
    { name: 'outside the QEMU driver', xml: osDomain(MANUAL_UEFI, { features: '<apic/>', type: 'xen' }) },
  ],
  invalid: [
    {
      name: 'a pflash UEFI loader on x86 without <acpi/>, at <features>; --fix adds <acpi/> first',
      xml: withoutAcpi,
      errors: [
        {
          messageId: 'uefiWithoutAcpi',
          line: 13,
          column: 3,
          endLine: 13,
          endColumn: 13,
          severity: 'error',
          message: 'UEFI firmware on an x86 guest without <acpi/>: libvirt refuses it: "UEFI requires ACPI on this architecture". Add <acpi/> to <features>.',
        },
      ],
      output: addAcpiFirst(withoutAcpi),
    },
    {
      name: 'without <features>: at <os>; --fix creates <features> after </os>',
      xml: withoutFeatures,
      errors: [{ messageId: 'uefiWithoutAcpi', line: 7, column: 3 }],
      output: withoutFeatures.replace('  </os>\n', '  </os>\n  <features>\n    <acpi/>\n  </features>\n'),
    },
    {
      name: 'the created <features> block keeps CRLF line endings',
      xml: withoutFeaturesCrlf,
      errors: [{ messageId: 'uefiWithoutAcpi', line: 7, column: 3 }],
      output: withoutFeaturesCrlf.replace('  </os>\r\n', '  </os>\r\n  <features>\r\n    <acpi/>\r\n  </features>\r\n'),
    },
    {
      name: 'firmware autoselection counts as UEFI',
      xml: autoWithoutAcpi,
      errors: [{ messageId: 'uefiWithoutAcpi', line: 10, column: 3 }],
      output: addAcpiFirst(autoWithoutAcpi),
    },
    {
      name: '<acpi/> on aarch64 without UEFI, at <acpi/>; removing it is only a suggestion',
      xml: armAcpi,
      errors: [
        {
          messageId: 'acpiWithoutUefi',
          line: 12,
          column: 5,
          severity: 'error',
          message:
            "<acpi/> on an aarch64 guest without UEFI firmware: libvirt refuses it: \"ACPI requires UEFI on this architecture\". Use <os firmware='efi'> (or a pflash UEFI loader), or remove <acpi/>.",
          suggestions: [{ title: 'Remove <acpi/>', output: armAcpi.replace('    <acpi/>\n', '') }],
        },
      ],
      output: null,
      unsafeOutput: armAcpi.replace('    <acpi/>\n', ''),
    },
  ],
});
