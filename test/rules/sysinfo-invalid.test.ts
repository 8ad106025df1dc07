import { describe, expect, it } from 'vitest';
import rule from '../../rules/sysinfo-invalid.js';
import { diagnostics, domain, fixed } from '../helpers/rule-tester.js';

const smbios = (date: string, uuid: string) =>
  domain('').replace(
    "  <vcpu placement='static'>8</vcpu>\n",
    `  <vcpu placement='static'>8</vcpu>\n  <sysinfo type='smbios'>\n    <bios>\n      <entry name='vendor'>American Megatrends Inc.</entry>\n      <entry name='date'>${date}</entry>\n    </bios>\n    <system>\n      <entry name='uuid'>${uuid}</entry>\n    </system>\n  </sysinfo>\n`,
  );
const OWN = '0b9d8f38-5c56-4c2a-9d0b-6f6a1f3e2c11';
const HOST = 'a94b4335-6a14-8bc4-d6da-f7ea590b6816';

describe('sysinfo-invalid', () => {
  it("reports a system UUID that is not the domain's", () => {
    expect(diagnostics(rule, smbios('11/06/2023', HOST))).toEqual([
      {
        ruleId: 'sysinfo-invalid',
        severity: 'error',
        line: 13,
        column: 7,
        endLine: 13,
        endColumn: 26,
        message: `The SMBIOS system UUID ${HOST} differs from the domain's <uuid> ${OWN}: libvirt refuses it: "UUID mismatch between <uuid> and <sysinfo>". Use the same UUID in both places.`,
      },
    ]);
  });

  it("--fix writes the domain's UUID", () => {
    expect(fixed(rule, smbios('11/06/2023', HOST))).toBe(smbios('11/06/2023', OWN));
  });

  it('reports an ISO date', () => {
    const [d] = diagnostics(rule, smbios('2023-11-06', OWN));
    expect(d.line).toBe(10);
    expect(d.message).toContain(`"Invalid BIOS 'date' format"`);
  });

  it('accepts matching values', () => {
    expect(diagnostics(rule, smbios('11/06/2023', OWN.toUpperCase()))).toEqual([]);
    expect(diagnostics(rule, smbios('06/11/23', OWN))).toEqual([]);
  });
});
