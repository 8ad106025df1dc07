import rule from '#rules/tpm-invalid.js';
import { domain, testRule } from '../helpers/rule-tester.js';

const tpm = (version: string, model = 'tpm-crb') => domain(`<tpm model='${model}'>\n  <backend type='emulator' version='${version}'/>\n</tpm>`);
const aarch64 = (xml: string) => xml.replace("arch='x86_64' machine='pc-q35-9.1'", "arch='aarch64' machine='virt-9.1'");
const PROXY = `<tpm model='spapr-tpm-proxy'>\n  <backend type='passthrough'>\n    <device path='/dev/tpmrm0'/>\n  </backend>\n</tpm>`;

testRule(rule, {
  valid: [
    { name: 'the Windows 11 TPM virt-manager writes', xml: tpm('2.0') },
    { name: 'TPM 1.2 on the TIS interface on x86', xml: tpm('1.2', 'tpm-tis') },
    { name: 'one TPM proxy next to one TPM', xml: domain(`${PROXY}\n<tpm model='tpm-spapr'>\n  <backend type='emulator' version='2.0'/>\n</tpm>`) },
  ],
  invalid: [
    {
      name: "TPM 1.2 on the CRB interface, at the version attribute; version='2.0' is only a suggestion (tpm-tis with 1.2 is the other way out)",
      xml: tpm('1.2'),
      errors: [
        {
          messageId: 'crbNeedsTpm2',
          line: 25,
          column: 32,
          endLine: 25,
          endColumn: 45,
          severity: 'error',
          message: 'The CRB interface exists only for TPM 2.0: libvirt refuses it: "Unsupported interface \'tpm-crb\' for TPM 1.2".',
          suggestions: [{ title: "Set version='2.0'", output: tpm('2.0') }],
        },
      ],
      output: null,
      unsafeOutput: tpm('2.0'),
    },
    {
      name: 'a TPM without a backend, at its start tag',
      xml: domain("<tpm model='tpm-tis'/>"),
      errors: [
        {
          messageId: 'missingBackend',
          line: 24,
          column: 5,
          message: 'The TPM has no <backend> (type \'emulator\' for swtpm, or \'passthrough\'): libvirt refuses it: "missing TPM device backend".',
        },
      ],
      output: null,
    },
    {
      name: 'a second TPM, at its start tag',
      xml: domain(`<tpm model='tpm-crb'>\n  <backend type='emulator' version='2.0'/>\n</tpm>\n<tpm model='tpm-tis'>\n  <backend type='emulator' version='2.0'/>\n</tpm>`),
      errors: [
        {
          messageId: 'secondTpm',
          line: 27,
          column: 5,
          message: 'A guest has one TPM, and this is the second: libvirt refuses it: "only a single TPM non-proxy device is supported".',
        },
      ],
      output: null,
    },
    {
      name: 'a second TPM proxy',
      xml: domain(`${PROXY}\n${PROXY}`),
      errors: [
        {
          messageId: 'secondProxy',
          line: 29,
          column: 5,
          message: 'A second TPM proxy device: libvirt refuses it: "only a single TPM Proxy device is supported".',
        },
      ],
      output: null,
    },
    {
      name: 'TPM 1.2 on the SPAPR model, without a fix',
      xml: tpm('1.2', 'tpm-spapr'),
      errors: [
        {
          messageId: 'spaprNeedsTpm2',
          line: 25,
          column: 32,
          message: 'The SPAPR TPM model exists only for TPM 2.0: libvirt refuses it: "TPM 1.2 is not supported with the SPAPR device model".',
        },
      ],
      output: null,
    },
    {
      name: 'TPM 1.2 on aarch64, without a fix',
      xml: aarch64(tpm('1.2', 'tpm-tis')),
      errors: [
        {
          messageId: 'archNeedsTpm2',
          data: { arch: 'aarch64' },
          line: 25,
          column: 32,
          message: 'aarch64 guests can only have a TPM 2.0: libvirt refuses it: "TPM 1.2 is not supported on architecture \'aarch64\'".',
        },
      ],
      output: null,
    },
  ],
});
