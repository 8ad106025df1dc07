import rule from '#rules/shmem-size-invalid.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const shmem = (size: string) =>
  domain(`<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  ${size}
</shmem>`);

testRule(rule, {
  valid: ["<size unit='M'>32</size>", "<size unit='MiB'>1</size>", "<size unit='G'>1</size>", "<size unit='KiB'>65536</size>", '<size>33554432</size>'].map((size) => ({
    name: `a power of two of at least 1 MiB: ${size}`,
    xml: shmem(size),
  })),
  invalid: [
    {
      name: 'a size that is not a power of two, at <size>; rounding up is only a suggestion',
      xml: shmem("<size unit='M'>48</size>"),
      errors: [
        {
          messageId: 'notPowerOfTwo',
          data: { name: 'looking-glass', size: '48 MiB', target: '64 MiB' },
          line: 26,
          column: 7,
          endLine: 26,
          endColumn: 22,
          severity: 'error',
          message:
            "<shmem name='looking-glass'> size 48 MiB is not a power of two; libvirt refuses it: \"shmem size must be a power of 2 and at least 1 MiB (1024 KiB)\". Use 64 MiB.",
          suggestions: [{ title: 'Set the size to 64 MiB', output: shmem("<size unit='M'>64</size>") }],
        },
      ],
      output: null,
      unsafeOutput: shmem("<size unit='M'>64</size>"),
    },
    {
      name: 'a size below 1 MiB (libvirt test shmem-small-size: 16 KiB), rounded up in its own unit',
      xml: shmem("<size unit='K'>16</size>"),
      errors: [
        {
          messageId: 'belowMinimum',
          data: { name: 'looking-glass', size: '16 KiB', target: '1 MiB' },
          line: 26,
          column: 7,
          message:
            "<shmem name='looking-glass'> size 16 KiB is below 1 MiB; libvirt refuses it: \"shmem size must be a power of 2 and at least 1 MiB (1024 KiB)\". Use 1 MiB.",
          suggestions: [{ output: shmem("<size unit='K'>1024</size>") }],
        },
      ],
      output: null,
    },
    {
      name: 'reads the unit like libvirt (12345 KiB from shmem-invalid-size)',
      xml: shmem("<size unit='K'>12345</size>"),
      errors: [
        {
          messageId: 'notPowerOfTwo',
          data: { name: 'looking-glass', size: '12345 KiB', target: '16 MiB' },
          line: 26,
          column: 7,
          suggestions: [{ output: shmem("<size unit='K'>16384</size>") }],
        },
      ],
      output: null,
    },
    {
      name: 'bytes without a unit; the suggestion writes the size in MiB',
      xml: shmem('<size>33554431</size>'),
      errors: [
        {
          messageId: 'notPowerOfTwo',
          data: { name: 'looking-glass', size: '33554431 bytes', target: '32 MiB' },
          line: 26,
          column: 7,
          suggestions: [{ output: shmem("<size unit='M'>32</size>") }],
        },
      ],
      output: null,
    },
    {
      name: '1000 bytes: below 1 MiB, written in MiB',
      xml: shmem('<size>1000</size>'),
      errors: [
        {
          messageId: 'belowMinimum',
          data: { name: 'looking-glass', size: '1000 bytes', target: '1 MiB' },
          line: 26,
          column: 7,
          suggestions: [{ output: shmem("<size unit='M'>1</size>") }],
        },
      ],
      output: null,
    },
    {
      name: 'a unit the result is not a whole number of (KB = 1000 bytes): rewritten in MiB',
      xml: shmem("<size unit='KB'>1500</size>"),
      errors: [
        {
          messageId: 'notPowerOfTwo',
          data: { name: 'looking-glass', size: '1500 KB (1500000 bytes)', target: '2 MiB' },
          line: 26,
          column: 7,
          suggestions: [{ output: shmem("<size unit='M'>2</size>") }],
        },
      ],
      output: null,
    },
  ],
});
