import { describe, expect, it } from 'vitest';
import rule from '../../rules/mdev-hostdev-invalid.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const vgpu = (attrs: string, source: string, graphics = '') =>
  domain(`${graphics}<hostdev mode='subsystem' type='mdev' managed='no' model='vfio-pci'${attrs}>
  <source>
    ${source}
  </source>
</hostdev>`);
const UUID = "<address uuid='4b20d080-1b54-4048-85b3-a6a62d165c01'/>";

describe('mdev-hostdev-invalid', () => {
  it('reports display=on without graphics', () => {
    expect(diagnostics(rule, vgpu(" display='on'", UUID))).toEqual([
      {
        ruleId: 'mdev-hostdev-invalid',
        severity: 'error',
        line: 24,
        column: 73,
        endLine: 24,
        endColumn: 85,
        message:
          'display=\'on\' shows the vGPU\'s output through a <graphics> device, and the domain has none: libvirt refuses it: "graphics device is needed for attribute value \'display=on\' in <hostdev>".',
      },
    ]);
  });

  it('reports a PCI address where the mdev UUID belongs', () => {
    const xml = vgpu('', "<address domain='0x0000' bus='0x00' slot='0x02' function='0x0'/>");
    expect(diagnostics(rule, xml)[0].message).toContain(`"Missing 'uuid' attribute for element <address>"`);
  });

  it('reports two vGPUs with ramfb', () => {
    const one = `<hostdev mode='subsystem' type='mdev' managed='no' model='vfio-pci' display='on' ramfb='on'>\n  <source>\n    ${UUID}\n  </source>\n</hostdev>`;
    const xml = domain(`<graphics type='spice' autoport='yes'/>\n${one}\n${one.replace('c01', 'c02')}`);
    expect(diagnostics(rule, xml).map((d) => [d.line, d.message.split('"')[1]])).toEqual([[30, "Only one vgpu device can have 'ramfb' enabled"]]);
  });

  it('accepts a vGPU with display and graphics', () => {
    expect(diagnostics(rule, vgpu(" display='on'", UUID, "<graphics type='spice' autoport='yes'/>\n"))).toEqual([]);
  });
});
