import { describe, expect, it } from 'vitest';
import rule from '../../rules/cpu-mode-not-host-passthrough.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const GPU = `<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/>
  </source>
</hostdev>`;
const hostModel = domain(GPU).replace(
  "  <cpu mode='host-passthrough' check='none' migratable='on'>\n    <topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>\n  </cpu>",
  "  <cpu mode='host-model' check='partial'/>",
);

describe('cpu-mode-not-host-passthrough', () => {
  it('reports host-model on a GPU passthrough VM at the mode attribute', () => {
    expect(diagnostics(rule, hostModel)).toEqual([
      {
        ruleId: 'cpu-mode-not-host-passthrough',
        severity: 'info',
        line: 16,
        column: 8,
        endLine: 16,
        endColumn: 25,
        message:
          "<cpu mode='host-model'> on a GPU passthrough VM: Looking Glass's tuning guide recommends mode='host-passthrough' so the guest sees all of the host CPU's features.",
      },
    ]);
  });

  it('reports a missing <cpu> element', () => {
    const xml = domain(GPU).replace(/  <cpu [\s\S]*?<\/cpu>\n/, '');
    expect(diagnostics(rule, xml)[0].message).toContain("No <cpu> element (QEMU's default CPU model) on a GPU passthrough VM");
  });

  it('is quiet for host-passthrough and for VMs without passthrough or Looking Glass', () => {
    expect(diagnostics(rule, domain(GPU))).toEqual([]);
    expect(diagnostics(rule, hostModel.replace(GPU.replace(/\n/g, '\n    '), ''))).toEqual([]);
  });
});
