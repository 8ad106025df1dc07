import { describe, expect, it } from 'vitest';
import rule from '../../rules/lg-video-not-vga.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const LG = `<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`;
const video = (model: string) => domain(`<video>\n  <model type='${model}' heads='1' primary='yes'/>\n</video>\n${LG}`);

describe('lg-video-not-vga', () => {
  it('reports a qxl primary video on a Looking Glass VM at the type attribute', () => {
    expect(diagnostics(rule, video('qxl'))).toEqual([
      {
        ruleId: 'lg-video-not-vga',
        severity: 'info',
        line: 25,
        column: 14,
        endLine: 25,
        endColumn: 24,
        message: "The primary video model is 'qxl'; Looking Glass's guide recommends <model type='vga'/> so the VM has a usable display fallback.",
      },
    ]);
  });

  it("explains what 'none' loses", () => {
    expect(diagnostics(rule, video('none'))[0].message).toContain('with none there is nothing to show before the Looking Glass host runs');
  });

  it('is quiet for vga, without Looking Glass, and without any <video>', () => {
    expect(diagnostics(rule, video('vga'))).toEqual([]);
    expect(diagnostics(rule, domain(`<video>\n  <model type='qxl'/>\n</video>`))).toEqual([]);
    expect(diagnostics(rule, domain(LG))).toEqual([]);
  });
});
