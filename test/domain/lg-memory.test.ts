import { describe, expect, it } from 'vitest';
import { formulaSource, LG_RELEASES, nextPowerOfTwo, parseResolution, requiredShmemBytes } from '#domain/lg-memory.js';

const MiB = 1024 * 1024;
const mib = (w: number, h: number, release: 'B6' | 'B7' | 'master', hdr = false) => requiredShmemBytes({ width: w, height: h }, release, hdr) / MiB;

describe('parseResolution', () => {
  it('reads WIDTHxHEIGHT, with either x and spaces around', () => {
    expect(parseResolution('1920x1080')).toEqual({ width: 1920, height: 1080 });
    expect(parseResolution(' 2560 X 1440 ')).toEqual({ width: 2560, height: 1440 });
  });

  it('refuses other separators, one-digit or six-digit sides, and missing parts', () => {
    expect(['1920*1080', '1920,1080', '1x1080', '1920x100000', '1920x', 'x1080', ''].map(parseResolution)).toEqual(Array(7).fill(undefined));
  });
});

describe('nextPowerOfTwo', () => {
  it('is the smallest power of two at or above n', () => {
    expect([1, 2, 3, 16, 17, 33, 100].map(nextPowerOfTwo)).toEqual([1, 2, 4, 16, 32, 64, 128]);
  });
});

// B6/B7 "Determining memory": W x H x 4 (SDR) or 8 (HDR) x 2 bytes, in MiB, + 10 MiB, up to a power of two.
describe('requiredShmemBytes, B6 and B7', () => {
  it('1024x768 SDR is exactly 6 MiB + 10 = 16 MiB, already a power of two', () => {
    expect(mib(1024, 768, 'B7')).toBe(16);
  });

  it('rounds up: 1280x720 SDR is 7.03 + 10 MiB, so 32 MiB', () => {
    expect(mib(1280, 720, 'B7')).toBe(32);
  });

  it('HDR doubles the frame: 1024x768 HDR is 12 + 10 MiB, so 32 MiB', () => {
    expect(mib(1024, 768, 'B7', true)).toBe(32);
  });

  it('B6 uses the same formula as B7', () => {
    for (const [w, h] of [[1024, 768], [1920, 1080], [3840, 2160]]) expect(mib(w, h, 'B6'), `${w}x${h}`).toBe(mib(w, h, 'B7'));
  });
});

// master (IDD) "Determining memory": ceil(W x 4 / 256) x 256 x H x 3 + 4 MiB, in MiB, up to a power of two.
describe('requiredShmemBytes, master', () => {
  it('1024x768 is 9 + 4 = 13 MiB, so 16 MiB', () => {
    expect(mib(1024, 768, 'master')).toBe(16);
  });

  it('pads each row to 256 bytes: 1360x768 needs 16.4 MiB (32), where the unpadded 15.95 MiB would fit in 16', () => {
    expect(mib(1360, 768, 'master')).toBe(32);
  });

  it('needs no more for HDR', () => {
    expect(mib(2560, 1440, 'master', true)).toBe(mib(2560, 1440, 'master', false));
  });

  it('is always a whole power-of-two number of MiB', () => {
    for (const release of LG_RELEASES) {
      const n = mib(1366, 768, release);
      expect(Number.isInteger(Math.log2(n)), `${release}: ${n}`).toBe(true);
    }
  });
});

describe('formulaSource and LG_RELEASES', () => {
  it('knows the releases B6, B7 and master', () => {
    expect([...LG_RELEASES]).toEqual(['B6', 'B7', 'master']);
  });

  it("names the release's own install guide", () => {
    expect(formulaSource('B7')).toBe('the Looking Glass B7 install guide, "Determining memory"');
    expect(formulaSource('master')).toMatch(/^Looking Glass master doc\/install_libvirt\.rst/);
  });
});
