import rule from '#rules/firmware-enrolled-keys-without-secure-boot.js';
import { testRule } from '../helpers/rule-tester.js';
import { osDomain } from '../helpers/os-domain.js';

const os = (keys: string, sb: string) => `<os firmware='efi'>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <firmware>
    <feature enabled='${keys}' name='enrolled-keys'/>
    <feature enabled='${sb}' name='secure-boot'/>
  </firmware>
  <boot dev='hd'/>
</os>`;

testRule(rule, {
  valid: [
    { name: 'enrolled keys with Secure Boot', xml: osDomain(os('yes', 'yes')) },
    { name: 'neither', xml: osDomain(os('no', 'no')) },
    { name: 'Secure Boot without enrolled keys', xml: osDomain(os('no', 'yes')) },
    { name: 'secure-boot not stated', xml: osDomain(os('yes', 'no').replace("    <feature enabled='no' name='secure-boot'/>\n", '')) },
  ],
  invalid: [
    {
      name: 'enrolled-keys on while secure-boot is off, at the enrolled-keys feature; both directions are suggestions',
      xml: osDomain(os('yes', 'no')),
      errors: [
        {
          messageId: 'keysWithoutSecureBoot',
          line: 10,
          column: 7,
          endLine: 10,
          endColumn: 52,
          severity: 'error',
          message:
            "Firmware feature 'enrolled-keys' is enabled but 'secure-boot' is disabled: libvirt refuses it: \"firmware feature 'enrolled-keys' cannot be enabled when firmware feature 'secure-boot' is disabled\". Set enrolled-keys to enabled='no' for a guest without Secure Boot, or secure-boot to enabled='yes'.",
          suggestions: [
            { title: "Set enrolled-keys to enabled='no'", output: osDomain(os('no', 'no')) },
            { title: "Set secure-boot to enabled='yes'", output: osDomain(os('yes', 'yes')) },
          ],
        },
      ],
      output: null,
      unsafeOutput: osDomain(os('no', 'no')),
    },
  ],
});
