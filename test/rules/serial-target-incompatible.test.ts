import rule from '#rules/serial-target-incompatible.js';
import { domain, testRule } from '../helpers/rule-tester.js';

/** A serial port whose <target> is on line 25 (its <model>, when given, on line 26). */
const serial = (target: string) => domain(`<serial type='pty'>\n  ${target}\n</serial>`);
const withModel = (type: string, model: string) => serial(`<target type='${type}' port='0'>\n    <model name='${model}'/>\n  </target>`);
const onMachine = (xml: string, arch: string, machine: string) => xml.replace("arch='x86_64' machine='pc-q35-9.1'", `arch='${arch}' machine='${machine}'`);

testRule(rule, {
  valid: [
    { name: 'the ISA serial port virt-manager writes', xml: withModel('isa-serial', 'isa-serial') },
    { name: 'pl011 on ARM virt', xml: onMachine(withModel('system-serial', 'pl011'), 'aarch64', 'virt') },
    { name: 'spapr-vio-serial on pSeries', xml: onMachine(serial("<target type='spapr-vio-serial'/>"), 'ppc64', 'pseries') },
    { name: '16550a on RISC-V virt', xml: onMachine(withModel('system-serial', '16550a'), 'riscv64', 'virt') },
    { name: 'a target without type', xml: serial("<target port='0'/>") },
    { name: 'another driver (xen)', xml: withModel('system-serial', 'pl011').replace("<domain type='kvm'", "<domain type='xen'") },
  ],
  invalid: [
    {
      name: 'an ARM pl011 serial on x86, at its <model>',
      xml: withModel('system-serial', 'pl011'),
      errors: [
        {
          messageId: 'wrongPlatform',
          data: { model: 'pl011', type: 'system-serial' },
          line: 26,
          column: 9,
          endLine: 26,
          endColumn: 30,
          severity: 'error',
          message:
            'This guest\'s machine has no \'pl011\' serial device: libvirt refuses it: "Serial device with target type \'system-serial\' and target model \'pl011\' not compatible with guest architecture or machine type". Use the machine\'s own serial device (isa-serial on x86).',
        },
      ],
    },
    {
      name: 'spapr-vio-serial without a model is taken as spapr-vty, at the <target>',
      xml: serial("<target type='spapr-vio-serial'/>"),
      errors: [{ messageId: 'wrongPlatform', data: { model: 'spapr-vty', type: 'spapr-vio-serial' }, line: 25, column: 7, endColumn: 40 }],
    },
    {
      name: 'sclp-serial without a model is taken as sclpconsole',
      xml: serial("<target type='sclp-serial'/>"),
      errors: [{ messageId: 'wrongPlatform', data: { model: 'sclpconsole', type: 'sclp-serial' }, line: 25, column: 7 }],
    },
    {
      name: '16550a on ARM virt',
      xml: onMachine(withModel('system-serial', '16550a'), 'aarch64', 'virt'),
      errors: [{ messageId: 'wrongPlatform', data: { model: '16550a', type: 'system-serial' }, line: 26, column: 9 }],
    },
  ],
});
