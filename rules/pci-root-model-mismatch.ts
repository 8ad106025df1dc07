import { defineRule } from '#engine/rule.js';
import { archOf, isI440fx, isQ35, isQemuDomain, isX86, machineOf } from '#domain/machine.js';
import { isArmVirt, isRiscvVirt, parseInteger } from '#domain/platform.js';

export default defineRule({
  meta: {
    id: 'pci-root-model-mismatch',
    description: 'The index-0 PCI controller does not match the machine (q35 needs pcie-root, i440fx pci-root), or a PCI expander bus on the wrong machine',
    severity: 'error',
    category: 'correctness',
    fixable: 'unsafe',
    messages: {
      wrongRootModel:
        "The PCI controller with index 0 of a {{family}} machine must be a {{wanted}}, not {{model}}: libvirt refuses it: \"The PCI controller with index='0' must be model='{{wanted}}' for this machine type, but model='{{model}}' was found instead\". " +
        "Use model='{{wanted}}' (after a machine change, let libvirt rebuild the PCI controllers and addresses).",
      pcieExpanderBusUnsupported:
        'pcie-expander-bus exists only on q35 and ARM virt machines: libvirt refuses it: "pcie-expander-bus controllers are not supported with this machine type". Use pci-expander-bus on i440fx.',
      pciExpanderBusUnsupported:
        'pci-expander-bus exists only on i440fx machines: libvirt refuses it: "pci-expander-bus controllers are only supported on 440fx-based machinetypes". Use pcie-expander-bus on q35.',
    },
    docs: {
      whatItDoes:
        "Reports a `<controller type='pci' index='0'>` whose model is not the root the machine has (q35, ARM and RISC-V `virt`: `pcie-root`; i440fx and ppc64: `pci-root`), `pcie-expander-bus` controllers on machines other than q35 and ARM virt, and `pci-expander-bus` controllers on machines other than i440fx. QEMU driver only.",
      whyIsThisBad:
        'q35 is a PCI Express machine with a pcie-root; i440fx is a conventional PCI machine with a pci-root. `virsh define` fails with "The PCI controller with index=\'0\' must be model=\'pcie-root\' for this machine type, but model=\'pci-root\' was found instead". It happens when the machine type is switched (i440fx to q35 for passthrough) and the old controller list is kept.',
      example: `<type arch='x86_64' machine='pc-q35-9.1'>hvm</type>
...
<controller type='pci' index='0' model='pci-root'/>`,
      useInstead: `<controller type='pci' index='0' model='pcie-root'/>`,
      fixSafety:
        'The suggested fix changes the model of the root controller. It is only a suggestion: after a machine switch the other PCI controllers and the device addresses usually need to be redone too (deleting all PCI controllers and `<address type=\'pci\'>` elements lets libvirt rebuild them).',
      sources: [
        'libvirt 11.3 src/qemu/qemu_postparse.c qemuDomainDefAddDefaultDevices: "The PCI controller with index=\'0\' must be model=\'pcie-root\' (or \'pci-root\') for this machine type, but model=\'%1$s\' was found instead"',
        'libvirt 11.3 src/qemu/qemu_postparse.c qemuDomainControllerDefPostParse: "pcie-expander-bus controllers are not supported with this machine type", "pci-expander-bus controllers are only supported on 440fx-based machinetypes"',
        'libvirt tests qemuxmlconfdata/q35-wrong-root.xml, 440fx-wrong-root.xml, pcie-expander-bus-bad-machine.xml',
      ],
    },
  },
  create(context) {
    const { domain } = context;
    if (!isQemuDomain(domain)) return;
    const arch = archOf(domain);
    const machine = machineOf(domain);
    if (!machine) return;
    const q35 = isQ35(domain);
    const i440fx = !q35 && isI440fx(domain);
    const armVirt = isArmVirt(domain);
    // qemuDomainDefAddDefaultDevices: which root each machine family gets.
    let wanted: string | undefined;
    let family = '';
    if (q35 && isX86(domain)) [wanted, family] = ['pcie-root', 'q35'];
    else if (i440fx && isX86(domain)) [wanted, family] = ['pci-root', 'i440fx'];
    else if (armVirt || isRiscvVirt(domain)) [wanted, family] = ['pcie-root', `${arch} virt`];
    else if (arch === 'ppc64' || arch === 'ppc64le') [wanted, family] = ['pci-root', arch];
    for (const c of domain.select('devices/controller')) {
      if (c.attr('type') !== 'pci') continue;
      const model = c.attribute('model');
      if (!model) continue;
      // index is read in base 10 (virXMLPropInt): '00' is 0 too.
      if (wanted && parseInteger(c.attr('index'), 10) === 0 && model.value !== wanted) {
        context.report({
          at: model,
          messageId: 'wrongRootModel',
          data: { family, wanted, model: model.value },
          fixes: [{ title: `Set model='${wanted}'`, safety: 'unsafe', edits: [context.fixer.replaceAttributeValue(model, wanted)] }],
        });
      }
      if (model.value === 'pcie-expander-bus' && !q35 && !armVirt) {
        context.report({ at: model, messageId: 'pcieExpanderBusUnsupported' });
      }
      if (model.value === 'pci-expander-bus' && !i440fx) {
        context.report({ at: model, messageId: 'pciExpanderBusUnsupported' });
      }
    }
  },
});
