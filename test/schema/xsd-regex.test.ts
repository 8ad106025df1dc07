import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { compileXsdPattern, xsdPatternInternals, XsdRegexError } from '#schema/xsd-regex.js';

const matches = (pattern: string, value: string) => compileXsdPattern(pattern).test(value);

describe('XML Schema regular expressions', () => {
  it('match the whole value: there are no anchors, ^ and $ are ordinary characters', () => {
    expect(matches('[0-9]+', '12')).toBe(true);
    expect(matches('[0-9]+', '12a')).toBe(false);
    expect(matches('[0-9]+', 'a12')).toBe(false);
    expect(matches('a|b', 'ab')).toBe(false);
    expect(matches('a^b$', 'a^b$')).toBe(true);
  });

  it('gives . \\s \\d their XML Schema meaning', () => {
    expect(matches('.', '\n')).toBe(false);
    expect(matches('.', '\u2028')).toBe(true); // a line separator is not a line end here
    expect(matches('.', '😀')).toBe(true); // one character, two UTF-16 units
    expect(matches('\\s', '\u00a0')).toBe(false); // only space, tab, CR and LF
    expect(matches('\\s+', ' \t\r\n')).toBe(true);
    expect(matches('\\d', '٣')).toBe(true); // any Unicode decimal digit
    expect(matches('\\w', 'é')).toBe(true);
    expect(matches('\\w', '_')).toBe(false); // a connector punctuation: XML Schema's \\w excludes all punctuation
  });

  it('knows name characters \\i and \\c', () => {
    expect(matches('\\i\\c*', 'vda-1.x')).toBe(true);
    expect(matches('\\i\\c*', '1vda')).toBe(false);
    expect(matches('\\I', ':')).toBe(false);
  });

  it('subtracts classes', () => {
    expect(matches('[a-z-[aeiou]]+', 'xyz')).toBe(true);
    expect(matches('[a-z-[aeiou]]+', 'xaz')).toBe(false);
    expect(matches('[^a-z-[0-9]]', '5')).toBe(false);
    expect(matches('[^a-z-[0-9]]', 'A')).toBe(true);
  });

  it('takes escapes and a dash at the edges of a class, and quantifiers', () => {
    expect(matches('[a-zA-Z0-9\\-_.]+', 'a-b_c.d')).toBe(true);
    expect(matches('[-a]+', '-a')).toBe(true);
    expect(matches('[a-]+', 'a-')).toBe(true);
    expect(matches('(0x)?[0-9a-fA-F]{1,4}', '0x1f')).toBe(true);
    expect(matches('(0x)?[0-9a-fA-F]{1,4}', '0x12345')).toBe(false);
    expect(matches('a{2,}', 'aaa')).toBe(true);
    expect(matches('a{2}', 'aaa')).toBe(false);
    expect(matches('\\[[^\\]]+\\] .+', '[ds] vm/disk.vmdk')).toBe(true);
  });

  it('refuses what XML Schema does not allow', () => {
    for (const bad of ['a**', '[a', '(a', 'a{2,1}', '\\q', '\\p{IsBasicLatin}']) expect(() => compileXsdPattern(bad), bad).toThrow(XsdRegexError);
  });

  it('matches long values in linear time, with the same verdict as the regex', () => {
    const p = compileXsdPattern('[a-zA-Z_]+[a-zA-Z0-9_]*');
    const long = 'a'.repeat(200_000);
    const started = performance.now();
    expect(p.test(`${long}!`)).toBe(false);
    expect(p.test(long)).toBe(true);
    // Backtracking would take minutes; the NFA takes well under a second even on a slow machine.
    expect(performance.now() - started).toBeLessThan(5000);
  });

  it('agrees with its own NFA on every pattern of the vendored libvirt grammars', () => {
    const patterns = new Set<string>();
    for (const version of readdirSync('vendor/libvirt-schemas').filter((v) => /^\d/.test(v))) {
      for (const file of readdirSync(`vendor/libvirt-schemas/${version}`)) {
        const text = readFileSync(`vendor/libvirt-schemas/${version}/${file}`, 'utf8');
        for (const m of text.matchAll(/<param name="pattern">([^<]*)<\/param>/g)) patterns.add(m[1].replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&#x([0-9A-Fa-f]+);/g, (_, h) => String.fromCodePoint(parseInt(h, 16))));
      }
    }
    expect(patterns.size).toBeGreaterThan(50);
    // Values made of the characters the patterns are about, deterministic.
    const alphabet = ['0', '1', '7', '9', 'a', 'f', 'x', 'z', 'A', 'F', '.', ':', '-', '_', '/', ' ', '\\', ',', '^', '[', ']', 'é'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const p of patterns) {
      const { js, nfa } = xsdPatternInternals(p);
      const re = new RegExp(js, 'v');
      for (let i = 0; i < 200; i++) {
        const len = Math.floor(next() * 12);
        const value = Array.from({ length: len }, () => alphabet[Math.floor(next() * alphabet.length)]).join('');
        expect(nfa(value), `${p} on ${JSON.stringify(value)}`).toBe(re.test(value));
      }
    }
  });
});
