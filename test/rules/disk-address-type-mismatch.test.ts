import rule from '#rules/disk-address-type-mismatch.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const PCI_ADDRESS = "<address type='pci' domain='0x0000' bus='0x04' slot='0x00' function='0x0'/>";
// A disk moved from virtio to SATA that kept its PCI address.
const xml = domain(`<disk type='file' device='disk'>
  <driver name='qemu' type='qcow2'/>
  <source file='/var/lib/libvirt/images/win11.qcow2'/>
  <target dev='sda' bus='sata'/>
  ${PCI_ADDRESS}
</disk>`);
const withoutAddress = xml.replace(`      ${PCI_ADDRESS}\n`, '');
const usb = xml.replace("bus='sata'", "bus='usb'");

testRule(rule, {
  valid: [
    { name: 'a drive address on a SATA disk', xml: xml.replace(PCI_ADDRESS, "<address type='drive' controller='0' bus='0' target='0' unit='0'/>") },
    { name: 'a PCI address on a virtio disk', xml: xml.replace("<target dev='sda' bus='sata'/>", "<target dev='vda' bus='virtio'/>") },
    { name: 'a usb address on a USB disk', xml: usb.replace(PCI_ADDRESS, "<address type='usb' bus='0' port='1'/>") },
    { name: 'the USB check is for the QEMU driver only', xml: usb.replace("<domain type='kvm'>", "<domain type='xen'>") },
  ],
  invalid: [
    {
      name: 'a PCI address on a SATA disk, at its type; removing the address is only a suggestion',
      xml,
      errors: [
        {
          messageId: 'notDriveAddress',
          data: { dev: 'sda', bus: 'sata', type: 'pci' },
          line: 28,
          column: 16,
          endLine: 28,
          endColumn: 26,
          severity: 'error',
          message:
            'Disk \'sda\' is on the sata bus but has an address of type \'pci\': libvirt refuses it: "Invalid address type \'pci\' for the disk \'sda\' with the bus type \'sata\'". Use <address type=\'drive\' .../> or remove the <address>.',
          suggestions: [{ title: 'Remove the <address> and let libvirt assign one', output: withoutAddress }],
        },
      ],
      output: null,
      unsafeOutput: withoutAddress,
    },
    {
      name: 'a PCI address on a SCSI disk',
      xml: xml.replace("bus='sata'", "bus='scsi'"),
      errors: [{ messageId: 'notDriveAddress', data: { dev: 'sda', bus: 'scsi', type: 'pci' }, line: 28, column: 16, suggestions: [{ output: withoutAddress.replace("bus='sata'", "bus='scsi'") }] }],
      output: null,
    },
    {
      name: 'a non-USB address on a USB disk',
      xml: usb,
      errors: [
        {
          messageId: 'notUsbAddress',
          data: { dev: 'sda', type: 'pci' },
          line: 28,
          column: 16,
          message: 'USB disk \'sda\' has an address of type \'pci\': libvirt refuses it: "unexpected address type for usb disk". Use <address type=\'usb\' .../> or remove the <address>.',
          suggestions: [{ output: withoutAddress.replace("bus='sata'", "bus='usb'") }],
        },
      ],
      output: null,
    },
  ],
});
