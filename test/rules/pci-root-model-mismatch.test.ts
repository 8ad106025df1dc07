import rule from '#rules/pci-root-model-mismatch.js';
import { domain, testRule } from '../helpers/rule-tester.js';

// An i440fx VM switched to q35 without redoing the PCI controllers.
const switched = domain(`<controller type='pci' index='0' model='pci-root'/>`);
const i440fx = (xml: string) => xml.replace("machine='pc-q35-9.1'", "machine='pc-i440fx-9.1'");
const armVirt = (xml: string) => xml.replace("arch='x86_64' machine='pc-q35-9.1'", "arch='aarch64' machine='virt-9.1'");
const i440fxWithPcieRoot = i440fx(domain(`<controller type='pci' index='0' model='pcie-root'/>`));
const expander = (root: string, model: string) =>
  domain(`<controller type='pci' index='0' model='${root}'/>
<controller type='pci' index='1' model='${model}'>
  <target busNr='254'/>
</controller>`);

testRule(rule, {
  valid: [
    { name: 'pcie-root on q35', xml: switched.replace("model='pci-root'", "model='pcie-root'") },
    { name: 'pci-root on i440fx', xml: i440fx(switched) },
    { name: 'pcie-expander-bus on q35', xml: expander('pcie-root', 'pcie-expander-bus') },
    { name: 'pci-expander-bus on i440fx', xml: i440fx(expander('pci-root', 'pci-expander-bus')) },
    // libvirt's qemuDomainMachineIsI440FX counts RHEL's downstream names (STRPREFIX "pc-i440", "rhel").
    { name: 'pci-expander-bus on the RHEL i440fx machine pc-i440fx-rhel7.6.0', xml: expander('pci-root', 'pci-expander-bus').replace("machine='pc-q35-9.1'", "machine='pc-i440fx-rhel7.6.0'") },
    { name: 'outside the QEMU driver', xml: switched.replace("<domain type='kvm'>", "<domain type='xen'>") },
  ],
  invalid: [
    {
      name: "index='00' is the root controller too (base 10)",
      xml: switched.replace("index='0'", "index='00'"),
      errors: [
        {
          messageId: 'wrongRootModel',
          data: { family: 'q35', wanted: 'pcie-root', model: 'pci-root' },
          line: 24,
          column: 39,
          suggestions: [{ output: switched.replace("index='0' model='pci-root'", "index='00' model='pcie-root'") }],
        },
      ],
      output: null,
    },
    {
      name: 'pci-root on q35, at the model attribute; the right model is only a suggestion',
      xml: switched,
      errors: [
        {
          messageId: 'wrongRootModel',
          data: { family: 'q35', wanted: 'pcie-root', model: 'pci-root' },
          line: 24,
          column: 38,
          endLine: 24,
          endColumn: 54,
          severity: 'error',
          message:
            'The PCI controller with index 0 of a q35 machine must be a pcie-root, not pci-root: libvirt refuses it: "The PCI controller with index=\'0\' must be model=\'pcie-root\' for this machine type, but model=\'pci-root\' was found instead". Use model=\'pcie-root\' (after a machine change, let libvirt rebuild the PCI controllers and addresses).',
          suggestions: [{ title: "Set model='pcie-root'", output: switched.replace("model='pci-root'", "model='pcie-root'") }],
        },
      ],
      output: null,
      unsafeOutput: switched.replace("model='pci-root'", "model='pcie-root'"),
    },
    {
      name: 'pcie-root on i440fx',
      xml: i440fxWithPcieRoot,
      errors: [
        {
          messageId: 'wrongRootModel',
          data: { family: 'i440fx', wanted: 'pci-root', model: 'pcie-root' },
          line: 24,
          column: 38,
          suggestions: [{ output: i440fxWithPcieRoot.replace("model='pcie-root'", "model='pci-root'") }],
        },
      ],
      output: null,
    },
    {
      name: 'pci-root on an aarch64 virt machine',
      xml: armVirt(switched),
      errors: [
        {
          messageId: 'wrongRootModel',
          data: { family: 'aarch64 virt', wanted: 'pcie-root', model: 'pci-root' },
          line: 24,
          column: 38,
          suggestions: [{ output: armVirt(switched).replace("model='pci-root'", "model='pcie-root'") }],
        },
      ],
      output: null,
    },
    {
      name: 'pci-expander-bus on q35, without a fix',
      xml: expander('pcie-root', 'pci-expander-bus'),
      errors: [
        {
          messageId: 'pciExpanderBusUnsupported',
          line: 25,
          column: 38,
          endColumn: 62,
          message:
            'pci-expander-bus exists only on i440fx machines: libvirt refuses it: "pci-expander-bus controllers are only supported on 440fx-based machinetypes". Use pcie-expander-bus on q35.',
        },
      ],
      output: null,
    },
    {
      name: 'pcie-expander-bus on i440fx, without a fix',
      xml: i440fx(expander('pci-root', 'pcie-expander-bus')),
      errors: [
        {
          messageId: 'pcieExpanderBusUnsupported',
          line: 25,
          column: 38,
          message:
            'pcie-expander-bus exists only on q35 and ARM virt machines: libvirt refuses it: "pcie-expander-bus controllers are not supported with this machine type". Use pci-expander-bus on i440fx.',
        },
      ],
      output: null,
    },
  ],
});
