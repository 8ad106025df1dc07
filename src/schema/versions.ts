/**
 * What a domain uses that an older libvirt's grammar does not have: the
 * difference between validating against the newest grammar and against the
 * oldest shipped grammar that is still as new as the host's libvirt.
 *
 * Grammars only grow, release by release (an element, attribute or value is
 * added, hardly ever removed). So a part the grammar of shipped release S
 * lacks is also unknown to every release up to S, and a host running libvirt
 * V ≤ S does not have it. Between shipped releases nothing is certain: a part
 * added after 9.0.0 and present in 11.3.0 may or may not be in 10.0.0, and is
 * not reported for a 10.0.0 host.
 */
import type { XmlDocument } from '../engine/tree.js';
import { compareVersions } from '../engine/version.js';
import { NEWEST_SCHEMA, SCHEMA_VERSIONS, validateDocument } from './index.js';
import type { SchemaFinding } from './validate.js';

export interface TooNew {
  /** The finding of the host-era grammar (what that libvirt does not know). */
  finding: SchemaFinding;
  /** The newest shipped release whose grammar lacks it. */
  after: string;
  /** The first shipped release whose grammar has it. */
  present: string;
}

/** Where and what: findings of different grammars about the same thing compare equal. */
const keyOf = (f: SchemaFinding) => `${f.kind}@${f.range.start}`;

/** Parts of `doc` that libvirt `host` (a normalised version) does not know, by the shipped grammars. */
export function tooNewFor(doc: XmlDocument, host: string): TooNew[] {
  const older = SCHEMA_VERSIONS.filter((v) => compareVersions(v, host) >= 0 && v !== NEWEST_SCHEMA);
  if (!older.length) return [];
  const newest = new Set(validateDocument(doc, NEWEST_SCHEMA).findings.map(keyOf));
  const out: TooNew[] = [];
  for (const finding of validateDocument(doc, older[0]).findings) {
    const key = keyOf(finding);
    if (newest.has(key) || finding.kind === 'missing-required') continue;
    // The first shipped release after which the finding goes away.
    let after = older[0];
    let present = NEWEST_SCHEMA;
    for (const v of SCHEMA_VERSIONS.filter((x) => compareVersions(x, older[0]) > 0)) {
      if (!validateDocument(doc, v).findings.some((f) => keyOf(f) === key)) {
        present = v;
        break;
      }
      after = v;
    }
    out.push({ finding, after, present });
  }
  return out;
}
