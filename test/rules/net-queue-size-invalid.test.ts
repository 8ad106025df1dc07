import rule from '#rules/net-queue-size-invalid.js';
import { domain, testRule } from '../helpers/rule-tester.js';

/** A virtio NIC whose <driver> is on line 28. */
const nic = (rx: string, tx = '1024', model = 'virtio') =>
  domain(`<interface type='bridge'>
  <mac address='52:54:00:6b:3c:58'/>
  <source bridge='br0'/>
  <model type='${model}'/>
  <driver name='vhost' rx_queue_size='${rx}' tx_queue_size='${tx}'/>
</interface>`);

testRule(rule, {
  valid: [
    { name: 'powers of two', xml: nic('1024', '256') },
    { name: '0 is not reported', xml: nic('0') },
    { name: 'a non-virtio NIC is not checked', xml: nic('1000', '1024', 'e1000e') },
    { name: 'another driver (xen) is not checked', xml: nic('1000').replace("<domain type='kvm'", "<domain type='xen'") },
  ],
  invalid: [
    {
      name: 'an rx_queue_size that is not a power of two, at the attribute',
      xml: nic('1000'),
      errors: [
        {
          messageId: 'notPowerOfTwo',
          data: { name: 'rx_queue_size', value: '1000' },
          line: 28,
          column: 28,
          endLine: 28,
          endColumn: 48,
          severity: 'error',
          message: 'rx_queue_size 1000 is not a power of two: libvirt refuses it: "rx_queue_size has to be a power of two". Use 256, 512 or 1024.',
        },
      ],
    },
    {
      name: 'both sizes wrong: one report each',
      xml: nic('1000', '3'),
      errors: [
        { messageId: 'notPowerOfTwo', data: { name: 'rx_queue_size', value: '1000' }, line: 28, column: 28 },
        { messageId: 'notPowerOfTwo', data: { name: 'tx_queue_size', value: '3' }, line: 28, column: 49, endColumn: 66 },
      ],
    },
  ],
});
