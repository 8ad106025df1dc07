import { defineRule } from '#engine/rule.js';
import { isQemuDomain } from '#domain/machine.js';
import { isArmVirt, isLoongArchVirt, isPSeries, isRiscvVirt, isS390 } from '#domain/platform.js';

export default defineRule({
  meta: {
    id: 'serial-target-incompatible',
    description: 'A <serial> target type or model that only exists on another platform (spapr-vio on pSeries, pl011 on ARM virt, 16550a on RISC-V / LoongArch virt, sclp on s390)',
    severity: 'error',
    category: 'correctness',
    fixable: false,
    messages: {
      wrongPlatform:
        'This guest\'s machine has no \'{{model}}\' serial device: libvirt refuses it: "Serial device with target type \'{{type}}\' and target model \'{{model}}\' not compatible with guest architecture or machine type". Use the machine\'s own serial device (isa-serial on x86).',
    },
    docs: {
      whatItDoes:
        "Reports `<serial><target type='spapr-vio-serial'>` or `<model name='spapr-vty'>` off pSeries, `<model name='pl011'>` off ARM virt, `<model name='16550a'>` off RISC-V and LoongArch virt and `sclp-serial` / `sclpconsole` / `sclplmconsole` off s390. QEMU driver only.",
      whyIsThisBad:
        'Each of these serial devices is built into one machine family. `virsh define` fails with "Serial device with target type \'spapr-vio-serial\' and target model \'spapr-vty\' not compatible with guest architecture or machine type".',
      example: `<serial type='pty'>
  <target type='system-serial'>
    <model name='pl011'/>
  </target>
</serial>`,
      useInstead: `<serial type='pty'>
  <target type='isa-serial' port='0'>
    <model name='isa-serial'/>
  </target>
</serial>`,
      fixSafety: 'No fix: the right serial device depends on the machine.',
      sources: ['libvirt 11.3 src/qemu/qemu_validate.c qemuValidateDomainChrDef: "Serial device with target type \'%1$s\' and target model \'%2$s\' not compatible with guest architecture or machine type"', 'libvirt 11.3 src/qemu/qemu_postparse.c qemuDomainChrDefPostParse (default target models: 16550a on RISC-V and LoongArch virt)'],
    },
  },
  create(context) {
    const { domain } = context;
    if (!isQemuDomain(domain)) return;
    for (const serial of domain.select('devices/serial')) {
      const target = serial.child('target');
      if (!target) continue;
      const type = target.attr('type');
      const modelEl = target.child('model');
      let model = modelEl?.attr('name');
      if (!model && type === 'spapr-vio-serial') model = 'spapr-vty';
      if (!model && type === 'sclp-serial') model = 'sclpconsole';
      let ok = true;
      if (type === 'spapr-vio-serial' || model === 'spapr-vty') ok = isPSeries(domain);
      else if (model === 'pl011') ok = isArmVirt(domain);
      else if (model === '16550a') ok = isRiscvVirt(domain) || isLoongArchVirt(domain);
      else if (type === 'sclp-serial' || model === 'sclpconsole' || model === 'sclplmconsole') ok = isS390(domain);
      if (ok || !type || !model) continue;
      context.report({ at: modelEl ?? target, messageId: 'wrongPlatform', data: { model, type } });
    }
  },
});
