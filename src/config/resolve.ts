/**
 * What a configuration says for one linted file: its rule settings (the
 * file's `overrides` in order over `rules`, then `--rule` flags), the host
 * facts it declares, and whether its `ignores` leave the file out. Pure: the
 * CLI finds and reads configuration files (src/cli/config-files.ts).
 *
 * Statically imported by the CLI, so it stays small: the zod schema
 * (validate.ts) is imported only when a configuration file exists.
 *
 * Precedence: command line (--qemu-version, --rule) > environment
 * (VIRT_LINT_QEMU_VERSION, ...) > configuration (overrides, in order, over
 * "rules") > detection and rule defaults.
 */
import { parseVersion, type HostFacts, type HostVersion } from '#engine/host-facts.js';
import type { Severity } from '#engine/rule.js';
import type { LoadedConfig, RuleSetting } from './validate.js';

export { ConfigError } from './errors.js';

/**
 * The names a configuration file may have in a directory: JSON with comments
 * either way; `.jsonc` tells editors so. One directory holding both is an
 * error (which one was meant?).
 */
export const CONFIG_FILES = ['.virt-lint.jsonc', '.virt-lint.json'] as const;

/** Mirrors schema.ts (which this module must not import: it loads zod). */
export const SEVERITY_SETTINGS = ['off', 'info', 'warning', 'error'];
export const NOT_CONFIGURABLE = new Set(['xml-not-well-formed']);

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

export interface FileConfigRequest {
  /** Absolute path of the linted file (for `ignores` and `overrides`). */
  path: string;
  /**
   * Inputs without a real path (stdin without --stdin-filename, live
   * domains) take the configuration but no `ignores` or `overrides`, which
   * match file paths.
   */
  virtual: boolean;
  /** `--rule ID=SEVERITY` settings, applied last. */
  ruleFlags: ReadonlyMap<string, Severity | 'off'>;
  /** How messages name the configuration file. */
  shown?: string;
}

/** The configuration of one input, from its configuration file (if any) and the `--rule` flags. */
export function configForFile(config: LoadedConfig | undefined, req: FileConfigRequest): FileConfig {
  const configPath = config?.path;
  if (!config && req.ruleFlags.size === 0) return { host: {}, ignored: false };
  if (config && !req.virtual && config.ignores.some((p) => p.matches(req.path))) return { host: {}, ignored: true, configPath };

  const settings = new Map(config?.rules);
  for (const override of config?.overrides ?? []) {
    if (req.virtual || !override.files.some((p) => p.matches(req.path))) continue;
    for (const [id, s] of override.rules) {
      const before = settings.get(id);
      settings.set(id, { severity: s.severity, options: s.options !== undefined ? s.options : before?.options });
    }
  }
  for (const [id, severity] of req.ruleFlags) settings.set(id, { ...settings.get(id), severity });

  const host: HostFacts = {};
  if (config?.qemuVersion) host.qemu = versionFrom(config.qemuVersion, `qemuVersion in ${req.shown}`);
  if (config?.libvirtVersion) host.libvirt = versionFrom(config.libvirtVersion, `libvirtVersion in ${req.shown}`);
  return { settings: settings.size ? settings : undefined, host, ignored: false, configPath };
}

function versionFrom(raw: string, source: string): HostVersion {
  return { version: parseVersion(raw)!, raw, source };
}
