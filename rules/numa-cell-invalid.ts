import { defineRule } from '#engine/rule.js';

/** libvirt's message for cell ids that are not exactly 0 to n-1, each once. */
const CELL_IDS_REFUSED = 'libvirt refuses it: "Exactly one \'cell\' element per guest NUMA cell allowed, non-contiguous ranges or ranges not starting from 0 are not allowed".';

export default defineRule({
  meta: {
    id: 'numa-cell-invalid',
    description: 'Guest NUMA cell ids out of range or repeated; distances, memory tuning or memory devices naming cells that do not exist; memory hotplug without NUMA',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      idOutOfRange: 'NUMA cell id {{id}} is out of range: with {{count}} cells the ids are 0 to {{last}}: ' + CELL_IDS_REFUSED,
      idDuplicate: 'NUMA cell id {{id}} is used twice: ' + CELL_IDS_REFUSED,
      unknownSibling: 'Distance to cell {{value}}, which does not exist: libvirt refuses it: "\'sibling_id {{sibling}}\' does not refer to a valid cell within NUMA \'cell id {{cell}}\'".',
      memnodeWithoutCells:
        '<numatune><memnode> tunes a guest NUMA cell, and the guest has none: libvirt refuses it: "Element \'memnode\' is invalid without any guest NUMA cells".',
      memoryNodeMissing:
        'The memory device targets NUMA node {{node}}, and the guest has {{count}}: libvirt refuses it: "can\'t add memory backend for guest node \'{{node}}\' as the guest has only \'{{count}}\' NUMA nodes configured".',
      hotplugWithoutNuma:
        'Memory hotplug (<maxMemory>) needs a guest NUMA cell: libvirt versions that do not add one by themselves refuse it ("At least one numa node has to be configured when enabling memory hotplug"). ' +
        "Add <numa><cell id='0' cpus='...' memory='...'/></numa> to <cpu>.",
    },
    docs: {
      whatItDoes:
        "Checks `<cpu><numa>`: cell ids must be 0 to n-1 (in any order), each once; `<distances><sibling id>` must name a cell; `<numatune><memnode cellid>` needs guest NUMA cells and must name one; a `<memory model=...>` device's `<target><node>` must name a cell. Also warns about `<maxMemory>` (memory hotplug) without any NUMA cell for the QEMU driver.",
      whyIsThisBad:
        'libvirt indexes guest NUMA nodes by id, so the ids must be exactly 0 to n-1. `virsh define` fails with "Exactly one \'cell\' element per guest NUMA cell allowed, non-contiguous ranges or ranges not starting from 0 are not allowed", "\'sibling_id 2\' does not refer to a valid cell within NUMA \'cell id 1\'", "Element \'memnode\' is invalid without any guest NUMA cells", "can\'t add memory backend for guest node \'1\' as the guest has only \'1\' NUMA nodes configured". Memory hotplug without a NUMA cell is refused with "At least one numa node has to be configured when enabling memory hotplug" unless libvirt adds the cell itself.',
      example: `<cpu mode='host-passthrough'>
  <numa>
    <cell id='0' cpus='0-3' memory='8' unit='GiB'/>
    <cell id='2' cpus='4-7' memory='8' unit='GiB'/>
  </numa>
</cpu>`,
      useInstead: `<cpu mode='host-passthrough'>
  <numa>
    <cell id='0' cpus='0-3' memory='8' unit='GiB'/>
    <cell id='1' cpus='4-7' memory='8' unit='GiB'/>
  </numa>
</cpu>`,
      fixSafety: 'No fix: renumbering cells changes what other elements refer to.',
      sources: [
        'libvirt 11.3 src/conf/numa_conf.c virDomainNumaDefParseXML: "Exactly one \'cell\' element per guest NUMA cell allowed, non-contiguous ranges or ranges not starting from 0 are not allowed"; virDomainNumaDefNodeDistanceParseXML: "\'sibling_id %1$d\' does not refer to a valid cell within NUMA \'cell id %2$d\'"; virDomainNumatuneParseXML: "Element \'memnode\' is invalid without any guest NUMA cells"',
        'libvirt 11.3 src/conf/domain_validate.c virDomainMemoryDefValidate: "can\'t add memory backend for guest node \'%1$d\' as the guest has only \'%2$zu\' NUMA nodes configured"',
        'libvirt 11.3 src/qemu/qemu_domain.c qemuDomainDefValidateMemoryHotplug: "At least one numa node has to be configured when enabling memory hotplug"',
        'libvirt tests qemuxmlconfdata/cpu-numa3.xml, cpu-numa-distance-nonexistent-sibling.xml, numatune-memnode-nocpu.xml, memory-hotplug-invalid-targetnode.xml, memory-hotplug-nonuma.xml',
      ],
      notes: 'libvirt 11.3 adds a NUMA node by itself for memory hotplug when it may update the ABI (qemuDomainDefNumaAutoAdd, used for new definitions), so `virsh define` passes there while libvirt\'s test without ABI update fails; the version that introduced this is not verified, so the missing NUMA cell is only a warning.',
    },
  },
  create(context) {
    const { domain } = context;
    const cells = domain.select('cpu/numa/cell');
    const ids = new Set<number>();
    for (const cell of cells) {
      const idAttr = cell.attribute('id');
      if (!idAttr || !/^\d+$/.test(idAttr.value.trim())) continue;
      const id = Number(idAttr.value);
      if (id >= cells.length || ids.has(id)) {
        if (ids.has(id)) context.report({ at: idAttr, messageId: 'idDuplicate', data: { id } });
        else context.report({ at: idAttr, messageId: 'idOutOfRange', data: { id, count: cells.length, last: cells.length - 1 } });
      }
      ids.add(id);
    }
    for (const cell of cells) {
      for (const sibling of cell.select('distances/sibling')) {
        const idAttr = sibling.attribute('id');
        if (!idAttr || !/^\d+$/.test(idAttr.value.trim()) || Number(idAttr.value) < cells.length) continue;
        context.report({ at: idAttr, messageId: 'unknownSibling', data: { value: idAttr.value, sibling: Number(idAttr.value), cell: cell.attr('id') ?? '' } });
      }
    }
    const memnodes = domain.select('numatune/memnode');
    if (memnodes.length && cells.length === 0) {
      context.report({ at: memnodes[0], messageId: 'memnodeWithoutCells' });
    }
    for (const mem of domain.select('devices/memory')) {
      const node = mem.first('target/node');
      if (!node || !/^\d+$/.test(node.text()) || cells.length === 0) continue;
      if (Number(node.text()) >= cells.length) {
        context.report({ at: node, messageId: 'memoryNodeMissing', data: { node: node.text(), count: cells.length } });
      }
    }
    const maxMemory = domain.child('maxMemory');
    const isQemu = ['kvm', 'qemu'].includes(domain.attr('type') ?? '');
    if (isQemu && maxMemory && cells.length === 0 && /^(x86_64|i686)?$/.test(domain.first('os/type')?.attr('arch') ?? '')) {
      context.report({
        at: maxMemory,
        severity: 'warning',
        messageId: 'hotplugWithoutNuma',
      });
    }
  },
});
