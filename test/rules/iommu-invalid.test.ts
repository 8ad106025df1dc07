import rule from '#rules/iommu-invalid.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const intel = domain(`<iommu model='intel'>
  <driver intremap='on' caching_mode='on'/>
</iommu>`);
const i440fx = (xml: string) => xml.replace("machine='pc-q35-9.1'", "machine='pc-i440fx-9.1'");

testRule(rule, {
  valid: [
    { name: 'the Intel IOMMU on q35', xml: intel },
    { name: 'virtio-iommu on q35 with ACPI', xml: domain("<iommu model='virtio'/>") },
    { name: 'interrupt remapping with the split I/O APIC', xml: domain('', { features: "<acpi/>\n<apic/>\n<ioapic driver='qemu'/>" }).replace('  </devices>', `    <iommu model='intel'>\n      <driver intremap='on'/>\n    </iommu>\n  </devices>`) },
  ],
  invalid: [
    {
      name: 'the Intel IOMMU on i440fx, at the model attribute',
      xml: i440fx(intel),
      errors: [
        {
          messageId: 'intelNotQ35',
          line: 24,
          column: 12,
          endLine: 24,
          endColumn: 25,
          severity: 'error',
          message: 'The Intel IOMMU (VT-d) exists only on q35 machines: libvirt refuses it: "IOMMU device: \'intel\' is only supported with Q35 machines".',
        },
      ],
    },
    {
      name: 'eim without intremap, at the eim attribute',
      xml: intel.replace("intremap='on' caching_mode='on'", "eim='on'"),
      errors: [
        {
          messageId: 'eimWithoutIntremap',
          line: 25,
          column: 15,
          message: 'eim (x2APIC extended interrupt mode) needs intremap=\'on\': libvirt refuses it: "IOMMU eim requires interrupt remapping to be enabled".',
        },
      ],
    },
    {
      name: 'VT-d options on virtio-iommu, at <driver>',
      xml: intel.replace("model='intel'", "model='virtio'"),
      errors: [
        {
          messageId: 'driverOptionsUnsupported',
          data: { model: 'virtio' },
          line: 25,
          column: 7,
          message: 'The <driver> options are Intel VT-d settings; a virtio IOMMU takes none: libvirt refuses it: "iommu model \'virtio\' doesn\'t support additional attributes".',
        },
      ],
    },
    {
      name: 'an address on the Intel IOMMU',
      xml: domain("<iommu model='intel'>\n  <address type='pci' domain='0x0000' bus='0x00' slot='0x05' function='0x0'/>\n</iommu>"),
      errors: [
        {
          messageId: 'addressUnsupported',
          data: { model: 'intel' },
          line: 25,
          column: 7,
          message: 'The intel IOMMU is part of the machine and has no address: libvirt refuses it: "iommu model \'intel\' can\'t have address".',
        },
      ],
    },
    {
      name: "interrupt remapping with the kernel I/O APIC, at <ioapic driver='kvm'>",
      xml: domain('', { features: "<acpi/>\n<apic/>\n<ioapic driver='kvm'/>" }).replace('  </devices>', `    <iommu model='intel'>\n      <driver intremap='on'/>\n    </iommu>\n  </devices>`),
      errors: [
        {
          messageId: 'intremapWithKernelIoapic',
          line: 14,
          column: 5,
          message:
            'Interrupt remapping needs the split I/O APIC (ioapic driver=\'qemu\'): libvirt refuses it: "IOMMU interrupt remapping requires split I/O APIC (ioapic driver=\'qemu\')".',
        },
      ],
    },
    {
      name: 'SMMUv3 on an x86 machine',
      xml: domain("<iommu model='smmuv3'/>"),
      errors: [
        {
          messageId: 'smmuv3NotArmVirt',
          line: 24,
          column: 12,
          message: 'SMMUv3 exists only on ARM virt machines: libvirt refuses it: "IOMMU device: \'smmuv3\' is only supported with ARM Virt machines".',
        },
      ],
    },
    {
      name: 'virtio-iommu on i440fx',
      xml: i440fx(domain("<iommu model='virtio'/>")),
      errors: [
        {
          messageId: 'virtioWrongMachine',
          line: 24,
          column: 12,
          message: 'virtio-iommu needs a q35 or ARM virt machine: libvirt refuses it: "IOMMU device: \'virtio\' is only supported with Q35 and ARM Virt machines".',
        },
      ],
    },
    {
      name: 'virtio-iommu without ACPI',
      xml: domain("<iommu model='virtio'/>", { features: '<apic/>' }),
      errors: [
        {
          messageId: 'virtioWithoutAcpi',
          line: 22,
          column: 12,
          message: 'virtio-iommu is described to the guest through ACPI, and <features><acpi/> is missing: libvirt refuses it: "IOMMU device: \'virtio\' requires ACPI".',
        },
      ],
    },
    {
      name: 'virtio-iommu with a non-PCI address, at the address type',
      xml: domain("<iommu model='virtio'>\n  <address type='ccw' cssid='0xfe' ssid='0x0' devno='0x0000'/>\n</iommu>"),
      errors: [
        {
          messageId: 'virtioNotPci',
          data: { type: 'ccw' },
          line: 25,
          column: 16,
          message: 'virtio-iommu is a PCI device, not ccw: libvirt refuses it: "IOMMU device: \'virtio\' needs a PCI address".',
        },
      ],
    },
  ],
});
