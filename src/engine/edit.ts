/**
 * What a fix is: text edits on the original characters (never a
 * re-serialised tree), a title, and how safe applying it is.
 */
import type { Range } from './source.js';
import type { HostRequirements } from './host-facts.js';

/** Ruff's definition: 'safe' keeps the VM's meaning and intent; anything that changes behaviour is 'unsafe' (a suggestion). */
export type FixSafety = 'safe' | 'unsafe';

export interface TextEdit {
  /** Range in the BOM-less text; an empty range inserts. */
  range: Range;
  text: string;
}

export interface Fix {
  /** Imperative, shown to the user: "Set <audio id='1'> to type='none'". */
  title: string;
  safety: FixSafety;
  edits: TextEdit[];
  /**
   * Host facts the fixed file needs, when the fix introduces something only
   * some releases know (an element, attribute or value added in libvirt X, a
   * combination libvirt refused before X). Same range syntax as
   * `RuleMeta.requires`. The engine drops the fix when a known fact is out of
   * range, and offers it only as an unsafe suggestion whose title says what it
   * needs when the fact is unknown. Declare it next to a comment naming the
   * source of the version.
   */
  requires?: HostRequirements;
  /**
   * Set by the engine, never by rules: the explicit on/off (yes/no) settings
   * of the file that this fix reverses, e.g. `<vpindex state='off'>`. Such a
   * fix is never safe, and `--unsafe-fixes` applies it only to resolve a
   * conflict present in the file as written, not one an earlier fix created.
   */
  overrides?: string[];
}
