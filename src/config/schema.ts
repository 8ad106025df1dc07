/**
 * The `.virt-lint.json` schema, built from the rule registry: every rule id is
 * a key of `rules`, and a rule's options are checked by the rule's own
 * `meta.options` schema. The JSON Schema editors use
 * (schema/virt-lint.schema.json) is generated from this, so the two cannot
 * disagree (test/config/json-schema.test.ts fails when the file drifts).
 *
 * zod/mini, like the rules: the CLI loads this only when a configuration file
 * exists.
 */
import * as z from 'zod/mini';
import type { Rule } from '#engine/rule.js';
import { parseVersion } from '#engine/host-facts.js';

export const SEVERITY_SETTINGS = ['off', 'info', 'warning', 'error'] as const;
export type SeveritySetting = (typeof SEVERITY_SETTINGS)[number];

export const TOP_LEVEL_KEYS = ['$schema', 'qemuVersion', 'libvirtVersion', 'rules', 'ignores', 'overrides'] as const;
export const OVERRIDE_KEYS = ['files', 'rules'] as const;

/** Rule ids that exist but cannot be set, and why. */
export const NOT_CONFIGURABLE: Record<string, string> = {
  'xml-not-well-formed': 'cannot be configured: a file that is not well-formed XML is always an error, since no other rule can check it; list such files in "ignores" instead',
};

export function configurableRules(rules: readonly Rule[]): Rule[] {
  return rules.filter((r) => !(r.meta.id in NOT_CONFIGURABLE));
}

/** The options schema a rule's `[severity, options]` entry is checked with. */
export function optionKeys(rule: Rule): string[] {
  const shape = (rule.meta.options as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
}

export type ConfigSchema = ReturnType<typeof buildConfigSchema>;

export interface BuildOptions {
  /**
   * Build entries only for these rule ids (the ones a configuration names):
   * validating a file then costs what it uses, not what the registry holds.
   * Other ids are still rejected, as unknown keys. Default: every rule.
   */
  ruleIds?: ReadonlySet<string>;
  /** Attach descriptions (for the JSON Schema); validation does not need them. Default: true. */
  describe?: boolean;
}

export function buildConfigSchema(rules: readonly Rule[], build: BuildOptions = {}) {
  const describe = build.describe !== false;
  const d = <T extends z.ZodMiniType>(schema: T, text: string): T => (describe ? (schema.check(z.describe(text)) as T) : schema);
  const severity = d(z.enum(SEVERITY_SETTINGS), '"off" turns the rule off; "info", "warning" or "error" sets the severity of its problems.');
  const ruleShape: Record<string, z.ZodMiniOptional> = {};
  for (const rule of configurableRules(rules)) {
    if (build.ruleIds && !build.ruleIds.has(rule.meta.id)) continue;
    const { id, description, severity: defaultSeverity, options } = rule.meta;
    const tuple = options ? z.tuple([severity, z.optional(options)]) : z.tuple([severity]);
    const help = options
      ? `${description}. Default severity: ${defaultSeverity}. A severity, or [severity, { options }].`
      : `${description}. Default severity: ${defaultSeverity}. A severity (the rule has no options).`;
    ruleShape[id] = z.optional(d(z.union([severity, tuple]), help));
  }
  const rulesSchema = d(z.strictObject(ruleShape), 'Rule id → "off" | "info" | "warning" | "error", or [severity, { options }]. Rules not named run with their defaults.');
  const pattern = z.string().check(
    z.minLength(1, 'an empty pattern matches nothing'),
    z.refine((p) => !p.startsWith('!'), 'is a negated pattern; "!" is not supported'),
  );
  const version = (what: string, example: string) =>
    d(
      z.string().check(z.refine((v) => parseVersion(v) !== undefined, `is not a ${what} version (expected e.g. ${example})`)),
      `The ${what} version of the host these domains run on, e.g. ${example}. Version-specific rules need it. --${what === 'QEMU' ? 'qemu' : 'libvirt'}-version and VIRT_LINT_${what.toUpperCase()}_VERSION win over it; it wins over detection.`,
    );
  return d(
    z.strictObject({
      $schema: z.optional(d(z.string(), 'The JSON Schema of this file, for editors: e.g. ./node_modules/virt-lint/schema/virt-lint.schema.json')),
      qemuVersion: z.optional(version('QEMU', '"9.1.1"')),
      libvirtVersion: z.optional(version('libvirt', '"10.0.0"')),
      rules: z.optional(rulesSchema),
      ignores: z.optional(
        d(
          z.array(pattern),
          'Files not to lint, even when named on the command line. Patterns are relative to this file\'s directory and read like .gitignore: "generated/", "*.tmpl.xml", "lab/**/old-*.xml".',
        ),
      ),
      overrides: z.optional(
        d(
          z.array(
            z.strictObject({
              files: d(z.array(pattern).check(z.minLength(1, 'name at least one pattern')), 'Patterns (as in "ignores") of the files these settings apply to.'),
              rules: rulesSchema,
            }),
          ),
          'Rule settings for some files. Later entries win over earlier ones and over "rules".',
        ),
      ),
    }),
    'virt-lint configuration (.virt-lint.json). Found from each linted file\'s directory upward to the repository root.',
  );
}
