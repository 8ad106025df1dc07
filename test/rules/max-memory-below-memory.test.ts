import rule from '#rules/max-memory-below-memory.js';
import { domain, testRule } from '../helpers/rule-tester.js';

/** domain() with `max` on line 4, before <memory unit='KiB'>16777216</memory> (16 GiB). */
const withMax = (max: string) => domain('').replace("  <memory unit='KiB'>16777216</memory>\n", `  ${max}\n  <memory unit='KiB'>16777216</memory>\n`);

testRule(rule, {
  valid: [
    { name: 'equal to <memory>, in another unit', xml: withMax("<maxMemory slots='16' unit='GiB'>16</maxMemory>") },
    { name: 'above <memory>', xml: withMax("<maxMemory slots='16' unit='KiB'>33554432</maxMemory>") },
    { name: 'no <maxMemory>', xml: domain('') },
    { name: 'a <maxMemory> of 0', xml: withMax("<maxMemory slots='16' unit='KiB'>0</maxMemory>") },
  ],
  invalid: [
    {
      name: '<maxMemory> below <memory>, comparing scaled sizes',
      xml: withMax("<maxMemory slots='16' unit='GiB'>8</maxMemory>"),
      errors: [
        {
          messageId: 'belowMemory',
          data: { max: '8 GiB', memory: '16 GiB' },
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 36,
          severity: 'error',
          message:
            '<maxMemory> (8 GiB) is smaller than <memory> (16 GiB): libvirt refuses it: "maximum memory size must be equal or greater than the actual memory size". Raise <maxMemory> to at least the memory size, or remove it if you do not use memory hotplug.',
        },
      ],
    },
    {
      name: 'one KiB short',
      xml: withMax("<maxMemory slots='16' unit='KiB'>16777215</maxMemory>"),
      errors: [{ messageId: 'belowMemory', data: { max: '16777215 KiB', memory: '16 GiB' }, line: 4, column: 3 }],
    },
  ],
});
