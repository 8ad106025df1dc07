import { defineRule } from '#engine/rule.js';
import { isQemuX86 } from '#domain/machine.js';
import { pciHostdevs } from '#domain/pci.js';
import { usesLookingGlass } from '#domain/looking-glass.js';

const ADVICE = " on a {{vm}} VM: Looking Glass's tuning guide recommends mode='host-passthrough' so the guest sees all of the host CPU's features.";

export default defineRule({
  meta: {
    id: 'cpu-mode-not-host-passthrough',
    description: "A GPU-passthrough or Looking Glass VM whose <cpu> mode is not 'host-passthrough'",
    severity: 'info',
    category: 'passthrough',
    fixable: false,
    messages: {
      notHostPassthrough: "<cpu mode='{{mode}}'>" + ADVICE,
      noCpu: "No <cpu> element (QEMU's default CPU model)" + ADVICE,
    },
    docs: {
      whatItDoes:
        "On QEMU-driver x86 domains with a PCI `<hostdev>` or Looking Glass, reports a `<cpu>` whose mode is `host-model` or `custom`, or no `<cpu>` element at all (QEMU's default model).",
      whyIsThisBad:
        "Looking Glass's tuning advice: \"Be sure to set your CPU model type to host-passthrough so that your guest operating system is aware of the acceleration features of your CPU and can make full use of them.\" Named or host-model CPUs hide features (and cache topology) from a gaming or workstation guest. The Arch Wiki passthrough guide says the same.",
      example: `<cpu mode='host-model' check='partial'/>
<hostdev mode='subsystem' type='pci' managed='yes'>
  <source><address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/></source>
</hostdev>`,
      useInstead: `<cpu mode='host-passthrough' check='none' migratable='on'>
  <topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>
</cpu>
<hostdev mode='subsystem' type='pci' managed='yes'>
  <source><address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/></source>
</hostdev>`,
      fixSafety: 'No automatic fix: host-passthrough ties the VM to this host\'s CPU (no migration to a different CPU) and Windows may want to re-activate; change it knowingly.',
      sources: [
        'Looking Glass doc/install_libvirt.rst "Additional tuning", item 5',
        'Arch Wiki "PCI passthrough via OVMF", "Setting up the guest OS" (host-passthrough)',
        'libvirt docs/formatdomain.rst "CPU model and topology" (modes)',
      ],
    },
  },
  create(context) {
    const { domain } = context;
    if (!isQemuX86(domain)) return;
    if (pciHostdevs(domain).length === 0 && !usesLookingGlass(domain)) return;
    const cpu = domain.child('cpu');
    const mode = cpu?.attr('mode') ?? (cpu ? 'custom' : undefined);
    if (mode === 'host-passthrough' || mode === 'maximum') return;
    const vm = usesLookingGlass(domain) ? 'Looking Glass' : 'GPU passthrough';
    if (cpu) context.report({ at: cpu.attribute('mode') ?? cpu, messageId: 'notHostPassthrough', data: { mode: mode!, vm } });
    else context.report({ at: domain, messageId: 'noCpu', data: { vm } });
  },
});
