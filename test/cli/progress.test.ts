import { describe, expect, it } from 'vitest';
import { createProgress, PROGRESS_INTERVAL_MS, PROGRESS_MIN_FILES } from '../../src/cli/progress.js';

function recorder() {
  const writes: string[] = [];
  return { writes, write: (s: string) => void writes.push(s) };
}

describe('progress line', () => {
  it('writes nothing when stderr is not a terminal', () => {
    const r = recorder();
    const p = createProgress({ isTTY: false, write: r.write, total: 100 });
    for (let i = 0; i < 100; i++) p.tick(`f${i}.xml`);
    p.done();
    expect(r.writes).toEqual([]);
  });

  it('writes nothing for a few files', () => {
    const r = recorder();
    const p = createProgress({ isTTY: true, write: r.write, total: PROGRESS_MIN_FILES });
    for (let i = 0; i < PROGRESS_MIN_FILES; i++) p.tick(`f${i}.xml`);
    p.done();
    expect(r.writes).toEqual([]);
  });

  it('rewrites one line, at most every interval, always shows the last file, and erases itself', () => {
    const r = recorder();
    let t = 0;
    const p = createProgress({ isTTY: true, write: r.write, total: 10, now: () => t });
    for (let i = 1; i <= 10; i++) {
      p.tick(`vm${i}.xml`);
      t += PROGRESS_INTERVAL_MS / 2;
    }
    p.done();
    expect(r.writes).toEqual([
      '\r\x1b[2Kvirt-lint: [1/10] vm1.xml',
      '\r\x1b[2Kvirt-lint: [3/10] vm3.xml',
      '\r\x1b[2Kvirt-lint: [5/10] vm5.xml',
      '\r\x1b[2Kvirt-lint: [7/10] vm7.xml',
      '\r\x1b[2Kvirt-lint: [9/10] vm9.xml',
      '\r\x1b[2Kvirt-lint: [10/10] vm10.xml',
      '\r\x1b[2K',
    ]);
    expect(r.writes.join('')).not.toContain('\n');
  });

  it('keeps the line narrower than the terminal, showing the end of a long path', () => {
    const r = recorder();
    const p = createProgress({ isTTY: true, write: r.write, total: 9, columns: 40 });
    p.tick('very/long/directory/name/that/goes/on/and/on/win11.xml');
    const line = r.writes[0].slice('\r\x1b[2K'.length);
    expect(line).toBe('virt-lint: [1/9] …s/on/and/on/win11.xml');
    expect(line.length).toBe(39); // columns - 1: writing the last column would wrap on some terminals
  });

  it('assumes 80 columns when the terminal reports no size', () => {
    const r = recorder();
    const p = createProgress({ isTTY: true, write: r.write, total: 9, columns: 0 });
    p.tick('vms/win11.xml');
    expect(r.writes).toEqual(['\r\x1b[2Kvirt-lint: [1/9] vms/win11.xml']);
  });
});
