import { describe, expect, it } from 'vitest';
import rule from '../../rules/max-memory-below-memory.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const withMax = (max: string) => domain('').replace("  <memory unit='KiB'>16777216</memory>\n", `  ${max}\n  <memory unit='KiB'>16777216</memory>\n`);

describe('max-memory-below-memory', () => {
  it('reports <maxMemory> below <memory>, comparing scaled sizes', () => {
    expect(diagnostics(rule, withMax("<maxMemory slots='16' unit='GiB'>8</maxMemory>"))).toEqual([
      {
        ruleId: 'max-memory-below-memory',
        severity: 'error',
        line: 4,
        column: 3,
        endLine: 4,
        endColumn: 36,
        message:
          '<maxMemory> (8 GiB) is smaller than <memory> (16 GiB): libvirt refuses it: "maximum memory size must be equal or greater than the actual memory size". Raise <maxMemory> to at least the memory size, or remove it if you do not use memory hotplug.',
      },
    ]);
  });

  it('accepts <maxMemory> equal to or above <memory>', () => {
    expect(diagnostics(rule, withMax("<maxMemory slots='16' unit='GiB'>16</maxMemory>"))).toEqual([]);
    expect(diagnostics(rule, withMax("<maxMemory slots='16' unit='KiB'>33554432</maxMemory>"))).toEqual([]);
  });

  it('stays quiet without <maxMemory>', () => {
    expect(diagnostics(rule, domain(''))).toEqual([]);
  });
});
