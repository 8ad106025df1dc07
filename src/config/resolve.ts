/**
 * Which configuration applies to each linted file, and what it says for that
 * file. Statically imported by the CLI, so it stays small: finding
 * `.virt-lint.json` is a few `stat` calls, and the zod schema (load.ts) is
 * imported only when a configuration file exists.
 *
 * Discovery: from the file's directory upward, the nearest `.virt-lint.json`
 * wins (no merging); the search stops at the repository root (the directory
 * holding `.git`) or the file-system root. `--config PATH` uses one file for
 * every input; `--no-config` uses none.
 *
 * A discovered `.virt-lint.json` is found even when it is a broken symbolic
 * link (and then reported), and is read only when it is a regular file, or a
 * symbolic link to one inside the repository (the directory holding `.git`;
 * without one, the configuration's own directory). Any configuration file is
 * read as a regular file of at most 1 MiB (src/config/load.ts).
 *
 * Precedence: command line (--qemu-version, --rule) > environment
 * (VIRT_LINT_QEMU_VERSION, ...) > configuration (overrides, in order, over
 * "rules") > detection and rule defaults.
 */
import { existsSync, lstatSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import type { Rule, Severity } from '../engine/rule.js';
import type { RuleSetting } from '../engine/linter.js';
import { parseVersion, type HostFacts, type HostVersion } from '../engine/host-facts.js';
import { editDistance, UsageError, type ParsedOptions } from '../cli/options.js';
import { displayPath, STDIN } from '../cli/files.js';
import { ConfigError, closest } from './errors.js';
import type { LoadedConfig } from './load.js';

export { ConfigError };

export const CONFIG_FILE = '.virt-lint.json';

const SEVERITY_SETTINGS = ['off', 'info', 'warning', 'error'];
/** Mirrors schema.ts (which this module must not import: it loads zod). */
const NOT_CONFIGURABLE = new Set(['xml-not-well-formed']);

export interface FileConfig {
  /** Per-rule settings; undefined when nothing is set (every rule at its defaults). */
  settings?: Map<string, RuleSetting>;
  /** Host facts the configuration declares (`qemuVersion`, `libvirtVersion`). */
  host: HostFacts;
  /** The file matches the configuration's `ignores`: not linted, nothing reported. */
  ignored: boolean;
  /** The configuration file used, if any. */
  configPath?: string;
}

export interface ConfigRequest {
  cwd: string;
  /** `--config PATH`. */
  configFlag?: string;
  /** `--no-config`. */
  noConfig?: boolean;
  /** `--rule ID=SEVERITY` values, in order. */
  ruleFlags?: string[];
  rules: readonly Rule[];
}

export class ConfigResolver {
  private readonly found = new Map<string, string | null>();
  /** For each discovered configuration, the repository root it must stay inside. */
  private readonly roots = new Map<string, string>();
  private readonly loaded = new Map<string, LoadedConfig>();
  private readonly cliRules: Map<string, Severity | 'off'>;
  private readonly explicit?: string;

  constructor(private readonly req: ConfigRequest) {
    if (req.configFlag !== undefined && req.noConfig) throw new UsageError('use either --config or --no-config, not both');
    if (req.configFlag !== undefined) {
      this.explicit = isAbsolute(req.configFlag) ? req.configFlag : resolve(req.cwd, req.configFlag);
      if (!existsSync(this.explicit)) throw new ConfigError([`--config ${req.configFlag}: no such file`]);
    }
    this.cliRules = parseRuleFlags(req.ruleFlags ?? [], req.rules);
  }

  /** The configuration file for files in `dir`, if any. */
  locate(dir: string): string | undefined {
    if (this.req.noConfig) return undefined;
    if (this.explicit) return this.explicit;
    const visited: string[] = [];
    let found: string | undefined;
    for (let d = dir; ; ) {
      const cached = this.found.get(d);
      if (cached !== undefined) {
        found = cached ?? undefined;
        break;
      }
      visited.push(d);
      const candidate = join(d, CONFIG_FILE);
      if (present(candidate)) {
        found = candidate;
        this.roots.set(candidate, repositoryRoot(d));
        break;
      }
      const parent = dirname(d);
      if (parent === d || existsSync(join(d, '.git'))) break;
      d = parent;
    }
    for (const d of visited) this.found.set(d, found ?? null);
    return found;
  }

  /**
   * The configuration of one input. `virtual` inputs (stdin without
   * --stdin-filename, live domains) take the configuration of `path`'s
   * directory but no `ignores` or `overrides`, which match file paths.
   */
  async forFile(path: string, virtual = false): Promise<FileConfig> {
    const configPath = this.locate(dirname(path));
    if (!configPath && this.cliRules.size === 0) return { host: {}, ignored: false };
    const config = configPath ? await this.load(configPath) : undefined;
    if (config && !virtual && config.ignores.some((p) => p.matches(path))) return { host: {}, ignored: true, configPath };

    const settings = new Map(config?.rules);
    for (const override of config?.overrides ?? []) {
      if (virtual || !override.files.some((p) => p.matches(path))) continue;
      for (const [id, s] of override.rules) {
        const before = settings.get(id);
        settings.set(id, { severity: s.severity, options: s.options !== undefined ? s.options : before?.options });
      }
    }
    for (const [id, severity] of this.cliRules) settings.set(id, { ...settings.get(id), severity });

    const host: HostFacts = {};
    const shown = configPath && displayPath(configPath, this.req.cwd);
    if (config?.qemuVersion) host.qemu = versionFrom(config.qemuVersion, `qemuVersion in ${shown}`);
    if (config?.libvirtVersion) host.libvirt = versionFrom(config.libvirtVersion, `libvirtVersion in ${shown}`);
    return { settings: settings.size ? settings : undefined, host, ignored: false, configPath };
  }

  private async load(path: string): Promise<LoadedConfig> {
    let config = this.loaded.get(path);
    if (!config) {
      const { loadConfig } = await import('./load.js');
      config = loadConfig(path, displayPath(path, this.req.cwd), this.req.rules, { confineTo: this.roots.get(path) });
      this.loaded.set(path, config);
    }
    return config;
  }
}

/** Whether anything (a file, a broken symlink, a FIFO) has this name: lstat, never read. */
function present(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

/** The directory holding `.git` at or above `dir`, or `dir` itself when there is none. */
function repositoryRoot(dir: string): string {
  for (let d = dir; ; ) {
    if (existsSync(join(d, '.git'))) return d;
    const parent = dirname(d);
    if (parent === d) return dir;
    d = parent;
  }
}

function versionFrom(raw: string, source: string): HostVersion {
  return { version: parseVersion(raw)!, raw, source };
}

/** `--rule id=severity` values → settings; a usage error (exit 2) for the first bad one. */
export function parseRuleFlags(flags: string[], rules: readonly Rule[]): Map<string, Severity | 'off'> {
  const out = new Map<string, Severity | 'off'>();
  const ids = rules.map((r) => r.meta.id).filter((id) => !NOT_CONFIGURABLE.has(id));
  for (const flag of flags) {
    const eq = flag.indexOf('=');
    if (eq < 0) throw new UsageError(`--rule '${flag}': expected ID=SEVERITY, e.g. --rule qemu-911-spice-hda-audio=off`);
    const id = flag.slice(0, eq).trim();
    const severity = flag.slice(eq + 1).trim();
    if (NOT_CONFIGURABLE.has(id)) throw new UsageError(`--rule ${flag}: ${id} cannot be configured (a file that is not well-formed XML is always an error)`);
    if (!ids.includes(id)) {
      const guess = closest(id, ids, editDistance);
      throw new UsageError(`--rule ${flag}: unknown rule '${id}'${guess ? `; did you mean '${guess}'?` : ''}`);
    }
    if (!SEVERITY_SETTINGS.includes(severity)) {
      const guess = closest(severity, SEVERITY_SETTINGS, editDistance);
      throw new UsageError(`--rule ${flag}: unknown severity '${severity}'; expected off, info, warning or error${guess ? `; did you mean '${guess}'?` : ''}`);
    }
    out.set(id, severity as Severity | 'off');
  }
  return out;
}

/**
 * The CLI's entry point: resolves the configuration of every input (so a
 * broken configuration stops the run before any file is read or fixed) and
 * removes from `files` the ones a configuration ignores.
 */
export async function configureInputs(
  files: string[],
  io: { cwd: string; options: ParsedOptions; rules: readonly Rule[]; isVirtual?: (file: string) => boolean },
): Promise<Map<string, FileConfig>> {
  const { cwd, options } = io;
  const str = (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : undefined);
  const ruleFlags = options.rule === undefined ? [] : Array.isArray(options.rule) ? options.rule : [String(options.rule)];
  const resolver = new ConfigResolver({ cwd, configFlag: str('config'), noConfig: options['no-config'] === true, ruleFlags, rules: io.rules });
  const configs = new Map<string, FileConfig>();
  const stdinName = str('stdin-filename');
  for (const file of files) {
    let config: FileConfig;
    if (file === STDIN) config = await resolver.forFile(resolve(cwd, stdinName ?? '<stdin>'), stdinName === undefined);
    else if (io.isVirtual?.(file)) config = await resolver.forFile(join(cwd, '<live>'), true);
    else config = await resolver.forFile(isAbsolute(file) ? file : resolve(cwd, file));
    configs.set(file, config);
  }
  const kept = files.filter((f) => !configs.get(f)!.ignored);
  files.splice(0, files.length, ...kept);
  return configs;
}
