import { defineRule } from '#engine/rule.js';
import { lookingGlassBackends, qemuSize } from '#domain/qemu-args.js';
import { formatBytes, isPowerOfTwo, MiB } from '#domain/units.js';
import { nextPowerOfTwo } from '#domain/lg-memory.js';

export default defineRule({
  meta: {
    id: 'lg-kvmfr-size-invalid',
    description: 'Looking Glass memory backend in qemu:commandline whose size is not a power of two',
    severity: 'error',
    category: 'looking-glass',
    fixable: false,
    messages: {
      notPowerOfTwo:
        'The Looking Glass memory backend ({{path}}) is {{size}}, not a power of two: ' +
        "QEMU only maps power-of-two PCI BARs, so the VM will not start. Use {{suggested}} ({{suggestedBytes}} bytes) and set the kvmfr module's static_size_mb to {{suggestedMiB}}.",
    },
    docs: {
      whatItDoes:
        "Reads the `size` of `-object memory-backend-file` options in `<qemu:commandline>` whose `mem-path` is Looking Glass's shared memory (`/dev/kvmfr*` or `/dev/shm/looking-glass*`), in the legacy (`size=48M`) or JSON (`'size':50331648`) syntax, and reports a size that is not a power of two.",
      whyIsThisBad:
        "The backend becomes the ivshmem-plain device's PCI BAR, and QEMU only registers power-of-two BARs (hw/pci/pci.c pci_register_bar asserts it): the VM does not start. libvirt's own `<shmem>` refuses such sizes for the same reason. With KVMFR, the size must also equal the kvmfr module's `static_size_mb` in MiB, which Looking Glass's formula rounds to a power of two.",
      example: `<qemu:arg value='-object'/>
<qemu:arg value='memory-backend-file,id=looking-glass,mem-path=/dev/kvmfr0,size=48M,share=yes'/>`,
      useInstead: `<qemu:arg value='-object'/>
<qemu:arg value='memory-backend-file,id=looking-glass,mem-path=/dev/kvmfr0,size=64M,share=yes'/>`,
      fixSafety: 'No automatic fix: the kvmfr module parameter static_size_mb must be changed to the same size, outside the XML.',
      sources: [
        'QEMU hw/pci/pci.c pci_register_bar: assert(is_power_of_2(size))',
        'Looking Glass doc/ivshmem_kvmfr.rst: size in bytes = MiB x 1024 x 1024, "must be the same size you passed to the static_size_mb argument"',
        'Looking Glass doc/install_libvirt.rst "Determining memory": round up to the next power of two',
      ],
      notes: 'Whether QEMU reports an error or aborts on the assertion depends on the version; either way the VM does not start.',
    },
  },
  create(context) {
    for (const backend of lookingGlassBackends(context.domain)) {
      const bytes = qemuSize(backend.props?.size);
      if (bytes === undefined || bytes === 0) continue;
      if (isPowerOfTwo(bytes)) continue;
      const suggest = nextPowerOfTwo(Math.ceil(bytes / MiB)) * MiB;
      context.report({
        at: backend.el,
        messageId: 'notPowerOfTwo',
        data: { path: String(backend.props?.['mem-path']), size: formatBytes(bytes), suggested: formatBytes(suggest), suggestedBytes: suggest, suggestedMiB: suggest / MiB },
      });
    }
  },
});
