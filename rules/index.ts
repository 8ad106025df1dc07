/**
 * The rule registry: every rule, sorted by id. Adding a rule means adding its
 * file in this folder and one line here.
 */
import type { Rule } from '../src/engine/rule.js';
import invalidSuppression from './invalid-suppression.js';
import qemu911SpiceHdaAudio from './qemu-911-spice-hda-audio.js';
import unusedSuppression from './unused-suppression.js';
import xmlNotWellFormed from './xml-not-well-formed.js';

export const rules: readonly Rule[] = [
  invalidSuppression,
  qemu911SpiceHdaAudio,
  unusedSuppression,
  xmlNotWellFormed,
] as Rule[];

export function findRule(id: string): Rule | undefined {
  return rules.find((r) => r.meta.id === id);
}
