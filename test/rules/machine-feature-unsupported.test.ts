import rule from '#rules/machine-feature-unsupported.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const X86_TYPE = "<type arch='x86_64' machine='pc-q35-9.1'>hvm</type>";
/** A domain with these <features> (the first on line 12) on x86_64 q35, or on `type` when given. */
const machine = (features: string, type = X86_TYPE) => domain('', { features }).replace(X86_TYPE, type);
const ARM_VIRT = "<type arch='aarch64' machine='virt-9.1'>hvm</type>";
const PSERIES = "<type arch='ppc64' machine='pseries-9.1'>hvm</type>";

testRule(rule, {
  valid: [
    { name: 'x86 features on x86', xml: machine("<acpi/>\n<apic/>\n<ioapic driver='kvm'/>\n<pvspinlock state='on'/>") },
    { name: '<gic> on ARM virt', xml: machine("<acpi/>\n<gic version='3'/>", ARM_VIRT) },
    { name: '<hpt> on pSeries', xml: machine("<hpt resizing='enabled'/>", PSERIES) },
    { name: 'not the QEMU driver', xml: machine("<acpi/>\n<hpt resizing='enabled'/>").replace("<domain type='kvm'>", "<domain type='xen'>") },
  ],
  invalid: [
    {
      name: 'a pSeries feature on x86, at the feature; removing it is only a suggestion',
      xml: machine("<acpi/>\n<apic/>\n<hpt resizing='enabled'/>"),
      errors: [
        {
          messageId: 'notOnMachine',
          data: { feature: 'hpt', arch: 'x86_64', machine: 'pc-q35-9.1' },
          line: 14,
          column: 5,
          endLine: 14,
          endColumn: 30,
          severity: 'error',
          message:
            '<hpt> does not exist on x86_64 \'pc-q35-9.1\': libvirt refuses it: "The \'hpt\' feature is not supported for architecture \'x86_64\' or machine type \'pc-q35-9.1\'". Remove it, or check the architecture and machine type.',
          suggestions: [{ title: 'Remove <hpt>', output: machine('<acpi/>\n<apic/>') }],
        },
      ],
      output: null,
      unsafeOutput: machine('<acpi/>\n<apic/>'),
    },
    {
      name: '<gic> off ARM virt',
      xml: machine("<acpi/>\n<gic version='3'/>"),
      errors: [{ messageId: 'notOnMachine', data: { feature: 'gic', arch: 'x86_64', machine: 'pc-q35-9.1' }, line: 13, column: 5, suggestions: [{ output: machine('<acpi/>') }] }],
      output: null,
    },
    {
      name: '<ioapic> and <pvspinlock> off x86: one diagnostic each',
      xml: machine("<acpi/>\n<ioapic driver='kvm'/>\n<pvspinlock state='on'/>", ARM_VIRT),
      errors: [
        { messageId: 'notOnMachine', data: { feature: 'ioapic', arch: 'aarch64', machine: 'virt-9.1' }, line: 13, column: 5, suggestions: [{ output: machine("<acpi/>\n<pvspinlock state='on'/>", ARM_VIRT) }] },
        { messageId: 'notOnMachine', data: { feature: 'pvspinlock', arch: 'aarch64', machine: 'virt-9.1' }, line: 14, column: 5, suggestions: [{ output: machine("<acpi/>\n<ioapic driver='kvm'/>", ARM_VIRT) }] },
      ],
      output: null,
      unsafeOutput: machine('<acpi/>', ARM_VIRT),
    },
  ],
});
