import { describe, expect, it } from 'vitest';
import rule from '../../rules/gpu-function-not-passed.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const hostdev = (bus: string, fn: string, inner = '') =>
  `<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='${bus}' slot='0x00' function='${fn}'/>
  </source>${inner}
</hostdev>`;
const NO_VIDEO = `<video>\n  <model type='none'/>\n</video>`;

describe('gpu-function-not-passed', () => {
  it('reports a lone function 0 on a VM without an emulated display', () => {
    expect(diagnostics(rule, domain(`${NO_VIDEO}\n${hostdev('0x0b', '0x0')}`))).toEqual([
      {
        ruleId: 'gpu-function-not-passed',
        severity: 'info',
        line: 27,
        column: 5,
        endLine: 27,
        endColumn: 56,
        message:
          'Host device 0000:0b:00.0 is passed through without its other functions on a VM without an emulated display: if it is the GPU, its HDMI/DP audio (0000:0b:00.1) sits in the same IOMMU group and should be passed too. Check with lspci -s 0b:00; ignore this for single-function devices.',
      },
    ]);
  });

  it('reports a lone function 0 that carries a <rom> (a GPU vBIOS) even with an emulated display', () => {
    const xml = domain(`<video>\n  <model type='vga'/>\n</video>\n${hostdev('0x0b', '0x0', "\n  <rom file='/var/lib/libvirt/vbios/gpu.rom'/>")}`);
    expect(diagnostics(rule, xml)).toHaveLength(1);
  });

  it('is quiet when the audio function is passed, when another passed device brings several functions, on host bus 0, and with an emulated display', () => {
    expect(diagnostics(rule, domain(`${NO_VIDEO}\n${hostdev('0x0b', '0x0')}\n${hostdev('0x0b', '0x1')}`))).toEqual([]);
    // GPU + audio passed; the lone 0x04 device is an NVMe drive or a USB controller.
    expect(diagnostics(rule, domain(`${NO_VIDEO}\n${hostdev('0x0b', '0x0')}\n${hostdev('0x0b', '0x1')}\n${hostdev('0x04', '0x0')}`))).toEqual([]);
    expect(diagnostics(rule, domain(`${NO_VIDEO}\n${hostdev('0x00', '0x0')}`))).toEqual([]);
    expect(diagnostics(rule, domain(`<video>\n  <model type='vga'/>\n</video>\n${hostdev('0x0b', '0x0')}`))).toEqual([]);
  });
});
