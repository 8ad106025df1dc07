/**
 * What the engine checks on every fix a rule offers, before it reaches the
 * user: the host facts the fix needs, explicit settings it would reverse, and
 * comments it would delete. Rules describe the edit; these gates decide how
 * far it may be trusted on this host and this file.
 */
import { satisfiesRange } from './version.js';
import { FACT_PRODUCTS, type HostFactName, type HostFacts, type HostRequirements as RuleRequirements } from './host-facts.js';
import type { Fix, TextEdit } from './edit.js';
import type { Range } from './source.js';
import type { XmlAttribute, XmlDocument, XmlElement } from './tree.js';

/** Returns the gate for one lint: fixes in, the fixes to offer out (possibly fewer, or demoted). */
export function fixGate(doc: XmlDocument, host: HostFacts): (fixes: Fix[]) => Fix[] {
  let switches: Switch[] | undefined;
  return (fixes) => {
    const out: Fix[] = [];
    for (const original of fixes) {
      let fix = checkHost(original, host);
      if (!fix) continue;
      switches ??= explicitSwitches(doc.root);
      fix = guardOverrides(fix, switches);
      fix = guardComments(fix, doc);
      out.push(fix);
    }
    return out;
  };
}

/**
 * What an unknown host is assumed to run at least: libvirt 7.0.0 and QEMU
 * 5.2.0, as in Debian 11 "bullseye", the oldest distribution release still
 * maintained (LTS until August 2026; also the oldest libvirt grammar in the
 * reference schemas). A requirement these satisfy costs a host of unknown
 * versions nothing; a known version is always checked exactly.
 */
export const ASSUMED_MINIMUM: Record<HostFactName, string> = { libvirt: '7.0.0', qemu: '5.2.0' };

/**
 * A fix whose requirement a known host fact fails is not offered: it would
 * turn a file the host accepts into one it refuses (or silently trims). When
 * the fact is unknown the fix may still help, so it stays, as an unsafe
 * suggestion whose title says what it needs (unless even the oldest
 * maintained release has it, see ASSUMED_MINIMUM).
 */
export function checkHost(fix: Fix, host: HostFacts): Fix | undefined {
  const requires = fix.requires;
  if (!requires) return fix;
  const unknown: HostFactName[] = [];
  for (const fact of Object.keys(requires) as HostFactName[]) {
    const range = requires[fact]!;
    const known = host[fact];
    if (known && !satisfiesRange(known.version, range)) return undefined;
    if (!known && !satisfiesRange(ASSUMED_MINIMUM[fact], range)) unknown.push(fact);
  }
  if (unknown.length === 0) return fix;
  return { ...fix, safety: 'unsafe', title: `${fix.title} (needs ${describeRequirements(requires, unknown)})` };
}

/** `libvirt 9.2.0 or newer`, `QEMU older than 10.0.0`, `libvirt >=7.2.0 <9.0.0`. */
export function describeRequirements(requires: RuleRequirements, facts: HostFactName[] = Object.keys(requires) as HostFactName[]): string {
  return facts
    .map((fact) => {
      const label = FACT_PRODUCTS[fact];
      const range = requires[fact]!.trim();
      const single = /^(>=|<)\s*(\d+\.\d+\.\d+)$/.exec(range);
      if (!single) return `${label} ${range}`;
      return single[1] === '>=' ? `${label} ${single[2]} or newer` : `${label} older than ${single[2]}`;
    })
    .join(' and ');
}

/** An attribute written with an on/off or yes/no value. */
interface Switch {
  element: XmlElement;
  attribute: XmlAttribute;
}

const OPPOSITE = new Map([
  ['on', 'off'],
  ['off', 'on'],
  ['yes', 'no'],
  ['no', 'yes'],
]);

/** Every attribute of the document whose value is a switch, without recursion (documents may be deep). */
function explicitSwitches(root: XmlElement): Switch[] {
  const out: Switch[] = [];
  const stack: XmlElement[] = [root];
  while (stack.length) {
    const el = stack.pop()!;
    for (const attribute of el.attributes) if (OPPOSITE.has(attribute.value)) out.push({ element: el, attribute });
    for (let i = el.children.length - 1; i >= 0; i--) {
      const c = el.children[i];
      if (c.kind === 'element') stack.push(c);
    }
  }
  return out;
}

/**
 * A fix that flips a switch the file sets explicitly (state='off' to 'on',
 * enabled='yes' to 'no') reverses a choice someone wrote down. It may be the
 * only way out of a conflict, but it is never safe; the engine records what it
 * overrides so that a chain of fixes can refuse it (see fix.ts).
 */
export function guardOverrides(fix: Fix, switches: readonly Switch[]): Fix {
  // Only a switch inside an edit can be flipped by it. `switches` is in document order, so the ones inside
  // an edit are found by binary search: testing every switch of the file against every fix was quadratic.
  const inside = new Set<Switch>();
  for (const e of fix.edits) for (const s of within(switches, (w) => w.attribute.valueRange, e.range)) inside.add(s);
  const overrides = [...inside]
    .sort((a, b) => a.attribute.valueRange.start - b.attribute.valueRange.start) // in document order, whatever the order of the edits
    .filter((s) => fix.edits.some((e) => flips(e, s)))
    .map(describeSwitch);
  if (overrides.length === 0) return fix;
  const guarded: Fix = { ...fix, overrides };
  if (fix.safety === 'safe') {
    guarded.safety = 'unsafe';
    guarded.title = `${fix.title} (overrides the explicit ${overrides.join(', ')})`;
  }
  return guarded;
}

function flips(edit: TextEdit, { attribute }: Switch): boolean {
  const opposite = OPPOSITE.get(attribute.value)!;
  const { start, end } = attribute.valueRange;
  if (edit.range.start === start && edit.range.end === end) return edit.text.trim() === opposite;
  // A wider edit (the attribute or its element rewritten) that writes the attribute back with the opposite value.
  if (edit.range.start > attribute.range.start || edit.range.end < attribute.range.end) return false;
  const name = attribute.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(?:^|[\\s<])${name}\\s*=\\s*(['"])\\s*${opposite}\\s*\\1`).test(edit.text);
}

function describeSwitch({ element, attribute }: Switch): string {
  const name = element.attr('name');
  const label = name !== undefined && attribute.name !== 'name' ? `${element.name} name='${name}'` : element.name;
  return `<${label} ${attribute.name}='${attribute.value}'>`;
}

/**
 * A fix that would delete a comment is never applied by plain `--fix`: the
 * comment may hold the only record of why the XML is as it is. It stays
 * available as an unsafe suggestion.
 */
export function guardComments(fix: Fix, doc: XmlDocument): Fix {
  if (fix.safety !== 'safe') return fix;
  const deletes = fix.edits.some((e) => within(doc.comments, (c) => c.range, e.range).some((c) => !e.text.includes(c.value)));
  return deletes ? { ...fix, safety: 'unsafe', title: `${fix.title} (deletes a comment)` } : fix;
}

/**
 * The items (in document order, not overlapping) whose range lies inside
 * `range`: a binary search for the first that starts in it, then a walk to
 * the first that starts after it.
 */
function within<T>(items: readonly T[], rangeOf: (item: T) => Range, range: Range): T[] {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (rangeOf(items[mid]).start < range.start) lo = mid + 1;
    else hi = mid;
  }
  const out: T[] = [];
  for (let i = lo; i < items.length && rangeOf(items[i]).start < range.end; i++) {
    if (rangeOf(items[i]).end <= range.end) out.push(items[i]);
  }
  return out;
}
