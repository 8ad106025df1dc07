import rule from '#rules/parallel-port-unsupported.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const s390 = `<domain type='kvm'>
  <name>zguest</name>
  <memory unit='GiB'>2</memory>
  <vcpu>2</vcpu>
  <os>
    <type arch='s390x' machine='s390-ccw-virtio'>hvm</type>
  </os>
  <devices>
    <emulator>/usr/bin/qemu-system-s390x</emulator>
    <console type='pty'>
      <target type='sclp' port='0'/>
    </console>
    <parallel type='pty'/>
  </devices>
</domain>
`;
const pseries = s390.replace("arch='s390x' machine='s390-ccw-virtio'", "arch='ppc64le' machine='pseries'").replace("type='sclp'", "type='serial'");
const withoutParallel = (xml: string) => xml.replace("    <parallel type='pty'/>\n", '');

testRule(rule, {
  valid: [{ name: 'a parallel port on x86', xml: domain("<parallel type='pty'>\n  <target port='0'/>\n</parallel>") }],
  invalid: [
    {
      name: 'a parallel port on s390x, at its start tag; removing it is only a suggestion',
      xml: s390,
      errors: [
        {
          messageId: 'noParallelPort',
          data: { platform: 's390' },
          line: 13,
          column: 5,
          endLine: 13,
          endColumn: 27,
          severity: 'error',
          message: 's390 guests have no parallel port: libvirt refuses it: "parallel ports are not supported". Remove the <parallel> device.',
          suggestions: [{ title: 'Remove the <parallel> device', output: withoutParallel(s390) }],
        },
      ],
      output: null,
      unsafeOutput: withoutParallel(s390),
    },
    {
      name: 'a parallel port on pSeries',
      xml: pseries,
      errors: [{ messageId: 'noParallelPort', data: { platform: 'pSeries' }, line: 13, column: 5, suggestions: [{ output: withoutParallel(pseries) }] }],
      output: null,
    },
  ],
});
