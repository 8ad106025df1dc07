import rule from '#rules/boot-timeout-out-of-range.js';
import { domain, testRule } from '../helpers/rule-tester.js';

/** A domain with `line` added to <os> after <boot dev='hd'/> (so `line` is line 10). */
const os = (line: string) => domain('').replace("    <boot dev='hd'/>\n", `    <boot dev='hd'/>\n    ${line}\n`);
const menu = (timeout: string) => os(`<bootmenu enable='yes' timeout='${timeout}'/>`);
const bios = (rebootTimeout: string) => os(`<bios useserial='yes' rebootTimeout='${rebootTimeout}'/>`);

testRule(rule, {
  valid: [
    { name: 'a boot menu timeout of 65535', xml: menu('65535') },
    { name: 'a boot menu timeout of 0', xml: menu('0') },
    { name: 'rebootTimeout -1 (no reboot)', xml: bios('-1') },
    { name: 'rebootTimeout 65535', xml: bios('65535') },
  ],
  invalid: [
    {
      name: 'a boot menu timeout above 65535, at the attribute; clamping it to 65535 is only a suggestion (it picks a value)',
      xml: menu('100000'),
      errors: [
        {
          messageId: 'menuTimeoutTooLong',
          data: { value: '100000' },
          line: 10,
          column: 28,
          endLine: 10,
          endColumn: 44,
          severity: 'error',
          message:
            'A boot menu timeout of 100000 ms is too long: libvirt refuses it: "invalid value for boot menu timeout, must be in range [0,65535]". Use at most 65535 (the value is in milliseconds).',
          suggestions: [{ title: "Set timeout='65535'", output: menu('65535') }],
        },
      ],
      output: null,
      unsafeOutput: menu('65535'),
    },
    {
      name: 'a boot menu timeout of 65536',
      xml: menu('65536'),
      errors: [{ messageId: 'menuTimeoutTooLong', data: { value: '65536' }, line: 10, column: 28, suggestions: [{ output: menu('65535') }] }],
      output: null,
    },
    {
      name: 'a rebootTimeout below -1, without a fix',
      xml: bios('-2'),
      errors: [
        {
          messageId: 'rebootTimeoutOutOfRange',
          data: { value: '-2' },
          line: 10,
          column: 27,
          endColumn: 45,
          message: 'A rebootTimeout of -2 ms is out of range: libvirt refuses it: "invalid value for rebootTimeout, must be in range [-1,65535]". Use -1 (no reboot) to 65535.',
        },
      ],
      output: null,
    },
    {
      name: 'a rebootTimeout above 65535',
      xml: bios('65536'),
      errors: [{ messageId: 'rebootTimeoutOutOfRange', data: { value: '65536' }, line: 10, column: 27 }],
      output: null,
    },
  ],
});
