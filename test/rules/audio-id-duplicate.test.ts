import { describe, expect, it } from 'vitest';
import rule from '../../rules/audio-id-duplicate.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const xml = (id2: string) => domain(`<graphics type='spice' autoport='yes'/>\n<audio id='1' type='spice'/>\n<audio id='${id2}' type='pipewire' runtimeDir='/run/user/1000'/>`);

describe('audio-id-duplicate', () => {
  it('reports the second backend with an id in use', () => {
    expect(diagnostics(rule, xml('1'))).toEqual([
      {
        ruleId: 'audio-id-duplicate',
        severity: 'error',
        line: 26,
        column: 12,
        endLine: 26,
        endColumn: 18,
        message:
          'Audio id 1 is already used by another <audio>: libvirt refuses it: "audio ID 1 is used multiple times". Give each <audio> backend its own id and point the <sound> devices at the one they should use.',
      },
    ]);
  });

  it('accepts distinct ids', () => {
    expect(diagnostics(rule, xml('2'))).toEqual([]);
  });
});
