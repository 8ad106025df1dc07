/** `ignores` and `overrides[].files` patterns, read like .gitignore relative to the configuration's directory. */
import { describe, expect, it } from 'vitest';
import { compilePattern } from '../../src/config/glob.js';

const BASE = '/repo';
const matches = (pattern: string, file: string) => compilePattern(pattern, BASE).matches(`${BASE}/${file}`);

describe('patterns', () => {
  it.each([
    // no slash: a name at any depth, file or directory
    ['*.tmpl.xml', 'win11.tmpl.xml', true],
    ['*.tmpl.xml', 'vms/lab/win11.tmpl.xml', true],
    ['*.tmpl.xml', 'vms/win11.xml', false],
    ['generated', 'generated/win11.xml', true],
    ['generated', 'vms/generated/win11.xml', true],
    ['generated', 'generated.xml', false],
    // trailing slash: directories only
    ['generated/', 'generated/a/win11.xml', true],
    ['win11.xml/', 'win11.xml', false],
    // a slash anchors to the configuration's directory
    ['vms/*.xml', 'vms/win11.xml', true],
    ['vms/*.xml', 'vms/lab/win11.xml', false],
    ['vms/*.xml', 'other/vms/win11.xml', false],
    ['/scratch.xml', 'scratch.xml', true],
    ['/scratch.xml', 'vms/scratch.xml', false],
    ['./scratch.xml', 'scratch.xml', true],
    // ** spans directories; a matched directory covers what is below it
    ['vms/**/old-*.xml', 'vms/old-a.xml', true],
    ['vms/**/old-*.xml', 'vms/lab/2023/old-a.xml', true],
    ['vms/**', 'vms/lab/win11.xml', true],
    ['lab/*', 'lab/sub/win11.xml', true],
    ['win1?.xml', 'win11.xml', true],
    ['win1[0-9].xml', 'win1x.xml', false],
  ])('%s ~ %s: %s', (pattern, file, expected) => {
    expect(matches(pattern, file)).toBe(expected);
  });

  it('files outside the configuration directory never match', () => {
    expect(compilePattern('*.xml', BASE).matches('/elsewhere/win11.xml')).toBe(false);
    expect(compilePattern('**', BASE).matches('/repo-other/win11.xml')).toBe(false);
  });
});
