/**
 * The schema check's entry points: libvirt's domain grammar of each shipped
 * release, loaded on first use, and the validation of a parsed document
 * against one of them (remembered per document, so the five schema rules
 * share one validation).
 */
import type { XmlDocument } from '../engine/tree.js';
import { Grammar } from './grammar.js';
import { MODEL_JSON, SCHEMA_VERSIONS } from './generated/models.js';
import type { CompiledModel } from './model.js';
import { validate, type FindingKind, type SchemaFinding, type ValidationResult } from './validate.js';

export { SCHEMA_VERSIONS };
export type { SchemaFinding, ValidationResult, FindingKind } from './validate.js';

/** The newest grammar: the one structure is checked against. */
export const NEWEST_SCHEMA = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1];

const grammars = new Map<string, Grammar>();

/** The grammar of one shipped libvirt release (a version of SCHEMA_VERSIONS). */
export function grammarFor(version: string): Grammar {
  let g = grammars.get(version);
  if (!g) {
    const json = MODEL_JSON[version];
    if (json === undefined) throw new Error(`no libvirt schema ${version} (have ${SCHEMA_VERSIONS.join(', ')})`);
    g = new Grammar(JSON.parse(json) as CompiledModel);
    grammars.set(version, g);
  }
  return g;
}

const results = new WeakMap<XmlDocument, Map<string, ValidationResult>>();

/** The document checked against libvirt `version`'s grammar (default: the newest). */
export function validateDocument(doc: XmlDocument, version: string = NEWEST_SCHEMA): ValidationResult {
  let byVersion = results.get(doc);
  if (!byVersion) results.set(doc, (byVersion = new Map()));
  let r = byVersion.get(version);
  if (!r) {
    r = validate(grammarFor(version), doc.root);
    byVersion.set(version, r);
  }
  return r;
}

/** The findings of one kind, against the newest grammar. */
export function findingsOf<K extends FindingKind>(doc: XmlDocument, kind: K): Extract<SchemaFinding, { kind: K }>[] {
  return validateDocument(doc).findings.filter((f): f is Extract<SchemaFinding, { kind: K }> => f.kind === kind);
}
