import rule from '#rules/gpu-function-not-passed.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const hostdev = (bus: string, fn: string, inner = '') =>
  `<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='${bus}' slot='0x00' function='${fn}'/>
  </source>${inner}
</hostdev>`;
const NO_VIDEO = `<video>\n  <model type='none'/>\n</video>`;
const VGA = `<video>\n  <model type='vga'/>\n</video>`;
const ROM = "\n  <rom file='/var/lib/libvirt/vbios/gpu.rom'/>";

testRule(rule, {
  valid: [
    { name: 'the audio function is passed too', xml: domain(`${NO_VIDEO}\n${hostdev('0x0b', '0x0')}\n${hostdev('0x0b', '0x1')}`) },
    {
      // GPU + audio passed; the lone 0x04 device is an NVMe drive or a USB controller.
      name: 'another passed device brings several functions',
      xml: domain(`${NO_VIDEO}\n${hostdev('0x0b', '0x0')}\n${hostdev('0x0b', '0x1')}\n${hostdev('0x04', '0x0')}`),
    },
    { name: "a device on host bus 0 (the host's integrated devices)", xml: domain(`${NO_VIDEO}\n${hostdev('0x00', '0x0')}`) },
    { name: 'an emulated display and no <rom>', xml: domain(`${VGA}\n${hostdev('0x0b', '0x0')}`) },
  ],
  invalid: [
    {
      name: 'a lone function 0 on a VM without an emulated display, at the <hostdev>',
      xml: domain(`${NO_VIDEO}\n${hostdev('0x0b', '0x0')}`),
      errors: [
        {
          messageId: 'aloneWithoutDisplay',
          data: { device: '0000:0b:00.0', audio: '0000:0b:00.1', slot: '0b:00' },
          line: 27,
          column: 5,
          endLine: 27,
          endColumn: 56,
          severity: 'info',
          message:
            'Host device 0000:0b:00.0 is passed through without its other functions on a VM without an emulated display: if it is the GPU, its HDMI/DP audio (0000:0b:00.1) sits in the same IOMMU group and should be passed too. Check with lspci -s 0b:00; ignore this for single-function devices.',
        },
      ],
    },
    {
      name: 'a lone function 0 that carries a <rom> (a GPU vBIOS) even with an emulated display',
      xml: domain(`${VGA}\n${hostdev('0x0b', '0x0', ROM)}`),
      errors: [
        {
          messageId: 'alone',
          data: { device: '0000:0b:00.0', audio: '0000:0b:00.1', slot: '0b:00' },
          line: 27,
          column: 5,
          message:
            'Host device 0000:0b:00.0 is passed through without its other functions: if it is the GPU, its HDMI/DP audio (0000:0b:00.1) sits in the same IOMMU group and should be passed too. Check with lspci -s 0b:00; ignore this for single-function devices.',
        },
      ],
    },
  ],
});
