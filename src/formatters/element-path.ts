/**
 * Where a diagnostic is, named by the document's structure rather than by
 * line: `domain/devices/hostdev[source/address='0000:0b:00.0']/@managed`.
 * SARIF's fingerprints (sarif.ts) hash it, so that a code-scanning alert
 * stays the same alert when lines are inserted or moved elsewhere in the file.
 *
 * The "normalized element path" of a range is the path from the root to the
 * deepest element that holds the whole range, one step per element:
 *
 * - the element's qualified name as written (`qemu:arg`);
 * - its identity, for elements libvirt tells apart by a value
 *   (IDENTITY below): a disk by its target device, a hostdev by its source
 *   address (PCI addresses normalised, so `0x0b` and `0xb` are one bus), an
 *   interface by its MAC address, a controller by type and index, ...;
 * - `[n]` only for the n-th (n > 1) of the siblings with the same name and
 *   identity: the first of its kind has no index, so elements added after it
 *   change nothing, and an element inserted before it only renumbers
 *   elements of the same name and identity (usually there are none, because
 *   the identity differs);
 *
 * then `/@name` when the range starts in one of the element's attributes, or
 * `/comment()` when it lies in a comment (suppression comments). Nothing in
 * it depends on lines, columns, offsets, whitespace, quoting, attribute
 * order, or on elements elsewhere in the document.
 *
 * Values are taken from the document: they are cut to 64 characters (the
 * path is hashed, and shown in SARIF's logical location).
 */
import type { Range } from '#engine/source.js';
import type { XmlDocument, XmlElement } from '#engine/tree.js';

type Identity = (el: XmlElement) => string | undefined;

const MAX_VALUE = 64;

function quote(value: string): string {
  const v = value.length > MAX_VALUE ? `${value.slice(0, MAX_VALUE)}…` : value;
  return `'${v.replace(/'/g, '&apos;')}'`;
}

/** Predicates on attributes (`@type`, `target/@dev`): all must be present. */
const attrs =
  (...paths: string[]): Identity =>
  (el) => {
    let out = '';
    for (const path of paths) {
      const at = path.lastIndexOf('@');
      const holder = at === 0 ? el : el.first(path.slice(0, at - 1));
      const value = holder?.attr(path.slice(at + 1));
      if (value === undefined) return undefined;
      out += `[${path}=${quote(value)}]`;
    }
    return out;
  };

/** The first identity that applies. */
const either =
  (...ids: Identity[]): Identity =>
  (el) => {
    for (const id of ids) {
      const found = id(el);
      if (found !== undefined) return found;
    }
    return undefined;
  };

const hex = (v: string | undefined, width: number) => {
  if (v === undefined) return undefined;
  const n = Number.parseInt(v, /^0x/i.test(v) ? 16 : 10);
  return Number.isNaN(n) ? undefined : n.toString(16).padStart(width, '0');
};

/** A host PCI address as `lspci -D` prints it: `0000:0b:00.0`. */
const pciSource: Identity = (el) => {
  const a = el.first('source/address');
  if (!a) return undefined;
  const parts = [hex(a.attr('domain') ?? '0', 4), hex(a.attr('bus'), 2), hex(a.attr('slot'), 2), hex(a.attr('function') ?? '0', 1)];
  if (parts.some((p) => p === undefined)) return undefined;
  return `[source/address=${quote(`${parts[0]}:${parts[1]}:${parts[2]}.${parts[3]}`)}]`;
};

/**
 * How libvirt tells elements of one name apart, by local name. Elements not
 * listed (features, <os>, <cpu>, most singletons) are told apart by name and
 * position alone.
 */
const IDENTITY: Record<string, Identity> = {
  disk: either(attrs('target/@dev'), attrs('source/@file'), attrs('source/@dev')),
  hostdev: either(pciSource, attrs('source/vendor/@id', 'source/product/@id'), attrs('source/address/@bus', 'source/address/@device'), attrs('source/adapter/@name', 'source/address/@unit')),
  interface: either(attrs('mac/@address'), attrs('source/@network'), attrs('source/@bridge'), attrs('source/@dev')),
  controller: either(attrs('@type', '@index'), attrs('@type')),
  filesystem: attrs('target/@dir'),
  audio: attrs('@id'),
  sound: attrs('@model'),
  graphics: attrs('@type'),
  video: attrs('model/@type'),
  input: either(attrs('@type', '@bus'), attrs('@type')),
  channel: either(attrs('target/@name'), attrs('target/@type')),
  serial: attrs('target/@port'),
  console: attrs('target/@port'),
  parallel: attrs('target/@port'),
  shmem: attrs('@name'),
  redirdev: attrs('@bus', '@type'),
  rng: attrs('@model'),
  tpm: attrs('@model'),
  watchdog: attrs('@model'),
  smartcard: attrs('@mode'),
  seclabel: attrs('@model'),
  boot: either(attrs('@dev'), attrs('@order')),
  cell: attrs('@id'),
  vcpupin: attrs('@vcpu'),
  feature: attrs('@name'), // <cpu><feature name>
  arg: attrs('@value'), // <qemu:arg value>
  env: attrs('@name'), // <qemu:env name>
  ignore: attrs('@rule'), // <vl:ignore rule> suppressions in <metadata>
};

/** One step: name, identity, and `[n]` for the n-th (n > 1) sibling with both the same. */
function step(el: XmlElement): string {
  const identity = IDENTITY[el.localName];
  const own = identity?.(el) ?? '';
  let n = 1;
  if (el.parent) {
    for (const sibling of el.parent.children) {
      if (sibling === el) break;
      if (sibling.kind === 'element' && sibling.name === el.name && (identity?.(sibling) ?? '') === own) n++;
    }
  }
  return `${el.name}${own}${n > 1 ? `[${n}]` : ''}`;
}

const holds = (outer: Range, inner: Range) => outer.start <= inner.start && inner.end <= outer.end;

/** The normalized element path of a range (see the module comment); `''` without a document. */
export function elementPath(doc: XmlDocument | undefined, range: Range): string {
  if (!doc || !holds(doc.root.range, range)) return '';
  let el = doc.root;
  for (;;) {
    const inner = el.elements.find((c) => holds(c.range, range));
    if (!inner) break;
    el = inner;
  }
  const steps: string[] = [];
  for (let e: XmlElement | undefined = el; e; e = e.parent) steps.unshift(step(e));
  let path = steps.join('/');
  const attribute = holds(el.startTag, { start: range.start, end: range.start }) ? el.attributes.find((a) => a.range.start <= range.start && range.start < a.range.end) : undefined;
  if (attribute) path += `/@${attribute.name}`;
  else if (el.children.some((c) => c.kind === 'comment' && holds(c.range, range))) path += '/comment()';
  return path;
}
