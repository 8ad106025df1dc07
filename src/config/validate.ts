/**
 * Parsing and validating the text of one `.virt-lint.json(c)`. Pure: the CLI
 * finds and reads the file (src/cli/config-files.ts) and hands the text over.
 * Imported only when a configuration file exists (dynamic import), so runs
 * without one never pay for the schema.
 *
 * Validation is strict and complete: every unknown key, unknown rule id and
 * bad value is named, with its path and a did-you-mean where one is close.
 */
import { dirname } from 'node:path';
import { parse as parseJsoncText, ParseErrorCode, type ParseError } from 'jsonc-parser';
import type { Rule, Severity } from '#engine/rule.js';
import { didYouMean as closest } from '#shared/text.js';
import { ConfigError } from './errors.js';
import { compilePattern, GlobError, type PathPattern } from './glob.js';
import { buildConfigSchema, configurableRules, NOT_CONFIGURABLE, optionKeys, OVERRIDE_KEYS, SEVERITY_SETTINGS, TOP_LEVEL_KEYS, type ConfigSchema } from './schema.js';

/** How a configuration sets one rule: `"off"`, a severity, or a severity with options. */
export interface RuleSetting {
  severity?: Severity | 'off';
  options?: unknown;
}

export interface LoadedConfig {
  /** Absolute path of the file. */
  path: string;
  qemuVersion?: string;
  libvirtVersion?: string;
  rules: Map<string, RuleSetting>;
  ignores: PathPattern[];
  overrides: { files: PathPattern[]; rules: Map<string, RuleSetting> }[];
}

type RuleEntry = SeverityEntry | [SeverityEntry, unknown?];
type SeverityEntry = (typeof SEVERITY_SETTINGS)[number];

interface RawConfig {
  qemuVersion?: string;
  libvirtVersion?: string;
  rules?: Record<string, RuleEntry | undefined>;
  ignores?: string[];
  overrides?: { files: string[]; rules: Record<string, RuleEntry | undefined> }[];
}


/** Parses and validates a configuration's text; throws ConfigError naming every problem. `shown` is how messages name the file. */
export function parseConfigText(text: string, path: string, shown: string, rules: readonly Rule[]): LoadedConfig {
  return validateConfig(parseJsonc(text, shown), path, shown, rules);
}

export function validateConfig(raw: unknown, path: string, shown: string, rules: readonly Rule[]): LoadedConfig {
  const schema: ConfigSchema = buildConfigSchema(rules, { ruleIds: namedRuleIds(raw), describe: false });
  const result = schema.safeParse(raw, { reportInput: true });
  if (!result.success) {
    const lines = describeIssues(result.error.issues as Issue[], raw, rules).map((l) => `${shown}: ${l}`);
    throw new ConfigError([...new Set(lines)]);
  }
  const data = raw as RawConfig; // validated; use the input as written (options get their defaults from the rule later)
  const base = dirname(path);
  const badPatterns: string[] = [];
  const pattern = (p: string, where: string): PathPattern => {
    try {
      return compilePattern(p, base);
    } catch (e) {
      if (!(e instanceof GlobError)) throw e;
      badPatterns.push(`${shown}: ${where}: ${e.message}`);
      return { pattern: p, matches: () => false };
    }
  };
  const config: LoadedConfig = {
    path,
    qemuVersion: data.qemuVersion,
    libvirtVersion: data.libvirtVersion,
    rules: settingsOf(data.rules),
    ignores: (data.ignores ?? []).map((p, i) => pattern(p, `ignores[${i}]`)),
    overrides: (data.overrides ?? []).map((o, i) => ({ files: o.files.map((p, j) => pattern(p, `overrides[${i}].files[${j}]`)), rules: settingsOf(o.rules) })),
  };
  if (badPatterns.length) throw new ConfigError(badPatterns);
  return config;
}

/** The rule ids a configuration names, in "rules" and in every override. */
function namedRuleIds(raw: unknown): Set<string> {
  const ids = new Set<string>();
  const add = (rules: unknown) => {
    if (rules && typeof rules === 'object' && !Array.isArray(rules)) for (const id of Object.keys(rules)) ids.add(id);
  };
  if (raw && typeof raw === 'object') {
    const r = raw as { rules?: unknown; overrides?: unknown };
    add(r.rules);
    if (Array.isArray(r.overrides)) for (const o of r.overrides) add(o && typeof o === 'object' ? (o as { rules?: unknown }).rules : undefined);
  }
  return ids;
}

function settingsOf(rules: Record<string, RuleEntry | undefined> | undefined): Map<string, RuleSetting> {
  const out = new Map<string, RuleSetting>();
  for (const [id, entry] of Object.entries(rules ?? {})) {
    if (entry === undefined) continue;
    if (typeof entry === 'string') out.set(id, { severity: entry as Severity | 'off' });
    else out.set(id, entry.length > 1 ? { severity: entry[0] as Severity | 'off', options: entry[1] } : { severity: entry[0] as Severity | 'off' });
  }
  return out;
}

/** What each of jsonc-parser's syntax errors means, for "invalid JSON: ...". */
const SYNTAX: Record<number, string> = {
  [ParseErrorCode.InvalidSymbol]: 'unexpected characters (strings take double quotes; true, false and null are lower case)',
  [ParseErrorCode.InvalidNumberFormat]: 'invalid number',
  [ParseErrorCode.PropertyNameExpected]: 'expected a property name in double quotes',
  [ParseErrorCode.ValueExpected]: 'expected a value',
  [ParseErrorCode.ColonExpected]: "expected ':' after the property name",
  [ParseErrorCode.CommaExpected]: "expected ',' between two entries",
  [ParseErrorCode.CloseBraceExpected]: "expected ',' or '}'",
  [ParseErrorCode.CloseBracketExpected]: "expected ',' or ']'",
  [ParseErrorCode.EndOfFileExpected]: 'expected the end of the file after the configuration object',
  [ParseErrorCode.InvalidCommentToken]: 'invalid comment',
  [ParseErrorCode.UnexpectedEndOfComment]: "comment not closed with '*/'",
  [ParseErrorCode.UnexpectedEndOfString]: 'string not closed',
  [ParseErrorCode.UnexpectedEndOfNumber]: 'number cut short',
  [ParseErrorCode.InvalidUnicode]: 'invalid \\u escape',
  [ParseErrorCode.InvalidEscapeCharacter]: 'invalid escape in a string',
  [ParseErrorCode.InvalidCharacter]: 'a control character in a string (escape it, e.g. \\n)',
};

/**
 * JSON with comments (`//` and `/* *\/`, as VS Code's JSONC), parsed by
 * jsonc-parser; the first syntax error is reported at its line:column. No
 * trailing commas: the file stays JSON apart from its comments.
 */
function parseJsonc(text: string, shown: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  const errors: ParseError[] = [];
  const value = parseJsoncText(body, errors, { disallowComments: false, allowTrailingComma: false, allowEmptyContent: false });
  if (errors.length === 0) return value;
  const { error, offset } = errors[0];
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < body.length; i++) {
    if (body[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  }
  const trailingComma = (error === ParseErrorCode.PropertyNameExpected || error === ParseErrorCode.ValueExpected) && /,\s*$/.test(body.slice(0, offset));
  const why = trailingComma ? 'a trailing comma (JSON has none)' : (SYNTAX[error] ?? 'syntax error');
  throw new ConfigError([`${shown}:${line}:${offset - lineStart + 1}: invalid JSON: ${why}`]);
}

// ---- Turning zod issues into messages -------------------------------------------------

type PathKey = string | number;

interface Issue {
  code: string;
  path: PathKey[];
  message: string;
  keys?: string[];
  values?: unknown[];
  expected?: string;
  input?: unknown;
  maximum?: number | bigint;
  minimum?: number | bigint;
  origin?: string;
  errors?: Issue[][];
}

const quoteList = (values: readonly unknown[]) => {
  const q = values.map((v) => JSON.stringify(v));
  return q.length === 1 ? q[0] : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
};

const didYouMean = (name: string, candidates: Iterable<string>) => {
  const guess = closest(name, candidates);
  return guess ? `; did you mean '${guess}'?` : '';
};

/** `rules.qemu-911-spice-hda-audio[1].preferredFix` */
export function formatPath(path: readonly PathKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else if (/^[A-Za-z0-9_$-]+$/.test(key)) out += out ? `.${key}` : key;
    else out += `[${JSON.stringify(key)}]`;
  }
  return out || '(top level)';
}

function valueAt(root: unknown, path: readonly PathKey[]): unknown {
  let v = root;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PathKey, unknown>)[k] : undefined;
  return v;
}

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `a string (${JSON.stringify(v)})`;
  if (v === undefined) return 'nothing';
  return `${typeof v === 'number' ? 'a number' : typeof v === 'boolean' ? 'a boolean' : typeof v} (${String(v)})`;
}

const ARTICLE: Record<string, string> = { object: 'an object', array: 'an array', string: 'a string', number: 'a number', boolean: 'a boolean', tuple: 'an array' };

/** Is `path` a rule entry (`rules.<id>` or `overrides[i].rules.<id>`)? Returns the rule id. */
function ruleEntryId(path: readonly PathKey[]): string | undefined {
  const n = path.length;
  if (n >= 2 && path[n - 2] === 'rules' && typeof path[n - 1] === 'string' && (n === 2 || (n === 4 && path[0] === 'overrides'))) return path[n - 1] as string;
  return undefined;
}

export function describeIssues(issues: Issue[], root: unknown, rules: readonly Rule[], prefix: PathKey[] = []): string[] {
  const ruleById = new Map(rules.map((r) => [r.meta.id, r]));
  const configurableIds = configurableRules(rules).map((r) => r.meta.id);
  const out: string[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    const where = formatPath(path);
    const value = valueAt(root, path);
    switch (issue.code) {
      case 'unrecognized_keys':
        for (const key of issue.keys ?? []) out.push(`${formatPath([...path, key])}: ${unknownKey(path, key)}`);
        break;
      case 'invalid_union': {
        const id = ruleEntryId(path);
        if (id !== undefined && Array.isArray(value) && issue.errors?.[1]) {
          out.push(...describeIssues(issue.errors[1], root, rules, path));
        } else if (id !== undefined && typeof value === 'string') {
          out.push(`${where}: unknown severity ${JSON.stringify(value)}; expected ${quoteList(SEVERITY_SETTINGS)}${didYouMean(value, SEVERITY_SETTINGS)}`);
        } else {
          out.push(`${where}: expected a severity (${quoteList(SEVERITY_SETTINGS)}) or [severity, { options }], got ${describeValue(value)}`);
        }
        break;
      }
      case 'invalid_value': {
        const values = issue.values ?? [];
        const isSeverity = values.length === SEVERITY_SETTINGS.length && SEVERITY_SETTINGS.every((s) => values.includes(s));
        const guess = typeof value === 'string' ? didYouMean(value, values.map(String)) : '';
        out.push(`${where}: ${isSeverity ? 'unknown severity' : 'invalid value'} ${JSON.stringify(value)}; expected ${quoteList(values)}${guess}`);
        break;
      }
      case 'invalid_type':
        out.push(`${where}: expected ${ARTICLE[issue.expected ?? ''] ?? issue.expected}, got ${describeValue(value)}`);
        break;
      case 'too_big':
      case 'too_small': {
        const entryPath = path;
        const id = ruleEntryId(entryPath);
        if (id !== undefined && Array.isArray(value)) {
          if (value.length === 0) out.push(`${where}: an empty array; expected [severity] or [severity, { options }]`);
          else if (issue.code === 'too_big' && Number(issue.maximum) === 1) out.push(`${where}: the rule takes no options; write ${JSON.stringify(value[0])}`);
          else out.push(`${where}: expected [severity, { options }], got ${value.length} items`);
        } else {
          out.push(`${where}: ${issue.message === 'Invalid input' ? `${issue.code === 'too_big' ? 'too many' : 'too few'} items` : issue.message}`);
        }
        break;
      }
      case 'custom':
        out.push(`${where}: ${JSON.stringify(value)} ${issue.message}`);
        break;
      default:
        out.push(`${where}: ${issue.message === 'Invalid input' ? `invalid value ${describeValue(value)}` : issue.message}`);
    }
  }
  return out;

  function unknownKey(path: PathKey[], key: string): string {
    if (path.length === 0) {
      if (ruleById.has(key)) return `unknown key; rule settings go under "rules": { "${key}": ... }`;
      return `unknown key${didYouMean(key, TOP_LEVEL_KEYS)}`;
    }
    if (path[path.length - 1] === 'rules') {
      if (key in NOT_CONFIGURABLE) return NOT_CONFIGURABLE[key];
      return `unknown rule${didYouMean(key, configurableIds)}`;
    }
    if (path.length === 2 && path[0] === 'overrides') return `unknown key${didYouMean(key, OVERRIDE_KEYS)}`;
    const owner = ruleEntryId(path.slice(0, -1));
    if (owner !== undefined && path[path.length - 1] === 1) {
      const rule = ruleById.get(owner);
      return `unknown option of ${owner}${rule ? didYouMean(key, optionKeys(rule)) : ''}`;
    }
    return 'unknown key';
  }
}
