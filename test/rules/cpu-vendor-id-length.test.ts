import rule from '#rules/cpu-vendor-id-length.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const HOST_PASSTHROUGH = `  <cpu mode='host-passthrough' check='none' migratable='on'>
    <topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>
  </cpu>`;

const withCpu = (cpu: string) => {
  const xml = domain('');
  if (!xml.includes(HOST_PASSTHROUGH)) throw new Error('domain() changed its <cpu>');
  return xml.replace(HOST_PASSTHROUGH, cpu);
};

const custom = (vendor: string) =>
  withCpu(`  <cpu mode='custom' match='exact' check='partial'>
    <model fallback='allow' vendor_id='${vendor}'>Skylake-Client</model>
    <topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>
  </cpu>`);

const hostPassthrough = withCpu(`  <cpu mode='host-passthrough' check='none'>
    <model vendor_id='KVMKVMKVM'/>
    <topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>
  </cpu>`);

testRule(rule, {
  valid: [
    { name: 'GenuineIntel (12 characters)', xml: custom('GenuineIntel') },
    { name: 'AuthenticAMD (12 characters)', xml: custom('AuthenticAMD') },
    { name: 'host-passthrough: libvirt does not read vendor_id', xml: hostPassthrough },
    { name: 'maximum: libvirt does not read vendor_id', xml: hostPassthrough.replace("mode='host-passthrough'", "mode='maximum'") },
  ],
  invalid: [
    {
      name: 'a vendor_id of 9 characters, at the attribute',
      xml: custom('KVMKVMKVM'),
      errors: [
        {
          messageId: 'wrongLength',
          data: { value: 'KVMKVMKVM', length: 9, unit: 'characters' },
          line: 17,
          column: 29,
          endLine: 17,
          endColumn: 50,
          severity: 'error',
          message:
            "CPU vendor_id 'KVMKVMKVM' is 9 characters long: libvirt refuses it: \"vendor_id must be exactly 12 characters long\". Use a 12-character CPUID vendor string such as 'GenuineIntel' or 'AuthenticAMD', or remove the attribute. (The Hyper-V vendor ID is <features><hyperv><vendor_id>.)",
        },
      ],
    },
    {
      name: 'a vendor_id of 13 characters',
      xml: custom('GenuineIntel1'),
      errors: [{ messageId: 'wrongLength', data: { value: 'GenuineIntel1', length: 13, unit: 'characters' }, line: 17, column: 29 }],
    },
    {
      name: '12 characters but 13 bytes: libvirt counts bytes',
      xml: custom('GenuineIntél'),
      errors: [{ messageId: 'wrongLength', data: { value: 'GenuineIntél', length: 13, unit: 'bytes' }, line: 17, column: 29 }],
    },
    {
      name: 'a comma in a 12-character value',
      xml: custom('Genuine,ntel'),
      errors: [
        {
          messageId: 'comma',
          data: { value: 'Genuine,ntel' },
          line: 17,
          column: 29,
          message: 'CPU vendor_id \'Genuine,ntel\' contains a comma, which cannot be passed to QEMU: libvirt refuses it: "vendor id is invalid". Remove the comma.',
        },
      ],
    },
    {
      name: 'a <cpu> without mode is custom and checked',
      xml: custom('KVMKVMKVM').replace("<cpu mode='custom' match='exact'", "<cpu match='exact'"),
      errors: [{ messageId: 'wrongLength', data: { value: 'KVMKVMKVM', length: 9, unit: 'characters' }, line: 17, column: 29 }],
    },
  ],
});
