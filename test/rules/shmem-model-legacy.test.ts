import rule from '#rules/shmem-model-legacy.js';
import { domain, testRule } from '../helpers/rule-tester.js';

// As old Looking Glass guides wrote it: no <model>.
const noModel = domain(`<shmem name='looking-glass'>
  <size unit='M'>32</size>
</shmem>`);
const legacy = domain(`<shmem name='shmem0'>
  <model type='ivshmem'/>
  <size unit='M'>4</size>
</shmem>`);
const typeless = domain(`<shmem name='shmem1'>
  <model/>
  <size unit='M'>4</size>
</shmem>`);
const server = domain(`<shmem name='shmem4'>
  <server path='/tmp/shmem4-sock'/>
</shmem>`);

const crlfBom = '\uFEFF' + noModel.replace(/\n/g, '\r\n');

testRule(rule, {
  valid: [
    { name: 'ivshmem-plain', xml: noModel.replace("<size unit='M'>32</size>", "<model type='ivshmem-plain'/>\n      <size unit='M'>32</size>") },
    { name: 'ivshmem-doorbell with a server', xml: domain(`<shmem name='shmem3'>\n  <model type='ivshmem-doorbell'/>\n  <server path='/tmp/shmem3-sock'/>\n</shmem>`) },
    { name: 'outside the QEMU driver', xml: noModel.replace("<domain type='kvm'>", "<domain type='xen'>") },
  ],
  invalid: [
    {
      name: "a <shmem> without <model>, at its start tag; --fix inserts <model type='ivshmem-plain'/> as the first child",
      xml: noModel,
      errors: [
        {
          messageId: 'noModel',
          data: { name: 'looking-glass', model: 'ivshmem-plain' },
          line: 24,
          column: 5,
          endLine: 24,
          endColumn: 33,
          severity: 'error',
          message:
            "<shmem name='looking-glass'> has no <model>, so libvirt uses the legacy ivshmem model; the QEMU driver refuses it: \"ivshmem device is no longer supported\". Add <model type='ivshmem-plain'/>.",
        },
      ],
      output: noModel.replace("<shmem name='looking-glass'>\n", "<shmem name='looking-glass'>\n      <model type='ivshmem-plain'/>\n"),
    },
    {
      name: "<model type='ivshmem'>, at the type attribute; --fix rewrites the type in place",
      xml: legacy,
      errors: [
        {
          messageId: 'legacyModel',
          data: { name: 'shmem0', model: 'ivshmem-plain' },
          line: 25,
          column: 14,
          endColumn: 28,
          message:
            "<shmem name='shmem0'> uses the legacy model 'ivshmem'; the QEMU driver refuses it: \"ivshmem device is no longer supported\". Add <model type='ivshmem-plain'/>.",
        },
      ],
      output: legacy.replace("type='ivshmem'", "type='ivshmem-plain'"),
    },
    {
      name: 'a <model> without a type is the legacy model too; --fix adds the type',
      xml: typeless,
      errors: [{ messageId: 'legacyModel', data: { name: 'shmem1', model: 'ivshmem-plain' }, line: 24, column: 5 }],
      output: typeless.replace('<model/>', "<model type='ivshmem-plain'/>"),
    },
    {
      name: 'a device with a <server> gets ivshmem-doorbell',
      xml: server,
      errors: [{ messageId: 'noModel', data: { name: 'shmem4', model: 'ivshmem-doorbell' }, line: 24, column: 5 }],
      output: server.replace("<shmem name='shmem4'>\n", "<shmem name='shmem4'>\n      <model type='ivshmem-doorbell'/>\n"),
    },
    {
      name: 'the inserted <model> keeps CRLF line endings and the BOM',
      xml: crlfBom,
      errors: [{ messageId: 'noModel', line: 24, column: 5 }],
      output: crlfBom.replace("<shmem name='looking-glass'>\r\n", "<shmem name='looking-glass'>\r\n      <model type='ivshmem-plain'/>\r\n"),
    },
  ],
});
