import rule from '#rules/nvram-not-permitted.js';
import { testRule } from '../helpers/rule-tester.js';
import { osDomain } from '../helpers/os-domain.js';

const NVRAM = '<nvram>/var/lib/libvirt/qemu/nvram/guest_VARS.fd</nvram>';
const firmwareNvram = (firmware: string) =>
  osDomain(`<os firmware='${firmware}'>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  ${NVRAM}
</os>`);
const biosNvram = firmwareNvram('bios');

const stateless = (nvram: string) =>
  osDomain(`<os>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <loader readonly='yes' type='pflash' stateless='yes'>/usr/share/edk2/ovmf/OVMF.amdsev.fd</loader>
  ${nvram}
</os>`);
const statelessStore = stateless(NVRAM);
const statelessTemplate = stateless(`<nvram template='/usr/share/edk2/ovmf/OVMF_VARS.fd'>/var/lib/libvirt/qemu/nvram/guest_VARS.fd</nvram>`);
const withoutNvramLine = (xml: string) => xml.replace(/ {4}<nvram[^\n]*\n/, '');
const withoutStatelessYes = (xml: string) => xml.replace(" stateless='yes'", '');

const manualLoader = (loader: string) =>
  osDomain(`<os>
  <type arch='x86_64' machine='pc-i440fx-9.2'>hvm</type>
  ${loader}
</os>`);
const seabiosStateful = manualLoader("<loader stateless='no'>/usr/share/seabios/bios.bin</loader>");
const romStateful = manualLoader("<loader type='rom' stateless='no'>/usr/share/seabios/bios.bin</loader>");
const biosStateful = osDomain(`<os firmware='bios'>\n  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>\n  <loader stateless='no'/>\n</os>`);

testRule(rule, {
  valid: [
    { name: 'an efi guest with an NVRAM store', xml: firmwareNvram('efi') },
    { name: 'an empty <nvram/> with BIOS firmware creates no store', xml: osDomain(`<os firmware='bios'>\n  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>\n  <nvram/>\n</os>`) },
    { name: 'a stateless loader without <nvram>', xml: stateless('') },
    { name: "stateless='no' on a pflash loader", xml: manualLoader("<loader type='pflash' stateless='no'>/usr/share/edk2/ovmf/OVMF_CODE.fd</loader>") },
  ],
  invalid: [
    {
      name: "<nvram> with firmware='bios', at <nvram>; suggests removing it or switching to efi",
      xml: biosNvram,
      errors: [
        {
          messageId: 'nvramWithBios',
          data: { firmware: 'bios' },
          line: 9,
          column: 5,
          endLine: 9,
          endColumn: 12,
          severity: 'error',
          message:
            "<nvram> with <os firmware='bios'>: libvirt refuses it: \"firmware type 'bios' does not support nvram\". Remove <nvram> for a BIOS guest, or use firmware='efi' for a UEFI guest.",
          suggestions: [
            { title: 'Remove the <nvram> element', output: withoutNvramLine(biosNvram) },
            { title: "Use firmware='efi'", output: biosNvram.replace("<os firmware='bios'>", "<os firmware='efi'>") },
          ],
        },
      ],
      output: null,
      unsafeOutput: withoutNvramLine(biosNvram),
    },
    {
      name: 'an NVRAM store with a stateless loader',
      xml: statelessStore,
      errors: [
        {
          messageId: 'storeWithStatelessLoader',
          line: 10,
          column: 5,
          message:
            "<nvram> with <loader stateless='yes'>: libvirt refuses it: \"NVRAM is not permitted when loader is stateless\". A stateless firmware keeps no variables: remove <nvram>, or remove stateless='yes' to give the guest a variable store.",
          suggestions: [
            { title: 'Remove the <nvram> element', output: withoutNvramLine(statelessStore) },
            { title: "Remove stateless='yes' from <loader>", output: withoutStatelessYes(statelessStore) },
          ],
        },
      ],
      output: null,
    },
    {
      name: 'an NVRAM template with a stateless loader: the template is what libvirt names',
      xml: statelessTemplate,
      errors: [
        {
          messageId: 'templateWithStatelessLoader',
          line: 10,
          column: 5,
          message:
            "<nvram> with <loader stateless='yes'>: libvirt refuses it: \"NVRAM template is not permitted when loader is stateless\". A stateless firmware keeps no variables: remove <nvram>, or remove stateless='yes' to give the guest a variable store.",
          suggestions: [{ output: withoutNvramLine(statelessTemplate) }, { output: withoutStatelessYes(statelessTemplate) }],
        },
      ],
      output: null,
    },
    {
      name: "stateless='no' on a manual loader without a type, at the stateless attribute",
      xml: seabiosStateful,
      errors: [
        {
          messageId: 'statefulLoaderWithoutType',
          line: 9,
          column: 13,
          endLine: 9,
          endColumn: 27,
          message:
            "<loader stateless='no'> asks for an NVRAM store, which a loader without type='pflash' cannot have: libvirt refuses it: \"Only pflash loader type permits NVRAM\". Remove stateless='no', or make it a UEFI loader with type='pflash'.",
          suggestions: [{ title: "Remove stateless='no' from <loader>", output: seabiosStateful.replace(" stateless='no'", '') }],
        },
      ],
      output: null,
    },
    {
      name: "stateless='no' on a manual loader of type 'rom'",
      xml: romStateful,
      errors: [
        {
          messageId: 'statefulLoaderNotPflash',
          data: { type: 'rom' },
          line: 9,
          column: 24,
          message:
            "<loader stateless='no'> asks for an NVRAM store, which a loader of type 'rom' cannot have: libvirt refuses it: \"Only pflash loader type permits NVRAM\". Remove stateless='no', or make it a UEFI loader with type='pflash'.",
          suggestions: [{ output: romStateful.replace(" stateless='no'", '') }],
        },
      ],
      output: null,
    },
    {
      name: "stateless='no' with firmware='bios'",
      xml: biosStateful,
      errors: [
        {
          messageId: 'statefulLoaderWithBios',
          data: { firmware: 'bios' },
          line: 9,
          column: 13,
          message:
            "<loader stateless='no'> asks for an NVRAM store, which firmware='bios' cannot have: libvirt refuses it: \"Only EFI firmware permits NVRAM\". Remove stateless='no', or use firmware='efi'.",
          suggestions: [{ output: biosStateful.replace(" stateless='no'", '') }],
        },
      ],
      output: null,
    },
  ],
});
