import { defineRule } from '#engine/rule.js';
import { isQemuDomain } from '#domain/machine.js';
import { formatPci, pciHostdevs, type PciAddress } from '#domain/pci.js';

const CHECK_AUDIO =
  ': if it is the GPU, its HDMI/DP audio ({{audio}}) sits in the same IOMMU group and should be passed too. Check with lspci -s {{slot}}; ignore this for single-function devices.';

export default defineRule({
  meta: {
    id: 'gpu-function-not-passed',
    description: 'Host PCI function 0 passed through without the other functions of its device (a GPU without its HDMI audio)',
    severity: 'info',
    category: 'passthrough',
    fixable: false,
    messages: {
      alone: 'Host device {{device}} is passed through without its other functions' + CHECK_AUDIO,
      aloneWithoutDisplay: 'Host device {{device}} is passed through without its other functions on a VM without an emulated display' + CHECK_AUDIO,
    },
    docs: {
      whatItDoes:
        "Among PCI `<hostdev>` sources, reports function 0 of a host device when no other function of that device (typically `.1`, the GPU's HDMI/DP audio) is passed as well and the device is probably the GPU: the VM has no emulated display (no `<video>`, or model `none`) or the hostdev has a `<rom>`. Devices on host bus 0 (integrated USB, SATA, network, the iGPU) are skipped, and so is every device when some other passed device already brings several functions (that one is the GPU).",
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
      notes: 'Heuristic: the XML does not say which host device is a GPU, so this is information only. Check with `lspci -nns BUS:SLOT` on the host.',
    },
  },
  create(context) {
    const { domain } = context;
    if (!isQemuDomain(domain)) return;
    const hostdevs = pciHostdevs(domain).filter((h) => h.source);
    const sameDevice = (a: PciAddress, b: PciAddress) => a.domain === b.domain && a.bus === b.bus && a.slot === b.slot;
    // A device passed with several functions is most likely the GPU and its audio: then the
    // single-function devices next to it are NVMe drives, USB controllers, NICs.
    if (hostdevs.some((h) => h.source!.function === 0 && hostdevs.some((o) => o !== h && sameDevice(o.source!, h.source!)))) return;
    // Evidence that a passed device is the display: no emulated display adapter.
    const video = domain.select('devices/video')[0];
    const noEmulatedDisplay = !video || video.child('model')?.attr('type') === 'none';
    for (const { hostdev, source } of hostdevs) {
      // Bus 0 holds the host's integrated devices (USB, SATA, NIC, the iGPU whose audio is elsewhere).
      if (source!.function !== 0 || source!.bus === 0) continue;
      if (hostdevs.some((o) => o.hostdev !== hostdev && sameDevice(o.source!, source!))) continue;
      if (!noEmulatedDisplay && !hostdev.child('rom')) continue;
      const dev = formatPci(source!);
      context.report({
        at: hostdev,
        messageId: noEmulatedDisplay ? 'aloneWithoutDisplay' : 'alone',
        data: { device: dev, audio: dev.replace(/\.0$/, '.1'), slot: dev.slice(5, -2) },
      });
    }
  },
});
