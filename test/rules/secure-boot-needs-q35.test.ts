import rule from '#rules/secure-boot-needs-q35.js';
import { testRule } from '../helpers/rule-tester.js';
import { osDomain } from '../helpers/os-domain.js';

// domain-rules.md 8.3: a secure-boot OVMF pasted into an i440fx VM (the loader on line 9).
const manual = (machine: string) =>
  osDomain(`<os>
  <type arch='x86_64' machine='${machine}'>hvm</type>
  <loader readonly='yes' secure='yes' type='pflash'>/usr/share/OVMF/OVMF_CODE.secboot.fd</loader>
  <nvram>/var/lib/libvirt/qemu/nvram/sb-bios_VARS.fd</nvram>
  <boot dev='hd'/>
</os>`);

// What virt-manager writes for Windows 11 (autoselection with Secure Boot; the feature on line 11).
const autoselect = (machine: string) =>
  osDomain(`<os firmware='efi'>
  <type arch='x86_64' machine='${machine}'>hvm</type>
  <firmware>
    <feature enabled='yes' name='enrolled-keys'/>
    <feature enabled='yes' name='secure-boot'/>
  </firmware>
  <boot dev='hd'/>
</os>`);

testRule(rule, {
  valid: [
    { name: 'a q35 machine type', xml: manual('pc-q35-9.2') },
    { name: 'the q35 alias', xml: manual('q35') },
    { name: 'the secure-boot feature on q35', xml: autoselect('pc-q35-9.2') },
    { name: 'the secure-boot feature disabled on i440fx', xml: autoselect('pc-i440fx-9.2').replace("enabled='yes' name='secure-boot'", "enabled='no' name='secure-boot'") },
    { name: 'an unwritten machine type (not guessed)', xml: manual('pc-i440fx-9.2').replace(" machine='pc-i440fx-9.2'", '') },
    { name: 'another driver (xen)', xml: manual('pc-i440fx-9.2').replace("<domain type='kvm'", "<domain type='xen'") },
    { name: 'another architecture (aarch64)', xml: manual('virt-9.2').replace("arch='x86_64'", "arch='aarch64'") },
  ],
  invalid: [
    {
      name: "secure='yes' on an i440fx machine, with libvirt's message",
      xml: manual('pc-i440fx-9.2'),
      errors: [
        {
          messageId: 'secureLoader',
          data: { machine: 'pc-i440fx-9.2' },
          line: 9,
          column: 28,
          endLine: 9,
          endColumn: 40,
          severity: 'error',
          message:
            "<loader secure='yes'> on machine type 'pc-i440fx-9.2': libvirt refuses it: \"Secure boot is supported with q35 machine types only\". Use a q35 machine type (machine='q35' for a new guest), or remove secure='yes' and use a non-Secure-Boot firmware.",
        },
      ],
    },
    {
      name: 'the pc alias counts as i440fx',
      xml: manual('pc'),
      errors: [{ messageId: 'secureLoader', data: { machine: 'pc' }, line: 9, column: 28 }],
    },
    {
      name: 'the secure-boot firmware feature under autoselection on i440fx',
      xml: autoselect('pc-i440fx-9.2'),
      errors: [
        {
          messageId: 'secureBootFeature',
          data: { machine: 'pc-i440fx-9.2' },
          line: 11,
          column: 7,
          severity: 'error',
          message:
            "Firmware feature 'secure-boot' on machine type 'pc-i440fx-9.2': Secure Boot firmware is built for q35 only, so libvirt finds no firmware: \"Unable to find 'efi' firmware that is compatible with the current configuration\". Use a q35 machine type, or set the feature to enabled='no'.",
        },
      ],
    },
  ],
});
