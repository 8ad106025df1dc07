import { describe, expect, it } from 'vitest';
import rule from '../../rules/current-memory-above-memory.js';
import { diagnostics, domain, fixed } from '../helpers/rule-tester.js';

const base = domain('');
const edited = base.replace("<memory unit='KiB'>16777216</memory>", "<memory unit='GiB'>8</memory>");

describe('current-memory-above-memory', () => {
  it('warns at <currentMemory> when it exceeds <memory>', () => {
    expect(diagnostics(rule, edited)).toEqual([
      {
        ruleId: 'current-memory-above-memory',
        severity: 'warning',
        line: 5,
        column: 3,
        endLine: 5,
        endColumn: 29,
        message:
          '<currentMemory> (16 GiB) is larger than <memory> (8 GiB): libvirt silently lowers it to 8 GiB. Set <currentMemory> to at most <memory>, or raise <memory> if the guest should have more.',
      },
    ]);
  });

  it('--fix writes the <memory> value into <currentMemory>', () => {
    expect(fixed(rule, edited)).toBe(
      edited.replace("<currentMemory unit='KiB'>16777216</currentMemory>", "<currentMemory unit='GiB'>8</currentMemory>"),
    );
  });

  it('accepts equal sizes in different units and a smaller balloon', () => {
    expect(diagnostics(rule, base.replace("<currentMemory unit='KiB'>16777216</currentMemory>", "<currentMemory unit='GiB'>16</currentMemory>"))).toEqual([]);
    expect(diagnostics(rule, base.replace("<currentMemory unit='KiB'>16777216</currentMemory>", "<currentMemory unit='GiB'>4</currentMemory>"))).toEqual([]);
  });
});
