import { defineRule } from '#engine/rule.js';
import { isQemuDomain } from '#domain/machine.js';
import { describeWrittenSize, formatBytes, isPowerOfTwo, MiB, scaledBytes, unitScale } from '#domain/units.js';
import { nextPowerOfTwo } from '#domain/lg-memory.js';

const REFUSED = '; libvirt refuses it: "shmem size must be a power of 2 and at least 1 MiB (1024 KiB)". Use {{target}}.';

export default defineRule({
  meta: {
    id: 'shmem-size-invalid',
    description: '<shmem> <size> that is not a power of two of at least 1 MiB is refused by the QEMU driver',
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      belowMinimum: "<shmem name='{{name}}'> size {{size}} is below 1 MiB" + REFUSED,
      notPowerOfTwo: "<shmem name='{{name}}'> size {{size}} is not a power of two" + REFUSED,
    },
    docs: {
      whatItDoes:
        "Reads the `<size>` of every `<shmem>` (with its `unit`, default bytes) in domains of the QEMU driver and reports a size that is not a power of two, or smaller than 1 MiB.",
      whyIsThisBad:
        'The memory becomes a PCI BAR, and PCI BARs are sized in powers of two. libvirt checks this when the domain is defined and refuses it: "shmem size must be a power of 2 and at least 1 MiB (1024 KiB)". A Looking Glass size computed by hand (for example 48 MiB for 2560x1440) hits this.',
      example: `<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>48</size>
</shmem>`,
      useInstead: `<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>64</size>
</shmem>`,
      fixSafety:
        'The suggested fix (not applied by --fix) rounds the size up to the next power of two, at least 1 MiB, keeping the unit when the result is a whole number of it. It reserves more host memory, and for Looking Glass with a /dev/shm file you may need to delete the old file so QEMU can create it at the new size; with KVMFR the module\'s static_size_mb must match. Hence a suggestion.',
      sources: [
        'libvirt 11.3 src/qemu/qemu_validate.c (shmem validation): "shmem size must be a power of 2 and at least 1 MiB (1024 KiB)"',
        'libvirt tests qemuxmlconfdata/shmem-invalid-size.xml and shmem-small-size.xml (expected to fail with that message)',
        'libvirt docs/formatdomain.rst "Shared memory device": size must be a power of 2 and at least 1 MiB',
      ],
      notes: 'A <size> without a unit is read as bytes (libvirt parses it as a scaled integer with scale 1); write the unit to be sure.',
    },
  },
  create(context) {
    const { domain, fixer } = context;
    if (!isQemuDomain(domain)) return;
    for (const shmem of domain.select('devices/shmem')) {
      const size = shmem.child('size');
      const bytes = scaledBytes(size, 'b');
      if (size === undefined || bytes === undefined) continue;
      if (bytes >= MiB && isPowerOfTwo(bytes)) continue;
      const target = Math.max(MiB, nextPowerOfTwo(bytes));
      const unit = size.attr('unit');
      const unitBytes = unit === undefined ? undefined : unitScale(unit);
      const edits =
        unitBytes !== undefined && target % unitBytes === 0
          ? [{ range: size.textRange(), text: String(target / unitBytes) }]
          : [fixer.replaceElement(size, `<size unit='M'>${target / MiB}</size>`)];
      context.report({
        at: size,
        messageId: bytes < MiB ? 'belowMinimum' : 'notPowerOfTwo',
        data: { name: shmem.attr('name') ?? '', size: describeWrittenSize(size, bytes), target: formatBytes(target) },
        fixes: [{ title: `Set the size to ${formatBytes(target)}`, safety: 'unsafe', edits }],
      });
    }
  },
});
