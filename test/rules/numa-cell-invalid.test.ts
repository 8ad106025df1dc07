import { describe, expect, it } from 'vitest';
import rule from '../../rules/numa-cell-invalid.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const numa = (cells: string, devices = '') =>
  domain(devices).replace("threads='2'/>\n", `threads='2'/>\n    <numa>\n${cells}    </numa>\n`);

describe('numa-cell-invalid', () => {
  it('reports a cell id out of range', () => {
    const xml = numa("      <cell id='0' cpus='0-3' memory='8' unit='GiB'/>\n      <cell id='2' cpus='4-7' memory='8' unit='GiB'/>\n");
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'numa-cell-invalid',
        severity: 'error',
        line: 20,
        column: 13,
        endLine: 20,
        endColumn: 19,
        message:
          'NUMA cell id 2 is out of range: with 2 cells the ids are 0 to 1: libvirt refuses it: "Exactly one \'cell\' element per guest NUMA cell allowed, non-contiguous ranges or ranges not starting from 0 are not allowed".',
      },
    ]);
  });

  it('accepts cells in any order', () => {
    expect(diagnostics(rule, numa("      <cell id='1' cpus='4-7' memory='8' unit='GiB'/>\n      <cell id='0' cpus='0-3' memory='8' unit='GiB'/>\n"))).toEqual([]);
  });

  it('reports a memory device on a missing node', () => {
    const dimm = "<memory model='dimm'>\n  <target>\n    <size unit='GiB'>1</size>\n    <node>1</node>\n  </target>\n</memory>";
    const xml = numa("      <cell id='0' cpus='0-7' memory='16' unit='GiB'/>\n", dimm);
    expect(diagnostics(rule, xml)[0].message).toContain(`"can't add memory backend for guest node '1' as the guest has only '1' NUMA nodes configured"`);
  });

  it('warns about memory hotplug without NUMA', () => {
    const xml = domain('').replace("  <memory unit='KiB'>16777216</memory>\n", "  <maxMemory slots='16' unit='GiB'>64</maxMemory>\n  <memory unit='KiB'>16777216</memory>\n");
    expect(diagnostics(rule, xml).map((d) => [d.severity, d.line])).toEqual([['warning', 4]]);
  });
});
