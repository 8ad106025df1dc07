import { describe, expect, it } from 'vitest';
import rule from '../../rules/video-none-with-others.js';
import { applySuggestion, diagnostics, domain } from '../helpers/rule-tester.js';

const xml = domain(`<video>
  <model type='qxl' ram='65536' vram='65536' vgamem='16384' heads='1' primary='yes'/>
</video>
<video>
  <model type='none'/>
</video>`);

describe('video-none-with-others', () => {
  it("reports a type='none' video next to another one", () => {
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'video-none-with-others',
        severity: 'error',
        line: 28,
        column: 7,
        endLine: 28,
        endColumn: 27,
        message:
          'A <video> of type \'none\' cannot be combined with 1 other video device(s): libvirt refuses it: "a \'none\' video type must be the only video device defined for the domain". Keep either the \'none\' video alone or the real video devices.',
      },
    ]);
  });

  it("suggests removing the 'none' video", () => {
    expect(applySuggestion(rule, xml, 0)).toBe(xml.replace("    <video>\n      <model type='none'/>\n    </video>\n", ''));
  });

  it("accepts a 'none' video alone", () => {
    expect(diagnostics(rule, domain("<video>\n  <model type='none'/>\n</video>"))).toEqual([]);
  });
});
