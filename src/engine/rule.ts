/**
 * What a rule is: metadata (the single source for its docs page, the
 * `--list-rules` listing and SARIF rule entries) plus a `create` function that
 * inspects the tree through a context. A rule never touches the file system
 * or the process.
 */
import type * as z from 'zod/mini';
import type { Range } from './source.js';
import type { XmlAttribute, XmlDocument, XmlElement } from './tree.js';
import type { Fixer } from './fixer.js';
import type { HostFacts, HostRequirements } from './host-facts.js';
import type { Fix, FixSafety } from './edit.js';

export type Severity = 'error' | 'warning' | 'info';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

/** Categories group the reference table and `--list-rules`. */
export type RuleCategory =
  | 'correctness' // libvirt or QEMU refuses the domain, or a device will not work
  | 'compatibility' // depends on host QEMU / libvirt versions
  | 'looking-glass'
  | 'passthrough'
  | 'security'
  | 'meta'; // about the file or virt-lint itself

export interface RuleDocs {
  whatItDoes: string;
  whyIsThisBad: string;
  /** Domain XML (fragment) that triggers the rule. */
  example: string;
  /** The same XML, corrected. */
  useInstead: string;
  fixSafety: string;
  /** Where the facts come from: libvirt / QEMU source or docs, Looking Glass docs. One entry per source. */
  sources: string[];
  /** Caveats, uncertain facts, known false positives. */
  notes?: string;
}

export interface RuleMeta<O extends z.ZodMiniType = z.ZodMiniType, M extends string = string> {
  /** Stable kebab-case id; equals the file name in rules/. Never reused. */
  id: string;
  /** One line, no trailing period. */
  description: string;
  /**
   * The rule's messages by id (ESLint's `meta.messages`): templates with
   * `{{name}}` placeholders filled from a report's `data`. Tests assert the id
   * and data, so a change of wording touches one place.
   */
  messages: Record<M, string>;
  severity: Severity;
  category: RuleCategory;
  /** The most a rule's fixes may be: false (none), 'safe' or 'unsafe'. */
  fixable: false | FixSafety;
  /**
   * Options with defaults: a zod/mini object schema (`z.strictObject`). zod/mini
   * rather than classic zod because it tree-shakes to a few kB: the CLI must start
   * within 1.5x of bare Node, and classic zod alone costs more than that.
   * Rule modules define it as a getter built on first read (`lazy`): building
   * the five schemas and parsing `{}` with each was about 3 ms of every lint's
   * start, and a run that sets no options reads `defaultOptions` instead.
   */
  options?: O;
  /**
   * The options a run that sets none gets (ESLint's `meta.defaultOptions`):
   * what `options` parses `{}` to, written out so that such a run builds no
   * schema. Required with `options` for the rules shipped here (a test checks
   * both agree); without it the engine parses `{}`.
   */
  defaultOptions?: z.output<O>;
  /**
   * For `error` rules: when the refusal happens. 'define' (the default):
   * libvirt's parser or validator refuses the XML at `virsh define`. 'start':
   * libvirt accepts the definition, but QEMU (or libvirt's start-time checks)
   * refuses at `virsh start`. The docs page says which; the corpus script
   * compares only 'define' rules with libvirt's define-time verdicts.
   */
  failsAt?: 'define' | 'start';
  /** The rule runs only when these facts are known and in range. */
  requires?: HostRequirements;
  docs: RuleDocs;
}

/** Values for a message's `{{placeholders}}`. */
export type MessageData = Readonly<Record<string, string | number>>;

export interface ReportDescriptor<M extends string = string> {
  /** Where: an element (its start tag is highlighted), an attribute (its value), or a raw range. */
  at: XmlElement | XmlAttribute | Range;
  /** A key of the rule's `meta.messages`. */
  messageId: M;
  data?: MessageData;
  /** Overrides the rule's default severity for this diagnostic (e.g. worse with Looking Glass). */
  severity?: Severity;
  /**
   * In preference order. The first is what `--fix` applies when it is still
   * safe after the engine's checks (host facts, explicit settings, comments;
   * see fix-gates.ts); a fix the host cannot take is dropped. The rest are
   * suggestions.
   */
  fixes?: Fix[];
}

export interface RuleContext<O = unknown, M extends string = string> {
  readonly doc: XmlDocument;
  readonly domain: XmlElement;
  readonly host: HostFacts;
  readonly options: O;
  readonly fixer: Fixer;
  report(descriptor: ReportDescriptor<M>): void;
}

export interface Rule<O extends z.ZodMiniType = z.ZodMiniType, M extends string = string> {
  meta: RuleMeta<O, M>;
  create(context: RuleContext<z.output<O>, M>): void;
}

/**
 * How a run sets one rule: its severity (or 'off') and options. The CLI fills
 * it from configuration files and `--rule`; the engine only applies it.
 */
export interface RuleOverride {
  severity?: Severity | 'off';
  options?: unknown;
}

/** The options a rule runs with: `given` checked by its schema, or its defaults when none are given. */
export function resolveOptions(rule: Rule, given: unknown): unknown {
  if (given === undefined && rule.meta.defaultOptions !== undefined) return rule.meta.defaultOptions;
  const schema = rule.meta.options;
  if (!schema) return NO_OPTIONS;
  if (given !== undefined) return schema.parse(given);
  if (!parsedDefaults.has(rule)) parsedDefaults.set(rule, schema.parse({}));
  return parsedDefaults.get(rule);
}

/** The options of a rule that takes none (frozen: shared by every run). */
const NO_OPTIONS = Object.freeze({});

/** Defaults parsed from the schema, for a rule (one made through the API) that does not write them out. */
const parsedDefaults = new WeakMap<Rule, unknown>();

/**
 * Identity function that gives rule modules their types: `report` accepts
 * only the rule's own message ids.
 */
export function defineRule<O extends z.ZodMiniType, M extends string>(rule: Rule<O, M>): Rule<O, M> {
  return rule;
}

/** Fills a message template's `{{name}}` placeholders; a placeholder without data is a bug in the rule. */
export function renderMessage(template: string, data: MessageData = {}): string {
  return template.replace(/\{\{\s*([\w-]+)\s*\}\}/g, (_, name: string) => {
    if (!(name in data)) throw new Error(`message placeholder {{${name}}} has no data`);
    return String(data[name]);
  });
}
