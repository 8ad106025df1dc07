import { describe, expect, it } from 'vitest';
import rule from '../../rules/net-queue-size-invalid.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const nic = (rx: string) =>
  domain(`<interface type='bridge'>
  <mac address='52:54:00:6b:3c:58'/>
  <source bridge='br0'/>
  <model type='virtio'/>
  <driver name='vhost' rx_queue_size='${rx}' tx_queue_size='1024'/>
</interface>`);

describe('net-queue-size-invalid', () => {
  it('reports a queue size that is not a power of two', () => {
    expect(diagnostics(rule, nic('1000'))).toEqual([
      {
        ruleId: 'net-queue-size-invalid',
        severity: 'error',
        line: 28,
        column: 28,
        endLine: 28,
        endColumn: 48,
        message: 'rx_queue_size 1000 is not a power of two: libvirt refuses it: "rx_queue_size has to be a power of two". Use 256, 512 or 1024.',
      },
    ]);
  });

  it('accepts powers of two', () => {
    expect(diagnostics(rule, nic('1024'))).toEqual([]);
  });
});
