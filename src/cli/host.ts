/**
 * Gathering host facts: a flag beats the environment, which beats the config
 * file, which beats detection. Detection runs `qemu-system-<arch> --version`;
 * it never runs a program named in the XML unless that program lies in a
 * system directory, because the XML may come from an untrusted pull request.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, normalize } from 'node:path';
import { parseVersion, type HostFacts, type HostVersion } from '../engine/host-facts.js';
import type { XmlDocument } from '../engine/tree.js';
import { UsageError } from './options.js';
import type { ExecFileSync } from './exec.js';

/** Directories only root can write to, where a distribution installs QEMU. */
export const SYSTEM_DIRS = ['/usr/bin', '/usr/libexec', '/usr/local/bin', '/run/current-system/sw/bin'];

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

const DETECT_TIMEOUT_MS = 5000;

export class QemuDetector {
  private readonly cache = new Map<string, HostVersion | null>();
  /** Programs that were found but gave no version, with why: said in the "unknown" note. */
  readonly failures = new Map<string, string>();

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly execFileSync: ExecFileSync,
  ) {}

  /** Detects the QEMU version for a domain: its `<emulator>` when trusted, else `qemu-system-<arch>` on PATH. */
  detect(doc: XmlDocument | undefined): HostVersion | undefined {
    const arch = doc?.root.first('os/type')?.attr('arch') || 'x86_64';
    const emulator = doc?.root.first('devices/emulator')?.text();
    const candidates: string[] = [];
    if (emulator && isTrustedPath(emulator) && isExecutable(normalize(emulator))) candidates.push(normalize(emulator));
    const onPath = this.which(`qemu-system-${arch}`);
    if (onPath) candidates.push(onPath);
    for (const program of candidates) {
      const found = this.run(program);
      if (found) return found;
    }
    return undefined;
  }

  private run(program: string): HostVersion | undefined {
    if (!this.cache.has(program)) {
      let result: HostVersion | null = null;
      try {
        const out = this.execFileSync(program, ['--version'], { encoding: 'utf8', timeout: DETECT_TIMEOUT_MS, stdio: ['ignore', 'pipe', 'ignore'] });
        const raw = out.split(/\r?\n/)[0].trim();
        const version = parseVersion(raw);
        if (version) result = { version, raw, source: `${program} --version` };
        else this.failures.set(program, `printed no version ('${raw.slice(0, 60)}')`);
      } catch (e) {
        const err = e as NodeJS.ErrnoException & { status?: number | null; signal?: string | null };
        const why = err.code === 'ETIMEDOUT' || err.signal === 'SIGTERM' ? `did not answer within ${DETECT_TIMEOUT_MS / 1000} s` : typeof err.status === 'number' ? `exited with status ${err.status}` : `could not be run (${err.code ?? err.message})`;
        this.failures.set(program, why);
      }
      this.cache.set(program, result);
    }
    return this.cache.get(program) ?? undefined;
  }

  private which(name: string): string | undefined {
    for (const dir of (this.env.PATH ?? '').split(delimiter)) {
      if (!dir) continue;
      const candidate = join(dir, name);
      if (isExecutable(candidate)) return candidate;
    }
    return undefined;
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** True when `path` is an absolute path directly inside one of the system directories. */
export function isTrustedPath(path: string): boolean {
  if (!isAbsolute(path)) return false;
  const clean = normalize(path);
  if (clean !== path.replace(/\/+/g, '/')) return false; // `..` or `.` segments
  return SYSTEM_DIRS.includes(dirname(clean));
}

export interface HostResolution {
  facts: HostFacts;
  /** Undefined when QEMU was given explicitly or detection is off. */
  detector?: QemuDetector;
}
