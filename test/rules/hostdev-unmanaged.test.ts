import rule from '#rules/hostdev-unmanaged.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const hostdev = (attrs: string, bus = '0x0b') =>
  domain(`<hostdev mode='subsystem' type='pci'${attrs}>
  <source>
    <address domain='0x0000' bus='${bus}' slot='0x00' function='0x0'/>
  </source>
</hostdev>`);

testRule(rule, {
  valid: [
    { name: "managed='yes'", xml: hostdev(" managed='yes'") },
    { name: 'a USB hostdev', xml: domain(`<hostdev mode='subsystem' type='usb'>\n  <source>\n    <vendor id='0x046d'/>\n    <product id='0xc52b'/>\n  </source>\n</hostdev>`) },
  ],
  invalid: [
    {
      name: "managed='no', at the attribute",
      xml: hostdev(" managed='no'"),
      errors: [
        {
          messageId: 'managedNo',
          data: { hostdev: 'PCI hostdev 0000:0b:00.0' },
          line: 24,
          column: 42,
          endLine: 24,
          endColumn: 54,
          severity: 'info',
          message:
            "PCI hostdev 0000:0b:00.0 is managed='no': libvirt will not bind it to vfio-pci for you; detach it first (virsh nodedev-detach, or vfio-pci.ids at boot), or set managed='yes'.",
        },
      ],
    },
    {
      name: 'no managed attribute, at the element',
      xml: hostdev(''),
      errors: [
        {
          messageId: 'notManaged',
          data: { hostdev: 'PCI hostdev 0000:0b:00.0' },
          line: 24,
          column: 5,
          message:
            "PCI hostdev 0000:0b:00.0 is not managed (no managed='yes'): libvirt will not bind it to vfio-pci for you; detach it first (virsh nodedev-detach, or vfio-pci.ids at boot), or set managed='yes'.",
        },
      ],
    },
    {
      name: 'a host address that does not parse is left out of the message',
      xml: hostdev(" managed='no'", 'zz'),
      errors: [
        {
          messageId: 'managedNo',
          data: { hostdev: 'PCI hostdev' },
          line: 24,
          column: 42,
          message:
            "PCI hostdev is managed='no': libvirt will not bind it to vfio-pci for you; detach it first (virsh nodedev-detach, or vfio-pci.ids at boot), or set managed='yes'.",
        },
      ],
    },
  ],
});
