import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { compileSchema } from '#schema/compile/compile.js';
import { SchemaCompileError } from '#schema/compile/rng-tree.js';
import { MODEL_JSON } from '#schema/generated/models.js';
import { SCHEMA_VERSIONS } from '#schema/index.js';
import { Grammar } from '#schema/grammar.js';
import { g } from './helpers.js';

const fromVendor = (version: string) => compileSchema('domain.rng', (href) => readFileSync(`vendor/libvirt-schemas/${version}/${href}`, 'utf8'), version);
const only = (main: string) => () => compileSchema('main.rng', (href) => (href === 'main.rng' ? main : '<nothing/>'), 'test');

describe('compiling libvirt grammars', () => {
  it('builds every model from the vendored .rng files alone, as the build did', () => {
    for (const version of SCHEMA_VERSIONS) {
      const model = fromVendor(version);
      expect(JSON.stringify(model), `${version}: rebuild (npm run build) after changing vendor/`).toBe(MODEL_JSON[version]);
      // Compact: a shared subpattern is stored once.
      expect(MODEL_JSON[version].length).toBeLessThan(150_000);
      const grammar = new Grammar(model);
      expect(grammar.knowsElement({ ns: '', local: 'interface', key: 'interface' })).toBe(true);
    }
  });

  it('keeps the grammar’s names for datatypes, for messages', () => {
    const model = fromVendor('12.9.0');
    const labels = new Set<string>();
    for (let i = 1; i < model.labels.length; i += 2) labels.add(model.strings[model.labels[i]]);
    for (const name of ['absFilePath', 'UUID', 'unit', 'uint8']) expect(labels).toContain(name);
  });

  it('refuses what it does not support rather than compiling something else', () => {
    expect(only(g('<start><externalRef href="x.rng"/></start>'))).toThrow(SchemaCompileError);
    expect(only(g('<start><element name="a"><data type="gYear"/></element></start>'))).toThrow(/not supported/);
    expect(only(g('<start><element name="a"><data type="string"><param name="pattern">[a</param></data></element></start>'))).toThrow(/pattern/);
    expect(only(g('<start><ref name="nowhere"/></start>'))).toThrow(/undefined 'nowhere'/);
    expect(only(g('<define name="a"><ref name="a"/></define><start><ref name="a"/></start>'))).toThrow(/refers to itself/);
    expect(only(g('<define name="a"><empty/></define><define name="a"><empty/></define><start><ref name="a"/></start>'))).toThrow(/twice without combine/);
  });
});
