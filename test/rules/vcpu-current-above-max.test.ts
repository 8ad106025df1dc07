import { describe, expect, it } from 'vitest';
import rule from '../../rules/vcpu-current-above-max.js';
import { applySuggestion, diagnostics, domain, fixed } from '../helpers/rule-tester.js';

const xml = domain('').replace("<vcpu placement='static'>8</vcpu>", "<vcpu placement='static' current='12'>8</vcpu>");

describe('vcpu-current-above-max', () => {
  it('reports the current attribute', () => {
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'vcpu-current-above-max',
        severity: 'error',
        line: 6,
        column: 28,
        endLine: 6,
        endColumn: 40,
        message:
          '<vcpu current=\'12\'> is more than the maximum of 8 vCPUs: libvirt refuses it: "maximum vCPU count must not be less than current vCPU count". Lower current to at most 8, or raise the <vcpu> maximum.',
      },
    ]);
  });

  it('offers lowering current to the maximum, not as --fix', () => {
    expect(fixed(rule, xml)).toBe(xml);
    expect(applySuggestion(rule, xml, 0)).toBe(xml.replace("current='12'", "current='8'"));
  });

  it('accepts current up to the maximum', () => {
    expect(diagnostics(rule, xml.replace("current='12'", "current='8'"))).toEqual([]);
    expect(diagnostics(rule, xml.replace("current='12'", "current='2'"))).toEqual([]);
  });
});
