import { defineRule } from '../src/engine/rule.js';
import { isQemuDomain } from '../src/domain/machine.js';
import { formatPci, pciHostdevs } from '../src/domain/pci.js';

export default defineRule({
  meta: {
    id: 'gpu-function-not-passed',
    description: 'Host PCI function 0 passed through without the other functions of its device (a GPU without its HDMI audio)',
    severity: 'info',
    category: 'passthrough',
    fixable: false,
    docs: {
      whatItDoes:
        "Among PCI `<hostdev>` sources, reports function 0 of a host device (`bus`/`slot`) when no other function of that device (typically `.1`, the GPU's HDMI/DP audio) is passed as well. The XML does not say what the device is, so every such function 0 is reported, as information.",
      whyIsThisBad:
        "A GPU and its audio function share an IOMMU group, and an IOMMU group is the smallest unit that can be given to a VM; the audio function must be bound to vfio-pci too, and passing it gives the guest the card's HDMI/DP audio. Single-function devices (most NVMe drives, USB controllers, NICs) are fine as they are: ignore the report for them.",
      example: `<hostdev mode='subsystem' type='pci' managed='yes'>
  <source><address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/></source>
</hostdev>`,
      useInstead: `<hostdev mode='subsystem' type='pci' managed='yes'>
  <source><address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/></source>
</hostdev>
<hostdev mode='subsystem' type='pci' managed='yes'>
  <source><address domain='0x0000' bus='0x0b' slot='0x00' function='0x1'/></source>
</hostdev>`,
      fixSafety: 'No automatic fix: whether the host device has other functions is only known on the host (lspci -s 0b:00).',
      sources: ['Arch Wiki "PCI passthrough via OVMF", "Ensuring that the groups are valid" (GPU and audio controller in one IOMMU group, passed together)'],
      notes: 'Heuristic: the XML does not say which host device is a GPU. Check with `lspci -nns BUS:SLOT` on the host.',
    },
  },
  create(context) {
    const { domain } = context;
    if (!isQemuDomain(domain)) return;
    const hostdevs = pciHostdevs(domain).filter((h) => h.source);
    for (const { hostdev, source } of hostdevs) {
      if (source!.function !== 0) continue;
      const siblings = hostdevs.filter(
        (h) => h.source!.domain === source!.domain && h.source!.bus === source!.bus && h.source!.slot === source!.slot && h.source!.function !== 0,
      );
      if (siblings.length) continue;
      const dev = formatPci(source!);
      context.report({
        at: hostdev,
        message: `Host device ${dev} is passed through without its other functions: if it is a GPU, its HDMI/DP audio (${dev.replace(/\.0$/, '.1')}) sits in the same IOMMU group and should be passed too. Check with lspci -s ${dev.slice(5, -2)}; ignore this for single-function devices.`,
      });
    }
  },
});
