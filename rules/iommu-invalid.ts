import { defineRule } from '../src/engine/rule.js';
import type { XmlAttribute, XmlElement } from '../src/engine/tree.js';
import { isQ35, isQemuDomain } from '../src/domain/machine.js';
import { isArmVirt } from '../src/domain/platform.js';

export default defineRule({
  meta: {
    id: 'iommu-invalid',
    description: 'An <iommu> on a machine that cannot have it, or with options its model does not take',
    severity: 'error',
    category: 'passthrough',
    fixable: false,
    docs: {
      whatItDoes:
        "Checks `<iommu>`: (QEMU driver) `intel` needs a q35 machine, `smmuv3` an ARM virt machine, `virtio` q35 or ARM virt plus `<features><acpi/>` and at most a PCI address; `intel` and `smmuv3` take no `<address>`; `smmuv3` and `virtio` take no `<driver>` options (those are Intel VT-d settings); `eim='on'` needs `intremap='on'`, and `intremap='on'` cannot be combined with `<ioapic driver='kvm'/>`.",
      whyIsThisBad:
        'A guest IOMMU is needed for nested passthrough, DPDK in the guest or more than 255 vCPUs, and each model only exists on some machines. `virsh define` fails with "IOMMU device: \'intel\' is only supported with Q35 machines", "IOMMU device: \'virtio\' requires ACPI", "iommu model \'virtio\' doesn\'t support additional attributes", "IOMMU eim requires interrupt remapping to be enabled" and similar messages.',
      example: `<type arch='x86_64' machine='pc-i440fx-9.1'>hvm</type>
...
<iommu model='intel'>
  <driver intremap='on' caching_mode='on'/>
</iommu>`,
      useInstead: `<type arch='x86_64' machine='pc-q35-9.1'>hvm</type>
...
<features>
  <acpi/>
  <ioapic driver='qemu'/>
</features>
...
<iommu model='intel'>
  <driver intremap='on' caching_mode='on'/>
</iommu>`,
      fixSafety: 'No fix: changing the machine type or the IOMMU model changes the guest hardware.',
      sources: [
        'libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainDeviceDefIOMMU: "IOMMU device: \'%1$s\' is only supported with Q35 machines", "... with ARM Virt machines", "... with Q35 and ARM Virt machines", "IOMMU device: \'%1$s\' requires ACPI", "IOMMU device: \'%1$s\' needs a PCI address"',
        'libvirt 11.3 src/conf/domain_validate.c virDomainIOMMUDefValidate: "iommu model \'%1$s\' doesn\'t support additional attributes", "iommu model \'%1$s\' can\'t have address"; virDomainDefIOMMUValidate: "IOMMU interrupt remapping requires split I/O APIC (ioapic driver=\'qemu\')", "IOMMU eim requires interrupt remapping to be enabled"',
        'libvirt tests qemuxmlconfdata/intel-iommu-wrong-machine.xml, virtio-iommu-*.xml',
      ],
      notes: "libvirt switches the I/O APIC to driver='qemu' by itself when `intremap='on'` and no `<ioapic>` is written; only an explicit `driver='kvm'` conflicts.",
    },
  },
  create(context) {
    const { domain } = context;
    const qemu = isQemuDomain(domain);
    const report = (at: XmlElement | XmlAttribute, text: string, libvirt: string) => context.report({ at, message: `${text}: libvirt refuses it: "${libvirt}".` });
    for (const iommu of domain.select('devices/iommu')) {
      const modelAttr = iommu.attribute('model');
      const model = modelAttr?.value ?? '';
      const address = iommu.childrenNamed('address')[0];
      const driver = iommu.child('driver');
      if ((model === 'smmuv3' || model === 'virtio') && driver && driver.attributes.length > 0) {
        report(driver, `The <driver> options are Intel VT-d settings; a ${model} IOMMU takes none`, `iommu model '${model}' doesn't support additional attributes`);
      }
      if ((model === 'intel' || model === 'smmuv3') && address) report(address, `The ${model} IOMMU is part of the machine and has no address`, `iommu model '${model}' can't have address`);
      if (driver?.attr('eim') === 'on' && driver.attr('intremap') !== 'on') {
        report(driver.attribute('eim')!, "eim (x2APIC extended interrupt mode) needs intremap='on'", 'IOMMU eim requires interrupt remapping to be enabled');
      }
      const ioapic = domain.first('features/ioapic');
      if (driver?.attr('intremap') === 'on' && ioapic && ioapic.attr('driver') === 'kvm') {
        report(ioapic, "Interrupt remapping needs the split I/O APIC (ioapic driver='qemu')", "IOMMU interrupt remapping requires split I/O APIC (ioapic driver='qemu')");
      }
      if (!qemu || !modelAttr) continue;
      if (model === 'intel' && !isQ35(domain)) {
        report(modelAttr, 'The Intel IOMMU (VT-d) exists only on q35 machines', "IOMMU device: 'intel' is only supported with Q35 machines");
      } else if (model === 'smmuv3' && !isArmVirt(domain)) {
        report(modelAttr, 'SMMUv3 exists only on ARM virt machines', "IOMMU device: 'smmuv3' is only supported with ARM Virt machines");
      } else if (model === 'virtio') {
        if (!isQ35(domain) && !isArmVirt(domain)) {
          report(modelAttr, 'virtio-iommu needs a q35 or ARM virt machine', "IOMMU device: 'virtio' is only supported with Q35 and ARM Virt machines");
        } else if (!domain.first('features/acpi')) {
          report(modelAttr, 'virtio-iommu is described to the guest through ACPI, and <features><acpi/> is missing', "IOMMU device: 'virtio' requires ACPI");
        }
        const type = address?.attribute('type');
        if (type && type.value !== 'pci') report(type, `virtio-iommu is a PCI device, not ${type.value}`, "IOMMU device: 'virtio' needs a PCI address");
      }
    }
  },
});
