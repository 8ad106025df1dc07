import { describe, expect, it } from 'vitest';
import rule from '../../rules/cpu-vendor-id-length.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const HOST_PASSTHROUGH = `  <cpu mode='host-passthrough' check='none' migratable='on'>
    <topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>
  </cpu>`;

const withCpu = (cpu: string) => {
  const xml = domain('');
  if (!xml.includes(HOST_PASSTHROUGH)) throw new Error('domain() changed its <cpu>');
  return xml.replace(HOST_PASSTHROUGH, cpu);
};

const custom = (vendor: string) =>
  withCpu(`  <cpu mode='custom' match='exact' check='partial'>
    <model fallback='allow' vendor_id='${vendor}'>Skylake-Client</model>
    <topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>
  </cpu>`);

describe('cpu-vendor-id-length', () => {
  it('reports a vendor_id that is not 12 characters', () => {
    expect(diagnostics(rule, custom('KVMKVMKVM'))).toEqual([
      {
        ruleId: 'cpu-vendor-id-length',
        severity: 'error',
        line: 17,
        column: 29,
        endLine: 17,
        endColumn: 50,
        message:
          "CPU vendor_id 'KVMKVMKVM' is 9 characters long: libvirt refuses it: \"vendor_id must be exactly 12 characters long\". Use a 12-character CPUID vendor string such as 'GenuineIntel' or 'AuthenticAMD', or remove the attribute. (The Hyper-V vendor ID is <features><hyperv><vendor_id>.)",
      },
    ]);
    expect(diagnostics(rule, custom('GenuineIntel1'))).toHaveLength(1);
  });

  it('reports a comma in a 12-character value', () => {
    const [d] = diagnostics(rule, custom('Genuine,ntel'));
    expect(d.message).toContain('"vendor id is invalid"');
  });

  it('accepts exactly 12 characters', () => {
    expect(diagnostics(rule, custom('GenuineIntel'))).toEqual([]);
    expect(diagnostics(rule, custom('AuthenticAMD'))).toEqual([]);
  });

  it('ignores vendor_id where libvirt does not read it (host-passthrough, maximum)', () => {
    const hp = withCpu(`  <cpu mode='host-passthrough' check='none'>
    <model vendor_id='KVMKVMKVM'/>
    <topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>
  </cpu>`);
    expect(diagnostics(rule, hp)).toEqual([]);
    expect(diagnostics(rule, hp.replace("mode='host-passthrough'", "mode='maximum'"))).toEqual([]);
  });
});
