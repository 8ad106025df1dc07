/**
 * `-device` and `-object` options passed through `<qemu:commandline>`, read
 * the way QEMU reads them: either JSON (QEMU 6.2+ for `-device`; QEMU's
 * parser also takes single-quoted strings, as Looking Glass's docs write
 * them) or the legacy `driver,key=value,...` syntax.
 */
import type { XmlElement } from '#engine/tree.js';
import { qemuArgs } from './namespaces.js';

export interface QemuOption {
  /** `-device` or `-object`. */
  option: '-device' | '-object';
  /** The `<qemu:arg>` holding the value. */
  el: XmlElement;
  value: string;
  syntax: 'json' | 'legacy';
  /** Properties; the implied first key of the legacy syntax is `driver` / `qom-type`. Undefined when unreadable. */
  props: Record<string, unknown> | undefined;
}

/** Every `-device` / `-object` in the command-line blocks (also the `-device=value` spelling). */
export function qemuOptions(domain: XmlElement): QemuOption[] {
  const args = qemuArgs(domain);
  const out: QemuOption[] = [];
  for (let i = 0; i < args.length; i++) {
    const v = args[i].value.trim();
    let option: '-device' | '-object' | undefined;
    let value: string | undefined;
    let el = args[i].el;
    const m = /^--?(device|object)(?:=(.*))?$/s.exec(v);
    if (!m) continue;
    option = m[1] === 'device' ? '-device' : '-object';
    if (m[2] !== undefined) value = m[2];
    else if (i + 1 < args.length) {
      value = args[i + 1].value;
      el = args[i + 1].el;
      i++;
    }
    if (value === undefined) continue;
    const trimmed = value.trim();
    if (trimmed.startsWith('{')) out.push({ option, el, value, syntax: 'json', props: parseLooseJson(trimmed) });
    else out.push({ option, el, value, syntax: 'legacy', props: parseKeyval(trimmed, option === '-device' ? 'driver' : 'qom-type') });
  }
  return out;
}

/** JSON as QEMU's parser takes it: double- or single-quoted strings. */
export function parseLooseJson(text: string): Record<string, unknown> | undefined {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"' || c === "'") {
      let s = '';
      let j = i + 1;
      for (; j < text.length && text[j] !== c; j++) {
        if (text[j] === '\\' && j + 1 < text.length) {
          s += text[j] + text[j + 1];
          j++;
        } else if (text[j] === '"') s += '\\"';
        else s += text[j];
      }
      if (j >= text.length) return undefined;
      out += `"${c === "'" ? s.replace(/\\'/g, "'") : s}"`;
      i = j;
    } else out += c;
  }
  try {
    const v: unknown = JSON.parse(out);
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** QEMU's QemuOpts syntax: `implied,key=value,key=value`; `,,` escapes a comma. */
export function parseKeyval(text: string, impliedKey: string): Record<string, unknown> | undefined {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === ',') {
      if (text[i + 1] === ',') {
        cur += ',';
        i++;
      } else {
        parts.push(cur);
        cur = '';
      }
    } else cur += text[i];
  }
  parts.push(cur);
  const props: Record<string, unknown> = {};
  parts.forEach((p, idx) => {
    const eq = p.indexOf('=');
    if (eq < 0) {
      if (idx === 0) props[impliedKey] = p;
      else props[p] = 'on';
    } else props[p.slice(0, eq)] = p.slice(eq + 1);
  });
  return props;
}

/**
 * QEMU sizes (qemu_strtosz): a number of bytes, or with a binary suffix
 * B/K/M/G/T/P/E. Numbers (JSON) are bytes. Undefined when unreadable.
 */
export function qemuSize(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  // Trimmed first: two \s* around an optional suffix backtrack quadratically on a long run of blanks.
  const m = /^(\d+(?:\.\d+)?)\s*([bkmgtpe])?$/i.exec(value.trim());
  if (!m) return undefined;
  const exp = m[2] ? 'bkmgtpe'.indexOf(m[2].toLowerCase()) : 0;
  return Math.round(Number(m[1]) * 1024 ** exp);
}

/** Looking Glass's shared memory on the command line: the KVMFR device or the /dev/shm file (LG docs ivshmem_kvmfr.rst, ivshmem_shm.rst). */
export function isLookingGlassMemPath(path: unknown): boolean {
  return typeof path === 'string' && /^\/dev\/(kvmfr\d*|shm\/looking-glass)/.test(path);
}

/** `-object memory-backend-file` options whose mem-path is Looking Glass's shared memory. */
export function lookingGlassBackends(domain: XmlElement): QemuOption[] {
  return qemuOptions(domain).filter(
    (o) => o.option === '-object' && o.props?.['qom-type'] === 'memory-backend-file' && isLookingGlassMemPath(o.props['mem-path']),
  );
}

/** `-device ivshmem-plain` options. */
export function ivshmemDevices(domain: XmlElement): QemuOption[] {
  return qemuOptions(domain).filter((o) => o.option === '-device' && o.props?.driver === 'ivshmem-plain');
}
