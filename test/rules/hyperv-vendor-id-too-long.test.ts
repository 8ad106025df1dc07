import rule from '#rules/hyperv-vendor-id-too-long.js';
import { domain, testRule } from '../helpers/rule-tester.js';

// domain-rules.md 8.5: the Hyper-V block of an older NVIDIA passthrough guide; <vendor_id> is on line 18.
const hyperv = (vendor: string, mode = 'custom') =>
  domain('', {
    features: `<acpi/>
<apic/>
<hyperv mode='${mode}'>
  <relaxed state='on'/>
  <vapic state='on'/>
  <spinlocks state='on' retries='8191'/>
  ${vendor}
</hyperv>
<kvm>
  <hidden state='on'/>
</kvm>`,
  });
const vendorId = (value: string) => hyperv(`<vendor_id state='on' value='${value}'/>`);

testRule(rule, {
  valid: [
    { name: '12 characters', xml: vendorId('1234567890ab') },
    { name: '12 bytes of two-byte characters', xml: vendorId('ÄÄÄÄÄÄ') },
    { name: 'state off', xml: hyperv("<vendor_id state='off' value='1234567890abcd'/>") },
    { name: 'passthrough mode ignores the feature list', xml: hyperv("<vendor_id state='on' value='1234567890abcd'/>", 'passthrough') },
  ],
  invalid: [
    {
      name: 'a 14-character value, at the attribute; truncating it is only a suggestion',
      xml: vendorId('1234567890abcd'),
      errors: [
        {
          messageId: 'tooManyCharacters',
          data: { value: '1234567890abcd', length: 14, truncated: '1234567890ab' },
          line: 18,
          column: 29,
          endLine: 18,
          endColumn: 51,
          severity: 'error',
          message:
            "Hyper-V vendor_id '1234567890abcd' is 14 characters long: libvirt refuses it: \"HyperV vendor_id value must not be more than 12 characters.\" Use at most 12 characters, e.g. '1234567890ab'.",
          suggestions: [{ title: "Truncate the vendor_id to '1234567890ab'", output: vendorId('1234567890ab') }],
        },
      ],
      output: null,
      unsafeOutput: vendorId('1234567890ab'),
    },
    {
      name: '13 characters',
      xml: vendorId('1234567890abc'),
      errors: [{ messageId: 'tooManyCharacters', data: { value: '1234567890abc', length: 13, truncated: '1234567890ab' }, line: 18, column: 29, suggestions: [{ output: vendorId('1234567890ab') }] }],
      output: null,
    },
    {
      name: 'counts bytes as libvirt does (strlen), and truncates at a character boundary',
      xml: vendorId('ÄÄÄÄÄÄÄ'),
      errors: [
        {
          messageId: 'tooManyBytes',
          data: { value: 'ÄÄÄÄÄÄÄ', length: 14, truncated: 'ÄÄÄÄÄÄ' },
          line: 18,
          column: 29,
          message: "Hyper-V vendor_id 'ÄÄÄÄÄÄÄ' is 14 bytes long: libvirt refuses it: \"HyperV vendor_id value must not be more than 12 characters.\" Use at most 12 characters, e.g. 'ÄÄÄÄÄÄ'.",
          suggestions: [{ output: vendorId('ÄÄÄÄÄÄ') }],
        },
      ],
      output: null,
    },
    {
      name: 'a comma; removing the commas is only a suggestion',
      xml: vendorId('AMD,Intel'),
      errors: [
        {
          messageId: 'comma',
          data: { value: 'AMD,Intel' },
          line: 18,
          column: 29,
          message: "Hyper-V vendor_id 'AMD,Intel' contains a comma, which cannot be passed to QEMU: libvirt refuses it: \"HyperV vendor_id value is invalid\". Remove the comma.",
          suggestions: [{ title: "Remove the commas ('AMDIntel')", output: vendorId('AMDIntel') }],
        },
      ],
      output: null,
      unsafeOutput: vendorId('AMDIntel'),
    },
    {
      name: 'nothing but commas: no suggestion',
      xml: vendorId(',,'),
      errors: [{ messageId: 'comma', data: { value: ',,' }, line: 18, column: 29 }],
      output: null,
      unsafeOutput: null,
    },
    {
      name: 'no value, at <vendor_id>',
      xml: hyperv("<vendor_id state='on'/>"),
      errors: [
        {
          messageId: 'missingValue',
          line: 18,
          column: 7,
          message:
            "<vendor_id state='on'> has no value: libvirt refuses it: \"missing 'value' attribute for HyperV feature 'vendor_id'\". Add a value of at most 12 characters (e.g. value='1234567890ab') or set state='off'.",
        },
      ],
      output: null,
    },
  ],
});
