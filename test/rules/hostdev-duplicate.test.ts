import rule from '#rules/hostdev-duplicate.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const pci = (fn: string, guestBus: string) => `<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='0x0b' slot='0x00' function='${fn}'/>
  </source>
  <address type='pci' domain='0x0000' bus='${guestBus}' slot='0x00' function='0x0'/>
</hostdev>`;
const usb = (source: string) => `<hostdev mode='subsystem' type='usb' managed='yes'>
  <source>
    ${source}
  </source>
</hostdev>`;
const mdev = (uuid: string) => `<hostdev mode='subsystem' type='mdev' managed='no' model='vfio-pci'>
  <source>
    <address uuid='${uuid}'/>
  </source>
</hostdev>`;
const scsi = (adapter: string) => `<hostdev mode='subsystem' type='scsi' managed='yes'>
  <source>
    <adapter name='${adapter}'/>
    <address bus='0' target='0' unit='0'/>
  </source>
</hostdev>`;
const devices = (...hostdevs: string[]) => domain(hostdevs.join('\n'));

const USB_ADDR = "<address bus='14' device='6'/>";
const USB_ID = "<vendor id='0x046d'/><product id='0xc52b'/>";
const MDEV_UUID = '53764d0e-85a0-42b4-af5c-2046b460b1dc';

testRule(rule, {
  valid: [
    { name: 'the GPU and its audio function', xml: devices(pci('0x0', '0x05'), pci('0x1', '0x06')) },
    { name: 'USB devices at other bus/device addresses', xml: devices(usb(USB_ADDR), usb("<address bus='14' device='7'/>")) },
    { name: 'USB devices with other vendor/product ids', xml: devices(usb(USB_ID), usb("<vendor id='0x046d'/><product id='0xc539'/>")) },
    { name: 'SCSI devices on other adapters', xml: devices(scsi('scsi_host0'), scsi('scsi_host1')) },
  ],
  invalid: [
    {
      name: 'a PCI function passed through twice, at the second <hostdev>; removing it is only a suggestion',
      xml: devices(pci('0x0', '0x05'), pci('0x0', '0x06')),
      errors: [
        {
          messageId: 'alreadyPassedThrough',
          data: { device: 'host PCI device 0000:0b:00.0' },
          line: 30,
          column: 5,
          endLine: 30,
          endColumn: 56,
          severity: 'error',
          message:
            'The host PCI device 0000:0b:00.0 is already passed through by an earlier <hostdev>: libvirt refuses it: "Hostdev already exists in the domain configuration". Remove this <hostdev>, or correct its source if you meant another device (for example another function of the card).',
          suggestions: [{ title: 'Remove the duplicate <hostdev>', output: devices(pci('0x0', '0x05')) }],
        },
      ],
      output: null,
      unsafeOutput: devices(pci('0x0', '0x05')),
    },
    {
      name: 'every repeat after the first is reported',
      xml: devices(pci('0x0', '0x05'), pci('0x0', '0x06'), pci('0x0', '0x07')),
      errors: [
        { messageId: 'alreadyPassedThrough', line: 30, column: 5, suggestions: [{ output: devices(pci('0x0', '0x05'), pci('0x0', '0x07')) }] },
        { messageId: 'alreadyPassedThrough', line: 36, column: 5, suggestions: [{ output: devices(pci('0x0', '0x05'), pci('0x0', '0x06')) }] },
      ],
      output: null,
      unsafeOutput: devices(pci('0x0', '0x05')),
    },
    {
      name: 'USB devices by bus/device',
      xml: devices(usb(USB_ADDR), usb(USB_ADDR)),
      errors: [{ messageId: 'alreadyPassedThrough', data: { device: 'host USB device at bus 14 device 6' }, line: 29, column: 5, suggestions: [{ output: devices(usb(USB_ADDR)) }] }],
      output: null,
    },
    {
      name: 'USB devices by vendor/product',
      xml: devices(usb(USB_ID), usb(USB_ID)),
      errors: [{ messageId: 'alreadyPassedThrough', data: { device: 'host USB device 0x046d:0xc52b' }, line: 29, column: 5, suggestions: [{ output: devices(usb(USB_ID)) }] }],
      output: null,
    },
    {
      name: 'mediated devices by UUID, in any case (named as the duplicate writes it)',
      xml: devices(mdev(MDEV_UUID), mdev(MDEV_UUID.toUpperCase())),
      errors: [
        {
          messageId: 'alreadyPassedThrough',
          data: { device: 'mediated device 53764D0E-85A0-42B4-AF5C-2046B460B1DC' },
          line: 29,
          column: 5,
          suggestions: [{ output: devices(mdev(MDEV_UUID)) }],
        },
      ],
      output: null,
    },
    {
      name: 'SCSI devices by adapter and address',
      xml: devices(scsi('scsi_host0'), scsi('scsi_host0')),
      errors: [{ messageId: 'alreadyPassedThrough', data: { device: 'host SCSI device scsi_host0 0:0:0' }, line: 30, column: 5, suggestions: [{ output: devices(scsi('scsi_host0')) }] }],
      output: null,
    },
  ],
});
