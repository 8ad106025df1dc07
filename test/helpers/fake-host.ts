/**
 * A fake machine for host-detection tests: a file system of absolute paths
 * (files, directories, symbolic links with owner and mode) and a program
 * runner that records what it was asked to run. Nothing on the real machine
 * is read or run, so the tests mean the same with or without QEMU installed.
 */
import { dirname, isAbsolute, posix } from 'node:path';
import type { DetectionEnvironment } from '../../src/cli/host.js';
import type { ProgramOutcome } from '../../src/cli/exec.js';
import type { FileFacts, HostFileSystem } from '../../src/cli/trusted-file.js';
import type { CacheStore } from '../../src/cli/version-cache.js';

type Node = { kind: 'file' | 'directory'; uid: number; mode: number; mtimeMs: number; size: number; ino: number } | { kind: 'symlink'; target: string };

export class FakeMachine implements HostFileSystem {
  private readonly nodes = new Map<string, Node>([['/', { kind: 'directory', uid: 0, mode: 0o755, mtimeMs: 0, size: 0, ino: 1 }]]);
  private nextIno = 2;
  /** Every program the runner was asked to run, with its arguments. */
  readonly ran: string[][] = [];
  /** What each program prints for --version (by real path). */
  readonly outputs = new Map<string, ProgramOutcome>();
  /** Every path lstat or realpath was asked about. */
  readonly touched: string[] = [];
  cacheText: string | undefined;

  /** Adds a directory (and its missing parents, root-owned 0755). */
  dir(path: string, opts: { uid?: number; mode?: number } = {}): this {
    this.parents(path);
    this.nodes.set(path, { kind: 'directory', uid: opts.uid ?? 0, mode: opts.mode ?? 0o755, mtimeMs: 0, size: 0, ino: this.nextIno++ });
    return this;
  }

  /** Adds an executable that prints `version` (a full --version line) or fails as `outcome` says. */
  program(path: string, output: string | ProgramOutcome, opts: { uid?: number; mode?: number; mtimeMs?: number; size?: number } = {}): this {
    this.parents(path);
    this.nodes.set(path, { kind: 'file', uid: opts.uid ?? 0, mode: opts.mode ?? 0o755, mtimeMs: opts.mtimeMs ?? 1000, size: opts.size ?? 4096, ino: this.nextIno++ });
    this.outputs.set(path, typeof output === 'string' ? { ok: true, stdout: `${output}\nCopyright (c) 2003-2024 Fabrice Bellard and the QEMU Project developers\n` } : output);
    return this;
  }

  link(path: string, target: string): this {
    this.parents(path);
    this.nodes.set(path, { kind: 'symlink', target });
    return this;
  }

  /** Changes a file as an upgrade would (new mtime and size). */
  touch(path: string): this {
    const n = this.nodes.get(path);
    if (n && n.kind === 'file') this.nodes.set(path, { ...n, mtimeMs: n.mtimeMs + 1, size: n.size + 1 });
    return this;
  }

  private parents(path: string): void {
    for (let d = dirname(path); !this.nodes.has(d); d = dirname(d)) this.nodes.set(d, { kind: 'directory', uid: 0, mode: 0o755, mtimeMs: 0, size: 0, ino: this.nextIno++ });
  }

  realpath(path: string): string {
    this.touched.push(path);
    let resolved = '/';
    const parts = path.split('/').filter(Boolean);
    for (let hops = 0; parts.length; ) {
      const part = parts.shift()!;
      if (part === '.') continue;
      if (part === '..') {
        resolved = dirname(resolved);
        continue;
      }
      const next = posix.join(resolved, part);
      const node = this.nodes.get(next);
      if (!node) throw Object.assign(new Error(`ENOENT: ${path}`), { code: 'ENOENT' });
      if (node.kind === 'symlink') {
        if (++hops > 40) throw Object.assign(new Error(`ELOOP: ${path}`), { code: 'ELOOP' });
        parts.unshift(...node.target.split('/').filter(Boolean));
        if (isAbsolute(node.target)) resolved = '/';
        continue;
      }
      resolved = next;
    }
    return resolved;
  }

  lstat(path: string): FileFacts | undefined {
    this.touched.push(path);
    const n = this.nodes.get(path);
    if (!n) return undefined;
    if (n.kind === 'symlink') return { kind: 'symlink', uid: 0, mode: 0o777, size: n.target.length, mtimeMs: 0, ctimeMs: 0, ino: 0, dev: 1 };
    return { kind: n.kind, uid: n.uid, mode: n.mode, size: n.size, mtimeMs: n.mtimeMs, ctimeMs: n.mtimeMs, ino: n.ino, dev: 1 };
  }

  readonly cache: CacheStore = {
    read: () => this.cacheText,
    write: (text) => {
      this.cacheText = text;
    },
  };

  environment(overrides: Partial<DetectionEnvironment> = {}): DetectionEnvironment {
    return {
      programDirs: ['/usr/local/bin', '/usr/bin', '/usr/libexec'],
      libraryDirs: ['/usr/lib/x86_64-linux-gnu', '/usr/lib64'],
      fs: this,
      run: (program, args) => {
        this.ran.push([program, ...args]);
        return this.outputs.get(program) ?? { ok: false, why: 'could not be run (ENOENT)' };
      },
      cache: this.cache,
      hostArch: 'x86_64',
      ...overrides,
    };
  }
}
