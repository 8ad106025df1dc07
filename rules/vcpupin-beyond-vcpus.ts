import { defineRule } from '#engine/rule.js';
import type { XmlElement } from '#engine/tree.js';
import { parseBitmap } from '#domain/platform.js';

export default defineRule({
  meta: {
    id: 'vcpupin-beyond-vcpus',
    description: '<cputune> pins or schedules a vCPU or IOThread the domain does not have (libvirt drops a <vcpupin>, refuses the others)',
    severity: 'warning',
    category: 'correctness',
    fixable: false,
    messages: {
      vcpupinIgnored:
        "<vcpupin vcpu='{{vcpu}}'> names a vCPU this domain does not have: <vcpu> is {{count}} ({{range}}). libvirt ignores the pin (\"Ignoring vcpupin for missing vcpus\", in its log only) and drops it from the definition, so the pinning you wrote does not happen. Pin only {{range}}, or raise <vcpu>.",
      vcpuschedMissing:
        "<vcpusched vcpus='{{vcpus}}'> includes vCPU {{vcpu}}, which this domain does not have: <vcpu> is {{count}} ({{range}}). libvirt refuses it: \"vCPU '{{vcpu}}' is not present in domain definition\". Limit vcpus to {{range}}, or raise <vcpu>.",
      iothreadpinMissing:
        "<iothreadpin iothread='{{id}}'> names an IOThread this domain does not have ({{have}}): libvirt refuses it: \"Cannot find 'iothread' : {{id}}\". Pin an existing IOThread, or raise <iothreads>.",
      iothreadschedMissing:
        "<iothreadsched iothreads='{{iothreads}}'> includes IOThread {{id}}, which this domain does not have ({{have}}): libvirt refuses it: \"Cannot find 'iothread' : {{id}}\". Limit iothreads to existing IOThreads, or raise <iothreads>.",
    },
    docs: {
      whatItDoes:
        "Compares `<cputune>` with the vCPUs and IOThreads the domain has: `<vcpupin vcpu='N'>` and `<vcpusched vcpus='…'>` against `<vcpu>` (vCPUs are numbered from 0; no `<vcpu>` means one), `<iothreadpin iothread='N'>` and `<iothreadsched iothreads='…'>` against `<iothreads>` and `<iothreadids>` (IOThreads are numbered from 1; ids missing from `<iothreadids>` are filled with the lowest unused ones, as libvirt does).",
      whyIsThisBad:
        "A `<vcpupin>` for a vCPU beyond the `<vcpu>` count is dropped when the domain is defined: libvirt only writes \"Ignoring vcpupin for missing vcpus\" to its log, `virsh define` succeeds, and the guest runs unpinned where you meant it pinned. It happens when `<vcpu>` is lowered and the pins are not (or `<vcpu>11</vcpu>` with pins for vCPUs 0 to 11). That is a warning. A `<vcpusched>` or an IOThread pin or scheduler for a thread that does not exist is refused instead (\"vCPU '4' is not present in domain definition\", \"Cannot find 'iothread' : 3\"): those are errors.",
      example: `<vcpu placement='static'>4</vcpu>
<cputune>
  <vcpupin vcpu='0' cpuset='2'/>
  <vcpupin vcpu='1' cpuset='3'/>
  <vcpupin vcpu='2' cpuset='4'/>
  <vcpupin vcpu='3' cpuset='5'/>
  <vcpupin vcpu='4' cpuset='6'/>
</cputune>`,
      useInstead: `<vcpu placement='static'>5</vcpu>
<cputune>
  <vcpupin vcpu='0' cpuset='2'/>
  <vcpupin vcpu='1' cpuset='3'/>
  <vcpupin vcpu='2' cpuset='4'/>
  <vcpupin vcpu='3' cpuset='5'/>
  <vcpupin vcpu='4' cpuset='6'/>
</cputune>`,
      fixSafety: 'No fix: either the pin or the `<vcpu>` / `<iothreads>` count is wrong, and only you know which.',
      sources: [
        'libvirt src/conf/domain_conf.c virDomainVcpuPinDefParseXML: a pin for a vCPU that virDomainDefGetVcpu() does not find is skipped with VIR_WARN("Ignoring vcpupin for missing vcpus")',
        'libvirt 11.3 src/conf/domain_conf.c virDomainDefGetVcpuSched: "vCPU \'%1$u\' is not present in domain definition"',
        'libvirt src/conf/domain_conf.c virDomainIOThreadPinDefParseXML and the iothreadsched parser: "Cannot find \'iothread\' : %u"; virDomainIOThreadIDDefArrayInit fills <iothreadids> up to <iothreads> with the lowest unused ids',
        'libvirt test qemuxmlconfdata/cputune-iothreadsched-toomuch.xml ("Cannot find \'iothread\' : 2")',
        "Checked with virsh 9.0.0 (test driver): `<vcpu>4</vcpu>` with `<vcpupin vcpu='4'>` defines, logs \"Ignoring vcpupin for missing vcpus\" and dumpxml has no such pin; `<vcpusched vcpus='2-5'>` is refused with \"vCPU '4' is not present in domain definition\"; `<iothreadpin iothread='3'>` with `<iothreads>2</iothreads>` is refused with \"Cannot find 'iothread' : 3\"",
      ],
      notes:
        "A `<vcpupin>` for a vCPU that exists but is offline (`<vcpu current='2'>4</vcpu>` with a pin for vCPU 3) is kept and used when the vCPU is plugged in; it is not reported. `<cachetune>` and `<memorytune>` vcpus beyond the count are trimmed by libvirt and not checked here.",
    },
  },
  create(context) {
    const { domain } = context;
    const cputune = domain.child('cputune');
    if (!cputune) return;
    const vcpuText = domain.child('vcpu')?.text().trim() ?? '1';
    const count = /^\d+$/.test(vcpuText) ? Number(vcpuText) : undefined;
    if (count !== undefined) {
      const range = count === 1 ? 'vCPU 0' : `vCPUs 0 to ${count - 1}`;
      for (const pin of cputune.childrenNamed('vcpupin')) {
        const attr = pin.attribute('vcpu');
        const id = attr?.value.trim();
        if (!attr || !/^\d+$/.test(id!) || Number(id) < count) continue;
        context.report({ at: attr, messageId: 'vcpupinIgnored', data: { vcpu: id!, count, range } });
      }
      for (const sched of cputune.childrenNamed('vcpusched')) {
        const attr = sched.attribute('vcpus');
        const missing = attr && firstMissing(attr.value, (n) => n < count);
        if (missing === undefined) continue;
        context.report({ at: attr!, severity: 'error', messageId: 'vcpuschedMissing', data: { vcpus: attr!.value, vcpu: missing, count, range } });
      }
    }
    const iothreads = iothreadIds(domain);
    if (!iothreads) return;
    const have = describeIothreads(iothreads);
    for (const pin of cputune.childrenNamed('iothreadpin')) {
      const attr = pin.attribute('iothread');
      const id = attr?.value.trim();
      // 0 is refused with a message of its own ("zero is an invalid iothread id value").
      if (!attr || !/^\d+$/.test(id!) || Number(id) === 0 || iothreads.has(Number(id))) continue;
      context.report({ at: attr, severity: 'error', messageId: 'iothreadpinMissing', data: { id: id!, have } });
    }
    for (const sched of cputune.childrenNamed('iothreadsched')) {
      const attr = sched.attribute('iothreads');
      const missing = attr && firstMissing(attr.value, (n) => n === 0 || iothreads.has(n));
      if (missing === undefined) continue;
      context.report({ at: attr!, severity: 'error', messageId: 'iothreadschedMissing', data: { iothreads: attr!.value, id: missing, have } });
    }
  },
});

/** The lowest member of a libvirt bitmap that `exists` rejects (libvirt walks the bitmap upwards and stops there). */
function firstMissing(bitmap: string, exists: (n: number) => boolean): number | undefined {
  const members = parseBitmap(bitmap);
  if (!members) return undefined;
  return [...members].sort((a, b) => a - b).find((n) => !exists(n));
}

/**
 * The domain's IOThread ids as libvirt assigns them: the `<iothreadids>`
 * entries, then the lowest unused ids from 1 until there are `<iothreads>`.
 * Undefined when the count or an id cannot be read (libvirt refuses those).
 */
function iothreadIds(domain: XmlElement): Set<number> | undefined {
  const countText = domain.child('iothreads')?.text().trim() ?? '0';
  if (!/^\d+$/.test(countText)) return undefined;
  const ids = new Set<number>();
  for (const entry of domain.select('iothreadids/iothread')) {
    const id = entry.attr('id')?.trim() ?? '';
    if (!/^\d+$/.test(id) || Number(id) === 0) return undefined;
    ids.add(Number(id));
  }
  const count = Math.max(Number(countText), ids.size);
  // Bounded: a count beyond what a host could run is not worth enumerating.
  if (count > 65536) return undefined;
  for (let next = 1; ids.size < count; next++) if (!ids.has(next)) ids.add(next);
  return ids;
}

/** `no IOThreads`, `IOThread 1`, `IOThreads 1 to 4`, `IOThreads 1, 5`. */
function describeIothreads(ids: Set<number>): string {
  const sorted = [...ids].sort((a, b) => a - b);
  if (sorted.length === 0) return 'no IOThreads';
  if (sorted.length === 1) return `IOThread ${sorted[0]}`;
  const contiguous = sorted[sorted.length - 1] - sorted[0] === sorted.length - 1;
  return contiguous ? `IOThreads ${sorted[0]} to ${sorted[sorted.length - 1]}` : `IOThreads ${sorted.join(', ')}`;
}
