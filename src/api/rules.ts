/**
 * The rules' metadata as the Node API publishes it: plain data, from the same
 * `meta` that the docs pages, `--list-rules` and SARIF are generated from.
 */
import { rules as allRules } from '#rules/index.js';
import type { RuleCategory, RuleDocs, Severity } from '#engine/rule.js';
import type { FixSafety } from '#engine/edit.js';
import type { HostRequirements } from '#engine/host-facts.js';
import { ruleDocsUrl } from '../docs/links.js';
import { jsonSchemaOf } from '../docs/option-schema.js';
import { docsCommand } from '../formatters/types.js';

export interface RuleInfo {
  /** Stable kebab-case id, as in messages and configuration. */
  id: string;
  /** One line. */
  description: string;
  /** Default severity. */
  severity: Severity;
  category: RuleCategory;
  /** The most the rule's fixes may be: false (none), 'safe' (applied by `fix`) or 'unsafe' (suggestions only). */
  fixable: false | FixSafety;
  /** For error rules: refused at `virsh define` (default) or only at `virsh start`. */
  failsAt?: 'define' | 'start';
  /** Host facts the rule needs, as version ranges; without them it is skipped (see a result's `skippedRules`). */
  requires?: HostRequirements;
  /** Message templates by message id, `{{placeholders}}` filled from a message's data. */
  messages: Readonly<Record<string, string>>;
  /** The JSON Schema of the rule's options (`[severity, options]` in `rules`), when it has any. */
  options?: unknown;
  /** What it does, why, an example, what to use instead, fix safety, sources. */
  docs: RuleDocs;
  /** The documentation page. */
  docsUrl: string;
  /** The command that prints the documentation. */
  docsCommand: string;
}

/** Every rule, sorted by id. */
export const rules: readonly RuleInfo[] = allRules.map(({ meta }) => ({
  id: meta.id,
  description: meta.description,
  severity: meta.severity,
  category: meta.category,
  fixable: meta.fixable,
  ...(meta.failsAt ? { failsAt: meta.failsAt } : {}),
  ...(meta.requires ? { requires: { ...meta.requires } } : {}),
  messages: { ...meta.messages },
  ...(meta.options ? { options: jsonSchemaOf(meta.options) } : {}),
  docs: { ...meta.docs, sources: [...meta.docs.sources] },
  docsUrl: ruleDocsUrl(meta.id),
  docsCommand: docsCommand(meta.id),
}));
