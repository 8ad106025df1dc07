import rule from '#rules/loader-without-path.js';
import { testRule } from '../helpers/rule-tester.js';
import { osDomain } from '../helpers/os-domain.js';

// The autoselection example of formatdomain.rst with the firmware attribute forgotten.
const OS = `<os>
  <type arch='x86_64' machine='pc-q35-9.2'>hvm</type>
  <loader readonly='yes' secure='yes' type='pflash'/>
  <boot dev='hd'/>
</os>`;
const xml = osDomain(OS);
const withLoader = (loader: string) => osDomain(OS.replace("<loader readonly='yes' secure='yes' type='pflash'/>", loader));
const autoselected = (doc: string, firmware = 'efi') => doc.replace('  <os>', `  <os firmware='${firmware}'>`);

// <loader secure='yes'/> alone is accepted next to autoselection by libvirt 9.0.0 too.
const secureOnly = withLoader("<loader secure='yes'/>");
const rom = withLoader("<loader type='rom'/>");
// Neither clearly UEFI nor a ROM: nothing to suggest.
const readonlyOnly = withLoader("<loader readonly='yes'/>");

/** The error at the <loader> start tag (line 9). */
const efiError = { messageId: 'missingPath', data: { firmware: 'efi' }, line: 9, column: 5 };

testRule(rule, {
  valid: [
    { name: 'quiet with a path', xml: osDomain(OS.replace("type='pflash'/>", "type='pflash'>/usr/share/edk2/ovmf/OVMF_CODE.secboot.fd</loader>")) },
    { name: "quiet with autoselection (what the suggestion makes of the pflash case)", xml: autoselected(xml) },
    // `virsh define` (9.0.0) keeps <loader ...> </loader>: libvirt does not trim the path, so a space is a path.
    { name: 'quiet with a path of white space (libvirt does not trim it)', xml: withLoader("<loader readonly='yes' type='pflash'> </loader>") },
  ],
  invalid: [
    {
      name: "an empty pflash <loader>, libvirt version unknown: firmware='efi' suggested, saying it needs libvirt 9.2.0",
      xml,
      errors: [
        {
          ...efiError,
          endLine: 9,
          endColumn: 56,
          severity: 'error',
          message:
            "<loader> names no firmware image and <os> has no firmware attribute: libvirt refuses it: \"no loader path specified and firmware auto selection disabled\". Write the firmware path as the <loader> text, or add firmware='efi' to <os> so libvirt picks one.",
          suggestions: [{ title: "Add firmware='efi' to <os> (needs libvirt 9.2.0 or newer)", output: autoselected(xml) }],
        },
      ],
      output: null,
      unsafeOutput: autoselected(xml),
    },
    {
      name: "libvirt 9.2.0 takes autoselection next to these loader attributes: firmware='efi' suggested",
      xml,
      host: { libvirt: '9.2.0' },
      errors: [{ ...efiError, suggestions: [{ title: "Add firmware='efi' to <os>", output: autoselected(xml) }] }],
      output: null,
      unsafeOutput: autoselected(xml),
    },
    {
      name: 'libvirt 9.0.0 refuses autoselection next to type and readonly: nothing suggested',
      xml,
      host: { libvirt: '9.0.0' },
      errors: [efiError],
      output: null,
      unsafeOutput: null,
    },
    {
      name: "<loader secure='yes'/> alone: firmware='efi' suggested to libvirt 9.0.0 as well",
      xml: secureOnly,
      host: { libvirt: '9.0.0' },
      errors: [{ ...efiError, suggestions: [{ title: "Add firmware='efi' to <os>", output: autoselected(secureOnly) }] }],
      output: null,
    },
    {
      name: "a rom loader: the message and the suggestion say firmware='bios'",
      xml: rom,
      errors: [
        {
          messageId: 'missingPath',
          data: { firmware: 'bios' },
          line: 9,
          column: 5,
          message:
            "<loader> names no firmware image and <os> has no firmware attribute: libvirt refuses it: \"no loader path specified and firmware auto selection disabled\". Write the firmware path as the <loader> text, or add firmware='bios' to <os> so libvirt picks one.",
          suggestions: [{ title: "Add firmware='bios' to <os> (needs libvirt 9.2.0 or newer)", output: autoselected(rom, 'bios') }],
        },
      ],
      output: null,
      unsafeOutput: autoselected(rom, 'bios'),
    },
    {
      name: 'a loader that is neither clearly UEFI nor a ROM: reported, no suggestion',
      xml: readonlyOnly,
      host: { libvirt: '9.2.0' },
      errors: [efiError],
      output: null,
      unsafeOutput: null,
    },
  ],
});
