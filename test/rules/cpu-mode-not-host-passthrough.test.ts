import rule from '#rules/cpu-mode-not-host-passthrough.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const GPU = `<hostdev mode='subsystem' type='pci' managed='yes'>
  <source>
    <address domain='0x0000' bus='0x0b' slot='0x00' function='0x0'/>
  </source>
</hostdev>`;
const LG_SHMEM = `<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`;
const HOST_PASSTHROUGH = "  <cpu mode='host-passthrough' check='none' migratable='on'>\n    <topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>\n  </cpu>\n";
const withCpu = (devices: string, cpu: string) => {
  const xml = domain(devices);
  if (!xml.includes(HOST_PASSTHROUGH)) throw new Error('domain() changed its <cpu>');
  return xml.replace(HOST_PASSTHROUGH, cpu);
};
const hostModel = withCpu(GPU, "  <cpu mode='host-model' check='partial'/>\n");

testRule(rule, {
  valid: [
    { name: 'host-passthrough on a GPU passthrough VM', xml: domain(GPU) },
    { name: "mode='maximum'", xml: withCpu(GPU, "  <cpu mode='maximum' check='none'/>\n") },
    { name: 'a VM without passthrough or Looking Glass', xml: withCpu('', "  <cpu mode='host-model' check='partial'/>\n") },
  ],
  invalid: [
    {
      name: 'host-model on a GPU passthrough VM, at the mode attribute',
      xml: hostModel,
      errors: [
        {
          messageId: 'notHostPassthrough',
          data: { mode: 'host-model', vm: 'GPU passthrough' },
          line: 16,
          column: 8,
          endLine: 16,
          endColumn: 25,
          severity: 'info',
          message:
            "<cpu mode='host-model'> on a GPU passthrough VM: Looking Glass's tuning guide recommends mode='host-passthrough' so the guest sees all of the host CPU's features.",
        },
      ],
    },
    {
      name: "a <cpu> without mode is custom, reported at the element",
      xml: withCpu(GPU, "  <cpu match='exact'>\n    <model fallback='allow'>Skylake-Client</model>\n  </cpu>\n"),
      errors: [{ messageId: 'notHostPassthrough', data: { mode: 'custom', vm: 'GPU passthrough' }, line: 16, column: 3, endColumn: 22 }],
    },
    {
      name: 'no <cpu> element, at the <domain> start tag',
      xml: withCpu(GPU, ''),
      errors: [
        {
          messageId: 'noCpu',
          data: { vm: 'GPU passthrough' },
          line: 1,
          column: 1,
          message:
            "No <cpu> element (QEMU's default CPU model) on a GPU passthrough VM: Looking Glass's tuning guide recommends mode='host-passthrough' so the guest sees all of the host CPU's features.",
        },
      ],
    },
    {
      name: 'a Looking Glass VM without a passed GPU',
      xml: withCpu(LG_SHMEM, "  <cpu mode='host-model' check='partial'/>\n"),
      errors: [{ messageId: 'notHostPassthrough', data: { mode: 'host-model', vm: 'Looking Glass' }, line: 16, column: 8 }],
    },
  ],
});
