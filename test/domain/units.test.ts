import { describe, expect, it } from 'vitest';
import { describeWrittenSize, formatBytes, GiB, isPowerOfTwo, KiB, MiB, scaledBytes, unitScale } from '#domain/units.js';
import { root } from './xml.js';

const memory = (attrs: string, text: string) => root(`<memory${attrs}>${text}</memory>`);

// Each unit below was checked with `virsh define` of <memory unit='...'> and
// the KiB figure `dumpxml` writes back (libvirt's virScaleInteger).
describe('unitScale', () => {
  it('reads b/byte/bytes as 1 and the binary units k, KiB, M, MiB, ... as powers of 1024', () => {
    expect(['b', 'byte', 'bytes', 'k', 'KiB', 'M', 'MiB', 'G', 'GiB', 'T', 'TiB', 'P', 'PiB', 'E', 'EiB'].map(unitScale)).toEqual([
      1, 1, 1, 1024, 1024, MiB, MiB, GiB, GiB, 1024 ** 4, 1024 ** 4, 1024 ** 5, 1024 ** 5, 1024 ** 6, 1024 ** 6,
    ]);
  });

  it('reads KB, MB, GB, TB, PB, EB as powers of 1000', () => {
    expect(['KB', 'MB', 'GB', 'TB', 'PB', 'EB'].map(unitScale)).toEqual([1e3, 1e6, 1e9, 1e12, 1e15, 1e18]);
  });

  it("ignores case: KIB and kib are KiB, kB and Kb are 1000, g is GiB, BYTE is 1", () => {
    expect(['KIB', 'kib', 'kB', 'Kb', 'g', 'BYTE', 'mIb'].map(unitScale)).toEqual([1024, 1024, 1000, 1000, GiB, 1, MiB]);
  });

  it('knows no other unit, nor a unit with spaces', () => {
    expect(['KiBi', 'Ki', 'ib', 'kilobytes', ' MiB', 'MiB ', 'Z'].map(unitScale)).toEqual(Array(7).fill(undefined));
  });
});

describe('scaledBytes', () => {
  it('scales the text by the unit attribute', () => {
    expect(scaledBytes(memory(" unit='GiB'", '16'))).toBe(16 * GiB);
    expect(scaledBytes(memory(" unit='mb'", '1'))).toBe(1e6);
  });

  it('uses KiB without a unit (libvirt memory elements), or the default it is given', () => {
    expect(scaledBytes(memory('', '1048576'))).toBe(GiB);
    expect(scaledBytes(root('<size>4194304</size>'), 'b')).toBe(4 * MiB);
    expect(scaledBytes(root('<tseg>48</tseg>'), 'MiB')).toBe(48 * MiB);
  });

  it("reads the number in base 10 ('016' is 16) and accepts spaces before it", () => {
    expect(scaledBytes(memory(" unit='MiB'", '016'))).toBe(16 * MiB);
    expect(scaledBytes(memory(" unit='MiB'", ' 16'))).toBe(16 * MiB);
  });

  it('is undefined for what libvirt refuses: hex, fractions, words, an unknown unit; and for no element', () => {
    expect(scaledBytes(memory(" unit='GiB'", '0x1'))).toBeUndefined();
    expect(scaledBytes(memory(" unit='MiB'", '1.5'))).toBeUndefined();
    expect(scaledBytes(memory('', 'lots'))).toBeUndefined();
    expect(scaledBytes(memory(" unit='KiBi'", '1'))).toBeUndefined();
    expect(scaledBytes(undefined)).toBeUndefined();
  });

  // `virsh define` of <memory unit=''>1024</memory> gives 1024 KiB: an empty
  // suffix means the element's default scale (virScaleInteger).
  it("treats unit='' as the default unit", () => {
    expect(scaledBytes(memory(" unit=''", '1024'))).toBe(1024 * KiB);
  });

  // libvirt reads the number with strtoull and wants nothing after it:
  // `virsh define` accepts '+16' as 16 and refuses '16 ' ("Invalid value '16 '").
  it("reads the number as libvirt does: '+16' is 16, '16 ' is refused", () => {
    expect(scaledBytes(memory(" unit='MiB'", '+16'))).toBe(16 * MiB);
    expect(scaledBytes(memory(" unit='MiB'", '16 '))).toBeUndefined();
  });

  // `virsh define` refuses <memory unit='MiB'>\n 16\n</memory> and '-16'.
  it('refuses text on lines of its own (trailing white space) and a minus sign', () => {
    expect(scaledBytes(memory(" unit='MiB'", '\n 16\n'))).toBeUndefined();
    expect(scaledBytes(memory(" unit='MiB'", '-16'))).toBeUndefined();
  });
});

describe('describeWrittenSize', () => {
  it('names the size in binary units when it is a whole number of them', () => {
    expect(describeWrittenSize(root("<size unit='M'>48</size>"), 48 * MiB)).toBe('48 MiB');
    expect(describeWrittenSize(root('<size>1000</size>'), 1000)).toBe('1000 bytes');
  });

  it('keeps the unit the user wrote when the size is no whole number of KiB', () => {
    expect(describeWrittenSize(root("<size unit='KB'>1500</size>"), 1_500_000)).toBe('1500 KB (1500000 bytes)');
    expect(describeWrittenSize(root("<size unit='bytes'>1500</size>"), 1500)).toBe('1500 bytes');
  });
});

describe('formatBytes', () => {
  it('writes the largest binary unit that divides exactly', () => {
    expect([16 * GiB, 512 * MiB, 1536 * KiB, 1024 ** 4, 3 * GiB + 512 * MiB].map(formatBytes)).toEqual(['16 GiB', '512 MiB', '1536 KiB', '1 TiB', '3584 MiB']);
  });

  it('falls back to bytes', () => {
    expect([1000, 1, 0].map(formatBytes)).toEqual(['1000 bytes', '1 bytes', '0 bytes']);
  });
});

describe('isPowerOfTwo', () => {
  it('is true for 1, 2, 4 ... including 64 MiB', () => {
    expect([1, 2, 4, 1024, 64 * MiB, 2 ** 40].map(isPowerOfTwo)).toEqual(Array(6).fill(true));
  });

  it('is false for 0, negatives, fractions and other integers', () => {
    expect([0, -2, 0.5, 1.5, 3, 48 * MiB, 2 ** 40 + 1].map(isPowerOfTwo)).toEqual(Array(7).fill(false));
  });
});
