import { describe, expect, it } from 'vitest';
import rule from '../../rules/vcpu-id-out-of-range.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const vcpus = (ids: number[]) =>
  domain('').replace(
    "  <vcpu placement='static'>8</vcpu>\n",
    "  <vcpu placement='static' current='2'>8</vcpu>\n  <vcpus>\n" +
      ids.map((id, i) => `    <vcpu id='${id}' enabled='${i < 2 ? 'yes' : 'no'}' hotpluggable='${i === 0 ? 'no' : 'yes'}'/>\n`).join('') +
      '  </vcpus>\n',
  );

describe('vcpu-id-out-of-range', () => {
  it('reports ids not below the maximum', () => {
    expect(diagnostics(rule, vcpus([0, 1, 2, 3, 4, 5, 6, 8]))).toEqual([
      {
        ruleId: 'vcpu-id-out-of-range',
        severity: 'error',
        line: 15,
        column: 11,
        endLine: 15,
        endColumn: 17,
        message:
          'vCPU id 8 does not exist: the maximum is 8 vCPUs (ids 0 to 7). libvirt refuses it: "vcpu id \'8\' is out of range of maximum vcpu count". Renumber the <vcpus> entries or raise the <vcpu> maximum.',
      },
    ]);
  });

  it('accepts ids 0 to maximum - 1', () => {
    expect(diagnostics(rule, vcpus([0, 1, 2, 3, 4, 5, 6, 7]))).toEqual([]);
  });
});
