import rule from '#rules/secure-boot-needs-smm.js';
import { testRule } from '../helpers/rule-tester.js';
import { osDomain } from '../helpers/os-domain.js';

const MANUAL_SB = `<os>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <loader readonly='yes' secure='yes' type='pflash'>/usr/share/edk2/ovmf/OVMF_CODE.secboot.fd</loader>
  <nvram template='/usr/share/edk2/ovmf/OVMF_VARS.secboot.fd'>/var/lib/libvirt/qemu/nvram/win11_VARS.fd</nvram>
  <boot dev='hd'/>
</os>`;

const AUTO_SB = `<os firmware='efi'>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <loader secure='yes'/>
  <boot dev='hd'/>
</os>`;

const AUTO_FEATURE = `<os firmware='efi'>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <firmware>
    <feature enabled='yes' name='secure-boot'/>
  </firmware>
  <boot dev='hd'/>
</os>`;

const NO_SMM = '<acpi/>\n<apic/>';
const SMM_OFF = "<acpi/>\n<apic/>\n<smm state='off'/>";
const smmOn = (xml: string) => xml.replace("<smm state='off'/>", "<smm state='on'/>");

const manualNoSmm = osDomain(MANUAL_SB, { features: NO_SMM });
const manualSmmOff = osDomain(MANUAL_SB, { features: SMM_OFF });
const autoLoaderSmmOff = osDomain(AUTO_SB, { features: SMM_OFF });
const autoFeatureSmmOff = osDomain(AUTO_FEATURE, { features: SMM_OFF });
const manualNoFeatures = manualNoSmm.replace('  <features>\n    <acpi/>\n    <apic/>\n  </features>\n', '');

testRule(rule, {
  valid: [
    { name: "<smm state='on'/> (what --fix writes)", xml: osDomain(MANUAL_SB) },
    { name: 'SMM on, written as <smm/>', xml: osDomain(MANUAL_SB, { features: '<acpi/>\n<apic/>\n<smm/>' }) },
    { name: 'autoselection without <smm>: libvirt turns SMM on itself', xml: osDomain(AUTO_SB, { features: NO_SMM }) },
    { name: 'autoselection of the secure-boot feature without <smm>', xml: osDomain(AUTO_FEATURE, { features: NO_SMM }) },
    { name: 'another architecture', xml: osDomain(MANUAL_SB.replace("arch='x86_64'", "arch='aarch64'"), { features: NO_SMM }) },
    { name: 'outside the QEMU driver', xml: osDomain(MANUAL_SB, { features: NO_SMM, type: 'xen' }) },
  ],
  invalid: [
    {
      name: 'a manual secure loader without <smm>, at its secure attribute; --fix adds <smm> to <features>',
      xml: manualNoSmm,
      errors: [
        {
          messageId: 'secureLoaderWithoutSmm',
          line: 9,
          column: 28,
          endLine: 9,
          endColumn: 40,
          severity: 'error',
          message:
            "<loader secure='yes'> without <smm state='on'/>: libvirt refuses it: \"Secure boot requires SMM feature enabled\". Add <smm state='on'/> to <features>, or let libvirt pick the firmware with <os firmware='efi'>.",
        },
      ],
      output: manualNoSmm.replace('    <apic/>\n', "    <apic/>\n    <smm state='on'/>\n"),
    },
    {
      name: "an explicit <smm state='off'/>: turning it on is offered, not applied",
      xml: manualSmmOff,
      errors: [
        {
          messageId: 'secureLoaderSmmOff',
          line: 9,
          column: 28,
          message:
            "<loader secure='yes'> without SMM (<smm state='off'/>): libvirt refuses it: \"Secure boot requires SMM feature enabled\". Add <smm state='on'/> to <features>, or let libvirt pick the firmware with <os firmware='efi'>.",
          suggestions: [{ title: "Set <smm state='on'/>", output: smmOn(manualSmmOff) }],
        },
      ],
      output: null,
      unsafeOutput: smmOn(manualSmmOff),
    },
    {
      name: 'without <features> there is nowhere to add <smm>: no fix',
      xml: manualNoFeatures,
      errors: [{ messageId: 'secureLoaderWithoutSmm', line: 9, column: 28 }],
      output: null,
    },
    {
      name: 'autoselection of a secure loader with SMM explicitly off',
      xml: autoLoaderSmmOff,
      errors: [
        {
          messageId: 'autoselectLoaderSmmOff',
          line: 9,
          column: 13,
          severity: 'error',
          message:
            "<loader secure='yes'> with <smm state='off'/>: every Secure Boot firmware requires SMM, so autoselection finds none: \"Unable to find 'efi' firmware that is compatible with the current configuration\". Set <smm state='on'/> (or remove the <smm> element and let libvirt decide).",
          suggestions: [{ output: smmOn(autoLoaderSmmOff) }],
        },
      ],
      output: null,
    },
    {
      name: 'autoselection of the secure-boot feature with SMM explicitly off, at the feature',
      xml: autoFeatureSmmOff,
      errors: [
        {
          messageId: 'autoselectFeatureSmmOff',
          line: 10,
          column: 7,
          message:
            "Firmware feature 'secure-boot' with <smm state='off'/>: every Secure Boot firmware requires SMM, so autoselection finds none: \"Unable to find 'efi' firmware that is compatible with the current configuration\". Set <smm state='on'/> (or remove the <smm> element and let libvirt decide).",
          suggestions: [{ output: smmOn(autoFeatureSmmOff) }],
        },
      ],
      output: null,
    },
  ],
});
