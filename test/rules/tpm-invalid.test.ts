import { describe, expect, it } from 'vitest';
import rule from '../../rules/tpm-invalid.js';
import { diagnostics, domain, fixed } from '../helpers/rule-tester.js';

const tpm = (version: string) => domain(`<tpm model='tpm-crb'>\n  <backend type='emulator' version='${version}'/>\n</tpm>`);

describe('tpm-invalid', () => {
  it('reports TPM 1.2 on the CRB interface', () => {
    expect(diagnostics(rule, tpm('1.2'))).toEqual([
      {
        ruleId: 'tpm-invalid',
        severity: 'error',
        line: 25,
        column: 32,
        endLine: 25,
        endColumn: 45,
        message: 'The CRB interface exists only for TPM 2.0: libvirt refuses it: "Unsupported interface \'tpm-crb\' for TPM 1.2".',
      },
    ]);
  });

  it("--fix sets version='2.0'", () => {
    expect(fixed(rule, tpm('1.2'))).toBe(tpm('2.0'));
  });

  it('reports a TPM without backend and a second TPM', () => {
    expect(diagnostics(rule, domain("<tpm model='tpm-tis'/>"))[0].message).toContain('"missing TPM device backend"');
    const two = domain(`<tpm model='tpm-crb'>\n  <backend type='emulator' version='2.0'/>\n</tpm>\n<tpm model='tpm-tis'>\n  <backend type='emulator' version='2.0'/>\n</tpm>`);
    expect(diagnostics(rule, two).map((d) => [d.line, d.message.split('"')[1]])).toEqual([[27, 'only a single TPM non-proxy device is supported']]);
  });

  it('accepts the Windows 11 TPM virt-manager writes', () => {
    expect(diagnostics(rule, tpm('2.0'))).toEqual([]);
  });
});
