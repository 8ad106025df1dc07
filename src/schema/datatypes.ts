/**
 * The datatypes libvirt's grammar uses: RELAX NG's built-in `string` and
 * `token`, and the XML Schema types with the facets libvirt sets on them
 * (XML Schema Part 2: lexical spaces, whitespace handling, value ranges).
 * A datatype the model names but this module does not know makes loading
 * fail, never a silent "valid".
 */
import { compileXsdPattern, translateXsdPattern, type XsdPattern } from './xsd-regex.js';

/**
 * A pattern facet's translation travels with it in the models, as two extra
 * parameters after it: the build translates each XSD regex once, and a lint
 * only compiles the JavaScript regex.
 */
export const JS_PATTERN = 'pattern#js';
export const REQUIRED_CHARS = 'pattern#required';

/** The parameters with each pattern's translation added after it. */
export function withTranslations(params: [string, string][]): [string, string][] {
  return params.flatMap(([n, v]): [string, string][] => {
    if (n !== 'pattern') return [[n, v]];
    const t = translateXsdPattern(v);
    return [[n, v], [JS_PATTERN, t.js], [REQUIRED_CHARS, t.required]];
  });
}

export interface Datatype {
  /** `token`, `unsignedInt`, ...: for messages. */
  readonly name: string;
  readonly params: ReadonlyMap<string, string>;
  /** Whether `value` (as written, before whitespace handling) is in the type. */
  allows(value: string): boolean;
  /** Whether two lexical forms denote the same value (for `<value>` patterns). */
  equal(written: string, value: string): boolean;
  /** The value after the type's whitespace handling. */
  normalize(value: string): string;
}

/** XML Schema's whitespace collapse: runs of space, tab, CR, LF to one space, none at the ends. */
const isXmlSpace = (c: number) => c === 32 || c === 9 || c === 10 || c === 13;

/**
 * `s` without leading and trailing XML white space (space, tab, CR, LF; not
 * the other characters String#trim removes). A scan, not a regex: `[ \t]+$`
 * backtracks over every run of spaces, quadratic in an untrusted value.
 */
export function trimXmlSpace(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && isXmlSpace(s.charCodeAt(start))) start++;
  while (end > start && isXmlSpace(s.charCodeAt(end - 1))) end--;
  return start === 0 && end === s.length ? s : s.slice(start, end);
}

export function collapse(s: string): string {
  // Most values have no whitespace at all: no regex for them.
  let plain = true;
  for (let i = 0; i < s.length && plain; i++) {
    const c = s.charCodeAt(i);
    if (c === 9 || c === 10 || c === 13 || (c === 32 && (i === 0 || i === s.length - 1 || s.charCodeAt(i + 1) === 32))) plain = false;
  }
  return plain ? s : s.replace(/[ \t\n\r]+/g, ' ').replace(/^ | $/g, '');
}

type Kind = 'string' | 'token' | 'integer' | 'double' | 'dateTime' | 'anyURI' | 'NCName';

interface XsdType {
  kind: Kind;
  min?: bigint;
  max?: bigint;
  /** libxml2 (so xmllint and virt-xml-validate) takes no sign at all on the unsigned types, not even '+'. */
  unsigned?: boolean;
}

const I = (n: string) => BigInt(n);
const XSD: Record<string, XsdType> = {
  string: { kind: 'string' },
  token: { kind: 'token' },
  anyURI: { kind: 'anyURI' },
  NCName: { kind: 'NCName' },
  double: { kind: 'double' },
  dateTime: { kind: 'dateTime' },
  integer: { kind: 'integer' },
  positiveInteger: { kind: 'integer', min: 1n },
  long: { kind: 'integer', min: I('-9223372036854775808'), max: I('9223372036854775807') },
  int: { kind: 'integer', min: -2147483648n, max: 2147483647n },
  short: { kind: 'integer', min: -32768n, max: 32767n },
  unsignedLong: { kind: 'integer', min: 0n, max: I('18446744073709551615'), unsigned: true },
  unsignedInt: { kind: 'integer', min: 0n, max: 4294967295n, unsigned: true },
  unsignedShort: { kind: 'integer', min: 0n, max: 65535n, unsigned: true },
};

const FACETS = new Set(['pattern', 'minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive', 'length', 'minLength', 'maxLength']);

export class DatatypeError extends Error {}

/** A token type without facets: its values are equal when their whitespace-collapsed forms are (a choice of them is one set lookup). */
export function isPlainToken(dt: Datatype): boolean {
  return dt.name === 'token' && dt.params.size === 0;
}

export function builtinDatatype(name: string): Datatype {
  if (name !== 'string' && name !== 'token') throw new DatatypeError(`built-in datatype '${name}' does not exist`);
  const norm = name === 'token' ? collapse : (s: string) => s;
  const equal = name === 'token' ? (a: string, b: string) => a === b || collapse(a) === collapse(b) : (a: string, b: string) => a === b;
  return { name, params: new Map(), allows: () => true, equal, normalize: norm };
}

export function xsdDatatype(name: string, params: [string, string][]): Datatype {
  const type = XSD[name];
  if (!type) throw new DatatypeError(`XML Schema datatype '${name}' is not supported`);
  const map = new Map<string, string>();
  const patterns: XsdPattern[] = [];
  for (let i = 0; i < params.length; i++) {
    const [p, v] = params[i];
    if (!FACETS.has(p)) throw new DatatypeError(`facet '${p}' is not supported`);
    if (p !== 'pattern') map.set(p, v);
    else if (params[i + 1]?.[0] === JS_PATTERN && params[i + 2]?.[0] === REQUIRED_CHARS) {
      patterns.push(compileXsdPattern(v, { js: params[i + 1][1], required: params[i + 2][1] }));
      i += 2;
    } else patterns.push(compileXsdPattern(v));
  }
  if (patterns.length) map.set('pattern', params.filter(([p]) => p === 'pattern').map(([, v]) => v).join(' and '));
  const normalize = type.kind === 'string' ? (s: string) => s : collapse;
  const range = numericRange(type, map);
  const lengths = lengthFacets(map);

  const allows = (raw: string): boolean => {
    const v = normalize(raw);
    if (!lexical(type, v)) return false;
    for (const re of patterns) if (!re.test(v)) return false;
    if (range && !range(v)) return false;
    if (lengths && !lengths(v)) return false;
    return true;
  };
  const equal = (a: string, b: string): boolean => {
    if (type.kind === 'integer') return lexical(type, collapse(a)) && lexical(type, collapse(b)) && BigInt(collapse(a)) === BigInt(collapse(b));
    return normalize(a) === normalize(b);
  };
  return { name, params: map, allows, equal, normalize };
}

const INTEGER = /^[+-]?[0-9]+$/;
const DOUBLE = /^(?:[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|-?INF|NaN)$/;
const DATETIME = /^-?([0-9]{4,})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?(Z|[+-]([0-9]{2}):([0-9]{2}))?$/;
const NCNAME = new RegExp(
  '^[A-Z_a-z\\u{c0}-\\u{d6}\\u{d8}-\\u{f6}\\u{f8}-\\u{2ff}\\u{370}-\\u{37d}\\u{37f}-\\u{1fff}\\u{200c}-\\u{200d}\\u{2070}-\\u{218f}\\u{2c00}-\\u{2fef}\\u{3001}-\\u{d7ff}\\u{f900}-\\u{fdcf}\\u{fdf0}-\\u{fffd}\\u{10000}-\\u{effff}]' +
    '[A-Z_a-z\\u{c0}-\\u{d6}\\u{d8}-\\u{f6}\\u{f8}-\\u{2ff}\\u{370}-\\u{37d}\\u{37f}-\\u{1fff}\\u{200c}-\\u{200d}\\u{2070}-\\u{218f}\\u{2c00}-\\u{2fef}\\u{3001}-\\u{d7ff}\\u{f900}-\\u{fdcf}\\u{fdf0}-\\u{fffd}\\u{10000}-\\u{effff}\\-.0-9\\u{b7}\\u{300}-\\u{36f}\\u{203f}-\\u{2040}]*$',
  'u',
);

function lexical(type: XsdType, v: string): boolean {
  switch (type.kind) {
    case 'string':
    case 'token':
    case 'anyURI':
      return true;
    case 'NCName':
      return NCNAME.test(v);
    case 'double':
      return DOUBLE.test(v);
    case 'dateTime':
      return dateTime(v);
    case 'integer': {
      if (!INTEGER.test(v) || (type.unsigned && !/^[0-9]/.test(v))) return false;
      const n = BigInt(v);
      return (type.min === undefined || n >= type.min) && (type.max === undefined || n <= type.max);
    }
  }
}

function dateTime(v: string): boolean {
  const m = DATETIME.exec(v);
  if (!m) return false;
  const [, year, month, day, hour, minute, second, , zone, zh, zm] = m;
  if (year.length > 4 && year.startsWith('0')) return false;
  if (/^0+$/.test(year)) return false; // there is no year 0000 in XML Schema 1.0
  const mo = Number(month);
  const d = Number(day);
  if (mo < 1 || mo > 12 || d < 1) return false;
  const y = Number(year);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  if (d > days) return false;
  const h = Number(hour);
  if (h > 24 || Number(minute) > 59 || Number(second) > 59) return false;
  if (h === 24 && (Number(minute) !== 0 || Number(second) !== 0 || /[1-9]/.test(m[7] ?? ''))) return false;
  if (zone && zone !== 'Z' && (Number(zh) > 14 || Number(zm) > 59 || (Number(zh) === 14 && Number(zm) !== 0))) return false;
  return true;
}

function numericRange(type: XsdType, facets: Map<string, string>): ((v: string) => boolean) | undefined {
  const bounds = ['minInclusive', 'maxInclusive', 'minExclusive', 'maxExclusive'].filter((f) => facets.has(f));
  if (!bounds.length) return undefined;
  if (type.kind === 'integer') {
    const b = Object.fromEntries(bounds.map((f) => [f, BigInt(facets.get(f)!)]));
    return (v) => {
      const n = BigInt(v);
      return (
        (b.minInclusive === undefined || n >= b.minInclusive) &&
        (b.maxInclusive === undefined || n <= b.maxInclusive) &&
        (b.minExclusive === undefined || n > b.minExclusive) &&
        (b.maxExclusive === undefined || n < b.maxExclusive)
      );
    };
  }
  if (type.kind === 'double') {
    const b = Object.fromEntries(bounds.map((f) => [f, Number(facets.get(f)!)]));
    return (v) => {
      const n = v === 'INF' ? Infinity : v === '-INF' ? -Infinity : Number(v);
      if (Number.isNaN(n)) return false;
      return (
        (b.minInclusive === undefined || n >= b.minInclusive) &&
        (b.maxInclusive === undefined || n <= b.maxInclusive) &&
        (b.minExclusive === undefined || n > b.minExclusive) &&
        (b.maxExclusive === undefined || n < b.maxExclusive)
      );
    };
  }
  throw new DatatypeError(`range facets on '${type.kind}' are not supported`);
}

function lengthFacets(facets: Map<string, string>): ((v: string) => boolean) | undefined {
  const length = facets.get('length');
  const min = facets.get('minLength');
  const max = facets.get('maxLength');
  if (length === undefined && min === undefined && max === undefined) return undefined;
  return (v) => {
    const n = [...v].length; // characters, not UTF-16 units
    return (length === undefined || n === Number(length)) && (min === undefined || n >= Number(min)) && (max === undefined || n <= Number(max));
  };
}
