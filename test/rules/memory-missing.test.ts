import rule from '#rules/memory-missing.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const base = domain(`<disk type='file' device='disk'>
  <source file='/var/lib/libvirt/images/win11.qcow2'/>
  <target dev='vda' bus='virtio'/>
</disk>`);
const noMemory = base.replace("  <memory unit='KiB'>16777216</memory>\n", '').replace("  <currentMemory unit='KiB'>16777216</currentMemory>\n", '');
const withNumaCell = (cell: string) =>
  noMemory.replace(
    "    <topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>\n",
    `    <topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>\n    <numa>\n      ${cell}\n    </numa>\n`,
  );

testRule(rule, {
  valid: [
    { name: 'a domain with <memory>', xml: base },
    { name: 'no <memory>, the size given by NUMA cells instead', xml: withNumaCell("<cell id='0' cpus='0-7' memory='16' unit='GiB'/>") },
  ],
  invalid: [
    {
      name: 'no <memory>: at the <domain> start tag',
      xml: noMemory,
      errors: [
        {
          messageId: 'noMemory',
          line: 1,
          column: 1,
          endLine: 1,
          endColumn: 20,
          severity: 'error',
          message:
            'The domain has no <memory> and no NUMA cell gives a size: libvirt refuses it: "Memory size must be specified via <memory> or in the <numa> configuration". Add the guest\'s memory size, e.g. <memory unit=\'GiB\'>4</memory>.',
        },
      ],
    },
    {
      name: 'a <memory> of 0: at the <memory> element',
      xml: base.replace("<memory unit='KiB'>16777216</memory>", "<memory unit='KiB'>0</memory>"),
      errors: [
        {
          messageId: 'zeroMemory',
          line: 4,
          column: 3,
          endLine: 4,
          endColumn: 22,
          message:
            '<memory> is 0 and no NUMA cell gives a size: libvirt refuses it: "Memory size must be specified via <memory> or in the <numa> configuration". Add the guest\'s memory size, e.g. <memory unit=\'GiB\'>4</memory>.',
        },
      ],
    },
    {
      name: 'a NUMA cell of memory 0 gives no size',
      xml: withNumaCell("<cell id='0' cpus='0-7' memory='0' unit='GiB'/>"),
      errors: [{ messageId: 'noMemory', line: 1, column: 1 }],
    },
  ],
});
