import rule from '#rules/firmware-features-without-autoselect.js';
import { testRule } from '../helpers/rule-tester.js';
import { osDomain } from '../helpers/os-domain.js';

// The <firmware> block of a dumped XML copied into a hand-written manual-firmware <os>.
const OS = `<os>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <firmware>
    <feature enabled='yes' name='enrolled-keys'/>
    <feature enabled='yes' name='secure-boot'/>
  </firmware>
  <loader readonly='yes' secure='yes' type='pflash'>/usr/share/edk2/ovmf/OVMF_CODE.secboot.fd</loader>
  <boot dev='hd'/>
</os>`;
const xml = osDomain(OS);
const FIRMWARE_LINES = "    <firmware>\n      <feature enabled='yes' name='enrolled-keys'/>\n      <feature enabled='yes' name='secure-boot'/>\n    </firmware>\n";
const autoselected = (doc: string) => doc.replace('  <os>', "  <os firmware='efi'>");
const withoutBlock = xml.replace(FIRMWARE_LINES, '');
const REMOVE = { title: 'Remove the <firmware> block', output: withoutBlock };

// Without manual loader settings there is nothing libvirt 9.0.0 objects to.
const bare = osDomain(OS.replace(/\n  <loader [^\n]*/, ''));
const oneFeature = osDomain(OS.replace("    <feature enabled='yes' name='enrolled-keys'/>\n", ''));

/** The error at the <firmware> start tag (line 9), for the two-feature block. */
const twoFeatures = { messageId: 'featuresWithoutAutoselect', data: { count: 2 }, line: 9, column: 5 };

testRule(rule, {
  valid: [
    { name: "quiet with autoselection (<os firmware='efi'>)", xml: osDomain(OS.replace('<os>', "<os firmware='efi'>")) },
    { name: 'quiet for an empty <firmware/>', xml: osDomain(OS.replace(/  <firmware>[\s\S]*<\/firmware>/, '  <firmware/>')) },
  ],
  invalid: [
    {
      name: "the <firmware> block without autoselection; libvirt version unknown: firmware='efi' is offered, saying it needs 9.2.0",
      xml,
      errors: [
        {
          ...twoFeatures,
          endLine: 9,
          endColumn: 15,
          severity: 'error',
          message:
            "<firmware> lists 2 features but <os> has no firmware attribute: libvirt refuses it: \"cannot use feature-based firmware autoselection when firmware autoselection is disabled\". Add firmware='efi' to <os> to let libvirt pick the firmware, or remove the <firmware> block to keep your manual <loader>.",
          suggestions: [{ title: "Add firmware='efi' to <os> (needs libvirt 9.2.0 or newer)", output: autoselected(xml) }, REMOVE],
        },
      ],
      output: null,
      unsafeOutput: autoselected(xml),
    },
    {
      name: "libvirt 9.2.0 takes autoselection next to the manual loader: firmware='efi' is the first suggestion",
      xml,
      host: { libvirt: '9.2.0' },
      errors: [{ ...twoFeatures, suggestions: [{ title: "Add firmware='efi' to <os>", output: autoselected(xml) }, REMOVE] }],
      output: null,
      unsafeOutput: autoselected(xml),
    },
    {
      name: "libvirt 9.0.0 refuses autoselection next to the manual loader: firmware='efi' is not offered, removing the block is",
      xml,
      host: { libvirt: '9.0.0' },
      errors: [{ ...twoFeatures, suggestions: [REMOVE] }],
      output: null,
      unsafeOutput: withoutBlock,
    },
    {
      name: "without manual loader settings, libvirt 9.0.0 is offered firmware='efi'",
      xml: bare,
      host: { libvirt: '9.0.0' },
      errors: [
        {
          ...twoFeatures,
          suggestions: [
            { title: "Add firmware='efi' to <os>", output: autoselected(bare) },
            { title: 'Remove the <firmware> block', output: bare.replace(FIRMWARE_LINES, '') },
          ],
        },
      ],
      output: null,
      unsafeOutput: autoselected(bare),
    },
    {
      name: 'one feature',
      xml: oneFeature,
      host: { libvirt: '9.2.0' },
      errors: [
        {
          messageId: 'featureWithoutAutoselect',
          line: 9,
          column: 5,
          message:
            "<firmware> lists a feature but <os> has no firmware attribute: libvirt refuses it: \"cannot use feature-based firmware autoselection when firmware autoselection is disabled\". Add firmware='efi' to <os> to let libvirt pick the firmware, or remove the <firmware> block to keep your manual <loader>.",
          suggestions: [
            { title: "Add firmware='efi' to <os>", output: autoselected(oneFeature) },
            { title: 'Remove the <firmware> block', output: oneFeature.replace("    <firmware>\n      <feature enabled='yes' name='secure-boot'/>\n    </firmware>\n", '') },
          ],
        },
      ],
      output: null,
    },
  ],
});
