import { versionAtLeast } from '#engine/version.js';
import { defineRule } from '#engine/rule.js';
import { isQemuX86, machineOf } from '#domain/machine.js';
import { pciHostdevs } from '#domain/pci.js';

export default defineRule({
  meta: {
    id: 'q35-4-0-split-irqchip',
    description: "Machine pc-q35-4.0 (split irqchip by default) with PCI passthrough and no <ioapic driver='kvm'/>",
    severity: 'warning',
    category: 'passthrough',
    fixable: 'unsafe',
    messages: {
      splitIrqchip:
        "Machine pc-q35-4.0 defaults to a split irqchip, which breaks some passed-through devices (NVIDIA code 43, stutter); add <ioapic driver='kvm'/> to <features>, or move to a newer machine version.",
    },
    docs: {
      whatItDoes:
        "On QEMU-driver x86 domains with a PCI `<hostdev>`, reports the machine type `pc-q35-4.0` exactly when `<features>` has no `<ioapic driver=…>`.",
      whyIsThisBad:
        "`pc-q35-4.0` is the only machine version whose default is `kernel_irqchip=split` (4.0.1 and later went back to the in-kernel irqchip; 3.1 and earlier never had it). The Arch Wiki passthrough troubleshooting page reports that this breaks some passed-through devices, NVIDIA GPUs in particular (code 43, stutter), and gives `<ioapic driver='kvm'/>` as the fix. Machine types are kept when a VM is created, so VMs made with QEMU 4.0 still carry it.",
      example: `<os>
  <type arch='x86_64' machine='pc-q35-4.0'>hvm</type>
</os>
<features>
  <acpi/>
  <apic/>
</features>
<hostdev mode='subsystem' type='pci' managed='yes'>
  <source><address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/></source>
</hostdev>`,
      useInstead: `<os>
  <type arch='x86_64' machine='pc-q35-4.0'>hvm</type>
</os>
<features>
  <acpi/>
  <apic/>
  <ioapic driver='kvm'/>
</features>
<hostdev mode='subsystem' type='pci' managed='yes'>
  <source><address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/></source>
</hostdev>`,
      fixSafety:
        "A suggestion (not applied by `--fix`): it adds `<ioapic driver='kvm'/>` to `<features>`, which gives this machine the in-kernel irqchip every other q35 version uses. The VM runs as written, and the fix changes how its interrupts are delivered; on many hosts the split irqchip works, so whether to change it is yours to decide (`--fix --unsafe-fixes` applies it). Not offered when an Intel IOMMU with interrupt remapping is configured, which needs the split irqchip.",
      sources: [
        'QEMU hw/i386/pc_q35.c: pc_q35_4_0_machine_options (default_kernel_irqchip_split = true), reverted for 4.0.1',
        'Arch Wiki "PCI passthrough via OVMF/Troubleshooting" (QEMU 4.0 q35 split irqchip: <ioapic driver=\'kvm\'/>)',
        'libvirt docs/formatdomain.rst "Hypervisor features": ioapic driver (since 3.4.0)',
      ],
      notes:
        'QEMU 10.0 and later no longer provide pc-q35-4.0 at all (versioned machines are removed after six years), so the rule stays quiet when the host QEMU is known to be 10.0 or later (the machine-type rules report the removal); it matters for hosts running QEMU 4.0 to 9.2 or when the QEMU version is not given.',
    },
  },
  create(context) {
    const { domain, fixer } = context;
    if (!isQemuX86(domain) || machineOf(domain) !== 'pc-q35-4.0') return;
    if (pciHostdevs(domain).length === 0) return;
    // QEMU 10.0+ no longer has this machine at all; the machine-type rules report that.
    if (context.host.qemu && versionAtLeast(context.host.qemu.version, '10.0.0')) return;
    const features = domain.child('features');
    if (features?.child('ioapic')?.attr('driver') !== undefined) return;
    const intremap = domain.select('devices/iommu').some((i) => i.child('driver')?.attr('intremap') === 'on');
    const machine = domain.first('os/type')!;
    const fixes =
      features && !intremap ? [{ title: "Add <ioapic driver='kvm'/> to <features>", safety: 'unsafe' as const, edits: [fixer.appendChild(features, "<ioapic driver='kvm'/>")] }] : [];
    context.report({
      at: machine.attribute('machine')!,
      messageId: 'splitIrqchip',
      fixes,
    });
  },
});
