import rule from '#rules/numa-cell-invalid.js';
import { domain, testRule } from '../helpers/rule-tester.js';

/** domain() with a <numa> block in <cpu>; the first cell is on line 19. */
const numa = (cells: string, devices = '', opts: { extra?: string } = {}) =>
  domain(devices, opts).replace("threads='2'/>\n", `threads='2'/>\n    <numa>\n${cells}    </numa>\n`);
const cell = (id: string, cpus: string, inner = '') =>
  inner ? `      <cell id='${id}' cpus='${cpus}' memory='8' unit='GiB'>\n${inner}      </cell>\n` : `      <cell id='${id}' cpus='${cpus}' memory='8' unit='GiB'/>\n`;
const distances = (sibling: string) =>
  `        <distances>\n          <sibling id='0' value='10'/>\n          <sibling id='${sibling}' value='21'/>\n        </distances>\n`;
const dimmOnNode = (node: string) => `<memory model='dimm'>\n  <target>\n    <size unit='GiB'>1</size>\n    <node>${node}</node>\n  </target>\n</memory>`;
const withMaxMemory = (xml: string) => xml.replace("  <memory unit='KiB'>16777216</memory>\n", "  <maxMemory slots='16' unit='GiB'>64</maxMemory>\n  <memory unit='KiB'>16777216</memory>\n");
const MEMNODE = "<numatune>\n  <memnode cellid='0' mode='strict' nodeset='0'/>\n</numatune>";

testRule(rule, {
  valid: [
    { name: 'cells 0 and 1', xml: numa(cell('0', '0-3') + cell('1', '4-7')) },
    { name: 'cells in any order', xml: numa(cell('1', '4-7') + cell('0', '0-3')) },
    { name: 'distances to existing cells', xml: numa(cell('0', '0-3', distances('1')) + cell('1', '4-7')) },
    { name: 'a memory device on an existing node', xml: numa(cell('0', '0-3') + cell('1', '4-7'), dimmOnNode('1')) },
    { name: '<memnode> with guest NUMA cells', xml: numa(cell('0', '0-7'), '', { extra: MEMNODE }) },
    { name: 'memory hotplug with a NUMA cell', xml: withMaxMemory(numa(cell('0', '0-7'))) },
    { name: 'memory hotplug without NUMA on aarch64', xml: withMaxMemory(domain('')).replace("arch='x86_64' machine='pc-q35-9.1'", "arch='aarch64' machine='virt'") },
    { name: 'no NUMA at all', xml: domain('') },
  ],
  invalid: [
    {
      name: 'a cell id out of range, at the id attribute',
      xml: numa(cell('0', '0-3') + cell('2', '4-7')),
      errors: [
        {
          messageId: 'idOutOfRange',
          data: { id: 2, count: 2, last: 1 },
          line: 20,
          column: 13,
          endLine: 20,
          endColumn: 19,
          severity: 'error',
          message:
            'NUMA cell id 2 is out of range: with 2 cells the ids are 0 to 1: libvirt refuses it: "Exactly one \'cell\' element per guest NUMA cell allowed, non-contiguous ranges or ranges not starting from 0 are not allowed".',
        },
      ],
    },
    {
      name: 'a cell id used twice, at the second',
      xml: numa(cell('0', '0-3') + cell('0', '4-7')),
      errors: [
        {
          messageId: 'idDuplicate',
          data: { id: 0 },
          line: 20,
          column: 13,
          message:
            'NUMA cell id 0 is used twice: libvirt refuses it: "Exactly one \'cell\' element per guest NUMA cell allowed, non-contiguous ranges or ranges not starting from 0 are not allowed".',
        },
      ],
    },
    {
      name: 'a distance to a cell that does not exist, as written and as libvirt prints it',
      xml: numa(cell('0', '0-3', distances('02')) + cell('1', '4-7')),
      errors: [
        {
          messageId: 'unknownSibling',
          data: { value: '02', sibling: 2, cell: '0' },
          line: 22,
          column: 20,
          endColumn: 27,
          message:
            'Distance to cell 02, which does not exist: libvirt refuses it: "\'sibling_id 2\' does not refer to a valid cell within NUMA \'cell id 0\'".',
        },
      ],
    },
    {
      name: '<numatune><memnode> without guest NUMA cells, at the first <memnode>',
      xml: domain('', { extra: MEMNODE }),
      errors: [
        {
          messageId: 'memnodeWithoutCells',
          line: 27,
          column: 5,
          endColumn: 52,
          message:
            '<numatune><memnode> tunes a guest NUMA cell, and the guest has none: libvirt refuses it: "Element \'memnode\' is invalid without any guest NUMA cells".',
        },
      ],
    },
    {
      name: 'a memory device on a node that does not exist',
      xml: numa(cell('0', '0-7'), dimmOnNode('1')),
      errors: [
        {
          messageId: 'memoryNodeMissing',
          data: { node: '1', count: 1 },
          line: 30,
          column: 9,
          endColumn: 15,
          message:
            'The memory device targets NUMA node 1, and the guest has 1: libvirt refuses it: "can\'t add memory backend for guest node \'1\' as the guest has only \'1\' NUMA nodes configured".',
        },
      ],
    },
    {
      name: 'memory hotplug without NUMA: a warning at <maxMemory>',
      xml: withMaxMemory(domain('')),
      errors: [
        {
          messageId: 'hotplugWithoutNuma',
          line: 4,
          column: 3,
          endColumn: 36,
          severity: 'warning',
          message:
            'Memory hotplug (<maxMemory>) needs a guest NUMA cell: libvirt versions that do not add one by themselves refuse it ("At least one numa node has to be configured when enabling memory hotplug"). Add <numa><cell id=\'0\' cpus=\'...\' memory=\'...\'/></numa> to <cpu>.',
        },
      ],
    },
  ],
});
