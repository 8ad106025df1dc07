import { describe, expect, it } from 'vitest';
import rule from '../../rules/panic-address-unsupported.js';
import { diagnostics, domain, fixed } from '../helpers/rule-tester.js';

const xml = domain(`<panic model='hyperv'>
  <address type='isa' iobase='0x505'/>
</panic>`);

describe('panic-address-unsupported', () => {
  it("reports an address on a hyperv panic notifier", () => {
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'panic-address-unsupported',
        severity: 'error',
        line: 25,
        column: 7,
        endLine: 25,
        endColumn: 43,
        message: 'A panic device of model \'hyperv\' has no address to set: libvirt refuses it: "setting the panic device address is not supported for model \'hyperv\'". Remove the <address>.',
      },
    ]);
  });

  it('--fix removes the address', () => {
    expect(fixed(rule, xml)).toBe(xml.replace("<panic model='hyperv'>\n      <address type='isa' iobase='0x505'/>\n    </panic>", "<panic model='hyperv'>\n    </panic>"));
  });

  it('accepts an ISA pvpanic with an address', () => {
    expect(diagnostics(rule, xml.replace("model='hyperv'", "model='isa'"))).toEqual([]);
  });
});
