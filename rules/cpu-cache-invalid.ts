import { defineRule } from '../src/engine/rule.js';
import type { XmlAttribute, XmlElement } from '../src/engine/tree.js';
import { isQemuDomain, isX86 } from '../src/domain/machine.js';

export default defineRule({
  meta: {
    id: 'cpu-cache-invalid',
    description: '<cpu><cache> or <maxphysaddr> settings QEMU cannot honour (emulated cache not level 3, passthrough cache without host-passthrough or with a level, passthrough address bits with a count)',
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    docs: {
      whatItDoes:
        "Checks `<cpu><cache>`: `mode='emulate'` needs `level='3'`; `mode='passthrough'` needs `<cpu mode='host-passthrough'>` (or `maximum`) and no level; `mode='disable'` takes no level. Checks `<maxphysaddr mode='passthrough'>`, which takes no `bits`. Both elements are x86 only. QEMU driver only.",
      whyIsThisBad:
        'QEMU can only emulate the L3 cache description and can only pass the host\'s cache topology through with the host CPU model. `virsh define` fails with "CPU cache mode \'emulate\' can only be used with level=\'3\'", "CPU cache mode \'passthrough\' can only be used with \'host-passthrough\' / \'maximum\' CPUs", "unsupported CPU cache level for mode \'passthrough\'" or "CPU maximum physical address bits number specification cannot be used with mode=\'passthrough\'".',
      example: `<cpu mode='host-model'>
  <cache mode='passthrough'/>
</cpu>`,
      useInstead: `<cpu mode='host-passthrough' check='none' migratable='on'>
  <cache mode='passthrough'/>
</cpu>`,
      fixSafety: "For a level on passthrough/disable caches and for `bits` on passthrough address sizes, the suggested fix removes the attribute; a suggestion because you may have meant `mode='emulate'`.",
      sources: ['libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainDefCpu (cache and maxphysaddr checks)', 'libvirt tests qemuxmlconfdata/cpu-cache-emulate-l2.xml, cpu-cache-passthrough3.xml, cpu-cache-passthrough-l3.xml, cpu-phys-bits-passthrough2.xml'],
    },
  },
  create(context) {
    const { domain, fixer } = context;
    if (!isQemuDomain(domain)) return;
    const cpu = domain.child('cpu');
    if (!cpu) return;
    const report = (at: XmlElement | XmlAttribute, text: string, libvirt: string, remove?: XmlAttribute) =>
      context.report({
        at,
        message: `${text}: libvirt refuses it: "${libvirt}".`,
        fixes: remove ? [{ title: `Remove ${remove.name}`, safety: 'unsafe', edits: [fixer.removeAttribute(remove)] }] : [],
      });
    const cache = cpu.child('cache');
    const addr = cpu.child('maxphysaddr');
    if (!isX86(domain)) return; // other architectures: libvirt refuses the element itself (not reported here)
    if (cache) {
      const mode = cache.attr('mode');
      const level = cache.attribute('level');
      const cpuMode = cpu.attr('mode') ?? 'custom';
      if (mode === 'emulate' && level?.value !== '3') {
        report(level ?? cache, 'Only the L3 cache can be emulated', "CPU cache mode 'emulate' can only be used with level='3'");
      } else if (mode === 'passthrough' && cpuMode !== 'host-passthrough' && cpuMode !== 'maximum') {
        report(cpu.attribute('mode') ?? cpu, `The host's caches can only be passed through with the host CPU model, not mode='${cpuMode}'`, "CPU cache mode 'passthrough' can only be used with 'host-passthrough' / 'maximum' CPUs");
      } else if ((mode === 'passthrough' || mode === 'disable') && level) {
        report(level, `A ${mode} cache applies to all levels; a level cannot be chosen`, `unsupported CPU cache level for mode '${mode}'`, level);
      }
    }
    if (addr?.attr('mode') === 'passthrough') {
      const bits = addr.attribute('bits');
      if (bits) report(bits, "mode='passthrough' takes the host's address width; a bit count cannot be given", "CPU maximum physical address bits number specification cannot be used with mode='passthrough'", bits);
    }
  },
});
