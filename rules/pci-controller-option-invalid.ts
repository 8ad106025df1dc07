import { defineRule } from '#engine/rule.js';
import { isPSeries, parseInteger, rawText } from '#domain/platform.js';
import { isQemuDomain } from '#domain/machine.js';

const RANGES: { attr: string; min: number; max: number; label: string }[] = [
  { attr: 'chassisNr', min: 1, max: 255, label: 'chassisNr' },
  { attr: 'chassis', min: 0, max: 255, label: 'chassis' },
  { attr: 'port', min: 0, max: 255, label: 'port' },
  { attr: 'busNr', min: 1, max: 254, label: 'busNr' },
];

export default defineRule({
  meta: {
    id: 'pci-controller-option-invalid',
    description: 'A PCI controller option libvirt refuses: root controller with an address or a non-zero index, target index, NUMA node, chassis, port or busNr out of range',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      rootWithAddress:
        'The {{model}} controller is the root of the PCI tree and cannot sit at an address: libvirt refuses it: "pci-root and pcie-root controllers should not have an address".',
      rootIndexNotZero: 'A {{model}} controller is always index 0, not {{index}}: libvirt refuses it: "pci-root and pcie-root controllers should have index 0".',
      indexTooHigh: 'PCI controller index {{index}} is above 255: libvirt refuses it: "PCI controller index {{index}} too high, maximum is 255".',
      targetIndexTooHigh: 'Target index {{targetIndex}} is out of range: libvirt refuses it: "PCI controller target index \'{{targetIndex}}\' out of range - must be 0-30".',
      targetIndexMismatch:
        'Target index {{targetIndex}} on the controller with index {{index}}: only the default host bridge (index 0) has target index 0: libvirt refuses it: "Only the PCI controller with index 0 can have target index 0, and vice versa".',
      nodeOnDefaultBridge:
        'The default PCI host bridge (index 0) cannot be tied to a NUMA node: libvirt refuses it: "The PCI controller with index=0 can\'t be associated with a NUMA node".',
      nodeMissing:
        'NUMA node {{node}} does not exist: the domain has {{cells}} NUMA cell(s): libvirt refuses it: "{{model}} with index {{index}} is configured for a NUMA node ({{node}}) not present in the domain\'s <cpu><numa> array ({{cells}})".',
      optionOutOfRange:
        'PCI controller {{option}} {{value}} is out of range: libvirt refuses it: "PCI controller {{option}} \'{{number}}\' out of range - must be {{min}}-{{max}}".',
    },
    docs: {
      whatItDoes:
        "Checks `<controller type='pci'>` elements the way libvirt's generic validation does: `pci-root` / `pcie-root` must not have an `<address>` and (QEMU driver, except pSeries host bridges) must have index 0; the index must be at most 255; `<target index>` must be 0-30 and 0 exactly for the controller with index 0; a `<target><node>` is not allowed on index 0 and must name an existing NUMA cell; `chassisNr` 1-255, `chassis` and `port` 0-255, `busNr` 1-254.",
      whyIsThisBad:
        'These values describe the emulated PCI topology; out-of-range values cannot be built. `virsh define` fails with messages such as "pci-root and pcie-root controllers should not have an address" or "PCI controller target index \'31\' out of range - must be 0-30".',
      example: `<controller type='pci' index='0' model='pci-root'>
  <address type='pci' domain='0x0000' bus='0x00' slot='0x00' function='0x0'/>
</controller>`,
      useInstead: `<controller type='pci' index='0' model='pci-root'/>`,
      fixSafety: 'No fix: the intended topology is unknown.',
      sources: [
        'libvirt 11.3 src/conf/domain_validate.c virDomainControllerDefValidate ("pci-root and pcie-root controllers should not have an address", "PCI controller index %1$d too high, maximum is 255", "PCI controller target index \'%1$d\' out of range - must be 0-30", "Only the PCI controller with index 0 can have target index 0, and vice versa", chassisNr/chassis/port/busNr ranges, "The PCI controller with index=0 can\'t be associated with a NUMA node")',
        'libvirt 11.3 src/qemu/qemu_postparse.c qemuDomainControllerDefPostParse: "pci-root and pcie-root controllers should have index 0" (pSeries excepted), "%1$s with index %2$d is configured for a NUMA node (%3$d) not present in the domain\'s <cpu><numa> array (%4$zu)"',
        'libvirt tests qemuxmlconfdata/pci-root-address.xml, pci-root-nonzero-index.xml, pseries-phb-invalid-target-index-{1,2,3}.xml, pseries-default-phb-numa-node.xml',
      ],
    },
  },
  create(context) {
    const { domain } = context;
    const pseries = isPSeries(domain);
    for (const c of domain.select('devices/controller')) {
      if (c.attr('type') !== 'pci') continue;
      const model = c.attr('model') ?? '';
      const root = model === 'pci-root' || model === 'pcie-root';
      // libvirt reads index in base 10 and refuses a negative one (virXMLPropInt,
      // VIR_XML_PROP_NONNEGATIVE): index='010' is 10; with an unreadable index
      // the controller never gets to these checks.
      const indexAttr = c.attribute('index');
      const index = parseInteger(indexAttr?.value ?? '0', 10);
      if (index === undefined || index < 0) continue;
      const target = c.child('target');
      // <target> attributes are read in base 0 (chassis='010' is 8).
      const targetIndexAttr = target?.attribute('index');
      const targetIndex = parseInteger(targetIndexAttr?.value, 0);
      if (root) {
        const address = c.childrenNamed('address')[0];
        if (address) context.report({ at: address, messageId: 'rootWithAddress', data: { model } });
        if (indexAttr && index !== 0 && !pseries && isQemuDomain(domain)) {
          context.report({ at: indexAttr, messageId: 'rootIndexNotZero', data: { model, index: indexAttr.value } });
        }
      }
      if (indexAttr && index > 255) context.report({ at: indexAttr, messageId: 'indexTooHigh', data: { index } });
      if (targetIndexAttr && targetIndex !== undefined && targetIndex >= 0) {
        if (targetIndex > 30) {
          context.report({ at: targetIndexAttr, messageId: 'targetIndexTooHigh', data: { targetIndex } });
        } else if ((index === 0) !== (targetIndex === 0)) {
          context.report({ at: targetIndexAttr, messageId: 'targetIndexMismatch', data: { targetIndex, index } });
        }
      }
      const node = target?.child('node');
      // <node> is a decimal int (`virsh define`: <node>08</node> is 8, '0x1' and '1 ' are refused).
      const nodeNumber = node && parseInteger(rawText(node), 10);
      if (node && nodeNumber !== undefined && nodeNumber >= 0) {
        const cells = domain.select('cpu/numa/cell').length;
        if (index === 0) {
          context.report({ at: node, messageId: 'nodeOnDefaultBridge' });
        } else if (nodeNumber >= cells && isQemuDomain(domain)) {
          context.report({ at: node, messageId: 'nodeMissing', data: { node: nodeNumber, cells, model, index } });
        }
      }
      for (const r of RANGES) {
        const attr = target?.attribute(r.attr);
        const v = parseInteger(attr?.value, 0);
        if (!attr || v === undefined || v < 0 || (v >= r.min && v <= r.max)) continue;
        context.report({ at: attr, messageId: 'optionOutOfRange', data: { option: r.label, value: attr.value, number: v, min: r.min, max: r.max } });
      }
    }
  },
});
