import rule from '#rules/vcpu-current-above-max.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const vcpu = (current: string) => domain('').replace("<vcpu placement='static'>8</vcpu>", `<vcpu placement='static' current='${current}'>8</vcpu>`);

testRule(rule, {
  valid: [
    { name: 'current equal to the maximum', xml: vcpu('8') },
    { name: 'current below the maximum', xml: vcpu('2') },
  ],
  invalid: [
    {
      name: 'current above the maximum, at the current attribute; lowering it is only a suggestion',
      xml: vcpu('12'),
      errors: [
        {
          messageId: 'currentAboveMax',
          data: { current: '12', max: '8' },
          line: 6,
          column: 28,
          endLine: 6,
          endColumn: 40,
          severity: 'error',
          message:
            '<vcpu current=\'12\'> is more than the maximum of 8 vCPUs: libvirt refuses it: "maximum vCPU count must not be less than current vCPU count". Lower current to at most 8, or raise the <vcpu> maximum.',
          suggestions: [{ title: 'Set current to 8', output: vcpu('8') }],
        },
      ],
      output: null,
      unsafeOutput: vcpu('8'),
    },
  ],
});
