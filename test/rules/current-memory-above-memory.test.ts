import rule from '#rules/current-memory-above-memory.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const base = domain('');
const currentMemory = (element: string) => base.replace("<currentMemory unit='KiB'>16777216</currentMemory>", element);
const edited = base.replace("<memory unit='KiB'>16777216</memory>", "<memory unit='GiB'>8</memory>");

testRule(rule, {
  valid: [
    { name: 'equal sizes in different units', xml: currentMemory("<currentMemory unit='GiB'>16</currentMemory>") },
    { name: 'a smaller balloon target', xml: currentMemory("<currentMemory unit='GiB'>4</currentMemory>") },
    // `virsh define` refuses '16 ' ("Invalid value '16777216 '..."): nothing is lowered silently.
    { name: 'a size libvirt refuses (trailing space) is not compared', xml: edited.replace('16777216</currentMemory>', '16777216 </currentMemory>') },
  ],
  invalid: [
    {
      name: 'a warning at <currentMemory>; --fix writes the <memory> value and unit into it',
      xml: edited,
      errors: [
        {
          messageId: 'aboveMemory',
          data: { current: '16 GiB', memory: '8 GiB' },
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 29,
          severity: 'warning',
          message:
            '<currentMemory> (16 GiB) is larger than <memory> (8 GiB): libvirt silently lowers it to 8 GiB. Set <currentMemory> to at most <memory>, or raise <memory> if the guest should have more.',
        },
      ],
      output: edited.replace("<currentMemory unit='KiB'>16777216</currentMemory>", "<currentMemory unit='GiB'>8</currentMemory>"),
    },
    {
      // virScaleInteger: an empty unit is the default scale (`virsh define` reads <memory unit=''>1024</memory> as 1024 KiB).
      name: "unit='' is KiB",
      xml: base.replace("<memory unit='KiB'>16777216</memory>", "<memory unit=''>8388608</memory>"),
      errors: [{ messageId: 'aboveMemory', data: { current: '16 GiB', memory: '8 GiB' }, line: 5, column: 3 }],
      output: base.replace("<memory unit='KiB'>16777216</memory>", "<memory unit=''>8388608</memory>").replace("<currentMemory unit='KiB'>16777216</currentMemory>", "<currentMemory unit=''>8388608</currentMemory>"),
    },
    {
      name: 'keeps double quotes',
      xml: edited.replace(/'/g, '"'),
      errors: [{ messageId: 'aboveMemory', data: { current: '16 GiB', memory: '8 GiB' }, line: 5, column: 3 }],
      output: edited.replace(/'/g, '"').replace('<currentMemory unit="KiB">16777216</currentMemory>', '<currentMemory unit="GiB">8</currentMemory>'),
    },
  ],
});
