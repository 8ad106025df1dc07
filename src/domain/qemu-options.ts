/**
 * QEMU command-line words passed through `<qemu:commandline>`, read the way
 * QEMU reads its argv (softmmu/vl.c lookup_opt and the option handlers): the
 * one reader of options for every module and rule, and the one reader of
 * option values (JSON or the QemuOpts `key=value,...` syntax).
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
  /**
   * Whether QEMU reads the option as it is read here. QEMU compares the whole
   * argv word with its option names (lookup_opt: strcmp), so a word with
   * spaces around it, or with its value in the same word (`-soundhw hda`), is
   * "invalid option" and QEMU does not start. Such words are still listed
   * (inexact) so that removed options can be named; anything that stands for
   * a device or object QEMU creates must be exact.
   */
  exact: boolean;
}

/** An argv word QEMU would treat as an option: a dash and a letter (`-1` is a value). */
const OPTION_WORD = /^--?[a-z]/i;

/** Options in the order written: each `-name` word with the word after it as its value. */
export function qemuOptions(domain: XmlElement): QemuOption[] {
  const args = qemuArgs(domain);
  const out: QemuOption[] = [];
  for (let i = 0; i < args.length; i++) {
    const raw = args[i].value;
    const word = raw.trim();
    if (!OPTION_WORD.test(word)) continue;
    const name = '-' + word.replace(/^--?/, '').split(/\s/)[0];
    const next = args[i + 1];
    const opt: QemuOption = { el: args[i].el, name, exact: raw === word && !/\s/.test(word) };
    // An option written with its value in the same word ("-device ivshmem,...") is split here.
    const inline = word.split(/\s+/).slice(1).join(' ');
    if (inline) {
      opt.valueEl = args[i].el;
      opt.value = inline;
    } else if (next && !OPTION_WORD.test(next.value.trim())) {
      opt.valueEl = next.el;
      opt.value = next.value;
      i++;
    }
    out.push(opt);
  }
  return out;
}

export interface OptionValue {
  /** `json` when QEMU parses the value as JSON: it starts with `{` (vl.c: `optarg[0] == '{'`, QEMU 6.2+ for -device). */
  syntax: 'json' | 'legacy';
  /** The properties; the implied first key of the legacy syntax under `impliedKey`. Undefined when unreadable. */
  props: Record<string, unknown> | undefined;
}

/**
 * A `-device` / `-object` / ... value as QEMU parses it: JSON when its very
 * first character is `{` (no trimming: ` {...}` goes to the legacy parser),
 * else QemuOpts with `impliedKey` (`driver`, `qom-type`) for a first word
 * without `=`.
 */
export function parseOptionValue(value: string, impliedKey: string): OptionValue {
  if (value.startsWith('{')) return { syntax: 'json', props: parseLooseJson(value) };
  return { syntax: 'legacy', props: parseKeyval(value, impliedKey) };
}

/** JSON as QEMU's parser takes it: double- or single-quoted strings (its lexer has single-quoted string states). */
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

/** QEMU's QemuOpts syntax: `implied,key=value,key=value`; `,,` escapes a comma; a later bare `key` is `key=on`. */
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
 * The device model of a `-device` value: `ivshmem-plain,id=shmem0,...`,
 * `driver=ivshmem-plain,...` or JSON `{"driver":"ivshmem-plain",...}` (also
 * single-quoted, as Looking Glass writes it).
 */
export function deviceDriver(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const driver = parseOptionValue(value, 'driver').props?.driver;
  return typeof driver === 'string' ? driver : undefined;
}

/** The key under which the legacy syntax's bare first word is kept aside. */
const IMPLIED = '\0implied';

/**
 * The properties of a `-device` or `-spice` value, values as strings (JSON
 * objects: their top-level keys), without the bare first word of the legacy
 * syntax (a `-device` driver).
 */
export function optionProperties(value: string | undefined): Map<string, string> {
  const props = new Map<string, string>();
  if (value === undefined) return props;
  for (const [k, v] of Object.entries(parseOptionValue(value, IMPLIED).props ?? {})) {
    if (k !== IMPLIED) props.set(k, String(v));
  }
  return props;
}
