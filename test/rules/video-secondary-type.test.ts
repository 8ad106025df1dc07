import { describe, expect, it } from 'vitest';
import rule from '../../rules/video-secondary-type.js';
import { diagnostics, domain } from '../helpers/rule-tester.js';

const two = (first: string, second: string) => domain(`<video>\n  <model ${first}/>\n</video>\n<video>\n  <model ${second}/>\n</video>`);

describe('video-secondary-type', () => {
  it('reports a secondary vga', () => {
    expect(diagnostics(rule, two("type='qxl' primary='yes'", "type='vga'"))).toEqual([
      {
        ruleId: 'video-secondary-type',
        severity: 'error',
        line: 28,
        column: 14,
        endLine: 28,
        endColumn: 24,
        message:
          'A secondary <video> of type \'vga\' is not possible: libvirt refuses it: "video type \'vga\' is only valid as primary video device". Make it the primary adapter (primary=\'yes\', and only one video of this kind), or use type=\'qxl\' or \'virtio\' for additional displays.',
      },
    ]);
  });

  it('takes the first video as primary when none is marked', () => {
    expect(diagnostics(rule, two("type='vga'", "type='qxl'"))).toEqual([]);
    expect(diagnostics(rule, two("type='qxl'", "type='bochs'")).map((d) => d.line)).toEqual([28]);
    expect(diagnostics(rule, two("type='vga'", "type='vga' primary='yes'")).map((d) => d.line)).toEqual([25]);
  });

  it('accepts qxl and virtio as secondary adapters', () => {
    expect(diagnostics(rule, two("type='vga' primary='yes'", "type='virtio'"))).toEqual([]);
  });
});
