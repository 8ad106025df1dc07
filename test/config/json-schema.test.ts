/**
 * The published JSON Schema (schema/virt-lint.schema.json) is generated from
 * the zod schema; it must match the rules as they are, and accept and reject
 * what virt-lint itself accepts and rejects.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { rules } from '#rules/index.js';
import { configJsonSchemaText, SCHEMA_PATH } from '../../src/config/json-schema.js';
import { validateConfig } from '../../src/config/validate.js';
import { NOT_CONFIGURABLE } from '../../src/config/schema.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const committed = readFileSync(join(ROOT, SCHEMA_PATH), 'utf8');
const schema = JSON.parse(committed);

describe('schema/virt-lint.schema.json', () => {
  it('is what scripts/gen-config-schema.mjs generates from the rules (run it after adding a rule)', () => {
    expect(committed).toBe(configJsonSchemaText(rules));
  });

  it('enumerates every configurable rule id, and only those', () => {
    const ids = Object.keys(schema.definitions.rules.properties);
    expect(ids).toEqual(rules.map((r) => r.meta.id).filter((id) => !(id in NOT_CONFIGURABLE)));
    expect(schema.definitions.rules.additionalProperties).toBe(false);
    expect(schema.additionalProperties).toBe(false);
  });

  const ajv = new Ajv({ strict: false });
  const check = ajv.compile(schema);
  const zodAccepts = (config: unknown) => {
    try {
      validateConfig(config, '/x/.virt-lint.json', '.virt-lint.json', rules);
      return true;
    } catch {
      return false;
    }
  };

  it.each([
    [{}, true],
    [{ $schema: './node_modules/virt-lint/schema/virt-lint.schema.json', qemuVersion: '9.1.1', libvirtVersion: '10.0.0' }, true],
    [{ rules: { 'qemu-911-spice-hda-audio': 'off', 'unused-suppression': ['error'] } }, true],
    [{ rules: { 'qemu-911-spice-hda-audio': ['warning', { preferredFix: 'remove-sound' }] } }, true],
    [{ ignores: ['generated/'], overrides: [{ files: ['lab/**/*.xml'], rules: { 'invalid-suppression': ['error', { requireReason: true }] } }] }, true],
    [{ rule: {} }, false],
    [{ rules: { 'qemu-911-spice-hdaaudio': 'off' } }, false],
    [{ rules: { 'qemu-911-spice-hda-audio': 'warn' } }, false],
    [{ rules: { 'qemu-911-spice-hda-audio': ['warning', { preferredFix: 'remove' }] } }, false],
    [{ rules: { 'qemu-911-spice-hda-audio': ['warning', { other: 1 }] } }, false],
    [{ rules: { 'unused-suppression': ['warning', {}] } }, false],
    [{ rules: { 'xml-not-well-formed': 'off' } }, false],
    [{ overrides: [{ rules: {} }] }, false],
    [{ overrides: [{ files: [], rules: {} }] }, false],
    [{ ignores: 'generated/' }, false],
  ])('%j: accepted = %s by the JSON Schema and by virt-lint', (config, ok) => {
    expect(check(config)).toBe(ok);
    expect(zodAccepts(config)).toBe(ok);
  });

  it('version strings are checked by virt-lint beyond what JSON Schema can say', () => {
    expect(check({ qemuVersion: 'latest' })).toBe(true);
    expect(zodAccepts({ qemuVersion: 'latest' })).toBe(false);
  });
});
