import rule from '#rules/hyperv-spinlocks-retries.js';
import { domain, testRule } from '../helpers/rule-tester.js';

/** <spinlocks> is on line 17. */
const hyperv = (spinlocks: string, mode = 'custom') =>
  domain('', {
    features: `<acpi/>
<apic/>
<hyperv mode='${mode}'>
  <relaxed state='on'/>
  <vapic state='on'/>
  ${spinlocks}
</hyperv>`,
  });
const retries = (n: string) => hyperv(`<spinlocks state='on' retries='${n}'/>`);

testRule(rule, {
  valid: [
    { name: "retries='8191' (what the suggestion writes)", xml: retries('8191') },
    { name: 'retries at the minimum, 4095', xml: retries('4095') },
    { name: 'the minimum in hex, 0xfff', xml: retries('0xfff') },
    { name: 'spinlocks off', xml: hyperv("<spinlocks state='off' retries='1024'/>") },
    { name: 'without retries (libvirt 11.9+)', xml: hyperv("<spinlocks state='on'/>") },
    { name: 'passthrough mode ignores the feature list', xml: hyperv("<spinlocks state='on' retries='1024'/>", 'passthrough') },
  ],
  invalid: [
    {
      name: "retries below 4095, at the attribute; setting retries='8191' is only a suggestion (it picks a value)",
      xml: retries('1024'),
      errors: [
        {
          messageId: 'belowMinimum',
          data: { retries: '1024' },
          line: 17,
          column: 29,
          endLine: 17,
          endColumn: 43,
          severity: 'error',
          message:
            "Hyper-V spinlock retries='1024' is below the minimum: libvirt refuses it: \"HyperV spinlock retry count must be at least 4095\". Use retries='8191' (what virt-manager writes) or any value of at least 4095.",
          suggestions: [{ title: "Set retries='8191'", output: retries('8191') }],
        },
      ],
      output: null,
      unsafeOutput: retries('8191'),
    },
    {
      name: 'one below the minimum, 4094',
      xml: retries('4094'),
      errors: [
        {
          messageId: 'belowMinimum', data: { retries: '4094' }, line: 17, column: 29,
          suggestions: [{ output: retries('8191') }],
        },
      ],
      output: null,
    },
    {
      name: 'reads hex as libvirt does: 0xffe',
      xml: retries('0xffe'),
      errors: [
        {
          messageId: 'belowMinimum', data: { retries: '0xffe' }, line: 17, column: 29,
          suggestions: [{ output: retries('8191') }],
        },
      ],
      output: null,
    },
    {
      name: 'keeps double quotes',
      xml: retries('1024').replace(/'/g, '"'),
      errors: [
        {
          messageId: 'belowMinimum', data: { retries: '1024' }, line: 17, column: 29,
          suggestions: [{ output: retries('8191').replace(/'/g, '"') }],
        },
      ],
      output: null,
    },
  ],
});
