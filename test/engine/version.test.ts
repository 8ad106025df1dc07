import { describe, expect, it } from 'vitest';
import satisfies from 'semver/functions/satisfies.js';
import { compareVersions, satisfiesRange } from '#engine/version.js';
import { rules } from '#rules/index.js';

// Versions around every boundary the rules use, and the ones users paste most.
const VERSIONS = ['2.11.0', '4.1.0', '5.2.0', '6.1.9', '6.2.0', '6.2.1', '7.2.22', '7.9.0', '8.2.8', '9.0.0', '9.1.0', '9.1.1', '9.1.2', '9.2.0', '10.0.2', '10.2.2', '11.3.0', '12.5.0'];

describe('satisfiesRange agrees with semver', () => {
  const ranges = new Set<string>(['*', '>=6.2.0', '<7.9.0', '>=6.2.0 <7.9.0', '9.1.1', '<=9.1.1 || >=10.0.0', '>9.1.0 <9.1.2']);
  for (const rule of rules) for (const range of Object.values(rule.meta.requires ?? {})) if (range) ranges.add(range);
  for (const range of ranges) {
    it(`on '${range}'`, () => {
      for (const v of VERSIONS) expect([v, satisfiesRange(v, range)]).toEqual([v, satisfies(v, range)]);
    });
  }

  it('rejects a range outside the supported subset instead of guessing', () => {
    expect(() => satisfiesRange('9.1.1', '^9.1.0')).toThrow(/unsupported version range/);
  });
});

describe('compareVersions', () => {
  it('orders numerically, not as text', () => {
    expect(compareVersions('10.0.0', '9.2.0')).toBeGreaterThan(0);
    expect(compareVersions('9.1.1', '9.1.10')).toBeLessThan(0);
    expect(compareVersions('7.2.0', '7.2.0')).toBe(0);
  });
});
