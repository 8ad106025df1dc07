import { describe, expect, it } from 'vitest';
import rule from '../../rules/hugepages-nodeset-invalid.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const withPages = (pages: string, numa = false) => {
  let xml = domain('').replace(
    "  <vcpu placement='static'>8</vcpu>\n",
    `  <vcpu placement='static'>8</vcpu>\n  <memoryBacking>\n    <hugepages>\n${pages}    </hugepages>\n  </memoryBacking>\n`,
  );
  if (numa) {
    xml = xml.replace(
      "threads='2'/>\n",
      "threads='2'/>\n    <numa>\n      <cell id='0' cpus='0-3' memory='8' unit='GiB'/>\n      <cell id='1' cpus='4-7' memory='8' unit='GiB'/>\n    </numa>\n",
    );
  }
  return xml;
};

describe('hugepages-nodeset-invalid', () => {
  it("reports two default page sizes (nodeset='0' counts as none without NUMA)", () => {
    const xml = withPages("      <page size='1' unit='GiB'/>\n      <page size='2' unit='MiB' nodeset='0'/>\n");
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'hugepages-nodeset-invalid',
        severity: 'error',
        line: 10,
        column: 7,
        endLine: 10,
        endColumn: 46,
        message:
          'Two page sizes (2048 KiB and 1048576 KiB) apply to all NUMA nodes: libvirt refuses it: "two master hugepages detected: 2048 and 1048576". Without guest NUMA cells only one <page> can be used (nodeset=\'0\' counts as none).',
      },
    ]);
  });

  it('reports a nodeset naming a missing NUMA node', () => {
    const xml = withPages("      <page size='2' unit='MiB' nodeset='1,4'/>\n", true);
    const [d] = diagnostics(rule, xml);
    expect(d).toMatchObject({ line: 9, column: 33 });
    expect(d.message).toContain('"hugepages: node 4 not found"');
  });

  it('reports overlapping nodesets', () => {
    const xml = withPages("      <page size='2' unit='MiB' nodeset='0-1'/>\n      <page size='1' unit='GiB' nodeset='1'/>\n", true);
    expect(diagnostics(rule, xml)[0].message).toContain('"nodeset attribute of hugepages of sizes 1048576 and 2048 intersect"');
  });

  it('accepts one default size plus per-node sizes', () => {
    expect(diagnostics(rule, withPages("      <page size='1' unit='GiB'/>\n      <page size='2' unit='MiB' nodeset='1'/>\n", true))).toEqual([]);
    expect(diagnostics(rule, withPages("      <page size='1' unit='GiB'/>\n"))).toEqual([]);
  });
});
