import { describe, expect, it } from 'vitest';
import rule from '../../rules/cpu-topology-mismatch.js';
import { applySuggestion, diagnostics, domain, fixed } from '../helpers/rule-tester.js';

const base = domain('');
const six = base.replace("<vcpu placement='static'>8</vcpu>", "<vcpu placement='static'>6</vcpu>");

describe('cpu-topology-mismatch', () => {
  it('reports the topology when its product differs from <vcpu>', () => {
    expect(diagnostics(rule, six)).toEqual([
      {
        ruleId: 'cpu-topology-mismatch',
        severity: 'error',
        line: 17,
        column: 5,
        endLine: 17,
        endColumn: 72,
        message:
          'The CPU topology (sockets=1 x dies=1 x clusters=1 x cores=4 x threads=2) gives 8 vCPUs but <vcpu> is 6: libvirt refuses it: "CPU topology doesn\'t match maximum vcpu count". Change the topology (usually cores) so the product is 6, or set <vcpu> to 8.',
      },
    ]);
  });

  it('compares with the maximum, not with current', () => {
    expect(diagnostics(rule, base.replace("<vcpu placement='static'>8</vcpu>", "<vcpu placement='static' current='4'>8</vcpu>"))).toEqual([]);
  });

  it('defaults dies and clusters to 1', () => {
    const noDies = base.replace(" dies='1' clusters='1'", '');
    expect(diagnostics(rule, noDies)).toEqual([]);
    expect(diagnostics(rule, noDies.replace("cores='4'", "cores='3'"))[0].message).toContain('(sockets=1 x cores=3 x threads=2) gives 6 vCPUs but <vcpu> is 8');
  });

  it('offers setting <vcpu> to the product as a suggestion only', () => {
    expect(fixed(rule, six)).toBe(six);
    expect(applySuggestion(rule, six, 0)).toBe(base);
  });

  it('does not run for other drivers', () => {
    expect(diagnostics(rule, six.replace("<domain type='kvm'>", "<domain type='bhyve'>"))).toEqual([]);
  });
});
