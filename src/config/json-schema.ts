/**
 * The JSON Schema of `.virt-lint.json`, generated from the zod schema (and so
 * from the rule registry). scripts/gen-config-schema.mjs writes it to
 * schema/virt-lint.schema.json; test/config/json-schema.test.ts fails when the
 * committed file drifts. Draft-07, which VS Code and other editors complete
 * and check with.
 */
import { toJSONSchema } from 'zod/mini';
import type { Rule } from '#engine/rule.js';
import { buildConfigSchema } from './schema.js';

export const SCHEMA_PATH = 'schema/virt-lint.schema.json';

type Json = Record<string, unknown>;

export function configJsonSchema(rules: readonly Rule[]): Json {
  const generated = toJSONSchema(buildConfigSchema(rules), { target: 'draft-7', io: 'input' }) as Json;
  const { $schema, ...rest } = generated;
  const schema: Json = { $schema, title: 'virt-lint configuration (.virt-lint.json)', ...rest };
  // `rules` appears at the top and in every override, and the severity enum in every rule:
  // name them once instead of repeating them.
  const props = schema.properties as Record<string, Json>;
  const rulesSchema = props.rules;
  const severity = firstSeverityEnum(rulesSchema);
  const definitions: Json = { rules: rulesSchema };
  if (severity) {
    definitions.severity = severity;
    replaceEqual(rulesSchema, JSON.stringify(severity), { $ref: '#/definitions/severity' });
  }
  props.rules = { $ref: '#/definitions/rules' };
  ((props.overrides.items as Json).properties as Json).rules = { $ref: '#/definitions/rules' };
  schema.definitions = definitions;
  return schema;
}

/** The file's exact text. */
export function configJsonSchemaText(rules: readonly Rule[]): string {
  return JSON.stringify(configJsonSchema(rules), null, 2) + '\n';
}

function firstSeverityEnum(node: unknown): Json | undefined {
  if (!node || typeof node !== 'object') return undefined;
  const o = node as Json;
  if (Array.isArray(o.enum) && o.enum.includes('off') && o.enum.includes('error')) return o;
  for (const v of Object.values(o)) {
    const found = firstSeverityEnum(v);
    if (found) return found;
  }
  return undefined;
}

function replaceEqual(node: unknown, target: string, replacement: Json): void {
  if (!node || typeof node !== 'object') return;
  const entries = Array.isArray(node) ? node.map((v, i) => [i, v] as const) : Object.entries(node as Json);
  for (const [k, v] of entries) {
    if (v && typeof v === 'object' && JSON.stringify(v) === target) (node as Record<string | number, unknown>)[k] = { ...replacement };
    else replaceEqual(v, target, replacement);
  }
}
