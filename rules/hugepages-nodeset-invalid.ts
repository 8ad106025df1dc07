import { defineRule } from '#engine/rule.js';
import type { XmlElement } from '#engine/tree.js';
import { parseBitmap } from '#domain/platform.js';
import { unitScale } from '#domain/units.js';

const TWO_DEFAULTS = 'Two page sizes ({{size}} KiB and {{otherSize}} KiB) apply to all NUMA nodes: libvirt refuses it: "two master hugepages detected: {{size}} and {{otherSize}}". ';
const MISSING_NODE = ': libvirt refuses it: "hugepages: node {{node}} not found". Name only existing guest NUMA nodes.';

export default defineRule({
  meta: {
    id: 'hugepages-nodeset-invalid',
    description: '<memoryBacking><hugepages> pages: two without nodeset, overlapping nodesets, or a nodeset naming a NUMA node the guest lacks',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      overlap:
        'The nodesets of the {{size}} KiB and {{otherSize}} KiB pages overlap: libvirt refuses it: "nodeset attribute of hugepages of sizes {{size}} and {{otherSize}} intersect". Give each NUMA node one page size.',
      twoDefaults: TWO_DEFAULTS + 'Give all but one <page> a nodeset.',
      twoDefaultsWithoutNuma: TWO_DEFAULTS + "Without guest NUMA cells only one <page> can be used (nodeset='0' counts as none).",
      missingNode: 'NUMA node {{node}} does not exist (the guest has {{cells}} NUMA cells)' + MISSING_NODE,
      missingNodeOneCell: 'NUMA node {{node}} does not exist (the guest has 1 NUMA cell)' + MISSING_NODE,
    },
    docs: {
      whatItDoes:
        "Checks the `<page>` elements of `<memoryBacking><hugepages>`: at most one page size may be given without `nodeset` (the default for all nodes), nodesets must not overlap, and each nodeset may only name guest NUMA nodes that exist (`<cpu><numa><cell>`). Without guest NUMA, libvirt treats `nodeset='0'` as no nodeset.",
      whyIsThisBad:
        'libvirt must know which page size backs which guest NUMA node. `virsh define` fails with "two master hugepages detected: 2048 and 1048576", "nodeset attribute of hugepages of sizes ... intersect" or "hugepages: node 1 not found". Common when a per-node hugepage layout is copied from a NUMA guest to a guest without NUMA cells.',
      example: `<memoryBacking>
  <hugepages>
    <page size='1' unit='GiB'/>
    <page size='2' unit='MiB' nodeset='0'/>
  </hugepages>
</memoryBacking>`,
      useInstead: `<memoryBacking>
  <hugepages>
    <page size='1' unit='GiB'/>
  </hugepages>
</memoryBacking>`,
      fixSafety: 'No fix: which page size each node should use is your choice.',
      sources: [
        'libvirt 11.3 src/conf/domain_validate.c virDomainDefMemtuneValidate: "two master hugepages detected: %1$llu and %2$llu", "nodeset attribute of hugepages of sizes %1$llu and %2$llu intersect", "hugepages: node %1$zd not found"',
        'libvirt 11.3 src/conf/domain_postparse.c virDomainDefPostParseMemtune (nodeset \'0\' dropped without guest NUMA)',
        'libvirt tests qemuxmlconfdata/hugepages-default-1G-nodeset-2M.xml, hugepages-nodeset-nonexist.xml, hugepages-numa-nodeset-nonexist.xml',
      ],
    },
  },
  create(context) {
    const { domain } = context;
    const pages = domain.select('memoryBacking/hugepages/page');
    if (pages.length === 0) return;
    const cells = domain.select('cpu/numa/cell').length;
    const parsed: { page: XmlElement; kib: number; nodes: Set<number> | undefined }[] = [];
    for (const page of pages) {
      const sizeAttr = page.attr('size');
      if (sizeAttr === undefined || !/^\d+$/.test(sizeAttr.trim())) return;
      const scale = unitScale(page.attr('unit') ?? 'KiB');
      if (scale === undefined) return;
      const bytes = Number(sizeAttr.trim()) * scale;
      const nodesetAttr = page.attr('nodeset');
      let nodes = nodesetAttr === undefined ? undefined : parseBitmap(nodesetAttr);
      if (nodesetAttr !== undefined && nodes === undefined) return;
      if (nodes && cells === 0 && [...nodes].every((n) => n === 0)) nodes = undefined;
      parsed.push({ page, kib: bytes / 1024, nodes });
    }
    for (let i = 0; i < parsed.length; i++) {
      const p = parsed[i];
      for (let j = 0; j < i; j++) {
        const q = parsed[j];
        if (p.nodes && q.nodes && [...p.nodes].some((n) => q.nodes!.has(n))) {
          context.report({ at: p.page, messageId: 'overlap', data: { size: p.kib, otherSize: q.kib } });
          break;
        }
        if (!p.nodes && !q.nodes) {
          context.report({ at: p.page, messageId: cells === 0 ? 'twoDefaultsWithoutNuma' : 'twoDefaults', data: { size: p.kib, otherSize: q.kib } });
          break;
        }
      }
      if (p.nodes) {
        const missing = [...p.nodes].sort((a, b) => a - b).find((n) => n >= cells);
        if (missing !== undefined) {
          const at = p.page.attribute('nodeset')!;
          if (cells === 1) context.report({ at, messageId: 'missingNodeOneCell', data: { node: missing } });
          else context.report({ at, messageId: 'missingNode', data: { node: missing, cells } });
        }
      }
    }
  },
});
