import { describe, expect, it } from 'vitest';
import rule from '../../rules/spice-audio-without-spice-graphics.js';
import { applySuggestion, diagnostics, domain, fixed } from '../helpers/rule-tester.js';

// A passthrough VM after deleting <graphics type='spice'>: the audio backend stayed behind.
const xml = domain(`<sound model='ich9'>
  <audio id='1'/>
</sound>
<audio id='1' type='spice'/>
<video>
  <model type='none'/>
</video>`);

describe('spice-audio-without-spice-graphics', () => {
  it('reports the SPICE backend without SPICE graphics', () => {
    expect(diagnostics(rule, xml)).toEqual([
      {
        ruleId: 'spice-audio-without-spice-graphics',
        severity: 'error',
        line: 27,
        column: 19,
        endLine: 27,
        endColumn: 31,
        message:
          '<audio id=\'1\' type=\'spice\'> needs SPICE graphics, and this domain has none: libvirt refuses it: "Spice audio is not supported without spice graphics". Add <graphics type=\'spice\'>, or use another backend (type=\'pipewire\', \'pulseaudio\' or \'none\').',
      },
    ]);
  });

  it("suggests type='none'", () => {
    expect(fixed(rule, xml)).toBe(xml);
    expect(applySuggestion(rule, xml, 0)).toBe(xml.replace("<audio id='1' type='spice'/>", "<audio id='1' type='none'/>"));
  });

  it('accepts SPICE audio with SPICE graphics', () => {
    expect(diagnostics(rule, xml.replace('<video>', "<graphics type='spice' autoport='yes'/>\n    <video>"))).toEqual([]);
  });
});
