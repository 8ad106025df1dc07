/**
 * Every shipped release's grammar, for the scripts and tests that compare
 * verdicts with older libvirt (a lint loads only the newest: index.ts).
 */
import { Grammar } from './grammar.js';
import { MODEL_JSON } from './generated/models.js';
import { NEWEST_SCHEMA, SCHEMA_VERSIONS, newestGrammar } from './index.js';
import type { CompiledModel } from './model.js';

const grammars = new Map<string, Grammar>();

/** The grammar of one shipped libvirt release (a version of SCHEMA_VERSIONS). */
export function grammarFor(version: string): Grammar {
  if (version === NEWEST_SCHEMA) return newestGrammar();
  let g = grammars.get(version);
  if (!g) {
    const json = MODEL_JSON[version];
    if (json === undefined) throw new Error(`no libvirt schema ${version} (have ${SCHEMA_VERSIONS.join(', ')})`);
    g = new Grammar(JSON.parse(json) as CompiledModel);
    grammars.set(version, g);
  }
  return g;
}
