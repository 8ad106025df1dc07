import { describe, expect, it } from 'vitest';
import { matchName } from '#engine/xml-syntax.js';

/** XML 1.0's Name production, written out as the specification gives it (the reference matchName must agree with). */
const NAME_START = ':A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_REST = NAME_START + '\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040';
const SPEC_NAME = new RegExp(`[${NAME_START}][${NAME_REST}]*`, 'uy');

function specName(text: string, pos: number): string | undefined {
  SPEC_NAME.lastIndex = pos;
  return SPEC_NAME.exec(text)?.[0];
}

describe('matchName', () => {
  it.each([
    ['<domain type="kvm">', 1, 'domain'],
    ['<qemu:commandline/>', 1, 'qemu:commandline'],
    ['<a-b.c_1 x', 1, 'a-b.c_1'],
    ['<x>', 1, 'x'],
    ['name', 0, 'name'],
    ['<1abc>', 1, undefined],
    ['<-abc>', 1, undefined],
    ['< abc>', 1, undefined],
    ['<', 1, undefined],
    ['<caf\u00e9 a', 1, 'caf\u00e9'],
    ['<\u00e9t\u00e9>', 1, '\u00e9t\u00e9'],
    ['<ab\u00d7c>', 1, 'ab'], // U+00D7 (multiplication sign) is no name character
    ['<a\u{10000}b/>', 1, 'a\u{10000}b'],
  ])('%j at %i is %j', (text, pos, expected) => {
    expect(matchName(text, pos)).toBe(expected);
  });

  it('agrees with the specification on every code unit after an ASCII start, and as a start', () => {
    const disagreements: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const text of [`a${ch}z`, `${ch}z`, `ab${ch}`]) {
        if (matchName(text, 0) !== specName(text, 0)) disagreements.push(`U+${c.toString(16).padStart(4, '0')} in ${JSON.stringify(text)}`);
      }
    }
    expect(disagreements.slice(0, 5)).toEqual([]);
  });
});
