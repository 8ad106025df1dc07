/**
 * `-device` and `-object` options passed through `<qemu:commandline>` with
 * their properties, read as QEMU reads them (qemu-options.ts): JSON (QEMU
 * 6.2+ for `-device`; single quotes too, as Looking Glass's docs write it) or
 * the legacy `driver,key=value,...` syntax; and the Looking Glass pieces
 * among them.
 */
import type { XmlElement } from '#engine/tree.js';
import { parseOptionValue, qemuOptions } from './qemu-options.js';

export interface DeviceOrObject {
  /** `-device` or `-object`. */
  option: '-device' | '-object';
  /** The `<qemu:arg>` holding the value. */
  el: XmlElement;
  value: string;
  syntax: 'json' | 'legacy';
  /** Properties; the implied first key of the legacy syntax is `driver` / `qom-type`. Undefined when unreadable. */
  props: Record<string, unknown> | undefined;
}

/**
 * Every `-device` / `-object` QEMU would create, in order: only options it
 * reads as written (`-device=...` or `-device x` in one word are "invalid
 * option" to QEMU, which then does not start).
 */
export function devicesAndObjects(domain: XmlElement): DeviceOrObject[] {
  const out: DeviceOrObject[] = [];
  for (const o of qemuOptions(domain)) {
    if (!o.exact || (o.name !== '-device' && o.name !== '-object') || o.value === undefined || o.valueEl === undefined) continue;
    const option = o.name as DeviceOrObject['option'];
    out.push({ option, el: o.valueEl, value: o.value, ...parseOptionValue(o.value, option === '-device' ? 'driver' : 'qom-type') });
  }
  return out;
}

/**
 * QEMU sizes (util/cutils.c do_strtosz, QEMU 8.1+): decimal bytes, or with a
 * binary suffix B/K/M/G/T/P/E in either case; a fraction (either side of the
 * dot may be empty) only with a suffix above B, truncated to whole bytes;
 * hexadecimal `0x...` without a suffix; `08` is decimal. Leading white space
 * is skipped, nothing may follow. JSON numbers are bytes. Undefined when QEMU
 * refuses the value.
 */
export function qemuSize(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.replace(/^[ \t\n\v\f\r]+/, '');
  const hex = /^0[xX]([0-9a-fA-F]+)$/.exec(text);
  if (hex) return parseInt(hex[1], 16);
  const m = /^(\d*)(?:\.(\d*))?([bkmgtpe])?$/i.exec(text);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return undefined;
  const mul = 1024 ** (m[3] ? 'bkmgtpe'.indexOf(m[3].toLowerCase()) : 0);
  const fraction = Number(`0.${m[2] ?? ''}`);
  // "When a fraction is present, a scale is required" (a suffix above B).
  if (fraction !== 0 && mul === 1) return undefined;
  return Number(m[1] || '0') * mul + Math.floor(fraction * mul);
}

/** Looking Glass's shared memory on the command line: the KVMFR device or the /dev/shm file (LG docs ivshmem_kvmfr.rst, ivshmem_shm.rst). */
export function isLookingGlassMemPath(path: unknown): boolean {
  return typeof path === 'string' && /^\/dev\/(kvmfr\d*|shm\/looking-glass)/.test(path);
}

/** `-object memory-backend-file` options whose mem-path is Looking Glass's shared memory. */
export function lookingGlassBackends(domain: XmlElement): DeviceOrObject[] {
  return devicesAndObjects(domain).filter(
    (o) => o.option === '-object' && o.props?.['qom-type'] === 'memory-backend-file' && isLookingGlassMemPath(o.props['mem-path']),
  );
}

/** `-device ivshmem-plain` options. */
export function ivshmemDevices(domain: XmlElement): DeviceOrObject[] {
  return devicesAndObjects(domain).filter((o) => o.option === '-device' && o.props?.driver === 'ivshmem-plain');
}
