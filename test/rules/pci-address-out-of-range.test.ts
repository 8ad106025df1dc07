import rule from '#rules/pci-address-out-of-range.js';
import { domain, testRule } from '../helpers/rule-tester.js';

/** A NIC whose guest address is on line 28. */
const nic = (address: string) =>
  domain(`<interface type='network'>
  <mac address='52:54:00:6b:3c:58'/>
  <source network='default'/>
  <model type='virtio'/>
  ${address}
</interface>`);
/** A GPU passed through from the host address in `source` (line 26), placed in the guest at 05:00.0 (line 28). */
const hostdev = (source: string) =>
  domain(`<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address ${source}/>
  </source>
  <address type='pci' domain='0x0000' bus='0x05' slot='0x00' function='0x0'/>
</hostdev>`);
/** An SR-IOV VF handed to the guest as a NIC; its host address is on line 26. */
const vfNic = (source: string) =>
  domain(`<interface type='hostdev' managed='yes'>
  <source>
    <address type='pci' ${source}/>
  </source>
  <mac address='52:54:00:6b:3c:58'/>
</interface>`);
const zpci = (uid: string) => nic(`<address type='pci' domain='0x0000' bus='0x00' slot='0x08' function='0x0'>\n    <zpci uid='${uid}' fid='0x0000001f'/>\n  </address>`);

testRule(rule, {
  valid: [
    { name: 'the highest valid bus, slot and function', xml: nic("<address type='pci' domain='0x0000' bus='0xff' slot='0x1f' function='0x7'/>") },
    { name: 'zPCI uid 1', xml: zpci('0x0001') },
    { name: 'zPCI uid 0xffff', xml: zpci('0xffff') },
    { name: 'a drive address is not checked', xml: nic("<address type='drive' controller='0' bus='300' target='0' unit='0'/>") },
    { name: 'the highest valid host address', xml: hostdev("domain='0x0000' bus='0xff' slot='0x1f' function='0x7'") },
    { name: 'a host PCI domain above 0xffff is accepted (libvirt takes 32 bits)', xml: hostdev("domain='0x10000' bus='0x0b' slot='0x00' function='0x0'") },
    {
      name: "a USB hostdev's source address is not a PCI address",
      xml: domain(`<hostdev mode='subsystem' type='usb' managed='yes'>\n  <source>\n    <address bus='300' device='5'/>\n  </source>\n</hostdev>`),
    },
  ],
  invalid: [
    {
      name: 'a slot above 0x1f, at the slot attribute',
      xml: nic("<address type='pci' domain='0x0000' bus='0x00' slot='0x20' function='0x0'/>"),
      errors: [
        {
          messageId: 'slotTooHigh',
          data: { value: '0x20', hex: '0x20' },
          line: 28,
          column: 54,
          endLine: 28,
          endColumn: 65,
          severity: 'error',
          message:
            'PCI slot 0x20 does not exist (the highest is 0x1f): libvirt refuses it: "Invalid PCI address slot=\'0x20\', must be <= 0x1F". Correct the address or remove it and let libvirt choose.',
        },
      ],
    },
    {
      name: 'a bus above 0xff, written in decimal: libvirt prints it in hex',
      xml: nic("<address type='pci' domain='0x0000' bus='256' slot='0x00' function='0x0'/>"),
      errors: [
        {
          messageId: 'busTooHigh',
          data: { value: '256', hex: '0x100' },
          line: 28,
          column: 43,
          endColumn: 52,
          message:
            'PCI bus 256 does not exist (the highest is 0xff): libvirt refuses it: "Invalid PCI address bus=\'0x100\', must be <= 0xFF". Correct the address or remove it and let libvirt choose.',
        },
      ],
    },
    {
      name: 'a function above 7',
      xml: nic("<address type='pci' domain='0x0000' bus='0x00' slot='0x1f' function='0x8'/>"),
      errors: [
        {
          messageId: 'functionTooHigh',
          data: { value: '0x8', hex: '0x8' },
          line: 28,
          column: 66,
          endColumn: 80,
          message:
            'PCI function 0x8 does not exist (the highest is 7): libvirt refuses it: "Invalid PCI address function=0x8, must be <= 7". Correct the address or remove it and let libvirt choose.',
        },
      ],
    },
    {
      name: 'bus, slot and function all out of range: three reports',
      xml: nic("<address type='pci' domain='0x0000' bus='0x100' slot='0x20' function='0x8'/>"),
      errors: [
        { messageId: 'busTooHigh', data: { value: '0x100', hex: '0x100' }, line: 28, column: 43 },
        { messageId: 'slotTooHigh', data: { value: '0x20', hex: '0x20' }, line: 28, column: 55 },
        { messageId: 'functionTooHigh', data: { value: '0x8', hex: '0x8' }, line: 28, column: 67 },
      ],
    },
    {
      name: 'a zPCI uid of 0',
      xml: zpci('0x0'),
      errors: [
        {
          messageId: 'zpciUidOutOfRange',
          data: { value: '0x0', hex: '0x0000' },
          line: 29,
          column: 15,
          endColumn: 24,
          message:
            'zPCI uid 0x0 is out of range (1 to 0xffff): libvirt refuses it: "Invalid PCI address uid=\'0x0000\', must be > 0x0000 and <= 0xffff". Correct the address or remove it and let libvirt choose.',
        },
      ],
    },
    {
      name: "a host bus above 0xff in a hostdev's <source>, written in decimal: its own message, libvirt's words",
      xml: hostdev("domain='0x0000' bus='256' slot='0x00' function='0x0'"),
      errors: [
        {
          messageId: 'hostBusTooHigh',
          data: { value: '256', hex: '0x100' },
          line: 26,
          column: 34,
          endLine: 26,
          endColumn: 43,
          severity: 'error',
          message:
            'Host PCI bus 256 does not exist (the highest is 0xff): libvirt refuses it: "Invalid PCI address bus=\'0x100\', must be <= 0xFF". Use the host address lspci shows for the device (0b:00.0 is bus=\'0x0b\' slot=\'0x00\' function=\'0x0\').',
        },
      ],
    },
    {
      name: 'a host slot above 0x1f',
      xml: hostdev("domain='0x0000' bus='0x0b' slot='0x20' function='0x0'"),
      errors: [
        {
          messageId: 'hostSlotTooHigh',
          data: { value: '0x20', hex: '0x20' },
          line: 26,
          column: 45,
          endColumn: 56,
          message:
            'Host PCI slot 0x20 does not exist (the highest is 0x1f): libvirt refuses it: "Invalid PCI address slot=\'0x20\', must be <= 0x1F". Use the host address lspci shows for the device (0b:00.0 is bus=\'0x0b\' slot=\'0x00\' function=\'0x0\').',
        },
      ],
    },
    {
      name: 'a host function above 7',
      xml: hostdev("domain='0x0000' bus='0x0b' slot='0x00' function='0x8'"),
      errors: [{ messageId: 'hostFunctionTooHigh', data: { value: '0x8', hex: '0x8' }, line: 26, column: 57, endColumn: 71 }],
    },
    {
      name: "an <interface type='hostdev'> source address (type='pci') is a host address too",
      xml: vfNic("domain='0x0000' bus='0x00' slot='0x20' function='0x1'"),
      errors: [{ messageId: 'hostSlotTooHigh', data: { value: '0x20', hex: '0x20' }, line: 26, column: 56 }],
    },
    {
      name: 'a zPCI uid above 0xffff',
      xml: zpci('0x10000'),
      errors: [{ messageId: 'zpciUidOutOfRange', data: { value: '0x10000', hex: '0x10000' }, line: 29, column: 15 }],
    },
  ],
});
