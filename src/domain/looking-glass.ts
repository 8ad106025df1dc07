/** Is this VM set up for Looking Glass? */
import type { XmlElement } from '#engine/tree.js';
import { memoize } from '#shared/memo.js';
import { qemuArgs } from './namespaces.js';

/** `<shmem>` devices meant for Looking Glass (the name its docs use). */
export function lookingGlassShmems(domain: XmlElement): XmlElement[] {
  return domain.select('devices/shmem').filter((s) => /^looking-glass/i.test(s.attr('name') ?? ''));
}

/**
 * KVMFR / IVSHMEM set up through `qemu:commandline`: an `ivshmem-plain`
 * device, or a memory backend on `/dev/kvmfr*` or `/dev/shm/looking-glass*`
 * (LG docs: ivshmem_kvmfr.rst, ivshmem_shm.rst).
 */
export function lookingGlassCommandlineArgs(domain: XmlElement): XmlElement[] {
  return qemuArgs(domain)
    .filter(({ value }) => /ivshmem-plain|\/dev\/kvmfr|\/dev\/shm\/looking-glass/.test(value))
    .map(({ el }) => el);
}

/** Remembered per domain: a dozen rules ask. */
export const usesLookingGlass: (domain: XmlElement) => boolean = memoize(
  (domain) => lookingGlassShmems(domain).length > 0 || lookingGlassCommandlineArgs(domain).length > 0,
);
