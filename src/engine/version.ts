/**
 * Comparing host versions. Host versions are always normalised to
 * `MAJOR.MINOR.PATCH` (see parseVersion), and rule ranges use a small subset
 * of semver's range syntax: comparators (`>=6.2.0`, `<7.9.0`, `9.1.1`, `*`)
 * joined by spaces (and) and `||` (or). That subset is evaluated here rather
 * than with the semver package, whose regular-expression tables cost a few
 * milliseconds on every start; test/engine/version.test.ts checks that the
 * two agree on every range the rules declare.
 */

function parts(v: string): [number, number, number] {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(v.trim());
  if (!m) throw new Error(`not a normalised version: '${v}'`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Negative, zero or positive, as `a` is lower than, equal to or higher than `b`. */
export function compareVersions(a: string, b: string): number {
  const x = parts(a);
  const y = parts(b);
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
}

export const versionAtLeast = (v: string, min: string) => compareVersions(v, min) >= 0;
export const versionBelow = (v: string, limit: string) => compareVersions(v, limit) < 0;

const COMPARATOR = /^(>=|<=|>|<|=)?\s*(\d+\.\d+\.\d+)$/;

/** Whether a normalised version satisfies a range in the subset described above. */
export function satisfiesRange(version: string, range: string): boolean {
  return range.split('||').some((alternative) => {
    const comparators = alternative.trim().split(/\s+/).filter(Boolean);
    return comparators.every((c) => {
      if (c === '*' || c === 'x') return true;
      const m = COMPARATOR.exec(c);
      if (!m) throw new Error(`unsupported version range '${range}'`);
      const d = compareVersions(version, m[2]);
      switch (m[1]) {
        case '>=':
          return d >= 0;
        case '<=':
          return d <= 0;
        case '>':
          return d > 0;
        case '<':
          return d < 0;
        default:
          return d === 0;
      }
    });
  });
}
