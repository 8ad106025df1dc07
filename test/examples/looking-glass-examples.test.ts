/**
 * The Looking Glass examples against every registered rule: the clean VM gets
 * nothing at warning or error level, and the QEMU 9.1.1 example gets exactly
 * the SPICE-audio error on 9.1.1 and nothing serious on 9.1.2.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rules } from '#rules/index.js';
import { lint } from '#engine/linter.js';
import { hostFacts, type HostInput } from '../helpers/rule-tester.js';

const example = (name: string) => readFileSync(new URL(`../../examples/${name}`, import.meta.url), 'utf8');
const serious = (xml: string, host: HostInput) =>
  lint(xml, { rules, host: hostFacts(host) })
    .messages.filter((m) => m.severity !== 'info')
    .map((m) => `${m.line}:${m.column} ${m.severity} ${m.ruleId}`);

describe('examples/clean-looking-glass.xml', () => {
  const clean = example('clean-looking-glass.xml');

  it('has nothing at warning or error level from any rule (QEMU 10.2.2, libvirt 11.3.0)', () => {
    const result = lint(clean, { rules, host: hostFacts({ qemu: '10.2.2', libvirt: '11.3.0' }) });
    expect(result.skippedRules).toEqual([]);
    expect(result.messages.filter((m) => m.severity !== 'info').map((m) => `${m.line}:${m.column} ${m.ruleId}: ${m.message}`)).toEqual([]);
  });

  it('stays clean on other current hosts', () => {
    for (const host of [{ qemu: '9.1.2', libvirt: '10.10.0' }, { qemu: '9.2.0', libvirt: '11.0.0' }, {}]) expect(serious(clean, host)).toEqual([]);
  });

  it('is what the rules it was written for check: each of those stays quiet, and breaking the setting wakes it', () => {
    const host = { qemu: '10.2.2', libvirt: '11.3.0' };
    const broken: [string, string, string][] = [
      ["<memballoon model='none'/>", "<memballoon model='virtio'/>", 'memballoon-with-passthrough'],
      ["<listen type='address' address='127.0.0.1'/>", "<listen type='address' address='0.0.0.0'/>", 'graphics-public-listen-no-password'],
      ["      <model type='ivshmem-plain'/>\n", '', 'shmem-model-legacy'],
      ["<size unit='M'>32</size>", "<size unit='M'>16</size>", 'lg-shmem-size-too-small'],
      ["<synic state='on'/>", "<synic state='off'/>", 'hyperv-dependency-missing'],
      ["<graphics type='spice' autoport='yes'>", "<graphics type='spice' autoport='yes' passwd='secret'>", 'graphics-password-in-xml'],
    ];
    for (const [from, to, ruleId] of broken) {
      expect(clean).toContain(from);
      expect(serious(clean.replace(from, to), host).some((d) => d.endsWith(` ${ruleId}`)), ruleId).toBe(true);
    }
  });
});

describe('examples/win11-looking-glass.xml', () => {
  const xml = example('win11-looking-glass.xml');

  it('gets only the QEMU 9.1.1 SPICE-audio error on 9.1.1', () => {
    expect(serious(xml, { qemu: '9.1.1' })).toEqual(['113:5 error qemu-911-spice-hda-audio']);
    expect(serious(xml, { qemu: '9.1.1', libvirt: '11.3.0' })).toEqual(['113:5 error qemu-911-spice-hda-audio']);
  });

  it('gets nothing at warning or error level on 9.1.2', () => {
    expect(serious(xml, { qemu: '9.1.2' })).toEqual([]);
    expect(serious(xml, { qemu: '9.1.2', libvirt: '11.3.0' })).toEqual([]);
  });
});
