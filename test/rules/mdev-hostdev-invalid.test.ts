import rule from '#rules/mdev-hostdev-invalid.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const UUID = "<address uuid='4b20d080-1b54-4048-85b3-a6a62d165c01'/>";
const GRAPHICS = "<graphics type='spice' autoport='yes'/>";

/** A mediated device on line 24 (or 25 after `before`), its source <address> two lines below. */
const mdev = (attrs: string, { source = UUID, inner = '', before = '' } = {}) =>
  domain(`${before}<hostdev mode='subsystem' type='mdev' managed='no'${attrs}>
  <source>
    ${source}
  </source>${inner}
</hostdev>`);
const vgpu = (attrs: string, opts: Parameters<typeof mdev>[1] = {}) => mdev(` model='vfio-pci'${attrs}`, opts);
const ramfbVgpu = (uuidTail: string) =>
  `<hostdev mode='subsystem' type='mdev' managed='no' model='vfio-pci' display='on' ramfb='on'>\n  <source>\n    ${UUID.replace('c01', uuidTail)}\n  </source>\n</hostdev>`;

testRule(rule, {
  valid: [
    { name: 'a vGPU with display and graphics', xml: vgpu(" display='on'", { before: `${GRAPHICS}\n` }) },
    { name: "display='off' without graphics", xml: vgpu(" display='off'") },
    { name: 'a vfio-pci mdev with a PCI guest address', xml: vgpu('', { inner: "\n<address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>" }) },
    { name: 'one vGPU with ramfb', xml: domain(`${GRAPHICS}\n${ramfbVgpu('c01')}`) },
    { name: 'a vfio-ccw mdev may have <boot>', xml: mdev(" model='vfio-ccw'", { inner: "\n<boot order='1'/>" }) },
    // libvirt refuses a mediated device without a model before it looks at display: "Missing required attribute 'model'".
    { name: 'no model: the display is not compared with one', xml: mdev(" display='on'") },
    { name: 'display checks are QEMU-only', xml: vgpu(" display='on'").replace("<domain type='kvm'", "<domain type='xen'") },
    { name: 'a PCI hostdev is not a mediated device', xml: domain(`<hostdev mode='subsystem' type='pci' managed='yes'>\n  <source>\n    <address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/>\n  </source>\n</hostdev>`) },
  ],
  invalid: [
    {
      name: "display='on' without graphics, at the display attribute",
      xml: vgpu(" display='on'"),
      errors: [
        {
          messageId: 'displayWithoutGraphics',
          line: 24,
          column: 73,
          endLine: 24,
          endColumn: 85,
          severity: 'error',
          message:
            'display=\'on\' shows the vGPU\'s output through a <graphics> device, and the domain has none: libvirt refuses it: "graphics device is needed for attribute value \'display=on\' in <hostdev>".',
        },
      ],
    },
    {
      name: 'a PCI address where the mdev UUID belongs',
      xml: vgpu('', { source: "<address domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>" }),
      errors: [
        {
          messageId: 'missingUuid',
          line: 26,
          column: 9,
          endColumn: 73,
          message: 'A mediated device is named by the UUID of the mdev on the host, not by a PCI address: libvirt refuses it: "Missing \'uuid\' attribute for element <address>".',
        },
      ],
    },
    {
      name: 'a vfio-pci mdev with a drive address',
      xml: vgpu('', { inner: "\n<address type='drive' controller='0' bus='0' target='0' unit='0'/>" }),
      errors: [
        {
          messageId: 'wrongAddressType',
          data: { model: 'vfio-pci', wanted: 'pci', type: 'drive' },
          line: 28,
          column: 14,
          endColumn: 26,
          message:
            'A vfio-pci mediated device needs a pci address, not drive: libvirt refuses it: "Unsupported address type \'drive\' with mediated device model \'vfio-pci\'".',
        },
      ],
    },
    {
      name: 'a vfio-ccw mdev with a PCI address',
      xml: mdev(" model='vfio-ccw'", { inner: "\n<address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>" }),
      errors: [{ messageId: 'wrongAddressType', data: { model: 'vfio-ccw', wanted: 'ccw', type: 'pci' }, line: 28, column: 14 }],
    },
    {
      name: 'the second vGPU with ramfb',
      xml: domain(`${GRAPHICS}\n${ramfbVgpu('c01')}\n${ramfbVgpu('c02')}`),
      errors: [
        {
          messageId: 'ramfbTwice',
          line: 30,
          column: 86,
          message: 'Another vGPU already has ramfb enabled: libvirt refuses it: "Only one vgpu device can have \'ramfb\' enabled".',
        },
      ],
    },
    {
      name: 'display on a vfio-ccw mdev',
      xml: mdev(" model='vfio-ccw' display='off'"),
      errors: [
        {
          messageId: 'displayNotVfioPci',
          data: { model: 'vfio-ccw' },
          line: 24,
          column: 73,
          message:
            'display is only for vfio-pci mediated devices, not vfio-ccw: libvirt refuses it: "<hostdev> attribute \'display\' is only supported with model=\'vfio-pci\'".',
        },
      ],
    },
    {
      name: 'a boot order on a vfio-pci mdev',
      xml: vgpu('', { inner: "\n<boot order='1'/>" }),
      errors: [
        {
          messageId: 'bootUnsupported',
          data: { model: 'vfio-pci' },
          line: 28,
          column: 5,
          endColumn: 22,
          message:
            'A vfio-pci mediated device cannot be booted from: libvirt refuses it: "booting from assigned devices is not supported by mediated devices of model vfio-pci".',
        },
      ],
    },
    {
      name: 'a boot order on a vfio-ap mdev',
      xml: mdev(" model='vfio-ap'", { inner: "\n<boot order='1'/>" }),
      errors: [{ messageId: 'bootUnsupported', data: { model: 'vfio-ap' }, line: 28, column: 5 }],
    },
  ],
});
