import rule from '#rules/mac-address-multicast.js';
import { domain, testRule } from '../helpers/rule-tester.js';

/** An interface whose <mac address> is on line 25. */
const nic = (mac: string) =>
  domain(`<interface type='network'>
  <mac address='${mac}'/>
  <source network='default'/>
  <model type='virtio'/>
</interface>`);

testRule(rule, {
  valid: [
    { name: "libvirt's own prefix 52:54:00", xml: nic('52:54:00:6b:3c:58') },
    { name: 'an even first byte, fe', xml: nic('fe:54:00:6b:3c:58') },
    { name: 'a malformed address is not checked here', xml: nic('53:54:00') },
  ],
  invalid: [
    {
      name: 'a MAC whose first byte is odd, at the address; clearing the multicast bit is only a suggestion',
      xml: nic('53:54:00:6B:3C:58'),
      errors: [
        {
          messageId: 'multicast',
          data: { address: '53:54:00:6B:3C:58', firstByte: '53', lowercase: '53:54:00:6b:3c:58', unicast: '52:54:00:6b:3c:58' },
          line: 25,
          column: 12,
          endLine: 25,
          endColumn: 39,
          severity: 'error',
          message:
            'MAC address 53:54:00:6B:3C:58 is a multicast address (first byte 0x53 is odd): libvirt refuses it: "expected unicast mac address, found multicast \'53:54:00:6b:3c:58\'". Use a unicast address such as 52:54:00:6b:3c:58, or remove <mac> to let libvirt generate one.',
          suggestions: [{ title: 'Change the MAC address to 52:54:00:6b:3c:58', output: nic('52:54:00:6b:3c:58') }],
        },
      ],
      output: null,
      unsafeOutput: nic('52:54:00:6b:3c:58'),
    },
    {
      name: 'first byte 01',
      xml: nic('01:54:00:12:34:56'),
      errors: [{ messageId: 'multicast', data: { address: '01:54:00:12:34:56', firstByte: '01', lowercase: '01:54:00:12:34:56', unicast: '00:54:00:12:34:56' }, line: 25, column: 12, suggestions: [{ output: nic('00:54:00:12:34:56') }] }],
      output: null,
    },
    {
      name: 'the broadcast address',
      xml: nic('FF:FF:FF:FF:FF:FF'),
      errors: [{ messageId: 'multicast', data: { address: 'FF:FF:FF:FF:FF:FF', firstByte: 'ff', lowercase: 'ff:ff:ff:ff:ff:ff', unicast: 'fe:ff:ff:ff:ff:ff' }, line: 25, column: 12, suggestions: [{ output: nic('fe:ff:ff:ff:ff:ff') }] }],
      output: null,
    },
  ],
});
