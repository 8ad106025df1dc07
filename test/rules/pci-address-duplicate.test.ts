import rule from '#rules/pci-address-duplicate.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const pci = (bus: string, slot = '0x00', fn = '0x0') => `<address type='pci' domain='0x0000' bus='${bus}' slot='${slot}' function='${fn}'/>`;

/** A NIC at 0000:01:00.0 and a passed-through GPU whose guest address (line 34) is `hostdevAddress`. */
const devices = (hostdevAddress: string) =>
  domain(`<interface type='network'>
  <mac address='52:54:00:6b:3c:58'/>
  <source network='default'/>
  <model type='virtio'/>
  ${pci('0x01')}
</interface>
<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/>
  </source>
  ${hostdevAddress}
</hostdev>`);

const i440fx = (xml: string) => xml.replace("machine='pc-q35-9.1'", "machine='pc-i440fx-9.1'");
/** A memballoon whose address is on line 25. */
const balloonAt = (address: string) => domain(`<memballoon model='virtio'>\n  ${address}\n</memballoon>`);

testRule(rule, {
  valid: [
    { name: 'distinct guest addresses (the host-side source address is not a guest address)', xml: devices(pci('0x02')) },
    { name: '0000:00:01.1 on q35', xml: balloonAt(pci('0x00', '0x01', '0x1')) },
    { name: "the IDE controller itself at 0000:00:01.1 on i440fx", xml: i440fx(domain(`<controller type='ide' index='0'>\n  ${pci('0x00', '0x01', '0x1')}\n</controller>`)) },
    { name: "the all-zero address (libvirt's 'any PCI address') twice", xml: devices(pci('0x00')).replace(pci('0x01'), pci('0x00')) },
    {
      name: '<console>, which shares the first serial port',
      xml: domain(`<serial type='dev'>
  <source path='/dev/ttyS2'/>
  <target type='pci-serial' port='0'/>
  <address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0'/>
</serial>
<console type='dev'>
  <source path='/dev/ttyS2'/>
  <target type='serial' port='0'/>
  <address type='pci' domain='0x0000' bus='0x00' slot='0x04' function='0x0'/>
</console>`),
    },
    { name: 'another driver (xen)', xml: devices(pci('0x01')).replace("<domain type='kvm'", "<domain type='xen'") },
  ],
  invalid: [
    {
      name: 'the second device on a PCI address, at its <address>',
      xml: devices(pci('0x01')),
      errors: [
        {
          messageId: 'duplicate',
          data: { device: "<hostdev type='pci'>", address: '0000:01:00.0', first: "<interface type='network'>" },
          line: 34,
          column: 7,
          endLine: 34,
          endColumn: 82,
          severity: 'error',
          message:
            '<hostdev type=\'pci\'> uses PCI address 0000:01:00.0, already taken by <interface type=\'network\'>: libvirt refuses it: "Attempted double use of PCI Address 0000:01:00.0". Move one of them to a free slot, or remove its <address> and let libvirt choose.',
        },
      ],
    },
    {
      name: "0000:00:01.1 on i440fx (the built-in IDE controller's slot)",
      xml: i440fx(balloonAt(pci('0x00', '0x01', '0x1'))),
      errors: [
        {
          messageId: 'ideSlot',
          data: { device: "<memballoon model='virtio'>" },
          line: 25,
          column: 7,
          message:
            '<memballoon model=\'virtio\'> is placed at 0000:00:01.1, where the i440fx machine\'s built-in IDE controller sits: libvirt refuses it: "Attempted double use of PCI Address 0000:00:01.1". Move the device to a free slot, or remove its <address> and let libvirt choose.',
        },
      ],
    },
  ],
});
