import rule from '#rules/sysinfo-invalid.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const smbios = (date: string, uuid: string) =>
  domain('').replace(
    "  <vcpu placement='static'>8</vcpu>\n",
    `  <vcpu placement='static'>8</vcpu>
  <sysinfo type='smbios'>
    <bios>
      <entry name='vendor'>American Megatrends Inc.</entry>
      <entry name='date'>${date}</entry>
    </bios>
    <system>
      <entry name='uuid'>${uuid}</entry>
    </system>
  </sysinfo>
`,
  );
const OWN = '0b9d8f38-5c56-4c2a-9d0b-6f6a1f3e2c11';
const HOST = 'a94b4335-6a14-8bc4-d6da-f7ea590b6816';

testRule(rule, {
  valid: [
    { name: "the domain's UUID in upper case", xml: smbios('11/06/2023', OWN.toUpperCase()) },
    { name: 'a two-digit year', xml: smbios('06/11/23', OWN) },
  ],
  invalid: [
    {
      name: "a system UUID that is not the domain's, at the entry; writing the domain's UUID is only a suggestion (the other UUID may be the one meant)",
      xml: smbios('11/06/2023', HOST),
      errors: [
        {
          messageId: 'uuidMismatch',
          data: { value: HOST, uuid: OWN },
          line: 13,
          column: 7,
          endLine: 13,
          endColumn: 26,
          severity: 'error',
          message: `The SMBIOS system UUID ${HOST} differs from the domain's <uuid> ${OWN}: libvirt refuses it: "UUID mismatch between <uuid> and <sysinfo>". Use the same UUID in both places.`,
          suggestions: [{ title: "Use the domain's <uuid>", output: smbios('11/06/2023', OWN) }],
        },
      ],
      output: null,
      unsafeOutput: smbios('11/06/2023', OWN),
    },
    {
      name: 'an ISO date, without a fix',
      xml: smbios('2023-11-06', OWN),
      errors: [
        {
          messageId: 'badBiosDate',
          data: { date: '2023-11-06' },
          line: 10,
          column: 7,
          message: "BIOS date '2023-11-06' is not mm/dd/yy or mm/dd/yyyy: libvirt refuses it: \"Invalid BIOS 'date' format\". Write it as e.g. 11/06/2023.",
        },
      ],
      output: null,
    },
    {
      name: 'both at once: --fix --unsafe-fixes corrects the UUID and leaves the date',
      xml: smbios('13/06/2023', HOST),
      errors: [
        { messageId: 'badBiosDate', data: { date: '13/06/2023' }, line: 10, column: 7 },
        { messageId: 'uuidMismatch', line: 13, column: 7, suggestions: [{ output: smbios('13/06/2023', OWN) }] },
      ],
      output: null,
      unsafeOutput: smbios('13/06/2023', OWN),
    },
  ],
});
