import { describe, expect, it } from 'vitest';
import rule from '../../rules/lg-clipboard-channel-missing.js';
import { applySuggestion, diagnostics, domain, fixed } from '../helpers/rule-tester.js';

const LG = `<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`;
const SPICE = `<graphics type='spice' autoport='yes'>
  <listen type='address' address='127.0.0.1'/>
</graphics>`;
const CHANNEL = `<channel type='spicevmc'>
  <target type='virtio' name='com.redhat.spice.0'/>
</channel>`;
const xml = domain(`${SPICE}\n${LG}`);

describe('lg-clipboard-channel-missing', () => {
  it('reports a Looking Glass VM with SPICE but no agent channel, at <graphics>', () => {
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'lg-clipboard-channel-missing',
        severity: 'info',
        line: 24,
        column: 5,
        endLine: 24,
        endColumn: 43,
        message:
          "No <channel type='spicevmc'> with target name 'com.redhat.spice.0': Looking Glass cannot synchronise the clipboard without the SPICE agent channel. Add it (and install the SPICE guest tools in Windows).",
      },
    ]);
  });

  it('is quiet with the channel (the target name defaults to com.redhat.spice.0), without SPICE or without Looking Glass', () => {
    expect(diagnostics(rule, domain(`${CHANNEL}\n${SPICE}\n${LG}`))).toEqual([]);
    expect(diagnostics(rule, domain(`<channel type='spicevmc'>\n  <target type='virtio'/>\n</channel>\n${SPICE}\n${LG}`))).toEqual([]);
    expect(diagnostics(rule, domain(LG))).toEqual([]);
    expect(diagnostics(rule, domain(SPICE))).toEqual([]);
  });

  it('suggests adding the channel before <graphics>, or after the last channel (not applied by --fix)', () => {
    expect(fixed(rule, xml)).toBe(xml);
    expect(applySuggestion(rule, xml, 0)).toBe(domain(`${CHANNEL}\n${SPICE}\n${LG}`));
    const qemuGa = `<channel type='unix'>\n  <target type='virtio' name='org.qemu.guest_agent.0'/>\n</channel>`;
    expect(applySuggestion(rule, domain(`${qemuGa}\n${SPICE}\n${LG}`), 0)).toBe(domain(`${qemuGa}\n${CHANNEL}\n${SPICE}\n${LG}`));
  });
});
