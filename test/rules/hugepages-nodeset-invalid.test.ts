import rule from '#rules/hugepages-nodeset-invalid.js';
import { domain, testRule } from '../helpers/rule-tester.js';

/** The pages inside <memoryBacking><hugepages>, and as many guest NUMA cells as asked (4 vCPUs, 8 GiB each). */
const withPages = (pages: string, numaCells = 0) => {
  let xml = domain('').replace(
    "  <vcpu placement='static'>8</vcpu>\n",
    `  <vcpu placement='static'>8</vcpu>\n  <memoryBacking>\n    <hugepages>\n${pages}    </hugepages>\n  </memoryBacking>\n`,
  );
  if (numaCells > 0) {
    const cells = Array.from({ length: numaCells }, (_, i) => `      <cell id='${i}' cpus='${i * 4}-${i * 4 + 3}' memory='8' unit='GiB'/>\n`).join('');
    xml = xml.replace("threads='2'/>\n", `threads='2'/>\n    <numa>\n${cells}    </numa>\n`);
  }
  return xml;
};

testRule(rule, {
  valid: [
    { name: 'one default size plus a per-node size', xml: withPages("      <page size='1' unit='GiB'/>\n      <page size='2' unit='MiB' nodeset='1'/>\n", 2) },
    { name: 'one default size without NUMA', xml: withPages("      <page size='1' unit='GiB'/>\n") },
  ],
  invalid: [
    {
      name: "two default page sizes without NUMA (nodeset='0' counts as none), at the second <page>",
      xml: withPages("      <page size='1' unit='GiB'/>\n      <page size='2' unit='MiB' nodeset='0'/>\n"),
      errors: [
        {
          messageId: 'twoDefaultsWithoutNuma',
          data: { size: 2048, otherSize: 1048576 },
          line: 10,
          column: 7,
          endLine: 10,
          endColumn: 46,
          severity: 'error',
          message:
            'Two page sizes (2048 KiB and 1048576 KiB) apply to all NUMA nodes: libvirt refuses it: "two master hugepages detected: 2048 and 1048576". Without guest NUMA cells only one <page> can be used (nodeset=\'0\' counts as none).',
        },
      ],
    },
    {
      name: 'two default page sizes with NUMA cells',
      xml: withPages("      <page size='1' unit='GiB'/>\n      <page size='2' unit='MiB'/>\n", 2),
      errors: [
        {
          messageId: 'twoDefaults',
          data: { size: 2048, otherSize: 1048576 },
          line: 10,
          column: 7,
          message: 'Two page sizes (2048 KiB and 1048576 KiB) apply to all NUMA nodes: libvirt refuses it: "two master hugepages detected: 2048 and 1048576". Give all but one <page> a nodeset.',
        },
      ],
    },
    {
      name: 'a nodeset naming a missing NUMA node, at the nodeset attribute',
      xml: withPages("      <page size='2' unit='MiB' nodeset='1,4'/>\n", 2),
      errors: [
        {
          messageId: 'missingNode',
          data: { node: 4, cells: 2 },
          line: 9,
          column: 33,
          message: 'NUMA node 4 does not exist (the guest has 2 NUMA cells): libvirt refuses it: "hugepages: node 4 not found". Name only existing guest NUMA nodes.',
        },
      ],
    },
    {
      name: 'a missing NUMA node on a guest with one cell',
      xml: withPages("      <page size='2' unit='MiB' nodeset='1'/>\n", 1),
      errors: [
        {
          messageId: 'missingNodeOneCell',
          data: { node: 1 },
          line: 9,
          column: 33,
          message: 'NUMA node 1 does not exist (the guest has 1 NUMA cell): libvirt refuses it: "hugepages: node 1 not found". Name only existing guest NUMA nodes.',
        },
      ],
    },
    {
      // virBitmapParse reads left to right: '^1,0-1' excludes 1 before the
      // range adds it back (`virsh define`: "hugepages: node 1 not found").
      name: "a nodeset read in order: '^1,0-1' still names node 1",
      xml: withPages("      <page size='2' unit='MiB' nodeset='^1,0-1'/>\n", 1),
      errors: [{ messageId: 'missingNodeOneCell', data: { node: 1 }, line: 9, column: 33 }],
    },
    {
      // virBitmapParse takes spaces and a trailing comma (`virsh define` reads nodeset='0, ' as node 0).
      name: "a nodeset with spaces and a trailing comma: '1, 4,' names node 4",
      xml: withPages("      <page size='2' unit='MiB' nodeset='1, 4,'/>\n", 2),
      errors: [{ messageId: 'missingNode', data: { node: 4, cells: 2 }, line: 9, column: 33 }],
    },
    {
      name: 'overlapping nodesets, at the later <page>',
      xml: withPages("      <page size='2' unit='MiB' nodeset='0-1'/>\n      <page size='1' unit='GiB' nodeset='1'/>\n", 2),
      errors: [
        {
          messageId: 'overlap',
          data: { size: 1048576, otherSize: 2048 },
          line: 10,
          column: 7,
          message:
            'The nodesets of the 1048576 KiB and 2048 KiB pages overlap: libvirt refuses it: "nodeset attribute of hugepages of sizes 1048576 and 2048 intersect". Give each NUMA node one page size.',
        },
      ],
    },
  ],
});
