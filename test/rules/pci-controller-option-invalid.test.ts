import rule from '#rules/pci-controller-option-invalid.js';
import { domain, testRule } from '../helpers/rule-tester.js';

/** A pSeries domain; the first controller line is line 10. */
const pseries = (controllers: string) => `<domain type='kvm'>
  <name>power9</name>
  <memory unit='GiB'>4</memory>
  <vcpu>4</vcpu>
  <os>
    <type arch='ppc64' machine='pseries'>hvm</type>
  </os>
  <devices>
    <emulator>/usr/bin/qemu-system-ppc64</emulator>
${controllers}
  </devices>
</domain>
`;
const phb = (index: string, target: string) => pseries(`    <controller type='pci' index='${index}' model='pci-root'>\n      ${target}\n    </controller>`);
/** A pcie-root-port (line 24) whose <target> (line 25) has `targetAttrs`. */
const rootPort = (targetAttrs: string) => domain(`<controller type='pci' index='1' model='pcie-root-port'>\n  <target ${targetAttrs}/>\n</controller>`);

testRule(rule, {
  valid: [
    {
      name: 'a virt-manager q35 controller set',
      xml: domain(`<controller type='pci' index='0' model='pcie-root'/>
<controller type='pci' index='1' model='pcie-root-port'>
  <model name='pcie-root-port'/>
  <target chassis='1' port='0x10'/>
  <address type='pci' domain='0x0000' bus='0x00' slot='0x02' function='0x0' multifunction='on'/>
</controller>`),
    },
    { name: 'a second pSeries host bridge (index 1, target index 1)', xml: phb('1', "<target index='1'/>") },
    { name: 'the highest chassisNr, chassis, port and busNr', xml: rootPort("chassisNr='255' chassis='255' port='0xff' busNr='254'") },
    // libvirt reads index in base 10: index='0x100' is refused when parsed
    // ("Invalid value for attribute 'index' ... Expected integer value"), not
    // by the range check this rule quotes.
    { name: 'an index libvirt cannot read (hex) is left to the parser', xml: domain(`<controller type='pci' index='0x100' model='pcie-root-port'/>`) },
    {
      name: 'a controller whose index libvirt cannot read is not checked further',
      xml: phb('x', "<target index='1'>\n        <node>1</node>\n      </target>"),
    },
    { name: 'a non-zero root index on another driver (xen)', xml: domain(`<controller type='pci' index='7' model='pcie-root'/>`).replace("<domain type='kvm'", "<domain type='xen'") },
  ],
  invalid: [
    {
      name: 'an address on the root controller, at the <address>',
      xml: domain(`<controller type='pci' index='0' model='pcie-root'>
  <address type='pci' domain='0x0000' bus='0x00' slot='0x00' function='0x0'/>
</controller>`),
      errors: [
        {
          messageId: 'rootWithAddress',
          data: { model: 'pcie-root' },
          line: 25,
          column: 7,
          endLine: 25,
          endColumn: 82,
          severity: 'error',
          message: 'The pcie-root controller is the root of the PCI tree and cannot sit at an address: libvirt refuses it: "pci-root and pcie-root controllers should not have an address".',
        },
      ],
    },
    {
      name: 'a non-zero index on an x86 root',
      xml: domain(`<controller type='pci' index='7' model='pcie-root'/>`),
      errors: [
        {
          messageId: 'rootIndexNotZero',
          data: { model: 'pcie-root', index: '7' },
          line: 24,
          column: 28,
          endColumn: 37,
          message: 'A pcie-root controller is always index 0, not 7: libvirt refuses it: "pci-root and pcie-root controllers should have index 0".',
        },
      ],
    },
    {
      name: 'an index above 255',
      xml: domain(`<controller type='pci' index='256' model='pcie-root-port'/>`),
      errors: [
        {
          messageId: 'indexTooHigh',
          data: { index: 256 },
          line: 24,
          column: 28,
          message: 'PCI controller index 256 is above 255: libvirt refuses it: "PCI controller index 256 too high, maximum is 255".',
        },
      ],
    },
    {
      name: "index='0256' is 256 (base 10, not octal)",
      xml: domain(`<controller type='pci' index='0256' model='pcie-root-port'/>`),
      errors: [{ messageId: 'indexTooHigh', data: { index: 256 }, line: 24, column: 28 }],
    },
    {
      name: 'target index 1 on the pSeries default host bridge',
      xml: phb('0', "<target index='1'/>"),
      errors: [
        {
          messageId: 'targetIndexMismatch',
          data: { targetIndex: 1, index: 0 },
          line: 11,
          column: 15,
          endColumn: 24,
          message:
            'Target index 1 on the controller with index 0: only the default host bridge (index 0) has target index 0: libvirt refuses it: "Only the PCI controller with index 0 can have target index 0, and vice versa".',
        },
      ],
    },
    {
      name: 'target index 0 on a second pSeries host bridge',
      xml: phb('2', "<target index='0'/>"),
      errors: [{ messageId: 'targetIndexMismatch', data: { targetIndex: 0, index: 2 }, line: 11, column: 15 }],
    },
    {
      name: 'target index 31',
      xml: phb('2', "<target index='31'/>"),
      errors: [
        {
          messageId: 'targetIndexTooHigh',
          data: { targetIndex: 31 },
          line: 11,
          column: 15,
          message: 'Target index 31 is out of range: libvirt refuses it: "PCI controller target index \'31\' out of range - must be 0-30".',
        },
      ],
    },
    {
      name: 'a NUMA node on the default host bridge',
      xml: phb('0', '<target>\n        <node>0</node>\n      </target>'),
      errors: [
        {
          messageId: 'nodeOnDefaultBridge',
          line: 12,
          column: 9,
          endColumn: 15,
          message: 'The default PCI host bridge (index 0) cannot be tied to a NUMA node: libvirt refuses it: "The PCI controller with index=0 can\'t be associated with a NUMA node".',
        },
      ],
    },
    {
      name: 'a NUMA node the domain does not have',
      xml: phb('1', "<target index='1'>\n        <node>1</node>\n      </target>"),
      errors: [
        {
          messageId: 'nodeMissing',
          data: { node: 1, cells: 0, model: 'pci-root', index: 1 },
          line: 12,
          column: 9,
          message:
            'NUMA node 1 does not exist: the domain has 0 NUMA cell(s): libvirt refuses it: "pci-root with index 1 is configured for a NUMA node (1) not present in the domain\'s <cpu><numa> array (0)".',
        },
      ],
    },
    {
      name: 'a NUMA node written with a leading zero is read in base 10, as libvirt prints it',
      xml: phb('1', "<target index='1'>\n        <node>08</node>\n      </target>"),
      errors: [{ messageId: 'nodeMissing', data: { node: 8, cells: 0, model: 'pci-root', index: 1 }, line: 12, column: 9 }],
    },
    {
      name: 'a port above 255, written in hex: libvirt prints it in decimal',
      xml: rootPort("chassis='1' port='0x100'"),
      errors: [
        {
          messageId: 'optionOutOfRange',
          data: { option: 'port', value: '0x100', number: 256, min: 0, max: 255 },
          line: 25,
          column: 27,
          endColumn: 39,
          message: 'PCI controller port 0x100 is out of range: libvirt refuses it: "PCI controller port \'256\' out of range - must be 0-255".',
        },
      ],
    },
    {
      name: 'chassisNr 0 and busNr 255',
      xml: rootPort("chassisNr='0' busNr='255'"),
      errors: [
        { messageId: 'optionOutOfRange', data: { option: 'chassisNr', value: '0', number: 0, min: 1, max: 255 }, line: 25, column: 15 },
        { messageId: 'optionOutOfRange', data: { option: 'busNr', value: '255', number: 255, min: 1, max: 254 }, line: 25, column: 29 },
      ],
    },
    {
      name: "<target> options are read in base 0: chassis='0400' is octal 256",
      xml: rootPort("chassis='0400'"),
      errors: [{ messageId: 'optionOutOfRange', data: { option: 'chassis', value: '0400', number: 256, min: 0, max: 255 }, line: 25, column: 15 }],
    },
  ],
});
