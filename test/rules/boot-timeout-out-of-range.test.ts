import { describe, expect, it } from 'vitest';
import rule from '../../rules/boot-timeout-out-of-range.js';
import { diagnostics, domain, fixed } from '../helpers/rule-tester.js';

const menu = (timeout: string) => domain('').replace("    <boot dev='hd'/>\n", `    <boot dev='hd'/>\n    <bootmenu enable='yes' timeout='${timeout}'/>\n`);

describe('boot-timeout-out-of-range', () => {
  it('reports a boot menu timeout above 65535', () => {
    expect(diagnostics(rule, menu('100000'))).toEqual([
      {
        ruleId: 'boot-timeout-out-of-range',
        severity: 'error',
        line: 10,
        column: 28,
        endLine: 10,
        endColumn: 44,
        message:
          'A boot menu timeout of 100000 ms is too long: libvirt refuses it: "invalid value for boot menu timeout, must be in range [0,65535]". Use at most 65535 (the value is in milliseconds).',
      },
    ]);
  });

  it('--fix clamps it to 65535', () => {
    expect(fixed(rule, menu('100000'))).toBe(menu('65535'));
  });

  it('accepts 65535', () => {
    expect(diagnostics(rule, menu('65535'))).toEqual([]);
  });
});
