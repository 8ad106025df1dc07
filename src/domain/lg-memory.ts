/**
 * How much IVSHMEM Looking Glass needs for a maximum resolution, by the
 * formula of the release's own docs ("Determining memory"):
 *  - B6 / B7 (B7: doc/install_libvirt.rst at tag B7; B6's guide gives the
 *    same SDR formula): frame = W x H x BPP x 2
 *    bytes (BPP 4 for SDR, 8 for HDR); MiB = frame / 1 MiB + 10; rounded up
 *    to a power of two.
 *  - master (unreleased IDD stack, reference/lookingglass-docs/install_libvirt.rst):
 *    ceil(W x 4 / 256) x 256 x H x 3 + 4 MiB, in MiB rounded up to a power
 *    of two; HDR needs no more.
 */
import { MiB } from './units.js';

export type LookingGlassRelease = 'B6' | 'B7' | 'master';

export const LG_RELEASES = ['B6', 'B7', 'master'] as const;

export interface Resolution {
  width: number;
  height: number;
}

export function parseResolution(text: string): Resolution | undefined {
  const m = /^\s*(\d{2,5})\s*x\s*(\d{2,5})\s*$/i.exec(text);
  return m ? { width: Number(m[1]), height: Number(m[2]) } : undefined;
}

export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/** Required IVSHMEM size in bytes (a power-of-two number of MiB). */
export function requiredShmemBytes(res: Resolution, release: LookingGlassRelease, hdr: boolean): number {
  let mib: number;
  if (release === 'master') {
    mib = (Math.ceil((res.width * 4) / 256) * 256 * res.height * 3 + 4 * MiB) / MiB;
  } else {
    mib = (res.width * res.height * (hdr ? 8 : 4) * 2) / MiB + 10;
  }
  return nextPowerOfTwo(Math.ceil(mib)) * MiB;
}

/** Where the formula is written, for messages and docs. */
export function formulaSource(release: LookingGlassRelease): string {
  return release === 'master'
    ? 'Looking Glass master doc/install_libvirt.rst "Determining memory"'
    : `the Looking Glass ${release} install guide, "Determining memory"`;
}
