import rule from '#rules/lg-kvmfr-size-invalid.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const NS = ` xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'`;
const backend = (value: string) =>
  domain('', {
    rootAttrs: NS,
    extra: `<qemu:commandline>
  <qemu:arg value='-device'/>
  <qemu:arg value='ivshmem-plain,id=shmem0,memdev=looking-glass'/>
  <qemu:arg value='-object'/>
  <qemu:arg value='${value}'/>
</qemu:commandline>`,
  });

testRule(rule, {
  valid: [
    { name: 'a legacy size that is a power of two (64M)', xml: backend('memory-backend-file,id=looking-glass,mem-path=/dev/kvmfr0,size=64M,share=yes') },
    { name: 'a JSON size that is a power of two (128 MiB)', xml: backend('{"qom-type":"memory-backend-file","id":"looking-glass","mem-path":"/dev/kvmfr0","size":134217728,"share":true}') },
    // qemu_strtosz refuses a fraction without a suffix above B: QEMU stops at the size, not at the BAR.
    { name: 'a size QEMU cannot read (1000.5 bytes) is left alone', xml: backend('memory-backend-file,id=looking-glass,mem-path=/dev/kvmfr0,size=1000.5,share=yes') },
    // lookup_opt compares the whole word: ' -object' is no option ("invalid option"), so there is no backend.
    {
      name: 'an -object word with a space before it creates no backend',
      xml: backend('memory-backend-file,id=looking-glass,mem-path=/dev/kvmfr0,size=48M,share=yes').replace("<qemu:arg value='-object'/>", "<qemu:arg value=' -object'/>"),
    },
    { name: 'another memory backend', xml: backend('memory-backend-file,id=mem1,mem-path=/dev/hugepages/vm,size=48M') },
  ],
  invalid: [
    {
      name: 'a legacy size that is not a power of two, at the -object value',
      xml: backend('memory-backend-file,id=looking-glass,mem-path=/dev/kvmfr0,size=48M,share=yes'),
      errors: [
        {
          messageId: 'notPowerOfTwo',
          data: { path: '/dev/kvmfr0', size: '48 MiB', suggested: '64 MiB', suggestedBytes: 67108864, suggestedMiB: 64 },
          line: 30,
          column: 5,
          endLine: 30,
          endColumn: 101,
          severity: 'error',
          message:
            "The Looking Glass memory backend (/dev/kvmfr0) is 48 MiB, not a power of two: QEMU only maps power-of-two PCI BARs, so the VM will not start. Use 64 MiB (67108864 bytes) and set the kvmfr module's static_size_mb to 64.",
        },
      ],
    },
    {
      // do_strtosz: "0x7fEE - hexadecimal".
      name: 'a hexadecimal size (0x3000000 is 48 MiB)',
      xml: backend('memory-backend-file,id=looking-glass,mem-path=/dev/kvmfr0,size=0x3000000,share=yes'),
      errors: [{ messageId: 'notPowerOfTwo', data: { path: '/dev/kvmfr0', size: '48 MiB', suggested: '64 MiB', suggestedBytes: 67108864, suggestedMiB: 64 }, line: 30, column: 5 }],
    },
    {
      name: 'a JSON size in bytes on a /dev/shm/looking-glass backend',
      xml: backend('{"qom-type":"memory-backend-file","id":"looking-glass","mem-path":"/dev/shm/looking-glass","size":50331648,"share":true}'),
      errors: [
        {
          messageId: 'notPowerOfTwo',
          data: { path: '/dev/shm/looking-glass', size: '48 MiB', suggested: '64 MiB', suggestedBytes: 67108864, suggestedMiB: 64 },
          line: 30,
          column: 5,
        },
      ],
    },
  ],
});
