import { describe, expect, it } from 'vitest';
import { lookingGlassCommandlineArgs, lookingGlassShmems, usesLookingGlass } from '#domain/looking-glass.js';
import { withDevices, withQemuArgs } from './xml.js';

// The setups of the Looking Glass docs (doc/ivshmem_shm.rst, doc/ivshmem_kvmfr.rst).
const SHMEM = "<shmem name='looking-glass'><model type='ivshmem-plain'/><size unit='M'>64</size></shmem>";
const KVMFR_JSON = [
  '-device',
  "{'driver':'ivshmem-plain','id':'shmem0','memdev':'looking-glass'}",
  '-object',
  "{'qom-type':'memory-backend-file','id':'looking-glass','mem-path':'/dev/kvmfr0','size':67108864,'share':true}",
];
const KVMFR_LEGACY = ['-device', 'ivshmem-plain,id=shmem0,memdev=looking-glass', '-object', 'memory-backend-file,id=looking-glass,mem-path=/dev/kvmfr0,size=64M,share=yes'];
const SHM_FILE = ['-device', 'ivshmem-plain,memdev=ivshmem,bus=pcie.0', '-object', 'memory-backend-file,id=ivshmem,share=on,mem-path=/dev/shm/looking-glass,size=32M'];

describe('lookingGlassShmems', () => {
  it("finds <shmem> devices named looking-glass…, in any case", () => {
    const d = withDevices(`${SHMEM}<shmem name='Looking-Glass-2'/><shmem name='ivshmem0'/><shmem/>`);
    expect(lookingGlassShmems(d).map((s) => s.attr('name'))).toEqual(['looking-glass', 'Looking-Glass-2']);
  });
});

describe('lookingGlassCommandlineArgs', () => {
  it('finds the device and memory backend values of the KVMFR setup, JSON or legacy', () => {
    for (const args of [KVMFR_JSON, KVMFR_LEGACY]) {
      expect(lookingGlassCommandlineArgs(withQemuArgs(...args)).map((a) => a.attr('value'))).toEqual([args[1], args[3]]);
    }
  });

  it('finds the /dev/shm/looking-glass setup', () => {
    expect(lookingGlassCommandlineArgs(withQemuArgs(...SHM_FILE))).toHaveLength(2);
  });

  it('ignores other command-line arguments', () => {
    expect(lookingGlassCommandlineArgs(withQemuArgs('-device', 'usb-host,vendorid=0x046d', '-object', 'memory-backend-file,id=m,mem-path=/dev/hugepages'))).toEqual([]);
  });
});

describe('usesLookingGlass', () => {
  it('is true with a looking-glass <shmem>, or with KVMFR or /dev/shm on the QEMU command line', () => {
    expect(usesLookingGlass(withDevices(SHMEM))).toBe(true);
    expect(usesLookingGlass(withQemuArgs(...KVMFR_JSON))).toBe(true);
    expect(usesLookingGlass(withQemuArgs(...SHM_FILE))).toBe(true);
  });

  it('is false for a VM with neither, or with a <shmem> of another name', () => {
    expect(usesLookingGlass(withDevices("<graphics type='spice' autoport='yes'/><shmem name='ivshmem0'><model type='ivshmem-plain'/></shmem>"))).toBe(false);
  });
});
