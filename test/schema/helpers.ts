/**
 * Small grammars for testing the schema engine: RELAX NG text in, a live
 * grammar out, and documents validated against it.
 */
import { compileSchema } from '#schema/compile/compile.js';
import { Grammar } from '#schema/grammar.js';
import { validate, type SchemaFinding, type ValidationResult } from '#schema/validate.js';
import { parseXml } from '#engine/parse.js';
import { SourceText } from '#engine/source.js';

export const RNG = 'http://relaxng.org/ns/structure/1.0';
export const XSD = 'http://www.w3.org/2001/XMLSchema-datatypes';

/** A grammar from the text of its main file (and others it includes, by href). */
export function grammar(main: string, others: Record<string, string> = {}): Grammar {
  const files: Record<string, string> = { 'main.rng': main, ...others };
  return new Grammar(compileSchema('main.rng', (href) => files[href] ?? (() => { throw new Error(`no ${href}`); })(), 'test'));
}

/** `<grammar>` with the RELAX NG and XSD datatype declarations around `body`. */
export const g = (body: string) => `<grammar xmlns="${RNG}" datatypeLibrary="${XSD}">${body}</grammar>`;

export function check(gr: Grammar, xml: string): ValidationResult & { source: SourceText } {
  const source = new SourceText(xml);
  const parsed = parseXml(source);
  if (!parsed.ok) throw new Error(`test document not well-formed: ${parsed.error.message}`);
  return { ...validate(gr, parsed.doc), source };
}

export const valid = (gr: Grammar, xml: string) => check(gr, xml).valid;

/** Findings reduced to kind, position and the underlined text. */
export function brief(gr: Grammar, xml: string) {
  const r = check(gr, xml);
  return r.findings.map((f: SchemaFinding) => {
    const { line, column } = r.source.position(f.range.start);
    return { kind: f.kind, line, column, text: xml.slice(f.range.start, f.range.end) };
  });
}
