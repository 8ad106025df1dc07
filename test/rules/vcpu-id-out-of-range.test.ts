import rule from '#rules/vcpu-id-out-of-range.js';
import { domain, testRule } from '../helpers/rule-tester.js';

/** `<vcpu>` with maximum `max`, then a <vcpus> list; the entry with index i is on line 8 + i. */
const vcpus = (ids: string[], max = '8') =>
  domain('').replace(
    "  <vcpu placement='static'>8</vcpu>\n",
    `  <vcpu placement='static' current='2'>${max}</vcpu>\n  <vcpus>\n` +
      ids.map((id, i) => `    <vcpu id='${id}' enabled='${i < 2 ? 'yes' : 'no'}' hotpluggable='${i === 0 ? 'no' : 'yes'}'/>\n`).join('') +
      '  </vcpus>\n',
  );

testRule(rule, {
  valid: [
    { name: 'ids 0 to maximum - 1', xml: vcpus(['0', '1', '2', '3', '4', '5', '6', '7']) },
    { name: 'a maximum that is not a number is not checked', xml: vcpus(['0', '9'], 'eight') },
  ],
  invalid: [
    {
      name: 'an id equal to the maximum, at the id attribute',
      xml: vcpus(['0', '1', '2', '3', '4', '5', '6', '8']),
      errors: [
        {
          messageId: 'outOfRange',
          data: { id: '8', max: '8', last: 7 },
          line: 15,
          column: 11,
          endLine: 15,
          endColumn: 17,
          severity: 'error',
          message:
            'vCPU id 8 does not exist: the maximum is 8 vCPUs (ids 0 to 7). libvirt refuses it: "vcpu id \'8\' is out of range of maximum vcpu count". Renumber the <vcpus> entries or raise the <vcpu> maximum.',
        },
      ],
    },
    {
      name: 'the id is quoted without surrounding spaces',
      xml: vcpus(['0', ' 4 '], '4'),
      errors: [{ messageId: 'outOfRange', data: { id: '4', max: '4', last: 3 }, line: 9, column: 11 }],
    },
  ],
});
