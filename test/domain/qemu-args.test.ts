import { describe, expect, it } from 'vitest';
import { devicesAndObjects, isLookingGlassMemPath, ivshmemDevices, lookingGlassBackends, qemuSize } from '#domain/qemu-args.js';
import { parseKeyval, parseLooseJson } from '#domain/qemu-options.js';
import { withQemuArgs } from './xml.js';

const MiB = 1024 * 1024;

// doc/ivshmem_kvmfr.rst of Looking Glass: the JSON block (QEMU 6.2+, libvirt
// 7.9+; single-quoted, as QEMU's JSON parser allows) and the legacy block.
const JSON_DEVICE = "{'driver':'ivshmem-plain','id':'shmem0','memdev':'looking-glass'}";
const JSON_OBJECT = "{'qom-type':'memory-backend-file','id':'looking-glass','mem-path':'/dev/kvmfr0','size':67108864,'share':true}";
const LEGACY_DEVICE = 'ivshmem-plain,id=shmem0,memdev=looking-glass';
const LEGACY_OBJECT = 'memory-backend-file,id=looking-glass,mem-path=/dev/kvmfr0,size=64M,share=yes';

describe('devicesAndObjects', () => {
  it("reads Looking Glass's JSON block: -device and -object with their properties, at the value's <qemu:arg>", () => {
    const d = withQemuArgs('-device', JSON_DEVICE, '-object', JSON_OBJECT);
    const [device, object] = devicesAndObjects(d);
    expect(device).toMatchObject({ option: '-device', syntax: 'json', value: JSON_DEVICE, props: { driver: 'ivshmem-plain', id: 'shmem0', memdev: 'looking-glass' } });
    expect(object).toMatchObject({ option: '-object', syntax: 'json', props: { 'qom-type': 'memory-backend-file', 'mem-path': '/dev/kvmfr0', size: 67108864, share: true } });
    expect(device.el.attr('value')).toBe(JSON_DEVICE);
  });

  it("reads Looking Glass's legacy block, the first word being driver / qom-type", () => {
    const [device, object] = devicesAndObjects(withQemuArgs('-device', LEGACY_DEVICE, '-object', LEGACY_OBJECT));
    expect(device).toMatchObject({ option: '-device', syntax: 'legacy', props: { driver: 'ivshmem-plain', id: 'shmem0', memdev: 'looking-glass' } });
    expect(object).toMatchObject({ option: '-object', syntax: 'legacy', props: { 'qom-type': 'memory-backend-file', 'mem-path': '/dev/kvmfr0', size: '64M', share: 'yes' } });
  });

  // QEMU's lookup_opt: "Treat --foo the same as -foo".
  it('takes --device and --object as -device and -object', () => {
    expect(devicesAndObjects(withQemuArgs('--device', LEGACY_DEVICE, '--object', LEGACY_OBJECT)).map((o) => o.option)).toEqual(['-device', '-object']);
  });

  it('skips other options and a -device with no value after it', () => {
    expect(devicesAndObjects(withQemuArgs('-cpu', 'host', '-set', 'device.x.y=z', '-device'))).toEqual([]);
  });

  it('keeps an unreadable JSON value with props undefined', () => {
    expect(devicesAndObjects(withQemuArgs('-device', "{'driver':'ivshmem-plain'"))).toMatchObject([{ syntax: 'json', props: undefined }]);
  });

  // QEMU's lookup_opt compares the whole word with the option names
  // (strcmp(popt->name, r + 1)): "-device=..." is "invalid option" and QEMU
  // does not start. qemuOptions reads it as a -device.
  it("does not take '-device=...' in one word for an option (QEMU: invalid option)", () => {
    expect(devicesAndObjects(withQemuArgs(`-device=${LEGACY_DEVICE}`))).toEqual([]);
  });

  it("does not take '-device value' in one word, or an option word with spaces around it", () => {
    expect(devicesAndObjects(withQemuArgs(`-device ${LEGACY_DEVICE}`))).toEqual([]);
    expect(devicesAndObjects(withQemuArgs(' -device', LEGACY_DEVICE))).toEqual([]);
  });

  // vl.c: `if (optarg[0] == '{')` -- JSON only when the value starts with the brace.
  it('reads a value with a space before its brace with the legacy parser, as QEMU does', () => {
    expect(devicesAndObjects(withQemuArgs('-device', ` ${JSON_DEVICE}`))).toMatchObject([{ syntax: 'legacy' }]);
  });
});

describe('parseLooseJson', () => {
  it('reads double- and single-quoted JSON objects alike', () => {
    expect(parseLooseJson('{"driver":"ivshmem-plain","size":4}')).toEqual({ driver: 'ivshmem-plain', size: 4 });
    expect(parseLooseJson("{'driver':'ivshmem-plain','size':4}")).toEqual({ driver: 'ivshmem-plain', size: 4 });
  });

  it("keeps a double quote inside single quotes and an escaped \\' as characters", () => {
    expect(parseLooseJson(`{'a':'say "hi"','b':'it\\'s'}`)).toEqual({ a: 'say "hi"', b: "it's" });
  });

  it('is undefined for an unterminated string, invalid JSON, or JSON that is not an object', () => {
    expect(["{'a':'b}", '{a:1}', '[1,2]', 'null', '"x"'].map(parseLooseJson)).toEqual(Array(5).fill(undefined));
  });
});

describe('parseKeyval', () => {
  it('gives the first bare word to the implied key and key=value pairs to their keys', () => {
    expect(parseKeyval('ivshmem-plain,id=shmem0,memdev=lg', 'driver')).toEqual({ driver: 'ivshmem-plain', id: 'shmem0', memdev: 'lg' });
  });

  it("reads ',,' as a comma inside a value (QemuOpts escaping)", () => {
    expect(parseKeyval('memory-backend-file,mem-path=/srv/a,,b,size=1M', 'qom-type')).toEqual({ 'qom-type': 'memory-backend-file', 'mem-path': '/srv/a,b', size: '1M' });
  });

  it("reads a later bare key as key=on (QemuOpts' short form), and keeps an empty value", () => {
    expect(parseKeyval('memory-backend-file,share,prealloc=', 'qom-type')).toEqual({ 'qom-type': 'memory-backend-file', share: 'on', prealloc: '' });
  });

  it('gives no implied key when the first part is a key=value', () => {
    expect(parseKeyval('driver=ivshmem-plain,id=x', 'driver')).toEqual({ driver: 'ivshmem-plain', id: 'x' });
  });
});

// qemu_strtosz (util/cutils.c): decimal with an optional B/K/M/G/T/P/E suffix,
// binary multiples, a fraction only with a suffix above B; JSON numbers are bytes.
describe('qemuSize', () => {
  it('reads a JSON number as bytes', () => {
    expect(qemuSize(67108864)).toBe(64 * MiB);
  });

  it('reads suffixes in either case as binary multiples', () => {
    expect(['100', '100B', '512K', '64M', '64m', '1G', '2T'].map(qemuSize)).toEqual([100, 100, 512 * 1024, 64 * MiB, 64 * MiB, 1024 * MiB, 2 * 1024 ** 4]);
  });

  it('reads a fraction with a suffix', () => {
    expect(qemuSize('1.5M')).toBe(1.5 * MiB);
  });

  it('is undefined for negative or non-finite numbers, words, unknown suffixes and other types', () => {
    expect([-1, Number.NaN, Number.POSITIVE_INFINITY, '-1', '64Q', 'big', '', true, undefined, null].map(qemuSize)).toEqual(Array(10).fill(undefined));
  });

  // qemu_strtosz: "0x7fEE - hexadecimal, unit determined by @default_suffix".
  it("reads hexadecimal: '0x4000000' is 64 MiB", () => {
    expect(qemuSize('0x4000000')).toBe(64 * MiB);
  });

  // qemu_strtosz: "if there is a non-zero fraction, then the input must be
  // decimal and there must be a suffix ... larger than Byte".
  it("refuses a fraction without a suffix ('1.5') or with B", () => {
    expect(['1.5', '1.5B'].map(qemuSize)).toEqual([undefined, undefined]);
  });

  // The do_strtosz comment: "08 (parsed as decimal instead)", "0x20M" and
  // "1e3" refused, "either side of . may be empty", the fraction truncated to bytes.
  it("reads '08' as decimal, '.5M' and '1.M', truncates a fraction to bytes, and refuses hex with a suffix, exponents and trailing spaces", () => {
    expect(['08', '.5M', '1.M', '1.0', '0.1K'].map(qemuSize)).toEqual([8, MiB / 2, MiB, 1, 102]);
    expect(['0x20M', '1e3', '64M ', '.', 'M', '0x'].map(qemuSize)).toEqual(Array(6).fill(undefined));
  });
});

describe('isLookingGlassMemPath', () => {
  it('is true for the KVMFR devices and the /dev/shm/looking-glass file', () => {
    expect(['/dev/kvmfr0', '/dev/kvmfr12', '/dev/shm/looking-glass', '/dev/shm/looking-glass-2'].map(isLookingGlassMemPath)).toEqual([true, true, true, true]);
  });

  it('is false for other paths and for values that are not strings', () => {
    expect(['/dev/hugepages/x', '/dev/shm/other', '/srv/dev/kvmfr0', 42, undefined].map(isLookingGlassMemPath)).toEqual([false, false, false, false, false]);
  });
});

describe('lookingGlassBackends and ivshmemDevices', () => {
  const d = withQemuArgs(
    '-device',
    JSON_DEVICE,
    '-object',
    JSON_OBJECT,
    '-device',
    'ivshmem-doorbell,chardev=c',
    '-object',
    'memory-backend-file,id=huge,mem-path=/dev/hugepages/vm,size=1G',
    '-object',
    'memory-backend-ram,id=r,size=1G',
    '-device',
    LEGACY_DEVICE,
  );

  it('lookingGlassBackends keeps the memory-backend-file objects on Looking Glass memory', () => {
    expect(lookingGlassBackends(d).map((o) => o.props?.id)).toEqual(['looking-glass']);
  });

  it('ivshmemDevices keeps the ivshmem-plain devices, JSON or legacy', () => {
    expect(ivshmemDevices(d).map((o) => o.syntax)).toEqual(['json', 'legacy']);
  });
});
