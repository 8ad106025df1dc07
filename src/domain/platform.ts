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
 * A libvirt bitmap such as `0-3,^2,8` (virBitmapParse): the set members, or
 * undefined when the text is not a valid bitmap.
 */
export function parseBitmap(text: string): Set<number> | undefined {
  const out = new Set<number>();
  const exclude = new Set<number>();
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length === 0) return undefined;
  for (const part of parts) {
    let m: RegExpExecArray | null;
    if ((m = /^\^(\d+)$/.exec(part))) exclude.add(Number(m[1]));
    else if ((m = /^(\d+)$/.exec(part))) out.add(Number(m[1]));
    else if ((m = /^(\d+)-(\d+)$/.exec(part))) {
      const a = Number(m[1]);
      const b = Number(m[2]);
      if (b < a || b - a > 65536) return undefined;
      for (let i = a; i <= b; i++) out.add(i);
    } else return undefined;
  }
  for (const e of exclude) out.delete(e);
  return out;
}

/** libvirt's unsigned integer attributes: decimal, or hex with 0x (virStrToLong_ui with base 0 also takes octal). */
export function parseUnsigned(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^0x[0-9a-f]+$/i.test(v)) return parseInt(v.slice(2), 16);
  if (/^0[0-7]+$/.test(v)) return parseInt(v, 8);
  if (/^\d+$/.test(v)) return Number(v);
  return undefined;
}
