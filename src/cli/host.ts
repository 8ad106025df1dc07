/**
 * Gathering host facts: a flag beats the environment, which beats a live
 * connection, which beats the config file, which beats detection.
 *
 * Detection (off with --no-detect) learns the libvirt version from the name of
 * libvirt's shared library (libvirt-version.ts, nothing is run) and the QEMU
 * version by running `qemu-system-<arch> --version`, remembered in the user's
 * cache (version-cache.ts). The XML may come from an untrusted pull request,
 * so it never names what runs: the architecture only selects from a closed
 * table of program names (qemu-programs.ts), programs are looked for only in
 * fixed system directories, and a program (or the domain's `<emulator>`) is
 * run only when root alone could have put it there (trusted-file.ts).
 *
 * Everything detection touches is passed in (`DetectionEnvironment`), so
 * tests run it against a fake file system and a fake runner.
 */
import { basename, dirname, isAbsolute, normalize } from 'node:path';
import { parseVersion, type HostFacts, type HostVersion } from '#engine/host-facts.js';
import type { XmlDocument } from '#engine/tree.js';
import { UsageError } from './options.js';
import { systemRunner, type ProgramRunner } from './exec.js';
import { isKnownArch, libvirtArchOf, QEMU_PROGRAM_NAMES, qemuProgramsFor } from './qemu-programs.js';
import { checkTrustedProgram, realFileSystem, type HostFileSystem } from './trusted-file.js';
import { detectLibvirt, systemLibraryDirs, type LibvirtDetection } from './libvirt-version.js';
import { cacheFilePath, fileCacheStore, VersionCache, type CacheStore } from './version-cache.js';

/**
 * Where QEMU is looked for, in this order: directories only root can write
 * to, where distributions install it (/usr/libexec for RHEL's qemu-kvm,
 * /run/current-system/sw/bin on NixOS). PATH is not consulted: a PATH entry
 * a user, a CI job or a tool set up is not evidence of what the host runs.
 */
export const SYSTEM_DIRS: readonly string[] = ['/usr/local/bin', '/usr/bin', '/run/current-system/sw/bin', '/usr/libexec'];

export interface FactInputs {
  flag?: string;
  env?: string;
  config?: string;
}

/** The first of flag, environment and config that is set; exit 2 (UsageError) if it is not a version. */
export function explicitVersion(what: 'QEMU' | 'libvirt', inputs: FactInputs, names: { flag: string; env: string }): HostVersion | undefined {
  const candidates: [string | undefined, string][] = [
    [inputs.flag, names.flag],
    [inputs.env, names.env],
    [inputs.config, 'config file'],
  ];
  for (const [raw, source] of candidates) {
    if (raw === undefined || raw === '') continue;
    const version = parseVersion(raw);
    if (!version) {
      const example = what === 'QEMU' ? '9.1.1 or "QEMU emulator version 9.1.1 (...)"' : '10.0.0 or "Using library: libvirt 10.0.0"';
      throw new UsageError(`${source}: '${raw}' is not a ${what} version (expected e.g. ${example})`);
    }
    return { version, raw, source };
  }
  return undefined;
}

/**
 * The host facts for one document: each fact from the first source that
 * gives it (flags and environment, a live connection, the configuration, in
 * that order), else from detection.
 */
export function pickHostFacts(sources: readonly (HostFacts | undefined)[], detector: HostDetector | undefined, doc: XmlDocument): HostFacts {
  const first = (fact: keyof HostFacts) => sources.find((s) => s?.[fact])?.[fact];
  return { qemu: first('qemu') ?? detector?.qemu(doc), libvirt: first('libvirt') ?? detector?.libvirt() };
}

/** Everything detection reads or runs. The CLI passes the real ones (systemDetection); tests pass fakes. */
export interface DetectionEnvironment {
  /** Searched in order for QEMU programs; an `<emulator>` must lie directly in one. */
  programDirs: readonly string[];
  /** Searched in order for libvirt.so.0. */
  libraryDirs: readonly string[];
  fs: HostFileSystem;
  run: ProgramRunner;
  /** Where `--version` answers are kept between runs; undefined: not kept. */
  cache?: CacheStore;
  /** libvirt's name for this machine's architecture (the default guest architecture). */
  hostArch?: string;
}

export function systemDetection(env: NodeJS.ProcessEnv): DetectionEnvironment {
  const hostArch = libvirtArchOf(process.arch);
  const cacheFile = cacheFilePath(env);
  return {
    programDirs: SYSTEM_DIRS,
    libraryDirs: systemLibraryDirs(hostArch),
    fs: realFileSystem,
    run: systemRunner(env),
    cache: cacheFile ? fileCacheStore(cacheFile, process.getuid?.()) : undefined,
    hostArch,
  };
}

/**
 * The host the build's code-cache warm-up detects (scripts/build.mjs runs the
 * CLI with VIRT_LINT_WRITE_CODE_CACHE=1): made up, so that the cache holds the
 * code a detecting lint runs whatever machine builds it, and nothing is read,
 * run or written. Detection compiled on first use cost a detecting lint about
 * 2 ms of every start. QEMU 9.1.1 is root's /usr/bin/qemu-system-x86_64,
 * answered from the version cache (held in memory); libvirt.so.0 is 7.0.0's,
 * an old release, so the table of newer features is walked.
 */
export function warmUpDetection(): DetectionEnvironment {
  const qemu = '/usr/bin/qemu-system-x86_64';
  const library = '/usr/lib/libvirt.so.0';
  const stamp = { dev: 1, ino: 2, size: 3, mtimeMs: 4, ctimeMs: 5 };
  const directories = new Set(['/', '/usr', '/usr/bin', '/usr/lib']);
  const cache = JSON.stringify({ format: 1, binaries: { [qemu]: { ...stamp, line: 'QEMU emulator version 9.1.1' } } });
  return {
    programDirs: ['/usr/bin'],
    libraryDirs: ['/usr/lib'],
    fs: {
      realpath(path) {
        if (path === library) return `${library}.7000.0`;
        if (path === qemu || directories.has(path)) return path;
        throw Object.assign(new Error(`${path}: not on the warm-up host`), { code: 'ENOENT' });
      },
      lstat(path) {
        if (path === qemu) return { kind: 'file', uid: 0, mode: 0o755, ...stamp };
        return directories.has(path) ? { kind: 'directory', uid: 0, mode: 0o755, ...stamp, ino: 6 } : undefined;
      },
    },
    run: () => ({ ok: false, why: 'is not run by the warm-up' }),
    cache: { read: () => cache, write: () => {} },
    hostArch: 'x86_64',
  };
}

/** At most this many reasons in the "version unknown" note; the rest are counted. */
const MAX_REASONS = 3;

export class HostDetector {
  private readonly cache: VersionCache;
  /** Per (architecture, emulator): the answer, so a directory of domains costs one detection. */
  private readonly qemuByDomain = new Map<string, HostVersion | undefined>();
  /** Per real path of a program that was asked. */
  private readonly asked = new Map<string, HostVersion | undefined>();
  private libvirtResult: LibvirtDetection | undefined;
  /** Why QEMU detection found nothing (or refused something), in order, once each. */
  private readonly qemuReasons = new Set<string>();

  /**
   * `useEmulator: false` never considers the domain's `<emulator>`, however
   * trusted: the language server lints whatever a user opens, so there the
   * document names nothing that runs (the architecture only picks a name from
   * a closed table).
   */
  constructor(
    private readonly env: DetectionEnvironment,
    private readonly options: { useEmulator?: boolean } = {},
  ) {
    this.cache = new VersionCache(env.cache);
  }

  /** The QEMU version for a domain: its trusted `<emulator>`, else `qemu-system-<arch>` from the system directories. */
  qemu(doc: XmlDocument | undefined): HostVersion | undefined {
    const typeArch = doc?.root.first('os/type')?.attr('arch');
    const arch = typeArch ?? this.env.hostArch ?? 'x86_64';
    const named = this.options.useEmulator === false ? undefined : doc?.root.first('devices/emulator')?.text();
    const emulator = named?.trim() || undefined;
    const key = JSON.stringify([arch, emulator ?? null]);
    if (!this.qemuByDomain.has(key)) this.qemuByDomain.set(key, this.detectQemu(arch, emulator));
    return this.qemuByDomain.get(key);
  }

  /** The libvirt version from the system library directories; looked up once. */
  libvirt(): HostVersion | undefined {
    this.libvirtResult ??= detectLibvirt(this.env.fs, this.env.libraryDirs);
    return this.libvirtResult.found;
  }

  /** Why a fact stayed unknown although detection was on, for the "version unknown" notes. */
  whyUnknown(): { qemu?: string; libvirt?: string } {
    const reasons = [...this.qemuReasons];
    const more = reasons.length > MAX_REASONS ? `; and ${reasons.length - MAX_REASONS} more` : '';
    return {
      qemu: reasons.length ? reasons.slice(0, MAX_REASONS).join('; ') + more : undefined,
      libvirt: this.libvirtResult && !this.libvirtResult.found ? this.libvirtResult.why : undefined,
    };
  }

  private detectQemu(arch: string, emulator: string | undefined): HostVersion | undefined {
    if (!isKnownArch(arch)) {
      this.qemuReasons.add(`<os><type arch=${quoteUntrusted(arch)}> is not an architecture libvirt knows, so no program was run`);
      return undefined;
    }
    const candidates: string[] = [];
    if (emulator !== undefined) {
      if (this.mayRunEmulator(emulator)) candidates.push(emulator);
      else this.qemuReasons.add(`<emulator> ${quoteUntrusted(emulator)} was not run: only qemu-system-* and qemu-kvm directly in ${this.env.programDirs.join(', ')} are`);
    }
    const names = qemuProgramsFor(arch, this.env.hostArch);
    const before = candidates.length;
    for (const name of names) for (const dir of this.env.programDirs) if (this.env.fs.lstat(`${dir}/${name}`)) candidates.push(`${dir}/${name}`);
    if (candidates.length === before) this.qemuReasons.add(`no ${names.join(' or ')} in ${this.env.programDirs.join(', ')}`);
    for (const program of new Set(candidates)) {
      const trust = checkTrustedProgram(program, this.env.fs);
      if (!trust.trusted) {
        const what = program === emulator ? '<emulator> ' : '';
        this.qemuReasons.add(trust.missing ? `${what}${trust.why}` : `${what}${trust.why}, so it was not run`);
        continue;
      }
      const found = this.ask(trust.real, trust.facts);
      if (found) return found;
    }
    return undefined;
  }

  /** An `<emulator>` is considered only when it names a QEMU program directly in a program directory. */
  private mayRunEmulator(emulator: string): boolean {
    return isAbsolute(emulator) && normalize(emulator) === emulator && this.env.programDirs.includes(dirname(emulator)) && QEMU_PROGRAM_NAMES.has(basename(emulator));
  }

  /** `program --version`, from the cache when the binary is unchanged. `program` is a trusted real path. */
  private ask(program: string, facts: Parameters<VersionCache['get']>[1]): HostVersion | undefined {
    if (this.asked.has(program)) return this.asked.get(program);
    const source = `${program} --version`;
    let result: HostVersion | undefined;
    const cached = this.cache.get(program, facts);
    if (cached !== undefined) {
      result = { version: parseVersion(cached)!, raw: cached, source };
    } else {
      const outcome = this.env.run(program, ['--version']);
      if (!outcome.ok) {
        this.qemuReasons.add(`${source} ${outcome.why}`);
      } else {
        const line = outcome.stdout.split(/\r?\n/)[0].trim();
        const version = parseVersion(line);
        if (version) {
          result = { version, raw: line, source };
          this.cache.set(program, facts, line);
        } else {
          this.qemuReasons.add(`${source} printed no version (${quoteUntrusted(line)})`);
        }
      }
    }
    this.asked.set(program, result);
    return result;
  }
}

/**
 * Text from the document (or a program) for a one-line note: quoted, cut to
 * 60 characters, control and bidirectional characters escaped so it cannot
 * move the cursor, retitle the terminal or reorder the line.
 */
export function quoteUntrusted(text: string): string {
  const cut = text.length > 60 ? `${text.slice(0, 60)}…` : text;
  return `'${cut.replace(/[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069'\\]/g, (c) => (c === "'" || c === '\\' ? `\\${c}` : `\\u{${c.codePointAt(0)!.toString(16)}}`))}'`;
}

