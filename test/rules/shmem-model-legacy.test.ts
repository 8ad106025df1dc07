import { describe, expect, it } from 'vitest';
import rule from '../../rules/shmem-model-legacy.js';
import { diagnostics, domain, fixed } from '../helpers/rule-tester.js';

// As old Looking Glass guides wrote it: no <model>.
const noModel = domain(`<shmem name='looking-glass'>
  <size unit='M'>32</size>
</shmem>`);

describe('shmem-model-legacy', () => {
  it('reports a <shmem> without <model> at its start tag, quoting libvirt', () => {
    expect(diagnostics(rule, noModel)).toEqual([
      {
        ruleId: 'shmem-model-legacy',
        severity: 'error',
        line: 24,
        column: 5,
        endLine: 24,
        endColumn: 33,
        message:
          "<shmem name='looking-glass'> has no <model>, so libvirt uses the legacy ivshmem model; the QEMU driver refuses it: \"ivshmem device is no longer supported\". Add <model type='ivshmem-plain'/>.",
      },
    ]);
  });

  it("reports <model type='ivshmem'> at the type attribute", () => {
    const xml = domain(`<shmem name='shmem0'>
  <model type='ivshmem'/>
  <size unit='M'>4</size>
</shmem>`);
    const [d] = diagnostics(rule, xml);
    expect(d).toMatchObject({ line: 25, column: 14, endColumn: 28 });
    expect(d.message).toContain("uses the legacy model 'ivshmem'");
  });

  it('does not fire on ivshmem-plain or ivshmem-doorbell, or outside the QEMU driver', () => {
    expect(diagnostics(rule, noModel.replace("<size unit='M'>32</size>", "<model type='ivshmem-plain'/>\n      <size unit='M'>32</size>"))).toEqual([]);
    expect(diagnostics(rule, domain(`<shmem name='shmem3'>\n  <model type='ivshmem-doorbell'/>\n  <server path='/tmp/shmem3-sock'/>\n</shmem>`))).toEqual([]);
    expect(diagnostics(rule, noModel.replace("<domain type='kvm'>", "<domain type='xen'>"))).toEqual([]);
  });

  it('--fix inserts <model type=\'ivshmem-plain\'/> as the first child', () => {
    expect(fixed(rule, noModel)).toBe(noModel.replace("<shmem name='looking-glass'>\n", "<shmem name='looking-glass'>\n      <model type='ivshmem-plain'/>\n"));
  });

  it('picks ivshmem-doorbell when the device has a <server>, and rewrites a legacy type in place', () => {
    const server = domain(`<shmem name='shmem4'>
  <server path='/tmp/shmem4-sock'/>
</shmem>`);
    expect(fixed(rule, server)).toBe(server.replace("<shmem name='shmem4'>\n", "<shmem name='shmem4'>\n      <model type='ivshmem-doorbell'/>\n"));
    const legacy = domain(`<shmem name='shmem0'>\n  <model type='ivshmem'/>\n</shmem>`);
    expect(fixed(rule, legacy)).toBe(legacy.replace("type='ivshmem'", "type='ivshmem-plain'"));
  });
});
