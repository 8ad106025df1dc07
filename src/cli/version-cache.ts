/**
 * What `qemu-system-* --version` printed, kept between runs: a spawn costs
 * about as much as a whole lint. One JSON file in the user's cache directory
 * ($XDG_CACHE_HOME/virt-lint, else ~/.cache/virt-lint), keyed by the binary's
 * real path, and valid only while its device, inode, size, mtime and ctime
 * are the same (an upgrade changes them).
 *
 * The file is read with bounds (a regular file of the user's own, at most
 * MAX_CACHE_BYTES, not followed through a symbolic link) and trusted for
 * nothing but a version line that parses; anything else in it, or a file
 * that does not parse, is ignored and rewritten on the next spawn.
 */
import { closeSync, constants, fstatSync, mkdirSync, openSync, readSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { parseVersion } from '#engine/host-facts.js';
import type { FileFacts } from './trusted-file.js';

export const MAX_CACHE_BYTES = 64 * 1024;
const MAX_ENTRIES = 32;
const MAX_LINE = 200;
const FORMAT = 1;

export interface CacheStore {
  /** The cache file's text, or undefined when there is none (or it is not safe to read). */
  read(): string | undefined;
  /** Replaces the cache file; failures are ignored (a read-only home is fine). */
  write(text: string): void;
}

type Stamp = Pick<FileFacts, 'dev' | 'ino' | 'size' | 'mtimeMs' | 'ctimeMs'>;
interface Entry extends Stamp {
  line: string;
}

const STAMP_FIELDS = ['dev', 'ino', 'size', 'mtimeMs', 'ctimeMs'] as const;

export class VersionCache {
  private entries: Map<string, Entry> | undefined;

  constructor(private readonly store: CacheStore | undefined) {}

  /** The cached first line of `path --version`, when the binary is unchanged and the line is a version. */
  get(path: string, stamp: Stamp): string | undefined {
    const entry = this.load().get(path);
    if (!entry || STAMP_FIELDS.some((f) => entry[f] !== stamp[f])) return undefined;
    return entry.line;
  }

  set(path: string, stamp: Stamp, line: string): void {
    if (!this.store || !isCacheableLine(line)) return;
    const entries = this.load();
    entries.delete(path); // re-inserted last: the map's order is the eviction order
    entries.set(path, { ...pickStamp(stamp), line });
    while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    this.store.write(JSON.stringify({ format: FORMAT, binaries: Object.fromEntries(entries) }) + '\n');
  }

  private load(): Map<string, Entry> {
    if (!this.entries) this.entries = parseCache(this.store?.read());
    return this.entries;
  }
}

function pickStamp(s: Stamp): Stamp {
  return { dev: s.dev, ino: s.ino, size: s.size, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs };
}

function isCacheableLine(line: unknown): line is string {
  // Printable ASCII only: the line is shown to the user and must be a version.
  return typeof line === 'string' && line.length <= MAX_LINE && /^[\x20-\x7e]*$/.test(line) && parseVersion(line) !== undefined;
}

/** Every well-formed entry of the cache text; the rest is dropped. */
export function parseCache(text: string | undefined): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  if (text === undefined || text.length > MAX_CACHE_BYTES) return entries;
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return entries;
  }
  if (!isRecord(data) || data.format !== FORMAT || !isRecord(data.binaries)) return entries;
  for (const [path, value] of Object.entries(data.binaries)) {
    if (entries.size >= MAX_ENTRIES) break;
    if (!isAbsolute(path) || !isRecord(value) || !isCacheableLine(value.line)) continue;
    if (!STAMP_FIELDS.every((f) => typeof value[f] === 'number' && Number.isFinite(value[f]))) continue;
    entries.set(path, { ...pickStamp(value as unknown as Stamp), line: value.line });
  }
  return entries;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** $XDG_CACHE_HOME/virt-lint/qemu-versions.json, else ~/.cache/virt-lint/…; undefined without either. */
export function cacheFilePath(env: NodeJS.ProcessEnv): string | undefined {
  // The XDG base directory spec: a relative XDG_CACHE_HOME is invalid and ignored.
  const xdg = env.XDG_CACHE_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : env.HOME && isAbsolute(env.HOME) ? join(env.HOME, '.cache') : undefined;
  return base === undefined ? undefined : join(base, 'virt-lint', 'qemu-versions.json');
}

/** The cache as a file; `uid` is who must own it (the running user). */
export function fileCacheStore(path: string, uid: number | undefined): CacheStore {
  return {
    read: () => readBounded(path, uid),
    write(text) {
      const dir = dirname(path);
      const temp = join(dir, `.qemu-versions.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
      try {
        mkdirSync(dir, { recursive: true, mode: 0o700 });
        writeFileSync(temp, text, { mode: 0o600, flag: 'wx' });
        renameSync(temp, path);
      } catch {
        try {
          unlinkSync(temp);
        } catch {
          // nothing was created
        }
      }
    },
  };
}

/** The file's text when it is a regular file of `uid`'s, at most MAX_CACHE_BYTES; never blocks on a FIFO. */
function readBounded(path: string, uid: number | undefined): string | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return undefined;
  }
  try {
    const s = fstatSync(fd);
    if (!s.isFile() || s.size > MAX_CACHE_BYTES || (uid !== undefined && s.uid !== uid)) return undefined;
    const buf = Buffer.alloc(MAX_CACHE_BYTES + 1);
    let length = 0;
    for (let n; length < buf.length && (n = readSync(fd, buf, length, buf.length - length, null)) > 0; ) length += n;
    return length > MAX_CACHE_BYTES ? undefined : buf.toString('utf8', 0, length);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}
