/**
 * libvirt's scaled integers (`<memory unit='GiB'>16</memory>`), as
 * virDomainParseScaledValue / virScaleInteger read them (libvirt
 * docs/formatdomain.rst "Memory Allocation": b/bytes, KB, k/KiB, MB, M/MiB,
 * GB, G/GiB, TB, T/TiB; case-insensitive; default KiB for memory).
 */
import type { XmlElement } from '#engine/tree.js';
import { rawText } from './platform.js';

const SCALE: Record<string, number> = {
  b: 1,
  byte: 1,
  bytes: 1,
  kb: 1000,
  k: 1024,
  kib: 1024,
  mb: 1000 ** 2,
  m: 1024 ** 2,
  mib: 1024 ** 2,
  gb: 1000 ** 3,
  g: 1024 ** 3,
  gib: 1024 ** 3,
  tb: 1000 ** 4,
  t: 1024 ** 4,
  tib: 1024 ** 4,
  pb: 1000 ** 5,
  p: 1024 ** 5,
  pib: 1024 ** 5,
  eb: 1000 ** 6,
  e: 1024 ** 6,
  eib: 1024 ** 6,
};

/** Bytes in one `unit`, or undefined for a unit libvirt does not know. */
export function unitScale(unit: string): number | undefined {
  return SCALE[unit.toLowerCase()];
}

/**
 * The size an element states, in bytes: its text scaled by its `unit`
 * attribute (or `defaultUnit`, also for `unit=''`, as virScaleInteger treats
 * an empty suffix). The text is read as virStrToLong_ullp reads it (base 10,
 * leading white space and `+` accepted; a `-`, a fraction or anything after
 * the digits, trailing white space included, refused: `virsh define` says
 * "Invalid value '16 '"). Undefined when libvirt refuses the text or the unit.
 */
export function scaledBytes(el: XmlElement | undefined, defaultUnit = 'KiB'): number | undefined {
  if (!el) return undefined;
  const m = /^[ \t\n\v\f\r]*\+?(\d+)$/.exec(rawText(el));
  if (!m) return undefined;
  const unit = el.attr('unit');
  const scale = unitScale(unit === undefined || unit === '' ? defaultUnit : unit);
  return scale === undefined ? undefined : Number(m[1]) * scale;
}

/**
 * How a message names a size the user wrote: in binary units when it is a
 * whole number of KiB/MiB/..., else as written (`1500 KB (1500000 bytes)`)
 * rather than in bytes alone.
 */
export function describeWrittenSize(el: XmlElement, bytes: number): string {
  const formatted = formatBytes(bytes);
  const unit = el.attr('unit');
  if (!formatted.endsWith(' bytes') || unit === undefined || unit === '' || unitScale(unit) === 1) return formatted;
  return `${el.text().replace(/^\+/, '')} ${unit} (${formatted})`;
}

export const KiB = 1024;
export const MiB = 1024 ** 2;
export const GiB = 1024 ** 3;

/** "16 GiB", "512 MiB", "1536 KiB": the largest binary unit that divides exactly. */
export function formatBytes(bytes: number): string {
  for (const [unit, size] of [
    ['TiB', 1024 ** 4],
    ['GiB', GiB],
    ['MiB', MiB],
    ['KiB', KiB],
  ] as const) {
    if (bytes >= size && bytes % size === 0) return `${bytes / size} ${unit}`;
  }
  return `${bytes} bytes`;
}

export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n > 0 && 2 ** Math.round(Math.log2(n)) === n;
}
