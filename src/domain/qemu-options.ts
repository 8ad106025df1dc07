/**
 * Reading QEMU command-line words passed through `<qemu:commandline>`: the
 * option names and the `-device` driver they carry.
 */
import type { XmlElement } from '#engine/tree.js';
import { qemuArgs } from './namespaces.js';

export interface QemuOption {
  /** The `<qemu:arg>` holding the option name (`-device`). */
  el: XmlElement;
  /** The option, normalised to one leading dash (`--device` -> `-device`). */
  name: string;
  /** The following `<qemu:arg>` (the option's value), when there is one that is not itself an option. */
  valueEl?: XmlElement;
  value?: string;
}

/** Options in the order written: each `-name` word with the word after it as its value. */
export function qemuOptions(domain: XmlElement): QemuOption[] {
  const args = qemuArgs(domain);
  const out: QemuOption[] = [];
  for (let i = 0; i < args.length; i++) {
    const word = args[i].value.trim();
    if (!/^--?[a-z]/i.test(word)) continue;
    const name = '-' + word.replace(/^--?/, '').split(/\s/)[0];
    const next = args[i + 1];
    const opt: QemuOption = { el: args[i].el, name };
    // An option written with its value in the same word ("-device ivshmem,...") is split here.
    const inline = word.split(/\s+/).slice(1).join(' ');
    if (inline) {
      opt.valueEl = args[i].el;
      opt.value = inline;
    } else if (next && !/^--?[a-z]/i.test(next.value.trim())) {
      opt.valueEl = next.el;
      opt.value = next.value;
      i++;
    }
    out.push(opt);
  }
  return out;
}

/**
 * The device model of a `-device` value: `ivshmem-plain,id=shmem0,...`,
 * `driver=ivshmem-plain,...` or JSON `{"driver":"ivshmem-plain",...}`.
 */
export function deviceDriver(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (v.startsWith('{')) {
    try {
      const parsed = JSON.parse(v) as { driver?: unknown };
      return typeof parsed.driver === 'string' ? parsed.driver : undefined;
    } catch {
      return undefined;
    }
  }
  const parts = v.split(',');
  const explicit = parts.find((p) => p.startsWith('driver='));
  if (explicit) return explicit.slice('driver='.length);
  return parts[0].includes('=') ? undefined : parts[0];
}

/** The `key=value` properties of a `-device` or `-spice` value (JSON objects: their top-level keys). */
export function optionProperties(value: string | undefined): Map<string, string> {
  const props = new Map<string, string>();
  if (value === undefined) return props;
  const v = value.trim();
  if (v.startsWith('{')) {
    try {
      const parsed = JSON.parse(v) as Record<string, unknown>;
      for (const [k, val] of Object.entries(parsed)) props.set(k, String(val));
    } catch {
      /* not JSON after all */
    }
    return props;
  }
  for (const part of v.split(',')) {
    const i = part.indexOf('=');
    if (i > 0) props.set(part.slice(0, i), part.slice(i + 1));
  }
  return props;
}
