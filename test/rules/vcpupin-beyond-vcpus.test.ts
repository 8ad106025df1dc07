import rule from '#rules/vcpupin-beyond-vcpus.js';
import { testRule } from '../helpers/rule-tester.js';

/**
 * A domain with `<vcpu>` on line 4, `<iothreads>` (or `iothreadIds`) on line
 * 5, and the `<cputune>` entries from line 7 on, one per line.
 */
function tuned(entries: string[], opts: { vcpu?: string; iothreads?: string } = {}): string {
  const vcpu = opts.vcpu === undefined ? "  <vcpu placement='static'>4</vcpu>\n" : opts.vcpu === '' ? '  <!-- no vcpu -->\n' : `  ${opts.vcpu}\n`;
  return `<domain type='kvm'>
  <name>win11</name>
  <memory unit='KiB'>16777216</memory>
${vcpu}  ${opts.iothreads ?? '<iothreads>2</iothreads>'}
  <cputune>
${entries.map((e) => `    ${e}\n`).join('')}  </cputune>
  <os>
    <type arch='x86_64' machine='pc-q35-9.1'>hvm</type>
  </os>
</domain>
`;
}

const pins = (n: number) => Array.from({ length: n }, (_, i) => `<vcpupin vcpu='${i}' cpuset='${i + 2}'/>`);

testRule(rule, {
  valid: [
    { name: 'a pin for every vCPU, 0 to 3', xml: tuned(pins(4)) },
    { name: 'a pin for an offline vCPU (current below the maximum) is kept by libvirt', xml: tuned(["<vcpupin vcpu='3' cpuset='1'/>"], { vcpu: "<vcpu placement='static' current='2'>4</vcpu>" }) },
    { name: 'vcpusched within the vCPUs', xml: tuned(["<vcpusched vcpus='0-3' scheduler='fifo' priority='1'/>"]) },
    { name: 'iothreadpin for IOThreads 1 and 2', xml: tuned(["<iothreadpin iothread='1' cpuset='1'/>", "<iothreadpin iothread='2' cpuset='2'/>"]) },
    {
      name: '<iothreadids> names the ids; the rest are filled from 1',
      xml: tuned(["<iothreadpin iothread='5' cpuset='1'/>", "<iothreadpin iothread='1' cpuset='2'/>"], { iothreads: "<iothreads>2</iothreads><iothreadids><iothread id='5'/></iothreadids>" }),
    },
    { name: 'iothreadsched within the IOThreads', xml: tuned(["<iothreadsched iothreads='1-2' scheduler='batch'/>"]) },
    { name: "an unreadable vcpu attribute is not this rule's business", xml: tuned(["<vcpupin vcpu='x' cpuset='1'/>"]) },
  ],
  invalid: [
    {
      name: 'a pin for vCPU 4 of 4: a warning at the vcpu attribute (libvirt drops it)',
      xml: tuned(pins(5)),
      errors: [
        {
          messageId: 'vcpupinIgnored',
          data: { vcpu: '4', count: 4, range: 'vCPUs 0 to 3' },
          line: 11,
          column: 14,
          endLine: 11,
          endColumn: 22,
          severity: 'warning',
          message:
            "<vcpupin vcpu='4'> names a vCPU this domain does not have: <vcpu> is 4 (vCPUs 0 to 3). libvirt ignores the pin (\"Ignoring vcpupin for missing vcpus\", in its log only) and drops it from the definition, so the pinning you wrote does not happen. Pin only vCPUs 0 to 3, or raise <vcpu>.",
        },
      ],
    },
    {
      name: 'the community case: <vcpu>11</vcpu> with pins for vCPUs 0 to 11',
      xml: tuned(pins(12), { vcpu: "<vcpu placement='static'>11</vcpu>" }),
      errors: [{ messageId: 'vcpupinIgnored', data: { vcpu: '11', count: 11, range: 'vCPUs 0 to 10' }, line: 18, column: 14 }],
    },
    {
      name: 'without <vcpu> the domain has one vCPU',
      xml: tuned(["<vcpupin vcpu='0' cpuset='1'/>", "<vcpupin vcpu='1' cpuset='2'/>"], { vcpu: '' }),
      errors: [{ messageId: 'vcpupinIgnored', data: { vcpu: '1', count: 1, range: 'vCPU 0' }, line: 8, column: 14 }],
    },
    {
      name: "vcpusched reaching beyond the vCPUs: an error naming the first missing one, in libvirt's words",
      xml: tuned(["<vcpusched vcpus='2-5' scheduler='fifo' priority='1'/>"]),
      errors: [
        {
          messageId: 'vcpuschedMissing',
          data: { vcpus: '2-5', vcpu: 4, count: 4, range: 'vCPUs 0 to 3' },
          line: 7,
          column: 16,
          endColumn: 27,
          severity: 'error',
          message:
            "<vcpusched vcpus='2-5'> includes vCPU 4, which this domain does not have: <vcpu> is 4 (vCPUs 0 to 3). libvirt refuses it: \"vCPU '4' is not present in domain definition\". Limit vcpus to vCPUs 0 to 3, or raise <vcpu>.",
        },
      ],
    },
    {
      name: "iothreadpin for IOThread 3 of 2: an error, in libvirt's words",
      xml: tuned(["<iothreadpin iothread='1' cpuset='1'/>", "<iothreadpin iothread='3' cpuset='2'/>"]),
      errors: [
        {
          messageId: 'iothreadpinMissing',
          data: { id: '3', have: 'IOThreads 1 to 2' },
          line: 8,
          column: 18,
          endColumn: 30,
          severity: 'error',
          message:
            "<iothreadpin iothread='3'> names an IOThread this domain does not have (IOThreads 1 to 2): libvirt refuses it: \"Cannot find 'iothread' : 3\". Pin an existing IOThread, or raise <iothreads>.",
        },
      ],
    },
    {
      name: 'iothreadpin without any IOThreads',
      xml: tuned(["<iothreadpin iothread='1' cpuset='1'/>"], { iothreads: '<!-- no iothreads -->' }),
      errors: [{ messageId: 'iothreadpinMissing', data: { id: '1', have: 'no IOThreads' }, line: 7, column: 18 }],
    },
    {
      name: 'filled ids: <iothreadids> 5 and a count of 2 gives IOThreads 1 and 5, not 2',
      xml: tuned(["<iothreadpin iothread='2' cpuset='1'/>"], { iothreads: "<iothreads>2</iothreads><iothreadids><iothread id='5'/></iothreadids>" }),
      errors: [{ messageId: 'iothreadpinMissing', data: { id: '2', have: 'IOThreads 1, 5' }, line: 7, column: 18 }],
    },
    {
      name: "libvirt's own test case: iothreadsched for IOThread 2 of 1",
      xml: tuned(["<iothreadsched iothreads='1' scheduler='batch'/>", "<iothreadsched iothreads='2' scheduler='fifo' priority='1'/>"], { iothreads: '<iothreads>1</iothreads>' }),
      errors: [
        {
          messageId: 'iothreadschedMissing',
          data: { iothreads: '2', id: 2, have: 'IOThread 1' },
          line: 8,
          column: 20,
          severity: 'error',
          message:
            "<iothreadsched iothreads='2'> includes IOThread 2, which this domain does not have (IOThread 1): libvirt refuses it: \"Cannot find 'iothread' : 2\". Limit iothreads to existing IOThreads, or raise <iothreads>.",
        },
      ],
    },
  ],
});
