import rule from '#rules/chardev-source-incomplete.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const serial = (type: string, inner: string) => domain(`<serial type='${type}'>\n${inner}  <target port='0'/>\n</serial>`);
const reconnecting = (mode: string, timeout: string) =>
  domain(`<channel type='tcp'>
  <source mode='${mode}' host='127.0.0.1' service='4555'>
    <reconnect enabled='yes' timeout='${timeout}'/>
  </source>
  <target type='virtio' name='org.example.agent'/>
</channel>`);

testRule(rule, {
  valid: [
    { name: 'libvirt generates the socket of a virtio channel', xml: domain("<channel type='unix'>\n  <target type='virtio' name='org.qemu.guest_agent.0'/>\n</channel>") },
    { name: 'a complete TCP console', xml: domain("<serial type='tcp'>\n  <source mode='connect' host='127.0.0.1' service='9999'/>\n  <protocol type='telnet'/>\n  <target port='0'/>\n</serial>") },
    { name: 'reconnect in connect mode with a non-zero timeout', xml: reconnecting('connect', '10') },
    { name: 'a file serial port with its path', xml: serial('file', "  <source path='/var/log/libvirt/win11-serial.log'/>\n") },
    // `virsh define` (9.0.0) accepts empty values: libvirt checks that the attribute is there.
    { name: "an empty host='' counts as written", xml: serial('tcp', "  <source mode='connect' host='' service='4555'/>\n") },
    { name: "an empty path=''", xml: serial('file', "  <source path=''/>\n") },
  ],
  invalid: [
    {
      name: 'a unix serial port without a socket path, at its type attribute',
      xml: domain("<serial type='unix'>\n  <target type='isa-serial' port='0'/>\n</serial>"),
      errors: [
        {
          messageId: 'missingSocketPath',
          data: { element: 'serial' },
          line: 24,
          column: 13,
          endLine: 24,
          endColumn: 24,
          severity: 'error',
          message: '<serial type=\'unix\'> has no <source path=\'...\'/> for its socket: libvirt refuses it: "Missing source path attribute for char device".',
        },
      ],
    },
    {
      name: 'an egd rng whose unix backend has a TCP-style source, named after the <rng>',
      xml: domain("<rng model='virtio'>\n  <backend model='egd' type='unix'>\n    <source mode='connect' host='1.2.3.4' service='1234'/>\n  </backend>\n</rng>"),
      errors: [{ messageId: 'missingSocketPath', data: { element: 'rng' }, line: 25, column: 28 }],
    },
    {
      name: 'a file serial port without a path',
      xml: serial('file', ''),
      errors: [
        {
          messageId: 'missingPath',
          data: { element: 'serial', type: 'file' },
          line: 24,
          column: 13,
          message: '<serial type=\'file\'> has no <source path=\'...\'/>: libvirt refuses it: "Missing source path attribute for char device".',
        },
      ],
    },
    {
      name: 'a connecting TCP serial port without a host',
      xml: serial('tcp', "  <source mode='connect' service='4555'/>\n"),
      errors: [
        {
          messageId: 'missingHost',
          data: { element: 'serial' },
          line: 24,
          column: 13,
          message: '<serial type=\'tcp\'> has no <source host=\'...\'/>: libvirt refuses it: "Missing source host attribute for char device".',
        },
      ],
    },
    {
      // `virsh define` (9.0.0): "Missing source host attribute for char device" for a listening port too (NOTES 1).
      name: 'a listening (bind) TCP serial port without a host',
      xml: serial('tcp', "  <source mode='bind' service='4555'/>\n"),
      errors: [{ messageId: 'missingHost', data: { element: 'serial' }, line: 24, column: 13 }],
    },
    {
      name: 'a listening TCP channel without a host and with reconnect: libvirt stops at the host',
      xml: reconnecting('bind', '10').replace(" host='127.0.0.1'", ''),
      errors: [{ messageId: 'missingHost', data: { element: 'channel' }, line: 24, column: 14 }],
    },
    {
      name: 'a TCP serial port without a service',
      xml: serial('tcp', "  <source mode='connect' host='127.0.0.1'/>\n"),
      errors: [
        {
          messageId: 'missingService',
          data: { element: 'serial' },
          line: 24,
          column: 13,
          message: '<serial type=\'tcp\'> has no <source service=\'...\'/> (port): libvirt refuses it: "Missing source service attribute for char device".',
        },
      ],
    },
    {
      name: 'a UDP serial port with only a bind source',
      xml: serial('udp', "  <source mode='bind' host='127.0.0.1' service='4555'/>\n"),
      errors: [
        {
          messageId: 'missingConnectService',
          data: { element: 'serial' },
          line: 24,
          column: 13,
          message: '<serial type=\'udp\'> has no connect <source service=\'...\'/>: libvirt refuses it: "Missing source service attribute for char device".',
        },
      ],
    },
    {
      name: "the 'tls' protocol on a TCP serial port, at the protocol's type",
      xml: serial('tcp', "  <source mode='connect' host='127.0.0.1' service='4555'/>\n  <protocol type='tls'/>\n"),
      errors: [
        {
          messageId: 'tlsUnsupported',
          line: 26,
          column: 17,
          endColumn: 27,
          message: 'The QEMU driver has no \'tls\' protocol for TCP character devices: libvirt refuses it: "tcp chardev protocol \'tls\' not supported".',
        },
      ],
    },
    {
      name: 'reconnect on a listening (bind) source, at <reconnect>',
      xml: reconnecting('bind', '10'),
      errors: [
        {
          messageId: 'reconnectInBindMode',
          data: { element: 'channel', type: 'tcp' },
          line: 26,
          column: 9,
          message:
            '<channel type=\'tcp\'> listens (mode=\'bind\'); only a connecting device can reconnect: libvirt refuses it: "chardev reconnect is possible only for connect mode".',
        },
      ],
    },
    {
      name: 'a reconnect timeout of 0, at the timeout attribute',
      xml: reconnecting('connect', '0'),
      errors: [
        {
          messageId: 'reconnectZeroTimeout',
          line: 26,
          column: 34,
          endColumn: 45,
          message: 'A reconnect timeout of 0 seconds: libvirt refuses it: "chardev reconnect source timeout cannot be \'0\'".',
        },
      ],
    },
  ],
});
