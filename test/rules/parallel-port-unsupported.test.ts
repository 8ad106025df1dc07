import { describe, expect, it } from 'vitest';
import rule from '../../rules/parallel-port-unsupported.js';
import { applySuggestion, diagnostics, domain } from '../helpers/rule-tester.js';

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

describe('parallel-port-unsupported', () => {
  it('reports a parallel port on s390x', () => {
    expect(diagnostics(rule, s390)).toEqual([
      {
        ruleId: 'parallel-port-unsupported',
        severity: 'error',
        line: 13,
        column: 5,
        endLine: 13,
        endColumn: 27,
        message: 's390 guests have no parallel port: libvirt refuses it: "parallel ports are not supported". Remove the <parallel> device.',
      },
    ]);
    expect(applySuggestion(rule, s390, 0)).toBe(s390.replace("    <parallel type='pty'/>\n", ''));
  });

  it('accepts a parallel port on x86', () => {
    expect(diagnostics(rule, domain("<parallel type='pty'>\n  <target port='0'/>\n</parallel>"))).toEqual([]);
  });
});
