import { defineRule } from '#engine/rule.js';
import type { XmlElement } from '#engine/tree.js';
import { repeats } from '#domain/repeats.js';

export default defineRule({
  meta: {
    id: 'controller-index-duplicate',
    description: 'Two controllers of one type (other than USB) have the same index',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      duplicate:
        'Another {{type}} controller already has index {{index}}: libvirt refuses it: "Multiple \'{{type}}\' controllers with index \'{{index}}\'". Give each {{type}} controller its own index.',
    },
    docs: {
      whatItDoes: "Reports a `<controller type='T' index='N'>` when an earlier controller of type T already has index N. USB is exempt: USB2 companion controllers share an index by design.",
      whyIsThisBad:
        'The index is how devices name their controller (`<address type=\'pci\' bus=\'0x02\'>` means the PCI controller with index 2). Two with one index make that ambiguous; `virsh define` fails with "Multiple \'pci\' controllers with index \'2\'". It happens when pcie-root-port blocks are copied to add more ports.',
      example: `<controller type='pci' index='5' model='pcie-root-port'>
  <target chassis='5' port='0x14'/>
</controller>
<controller type='pci' index='5' model='pcie-root-port'>
  <target chassis='6' port='0x15'/>
</controller>`,
      useInstead: `<controller type='pci' index='5' model='pcie-root-port'>
  <target chassis='5' port='0x14'/>
</controller>
<controller type='pci' index='6' model='pcie-root-port'>
  <target chassis='6' port='0x15'/>
</controller>`,
      fixSafety: 'No fix: devices may refer to the index, so renumbering is yours to do.',
      sources: ['libvirt 11.3 src/conf/domain_postparse.c virDomainDefRejectDuplicateControllers: "Multiple \'%1$s\' controllers with index \'%2$d\'" ("multiple USB controllers with the same index are allowed")'],
    },
  },
  create(context) {
    const typeAndIndex = (controller: XmlElement) => {
      const type = controller.attr('type');
      const index = controller.attr('index')?.trim();
      return !type || type === 'usb' || index === undefined || !/^\d+$/.test(index) ? undefined : `${type}:${Number(index)}`;
    };
    for (const { item: controller } of repeats(context.domain.select('devices/controller'), typeAndIndex)) {
      const type = controller.attr('type')!;
      const indexAttr = controller.attribute('index')!;
      context.report({ at: indexAttr, messageId: 'duplicate', data: { type, index: Number(indexAttr.value) } });
    }
  },
});
