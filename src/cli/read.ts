/**
 * Reading a file the user (or a repository) names, bounded: regular files
 * only, at most a given number of bytes, read as bytes.
 *
 * - The path is `stat`ed first and anything but a regular file (a FIFO, a
 *   device such as /dev/zero, a socket, a directory) is refused before it is
 *   opened: opening some devices has effects of its own, and a FIFO without a
 *   writer would block.
 * - It is then opened with O_NONBLOCK (a FIFO swapped in meanwhile cannot
 *   hang the open) and checked again with `fstat` on the open descriptor, which
 *   is what is actually read.
 * - Reading stops one byte past the limit, so a file that grows while it is
 *   read cannot grow memory either.
 *
 * The snapshot (identity, size, times, bytes) lets the writer refuse to replace
 * a file that changed after it was read.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type BigIntStats, type Stats } from 'node:fs';

/** Default limit for one input file (--max-file-size). Domain XML is a few kilobytes; `virsh define` reads at most 10 MiB (VSH_MAX_XML_FILE). */
export const DEFAULT_MAX_FILE_SIZE = 16 * 1024 * 1024;
/** Limit for a configuration file. */
export const MAX_CONFIG_SIZE = 1024 * 1024;

export interface FileSnapshot {
  dev: bigint;
  ino: bigint;
  size: bigint;
  mtimeNs: bigint;
  ctimeNs: bigint;
  /** What was read. */
  bytes: Buffer;
}

/** A reason a file is not read, phrased to follow "cannot read 'PATH': ". */
export class UnreadableFile extends Error {}

/** `limit` names where the limit comes from, `hint` what to do instead of naming a pipe, for the messages. */
export function readRegularFile(path: string, maxBytes: number, limit = '--max-file-size', hint = PIPE_HINT): FileSnapshot {
  const before = statSync(path);
  checkRegular(before, maxBytes, limit, hint);
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOCTTY);
  try {
    const st = fstatSync(fd, { bigint: true });
    checkRegular(st, maxBytes, limit, hint);
    const bytes = readBounded(fd, Number(st.size), maxBytes, limit);
    return { dev: st.dev, ino: st.ino, size: st.size, mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs, bytes };
  } finally {
    closeSync(fd);
  }
}

function checkRegular(st: Stats | BigIntStats, maxBytes: number, limit: string, hint: string): void {
  if (!st.isFile()) throw notRegularFile(st, hint);
  if (Number(st.size) > maxBytes) throw tooLarge(Number(st.size), maxBytes, limit);
}

/** `hint` follows for a pipe (e.g. `<(virsh dumpxml vm)`): how to give the same document instead. */
export function notRegularFile(st: Stats | BigIntStats, hint = ''): UnreadableFile {
  if (st.isDirectory()) return new UnreadableFile('is a directory');
  return new UnreadableFile(`not a regular file (${fileKind(st)}); virt-lint reads regular files only${st.isFIFO() && hint ? ` (${hint})` : ''}`);
}

/** The hint for a document named on the command line. */
export const PIPE_HINT = 'pipe a document in with -';

export function tooLarge(size: number | undefined, maxBytes: number, limit = '--max-file-size'): UnreadableFile {
  const what = size === undefined ? 'it is larger than' : `${formatSize(size)} is over`;
  return new UnreadableFile(`${what} the ${formatSize(maxBytes)} limit (${limit})`);
}

/** Reads to end of file, failing as soon as more than `maxBytes` arrive. */
function readBounded(fd: number, expected: number, maxBytes: number, limit: string): Buffer {
  let buf = Buffer.allocUnsafe(Math.min(expected, maxBytes) + 1);
  let total = 0;
  for (;;) {
    if (total === buf.length) {
      if (total > maxBytes) throw tooLarge(undefined, maxBytes, limit);
      const bigger = Buffer.allocUnsafe(Math.min(buf.length * 2, maxBytes + 1));
      buf.copy(bigger, 0, 0, total);
      buf = bigger;
    }
    const n = readSync(fd, buf, total, buf.length - total, null);
    if (n === 0) break;
    total += n;
  }
  if (total > maxBytes) throw tooLarge(undefined, maxBytes, limit);
  return buf.subarray(0, total);
}

export function fileKind(st: Stats | BigIntStats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  if (st.isDirectory()) return 'a directory';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** 16 MiB, 512 KiB, 100 bytes. */
export function formatSize(bytes: number): string {
  const units: [number, string][] = [
    [1024 ** 3, 'GiB'],
    [1024 ** 2, 'MiB'],
    [1024, 'KiB'],
  ];
  for (const [size, unit] of units) {
    if (bytes >= size) {
      const v = bytes / size;
      return `${Number.isInteger(v) ? v : v.toFixed(1)} ${unit}`;
    }
  }
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

/** `--max-file-size` values: a byte count, or with a K, M or G suffix (powers of 1024; KiB, MB… also read). */
export function parseSize(text: string): number | undefined {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(?:([kmg])(?:i?b)?|b)?\s*$/i.exec(text);
  if (!m) return undefined;
  const factor = m[2] ? 1024 ** ('kmg'.indexOf(m[2].toLowerCase()) + 1) : 1;
  const bytes = Math.floor(Number(m[1]) * factor);
  return bytes >= 1 && Number.isSafeInteger(bytes) ? bytes : undefined;
}
