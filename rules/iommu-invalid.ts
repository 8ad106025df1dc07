import { defineRule } from '#engine/rule.js';
import { isQ35, isQemuDomain } from '#domain/machine.js';
import { isArmVirt } from '#domain/platform.js';

/** The common tail of every message: libvirt's own words. */
const refuses = (libvirt: string) => `: libvirt refuses it: "${libvirt}".`;

export default defineRule({
  meta: {
    id: 'iommu-invalid',
    description: 'An <iommu> on a machine that cannot have it, or with options its model does not take',
    severity: 'error',
    category: 'passthrough',
    fixable: false,
    messages: {
      driverOptionsUnsupported: 'The <driver> options are Intel VT-d settings; a {{model}} IOMMU takes none' + refuses("iommu model '{{model}}' doesn't support additional attributes"),
      addressUnsupported: 'The {{model}} IOMMU is part of the machine and has no address' + refuses("iommu model '{{model}}' can't have address"),
      eimWithoutIntremap: "eim (x2APIC extended interrupt mode) needs intremap='on'" + refuses('IOMMU eim requires interrupt remapping to be enabled'),
      intremapWithKernelIoapic: "Interrupt remapping needs the split I/O APIC (ioapic driver='qemu')" + refuses("IOMMU interrupt remapping requires split I/O APIC (ioapic driver='qemu')"),
      intelNotQ35: 'The Intel IOMMU (VT-d) exists only on q35 machines' + refuses("IOMMU device: 'intel' is only supported with Q35 machines"),
      smmuv3NotArmVirt: 'SMMUv3 exists only on ARM virt machines' + refuses("IOMMU device: 'smmuv3' is only supported with ARM Virt machines"),
      virtioWrongMachine: 'virtio-iommu needs a q35 or ARM virt machine' + refuses("IOMMU device: 'virtio' is only supported with Q35 and ARM Virt machines"),
      virtioWithoutAcpi: 'virtio-iommu is described to the guest through ACPI, and <features><acpi/> is missing' + refuses("IOMMU device: 'virtio' requires ACPI"),
      virtioNotPci: 'virtio-iommu is a PCI device, not {{type}}' + refuses("IOMMU device: 'virtio' needs a PCI address"),
    },
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
    for (const iommu of domain.select('devices/iommu')) {
      const modelAttr = iommu.attribute('model');
      const model = modelAttr?.value ?? '';
      const address = iommu.childrenNamed('address')[0];
      const driver = iommu.child('driver');
      if ((model === 'smmuv3' || model === 'virtio') && driver && driver.attributes.length > 0) {
        context.report({ at: driver, messageId: 'driverOptionsUnsupported', data: { model } });
      }
      if ((model === 'intel' || model === 'smmuv3') && address) context.report({ at: address, messageId: 'addressUnsupported', data: { model } });
      if (driver?.attr('eim') === 'on' && driver.attr('intremap') !== 'on') {
        context.report({ at: driver.attribute('eim')!, messageId: 'eimWithoutIntremap' });
      }
      const ioapic = domain.first('features/ioapic');
      if (driver?.attr('intremap') === 'on' && ioapic && ioapic.attr('driver') === 'kvm') {
        context.report({ at: ioapic, messageId: 'intremapWithKernelIoapic' });
      }
      if (!qemu || !modelAttr) continue;
      if (model === 'intel' && !isQ35(domain)) {
        context.report({ at: modelAttr, messageId: 'intelNotQ35' });
      } else if (model === 'smmuv3' && !isArmVirt(domain)) {
        context.report({ at: modelAttr, messageId: 'smmuv3NotArmVirt' });
      } else if (model === 'virtio') {
        if (!isQ35(domain) && !isArmVirt(domain)) {
          context.report({ at: modelAttr, messageId: 'virtioWrongMachine' });
        } else if (!domain.first('features/acpi')) {
          context.report({ at: modelAttr, messageId: 'virtioWithoutAcpi' });
        }
        const type = address?.attribute('type');
        if (type && type.value !== 'pci') context.report({ at: type, messageId: 'virtioNotPci', data: { type: type.value } });
      }
    }
  },
});
