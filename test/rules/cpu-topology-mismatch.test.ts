import rule from '#rules/cpu-topology-mismatch.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const base = domain('');
const vcpus = (xml: string, n: number) => xml.replace("<vcpu placement='static'>8</vcpu>", `<vcpu placement='static'>${n}</vcpu>`);
const six = vcpus(base, 6);
const noDies = base.replace(" dies='1' clusters='1'", '');

testRule(rule, {
  valid: [
    { name: 'the topology gives the <vcpu> count', xml: base },
    { name: 'compares with the maximum, not with current', xml: base.replace("<vcpu placement='static'>8</vcpu>", "<vcpu placement='static' current='4'>8</vcpu>") },
    { name: 'dies and clusters default to 1', xml: noDies },
    { name: 'not the QEMU driver', xml: six.replace("<domain type='kvm'>", "<domain type='bhyve'>") },
  ],
  invalid: [
    {
      name: 'the topology gives 8 vCPUs, <vcpu> says 6; setting <vcpu> is only a suggestion',
      xml: six,
      errors: [
        {
          messageId: 'productDiffers',
          data: { topology: 'sockets=1 x dies=1 x clusters=1 x cores=4 x threads=2', product: 8, vcpus: '6' },
          line: 17,
          column: 5,
          endLine: 17,
          endColumn: 72,
          severity: 'error',
          message:
            'The CPU topology (sockets=1 x dies=1 x clusters=1 x cores=4 x threads=2) gives 8 vCPUs but <vcpu> is 6: libvirt refuses it: "CPU topology doesn\'t match maximum vcpu count". Change the topology (usually cores) so the product is 6, or set <vcpu> to 8.',
          suggestions: [{ title: 'Set <vcpu> to 8', output: base }],
        },
      ],
      output: null,
      unsafeOutput: base,
    },
    {
      name: 'without dies and clusters, the product of the axes written',
      xml: noDies.replace("cores='4'", "cores='3'"),
      errors: [
        {
          messageId: 'productDiffers',
          data: { topology: 'sockets=1 x cores=3 x threads=2', product: 6, vcpus: '8' },
          line: 17,
          column: 5,
          suggestions: [{ output: vcpus(noDies.replace("cores='4'", "cores='3'"), 6) }],
        },
      ],
      output: null,
    },
  ],
});
