import { describe, expect, it } from 'vitest';
import rule from '../../rules/video-primary-duplicate.js';
import { applySuggestion, diagnostics, domain, fixed } from '../helpers/rule-tester.js';

const xml = domain(`<video>
  <model type='vga' vram='16384' heads='1' primary='yes'/>
</video>
<video>
  <model type='qxl' ram='65536' vram='65536' vgamem='16384' heads='1' primary='yes'/>
</video>`);

describe('video-primary-duplicate', () => {
  it('reports the second primary video', () => {
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'video-primary-duplicate',
        severity: 'error',
        line: 28,
        column: 75,
        endLine: 28,
        endColumn: 88,
        message: 'A second <video> is marked primary: libvirt refuses it: "Only one primary video device is supported". Keep primary=\'yes\' on one video device only.',
      },
    ]);
  });

  it("offers removing primary='yes' as a suggestion", () => {
    expect(fixed(rule, xml)).toBe(xml);
    expect(applySuggestion(rule, xml, 0)).toBe(xml.replace("heads='1' primary='yes'/>\n    </video>\n  </devices>", "heads='1'/>\n    </video>\n  </devices>"));
  });

  it('accepts a single primary', () => {
    expect(diagnostics(rule, applySuggestion(rule, xml, 0))).toEqual([]);
  });
});
