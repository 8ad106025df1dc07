/**
 * Machine families outside x86 (libvirt's qemuDomainIsPSeries,
 * qemuDomainIsARMVirt, qemuDomainIsRISCVVirt, ARCH_IS_S390), and small
 * value parsers several define-time rules share.
 */
import type { XmlElement } from '#engine/tree.js';
import { archOf, machineOf } from './machine.js';

/** pSeries (IBM POWER) guests: arch ppc64/ppc64le with a `pseries*` machine. */
export function isPSeries(domain: XmlElement): boolean {
  const arch = archOf(domain) ?? '';
  return /^ppc64(le)?$/.test(arch) && /^pseries/.test(machineOf(domain) ?? '');
}

/** ARM `virt` machines (aarch64 or armv7l). */
export function isArmVirt(domain: XmlElement): boolean {
  const arch = archOf(domain) ?? '';
  return /^(aarch64|armv[67]l)$/.test(arch) && /^virt(-|$)/.test(machineOf(domain) ?? '');
}

/** RISC-V `virt` machines. */
export function isRiscvVirt(domain: XmlElement): boolean {
  return /^riscv(32|64)$/.test(archOf(domain) ?? '') && /^virt(-|$)/.test(machineOf(domain) ?? '');
}

/** LoongArch `virt` machines. */
export function isLoongArchVirt(domain: XmlElement): boolean {
  return archOf(domain) === 'loongarch64' && /^virt(-|$)/.test(machineOf(domain) ?? '');
}

export function isS390(domain: XmlElement): boolean {
  return /^s390x?$/.test(archOf(domain) ?? '');
}

/**
 * A libvirt bitmap such as `0-3,^2,8` (virBitmapParse, src/util/virbitmap.c):
 * the set members, or undefined when libvirt cannot parse the text. Members
 * are read left to right, so an exclusion removes only what stands before it
 * (`^2,0-3` is 0-3); numbers are decimal; spaces may stand around numbers,
 * dashes and commas (not between `^` and its number); a trailing comma is
 * allowed. Ranges are capped at 65536 members to bound memory.
 */
export function parseBitmap(text: string): Set<number> | undefined {
  const out = new Set<number>();
  // One member: optional ^, a number, optionally "- number"; then a comma or the end.
  const member = /[ \t\n\v\f\r]*(\^?)(\d+)[ \t\n\v\f\r]*(?:-[ \t\n\v\f\r]*\+?(\d+)[ \t\n\v\f\r]*)?(,[ \t\n\v\f\r]*|$)/y;
  let pos = 0;
  if (text.trim() === '') return undefined;
  while (pos < text.length) {
    member.lastIndex = pos;
    const m = member.exec(text);
    if (!m || m[0] === '') return undefined;
    const [, exclude, first, last] = m;
    const a = Number(first);
    if (exclude) {
      if (last !== undefined) return undefined;
      out.delete(a);
    } else if (last === undefined) out.add(a);
    else {
      const b = Number(last);
      if (b < a || b - a > 65536) return undefined;
      for (let i = a; i <= b; i++) out.add(i);
    }
    pos = member.lastIndex;
  }
  return out;
}

/** C's isspace(), which strtol skips before a number. */
const C_SPACE = /^[ \t\n\v\f\r]*/;

/**
 * A whole attribute read the way libvirt's virStrToLong_* helpers read it
 * (strtol/strtoul, then nothing may follow): leading white space, an optional
 * sign, digits in `base`, nothing after. Base 0 means C's rules: `0x` hex, a
 * leading `0` octal (so `08` is refused), else decimal. Undefined for an
 * empty value, trailing spaces or anything else strtol stops at.
 */
function parseCInteger(value: string, base: 0 | 10): { negative: boolean; magnitude: number } | undefined {
  const rest = value.slice(C_SPACE.exec(value)![0].length);
  const negative = rest.startsWith('-');
  let digits = rest.startsWith('-') || rest.startsWith('+') ? rest.slice(1) : rest;
  let radix = 10;
  if (base === 0 && /^0[xX][0-9a-fA-F]/.test(digits)) {
    radix = 16;
    digits = digits.slice(2);
  } else if (base === 0 && digits.startsWith('0')) radix = 8;
  const valid = radix === 16 ? /^[0-9a-fA-F]+$/ : radix === 8 ? /^[0-7]+$/ : /^[0-9]+$/;
  if (!valid.test(digits)) return undefined;
  return { negative, magnitude: parseInt(digits, radix) };
}

const UINT_MAX = 0xffffffff;
const INT_MAX = 0x7fffffff;

/**
 * libvirt's unsigned int attributes (virXMLPropUInt, virStrToLong_uip):
 * base 0 (decimal, `0x` hex, leading-0 octal) unless the parser names base 10;
 * leading spaces and `+` are accepted, a `-`, trailing characters and values
 * above 4294967295 are not. Which base an attribute uses was checked with
 * `virsh define` (PCI and USB/SCSI host addresses: 0; drive addresses, audio
 * ids: 10).
 */
export function parseUnsigned(value: string | undefined, base: 0 | 10 = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = parseCInteger(value, base);
  if (!n || n.negative || n.magnitude > UINT_MAX) return undefined;
  return n.magnitude;
}

/**
 * libvirt's signed int attributes (virXMLPropInt, virStrToLong_i), e.g.
 * controller `index` and `ports` (base 10) or a PCI controller's `<target
 * chassis>` (base 0). Undefined outside -2147483648..2147483647; callers that
 * pass VIR_XML_PROP_NONNEGATIVE refuse negative results themselves.
 */
export function parseInteger(value: string | undefined, base: 0 | 10 = 0): number | undefined {
  if (value === undefined) return undefined;
  const n = parseCInteger(value, base);
  if (!n || n.magnitude > INT_MAX + (n.negative ? 1 : 0)) return undefined;
  return n.negative && n.magnitude !== 0 ? -n.magnitude : n.magnitude;
}

/**
 * An element's character data as libvirt reads it (XPath `string()`,
 * xmlNodeGetContent): every text descendant, not trimmed. Where libvirt does
 * not trim, neither may we: `<loader> </loader>` names a path (' '), and
 * `<memory>16 </memory>` is refused.
 */
export function rawText(el: XmlElement): string {
  let s = '';
  for (const c of el.children) {
    if (c.kind === 'text') s += c.value;
    else if (c.kind === 'element') s += rawText(c);
  }
  return s;
}
