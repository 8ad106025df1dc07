import { defineRule } from '#engine/rule.js';
import type { XmlAttribute } from '#engine/tree.js';
import { isQemuDomain, isX86 } from '#domain/machine.js';

/** The common tail of every message: libvirt's own words. */
const refuses = (libvirt: string) => `: libvirt refuses it: "${libvirt}".`;

export default defineRule({
  meta: {
    id: 'cpu-cache-invalid',
    description: '<cpu><cache> or <maxphysaddr> settings QEMU cannot honour (emulated cache not level 3, passthrough cache without host-passthrough or with a level, passthrough address bits with a count)',
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      emulateNotL3: 'Only the L3 cache can be emulated' + refuses("CPU cache mode 'emulate' can only be used with level='3'"),
      passthroughNeedsHostCpu:
        "The host's caches can only be passed through with the host CPU model, not mode='{{cpuMode}}'" + refuses("CPU cache mode 'passthrough' can only be used with 'host-passthrough' / 'maximum' CPUs"),
      levelNotAllowed: 'A {{mode}} cache applies to all levels; a level cannot be chosen' + refuses("unsupported CPU cache level for mode '{{mode}}'"),
      bitsWithPassthrough:
        "mode='passthrough' takes the host's address width; a bit count cannot be given" + refuses("CPU maximum physical address bits number specification cannot be used with mode='passthrough'"),
    },
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
    const removing = (attr: XmlAttribute) => [{ title: `Remove ${attr.name}`, safety: 'unsafe' as const, edits: [fixer.removeAttribute(attr)] }];
    const cache = cpu.child('cache');
    const addr = cpu.child('maxphysaddr');
    if (!isX86(domain)) return; // other architectures: libvirt refuses the element itself (not reported here)
    if (cache) {
      const mode = cache.attr('mode');
      const level = cache.attribute('level');
      const cpuMode = cpu.attr('mode') ?? 'custom';
      if (mode === 'emulate' && level?.value !== '3') {
        context.report({ at: level ?? cache, messageId: 'emulateNotL3' });
      } else if (mode === 'passthrough' && cpuMode !== 'host-passthrough' && cpuMode !== 'maximum') {
        context.report({ at: cpu.attribute('mode') ?? cpu, messageId: 'passthroughNeedsHostCpu', data: { cpuMode } });
      } else if ((mode === 'passthrough' || mode === 'disable') && level) {
        context.report({ at: level, messageId: 'levelNotAllowed', data: { mode }, fixes: removing(level) });
      }
    }
    if (addr?.attr('mode') === 'passthrough') {
      const bits = addr.attribute('bits');
      if (bits) context.report({ at: bits, messageId: 'bitsWithPassthrough', fixes: removing(bits) });
    }
  },
});
