import rule from '#rules/q35-4-0-split-irqchip.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const GPU = `<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='0x01' slot='0x00' function='0x0'/>
  </source>
</hostdev>`;
const INTREMAP = `${GPU}\n<iommu model='intel'>\n  <driver intremap='on'/>\n</iommu>`;
const q35v40 = (devices = GPU, features?: string) => domain(devices, { features }).replace("machine='pc-q35-9.1'", "machine='pc-q35-4.0'");
const withKernelIoapic = (xml: string) => xml.replace("    <smm state='on'/>\n", "    <smm state='on'/>\n    <ioapic driver='kvm'/>\n");
const withoutFeatures = q35v40().replace(/ {2}<features>\n[\s\S]*? {2}<\/features>\n/, '');

testRule(rule, {
  valid: [
    { name: "with <ioapic driver='kvm'/>", xml: withKernelIoapic(q35v40()) },
    { name: "with <ioapic driver='qemu'/> (a split irqchip chosen on purpose)", xml: q35v40(GPU, "<acpi/>\n<apic/>\n<ioapic driver='qemu'/>") },
    { name: 'pc-q35-4.0.1 (the default was reverted)', xml: q35v40().replace("pc-q35-4.0'", "pc-q35-4.0.1'") },
    { name: 'a newer q35 machine', xml: domain(GPU) },
    { name: 'no passthrough', xml: q35v40('') },
    { name: 'QEMU 10.0 has no pc-q35-4.0 any more (the machine-type rules report it)', xml: q35v40(), host: { qemu: '10.0.0' } },
  ],
  invalid: [
    {
      name: "a pc-q35-4.0 passthrough VM, at the machine attribute; adding <ioapic driver='kvm'/> is only a suggestion (it changes how a running VM works)",
      xml: q35v40(),
      errors: [
        {
          messageId: 'splitIrqchip',
          line: 8,
          column: 25,
          endLine: 8,
          endColumn: 45,
          severity: 'warning',
          message:
            "Machine pc-q35-4.0 defaults to a split irqchip, which breaks some passed-through devices (NVIDIA code 43, stutter); add <ioapic driver='kvm'/> to <features>, or move to a newer machine version.",
          suggestions: [{ title: "Add <ioapic driver='kvm'/> to <features>", output: withKernelIoapic(q35v40()) }],
        },
      ],
      output: null,
      unsafeOutput: withKernelIoapic(q35v40()),
    },
    {
      name: 'still reported on QEMU 9.2, which has the machine',
      xml: q35v40(),
      host: { qemu: '9.2.0' },
      errors: [
        {
          messageId: 'splitIrqchip', line: 8, column: 25,
          suggestions: [{ output: withKernelIoapic(q35v40()) }],
        },
      ],
      output: null,
    },
    {
      name: 'interrupt remapping needs the split irqchip: reported without a fix',
      xml: q35v40(INTREMAP),
      errors: [{ messageId: 'splitIrqchip', line: 8, column: 25 }],
      output: null,
    },
    {
      name: 'without <features>: reported without a fix',
      xml: withoutFeatures,
      errors: [{ messageId: 'splitIrqchip', line: 8, column: 25 }],
      output: null,
    },
  ],
});
