/** `ignores` and `overrides[].files` patterns, read like .gitignore relative to the configuration's directory. */
import { describe, expect, it } from 'vitest';
import { compileGlob, compilePattern, expandBraces, GlobError, MAX_BRACE_EXPANSIONS } from '../../src/config/glob.js';

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

describe('the matcher', () => {
  it('is linear: a backtracking pattern against a long name returns at once', () => {
    // As a regular expression this took minutes (each * a nested loop over the name).
    const glob = compileGlob('*a*a*a*a*a*a*a*a*a*a*b');
    const name = 'a'.repeat(5000);
    const start = performance.now();
    expect(glob.test(name)).toBe(false);
    expect(glob.test(`${name}b`)).toBe(true);
    expect(performance.now() - start).toBeLessThan(1000);
    // The same through a configuration pattern and a command-line glob's shape.
    expect(compilePattern('**/*a*a*a*a*a*a*a*a*a*a*b', BASE).matches(`${BASE}/x/${name}`)).toBe(false);
  });

  it.each([
    ['*.xml', 'a.xml', true],
    ['*.xml', 'd/a.xml', false],
    ['**/*.xml', 'a.xml', true],
    ['**/*.xml', 'd/e/a.xml', true],
    ['d/**', 'd/e/a.xml', true],
    ['d/**/a.xml', 'd/a.xml', true],
    ['d/**/a.xml', 'da.xml', false],
    ['a?c', 'abc', true],
    ['a?c', 'a/c', false],
    ['[!a]*', 'bcd', true],
    ['[^a]*', 'acd', false],
    ['[]x]', ']', true],
    ['[a-c-]', '-', true],
    ['[a-c]', '/', false],
    ['./vms/*.xml', 'vms/a.xml', true],
    ['vms/*.xml', './vms/a.xml', true],
    ['é*', 'été', true],
    ['a.xml', 'a.xml', true],
    ['a.xml', 'aXxml', false],
  ])('%s ~ %s: %s', (pattern, name, expected) => {
    expect(compileGlob(pattern).test(name)).toBe(expected);
  });

  it.each([
    ['[z-a]', 2, "range z-a is reversed"],
    ['vms/[abc', 5, "'[' is not closed by ']'"],
    ['x[!9-0]', 4, 'range 9-0 is reversed'],
  ])('%s is an error naming the position', (pattern, position, reason) => {
    expect(() => compileGlob(pattern)).toThrow(new GlobError(pattern, position, reason));
    expect(() => compileGlob(pattern)).toThrow(`invalid pattern ${JSON.stringify(pattern)}: ${reason} at character ${position}`);
  });

  it('positions refer to the configuration pattern as written', () => {
    expect(() => compilePattern('./lab/[z-a]/', BASE)).toThrow('invalid pattern "./lab/[z-a]/": range z-a is reversed at character 8');
  });
});

describe('braces', () => {
  it.each([
    ['vms/{win11,win10}.xml', 'vms/win10.xml', true],
    ['vms/{win11,win10}.xml', 'vms/win12.xml', false],
    ['{a,b{1,2}}.xml', 'b2.xml', true],
    ['x{,y}z.xml', 'xz.xml', true],
    ['{a}.xml', '{a}.xml', true], // no comma: literal
    ['{a,b.xml', '{a,b.xml', true], // not closed: literal
    ['[{,]x.xml', ',x.xml', true], // inside a class: literal
  ])('%s ~ %s: %s', (pattern, name, expected) => {
    expect(compileGlob(pattern).test(name)).toBe(expected);
  });

  it('work in configuration patterns, each alternative read on its own (anchored or not)', () => {
    expect(matches('{generated/,*.tmpl.xml}', 'generated/a.xml')).toBe(true);
    expect(matches('{generated/,*.tmpl.xml}', 'vms/x.tmpl.xml')).toBe(true);
    expect(matches('{vms/a,b}.xml', 'lab/b.xml')).toBe(true); // `b.xml` has no slash: any depth
    expect(matches('{vms/a,b}.xml', 'lab/vms/a.xml')).toBe(false); // `vms/a.xml` is anchored
  });

  it('report errors at their position in the pattern as written, and cap the expansion', () => {
    expect(() => compileGlob('{a,[z-a]}')).toThrow('invalid pattern "{a,[z-a]}": range z-a is reversed at character 5');
    expect(() => compilePattern('lab/{x,[b}', BASE)).toThrow('invalid pattern "lab/{x,[b}": \'[\' is not closed by \']\' at character 8');
    expect(() => compileGlob('{1,2,3,4}'.repeat(4) + '{1,2}')).toThrow(`braces expand to more than ${MAX_BRACE_EXPANSIONS} patterns at character 37`);
    expect(expandBraces('{1,2,3,4}'.repeat(4)).length).toBe(MAX_BRACE_EXPANSIONS);
  });
});
