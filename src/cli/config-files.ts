/**
 * Finding and reading configuration files; what they say is the config
 * layer's business (src/config).
 *
 * Discovery: from the file's directory upward, the nearest `.virt-lint.jsonc`
 * or `.virt-lint.json` wins (no merging; both in one directory is an error); the search stops at the repository root (the directory
 * holding `.git`) or the file-system root. `--config PATH` uses one file for
 * every input; `--no-config` uses none. Finding is a few `lstat` calls.
 *
 * A discovered configuration is found even when it is a broken symbolic
 * link (and then reported), and is read only when it is a regular file, or a
 * symbolic link to one inside the repository (the directory holding `.git`;
 * without one, the configuration's own directory): a repository under review
 * could otherwise point it at any file of the user's, and validation messages
 * quote what they read. Any configuration file is read as a regular file of
 * at most 1 MiB, in UTF-8.
 */
import { existsSync, lstatSync, realpathSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Rule, Severity } from '#engine/rule.js';
import { didYouMean } from '#shared/text.js';
import { CONFIG_FILES, ConfigError, configForFile, NOT_CONFIGURABLE, SEVERITY_SETTINGS, type FileConfig } from '../config/resolve.js';
import type { LoadedConfig } from '../config/validate.js';
import { UsageError, type ParsedOptions } from './options.js';
import { displayPath, STDIN } from './files.js';
import { describeErrno } from './io-errors.js';
import { MAX_CONFIG_SIZE, readRegularFile } from './read.js';

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
      const candidate = configIn(d, this.req.cwd);
      if (candidate) {
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

  /** The configuration of one input (see configForFile for `virtual`). */
  async forFile(path: string, virtual = false): Promise<FileConfig> {
    const configPath = this.locate(dirname(path));
    const config = configPath ? await this.load(configPath) : undefined;
    return configForFile(config, { path, virtual, ruleFlags: this.cliRules, shown: configPath && displayPath(configPath, this.req.cwd) });
  }

  private async load(path: string): Promise<LoadedConfig> {
    let config = this.loaded.get(path);
    if (!config) {
      const shown = displayPath(path, this.req.cwd);
      const text = readConfigText(path, shown, this.roots.get(path));
      const { parseConfigText } = await import('../config/validate.js');
      config = parseConfigText(text, path, shown, this.req.rules);
      this.loaded.set(path, config);
    }
    return config;
  }
}

/**
 * A configuration file's text: a regular file of at most 1 MiB (a FIFO,
 * /dev/zero or a device is refused), in UTF-8. A discovered one (`confineTo`
 * set) that is a symbolic link must resolve inside that directory.
 */
function readConfigText(path: string, shown: string, confineTo: string | undefined): string {
  const cannot = (why: string) => new ConfigError([`${shown}: cannot read the configuration: ${why}`]);
  if (confineTo !== undefined) checkConfined(path, confineTo, cannot);
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(path, MAX_CONFIG_SIZE, 'for configuration files', '').bytes;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw cannot(code === 'ENOENT' ? 'no such file' : describeErrno(e));
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw cannot('not UTF-8 text');
  }
}

function checkConfined(path: string, root: string, cannot: (why: string) => ConfigError): void {
  let isLink: boolean;
  try {
    isLink = lstatSync(path).isSymbolicLink();
  } catch {
    return; // reading says what is wrong
  }
  if (!isLink) return;
  let target: string;
  try {
    target = realpathSync(path);
  } catch (e) {
    throw cannot(`it is a symbolic link that does not resolve (${describeErrno(e)})`);
  }
  const rel = relative(realpathSync(root), target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) {
    throw cannot(`it is a symbolic link to '${target}', outside the repository; a discovered configuration is only read from inside it (use --config to name another file)`);
  }
}

/** The configuration file directly in `dir`, if any; both names at once is an error. */
export function configIn(dir: string, cwd: string): string | undefined {
  const there = CONFIG_FILES.map((name) => join(dir, name)).filter(present);
  if (there.length > 1) {
    const rel = relative(cwd, dir);
    const shown = rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? dir : rel;
    throw new ConfigError([`${shown}: both ${CONFIG_FILES.join(' and ')}; keep one (they are read the same way)`]);
  }
  return there[0];
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

/**
 * What SARIF locations are relative to (SRCROOT): GITHUB_WORKSPACE when set
 * (as the `github` format does), else the repository holding the working
 * directory, else the working directory.
 */
export function sourceRoot(cwd: string, env: Readonly<Record<string, string | undefined>>): string {
  const workspace = env.GITHUB_WORKSPACE;
  return workspace && isAbsolute(workspace) ? workspace : repositoryRoot(cwd);
}

/** The directory holding `.git` at or above `dir`, or `dir` itself when there is none. */
export function repositoryRoot(dir: string): string {
  for (let d = dir; ; ) {
    if (existsSync(join(d, '.git'))) return d;
    const parent = dirname(d);
    if (parent === d) return dir;
    d = parent;
  }
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
      const guess = didYouMean(id, ids);
      throw new UsageError(`--rule ${flag}: unknown rule '${id}'${guess ? `; did you mean '${guess}'?` : ''}`);
    }
    if (!SEVERITY_SETTINGS.includes(severity)) {
      const guess = didYouMean(severity, SEVERITY_SETTINGS);
      throw new UsageError(`--rule ${flag}: unknown severity '${severity}'; expected off, info, warning or error${guess ? `; did you mean '${guess}'?` : ''}`);
    }
    out.set(id, severity as Severity | 'off');
  }
  return out;
}

/** The resolver for a run's --config, --no-config and --rule options. */
export function resolverFor(io: { cwd: string; options: ParsedOptions; rules: readonly Rule[] }): ConfigResolver {
  const { options } = io;
  const ruleFlags = options.rule === undefined ? [] : Array.isArray(options.rule) ? options.rule : [String(options.rule)];
  const configFlag = typeof options.config === 'string' ? options.config : undefined;
  return new ConfigResolver({ cwd: io.cwd, configFlag, noConfig: options['no-config'] === true, ruleFlags, rules: io.rules });
}

/**
 * Resolves the configuration of every input (so a broken configuration stops
 * the run before any file is read or fixed) and removes from `files` the ones
 * a configuration ignores.
 */
export async function configureInputs(
  files: string[],
  io: { cwd: string; options: ParsedOptions; rules: readonly Rule[]; isVirtual?: (file: string) => boolean },
): Promise<Map<string, FileConfig>> {
  const { cwd, options } = io;
  const str = (name: string) => (typeof options[name] === 'string' ? (options[name] as string) : undefined);
  const resolver = resolverFor(io);
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
