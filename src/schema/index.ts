/**
 * The schema check's entry points: libvirt's newest shipped domain grammar,
 * loaded on first use, and the validation of a parsed document against it
 * (remembered per document, so the five schema rules share one validation).
 * Older releases' grammars are not loaded by a lint (src/schema/releases.ts
 * has them, for scripts and tests); what they lack is known from a table
 * built with the models (src/schema/versions.ts).
 */
import type { XmlDocument } from '#engine/tree.js';
import { Grammar, type GrammarIndexes } from './grammar.js';
import { NEWEST_INDEXES_JSON, NEWEST_MODEL, NEWEST_SCHEMA, SCHEMA_VERSIONS } from './generated/newest.js';
import { decodeModel } from './model-binary.js';
import { remember } from '#shared/memo.js';
import { validate, type FindingKind, type SchemaFinding, type ValidationResult } from './validate.js';

export { NEWEST_SCHEMA, SCHEMA_VERSIONS };
export type { SchemaFinding, ValidationResult, FindingKind } from './validate.js';

let newest: Grammar | undefined;

/** The newest shipped grammar, built on first use. */
export function newestGrammar(): Grammar {
  return (newest ??= new Grammar(decodeModel(NEWEST_MODEL), () => JSON.parse(NEWEST_INDEXES_JSON) as GrammarIndexes));
}

/** The document checked against a grammar (default: the newest), once per document and grammar (remembered on its root). */
export function validateDocument(doc: XmlDocument, grammar: Grammar = newestGrammar()): ValidationResult {
  return remember(doc.root, grammar, () => validate(grammar, doc));
}

/** The findings of one kind, against the newest grammar. */
export function findingsOf<K extends FindingKind>(doc: XmlDocument, kind: K): Extract<SchemaFinding, { kind: K }>[] {
  return validateDocument(doc).findings.filter((f): f is Extract<SchemaFinding, { kind: K }> => f.kind === kind);
}
