import { describe, expect, it } from 'vitest';
import rule from '../../rules/lg-tablet-present.js';
import { applySuggestion, diagnostics, domain, fixed } from '../helpers/rule-tester.js';

const LG = `<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`;
const TABLET = `<input type='tablet' bus='usb'>
  <address type='usb' bus='0' port='1'/>
</input>`;
const xml = domain(`${TABLET}\n<input type='mouse' bus='ps2'/>\n${LG}`);

describe('lg-tablet-present', () => {
  it('reports the tablet of a Looking Glass VM (B7 by default)', () => {
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'lg-tablet-present',
        severity: 'info',
        line: 24,
        column: 5,
        endLine: 24,
        endColumn: 36,
        message:
          "<input type='tablet'> on a Looking Glass B7 VM: Looking Glass's guide says to remove it, since absolute pointing breaks cursor capture in games and applications.",
      },
    ]);
    expect(diagnostics(rule, xml, { options: { lookingGlassRelease: 'B6' } })[0].message).toContain('Looking Glass B6 VM');
  });

  it("is quiet for the master (IDD) client, and without Looking Glass", () => {
    expect(diagnostics(rule, xml, { options: { lookingGlassRelease: 'master' } })).toEqual([]);
    expect(diagnostics(rule, domain(TABLET))).toEqual([]);
  });

  it('suggests removing the tablet (not applied by --fix)', () => {
    expect(fixed(rule, xml)).toBe(xml);
    expect(applySuggestion(rule, xml, 0)).toBe(xml.replace(`    ${TABLET.replace(/\n/g, '\n    ')}\n`, ''));
  });
});
