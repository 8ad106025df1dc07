/**
 * How serious a schema finding is, from what libvirt does with it (measured
 * by scripts/schema-differential.mjs against `virsh define` + `dumpxml`):
 * - 'dropped': libvirt accepts the domain and silently loses the setting;
 * - 'refused': `virsh define` fails;
 * - 'validate-only': plain `virsh define` accepts and keeps it; only
 *   `virsh define --validate` (the grammar) refuses it.
 * The first two are errors, the last a warning.
 */
import type { Severity } from '#engine/rule.js';
import type { SchemaFinding } from '#schema/index.js';
import type { XmlElement } from '#engine/tree.js';
import { integerRanges, isNumberForm, isParsedForm, takesHex } from '#schema/describe.js';
import { REFUSED_WHEN_MISSING, SECOND_COPY_KEPT } from './libvirt-required.js';

export type SchemaEffect = 'dropped' | 'refused' | 'validate-only';

export interface SchemaJudgement {
  severity: Severity;
  effect: SchemaEffect;
}

const ERROR = (effect: SchemaEffect): SchemaJudgement => ({ severity: 'error', effect });
const WARNING: SchemaJudgement = { severity: 'warning', effect: 'validate-only' };

export function judge(f: SchemaFinding): SchemaJudgement {
  switch (f.kind) {
    case 'unknown-element':
    case 'unknown-attribute':
      // libvirt reads the names it knows and skips the rest (strictly parsed
      // lists such as <features> refuse instead): either way the setting is gone.
      return ERROR('dropped');
    case 'misplaced-element':
      // libvirt reads each element at its place and does not care about order;
      // an element of the parent's other forms may still be read (a console's <target>).
      if (f.reason === 'order' || f.reason === 'context') return WARNING;
      // A second copy: libvirt refuses it or reads one copy; a few elements it reads twice (probed table).
      if (f.reason === 'duplicate') return f.element.parent && SECOND_COPY_KEPT.has(`${siteKey(f.element.parent)}>${f.element.name}`) ? WARNING : ERROR('dropped');
      return ERROR('dropped');
    case 'invalid-value':
      return judgeValue(f);
    case 'missing-required':
      // Per place, as probed with libvirt (scripts/probe-required.mjs); elsewhere
      // libvirt often fills in a default, so an unprobed place is a warning.
      return requiredKeys(f).some((k) => REFUSED_WHEN_MISSING.has(k)) ? ERROR('refused') : WARNING;
  }
}

/**
 * libvirt refuses values of its enumerations it does not know, and numbers it
 * cannot read; it does not check most strings (paths, names) against the
 * grammar's patterns, and reads numbers the grammar spells more strictly
 * (`function='0x00'`, a slot in decimal) by their value.
 */
function judgeValue(f: Extract<SchemaFinding, { kind: 'invalid-value' }>): SchemaJudgement {
  if (f.noText) return WARNING;
  if (f.forms.length === 0) return ERROR('refused'); // an enumeration
  const value = f.value.trim();
  if (f.forms.some(isNumberForm)) {
    const decimal = /^\+?[0-9]+$/.test(value);
    const hex = /^0x[0-9a-f]+$/i.test(value);
    // Not a number where libvirt reads one: its number parser refuses it (unless a text form takes it).
    if (!decimal && !hex) return f.forms.every(isNumberForm) ? ERROR('refused') : WARNING;
    // libvirt reads hexadecimal only where the grammar has a hexadecimal form.
    if (hex && !takesHex(f.forms)) return ERROR('refused');
    const n = BigInt(value.replace(/^\+/, ''));
    const ranges = integerRanges(f.forms);
    const inRange = ranges.length ? ranges.some(([lo, hi]) => (lo === undefined || n >= lo) && (hi === undefined || n <= hi)) : n <= 0xffffffffn;
    // A number in range that the grammar spells more strictly (function='0x00'): read by its value.
    return inRange ? WARNING : ERROR('refused');
  }
  return f.forms.some(isParsedForm) ? ERROR('refused') : WARNING;
}

/**
 * Where an element stands, as the required-parts table keys it: its parent's
 * name and its own, each with its `type` (and a disk's `device`) when it has
 * one, e.g. `interface[bridge]/mac` or `devices/disk[network,cdrom]`. libvirt
 * parses an element the same way wherever its parent is; these attributes pick
 * the parser's branch (an empty CD-ROM needs no <source>, a disk does).
 */
export function siteKey(el: XmlElement): string {
  const step = (e: XmlElement) => {
    const kinds = [e.attribute('type')?.value, e.attribute('device')?.value].filter((v) => v !== undefined);
    return kinds.length ? `${e.name}[${kinds.join(',')}]` : e.name;
  };
  return el.parent ? `${step(el.parent)}/${step(el)}` : step(el);
}

/** The table keys of a missing-required finding: one per missing part, or one for a one-of group. */
export function requiredKeys(f: Extract<SchemaFinding, { kind: 'missing-required' }>): string[] {
  const sep = f.what === 'attribute' ? '@' : '>';
  const site = siteKey(f.element);
  return f.oneOf ? [`${site}${sep}${f.names.join('|')}`] : f.names.map((n) => `${site}${sep}${n}`);
}

/** Whether libvirt refuses `el` without its attribute (`@name`) or child element (`>name`), by the probed table. */
export function refusedWithout(el: XmlElement, part: `@${string}` | `>${string}`): boolean {
  return REFUSED_WHEN_MISSING.has(`${siteKey(el)}${part}`);
}
