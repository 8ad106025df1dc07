/**
 * Linting for the Node API and the language server: one document at a time,
 * with host facts and configuration found as the CLI finds them. The caller
 * gives the host facts it was told (options, initialization options, the
 * environment); the configuration file next to each document comes from the
 * CLI's discovery (config-files.ts), and unknown facts from the CLI's host
 * detection when it is on.
 *
 * Precedence, as on the command line: given facts > the configuration's
 * `qemuVersion` / `libvirtVersion` > detection; the given `rules` settings >
 * the configuration's `overrides` > its `rules` > the rules' defaults.
 */
import { join } from 'node:path';
import type { HostFacts } from '#engine/host-facts.js';
import type { FixMode } from '#engine/apply-fixes.js';
import { rules as allRules } from '#rules/index.js';
import { lintDocument } from '#api/lint.js';
import { toLintResult, type LintResult } from '#api/results.js';
import { validateConfig, type RuleSetting } from '../config/validate.js';
import type { FileConfig } from '../config/resolve.js';
import { ConfigResolver } from './config-files.js';
import { pickHostFacts, type HostDetector } from './host.js';

export interface SessionOptions {
  /** Relative paths (and configuration discovery for text without a path) start here. */
  cwd: string;
  /** Host facts given explicitly; they win over the configuration and detection. */
  host: HostFacts;
  /** `rules` as in `.virt-lint.json`; wins over the configuration. */
  rules?: unknown;
  /** A configuration file for every document (`--config`), false for none (`--no-config`), undefined to find the nearest. */
  configFile?: string | false;
  /** Fills in facts neither given nor configured; undefined: no detection. */
  detector?: HostDetector;
  /** Apply fixes of this kind and return the fixed text as `output`. */
  fix?: FixMode;
  /** How errors name where `rules` came from. */
  rulesOrigin?: string;
}

export class LintSession {
  private readonly settings?: ReadonlyMap<string, RuleSetting>;

  constructor(readonly options: SessionOptions) {
    if (options.rules !== undefined) {
      const origin = options.rulesOrigin ?? 'options';
      this.settings = validateConfig({ rules: options.rules }, join(options.cwd, `<${origin}>`), origin, allRules).rules;
    }
    // Refused now rather than at the first document: the same message as `--config` gives.
    this.configResolver();
  }

  /** Finds and reads configuration files; one resolver caches what it read, so a new one sees edits. */
  configResolver(): ConfigResolver {
    const { cwd, configFile } = this.options;
    return new ConfigResolver({ cwd, configFlag: typeof configFile === 'string' ? configFile : undefined, noConfig: configFile === false, rules: allRules });
  }

  /** The configuration of a document at `path` (absolute), or of text from nowhere (no path: as stdin). */
  async configFor(path: string | undefined, resolver = this.configResolver()): Promise<FileConfig> {
    return path === undefined ? resolver.forFile(join(this.options.cwd, '<text>'), true) : resolver.forFile(path);
  }

  /** Lints (and with `fix`, fixes) one document with its configuration. */
  lint(input: string | Uint8Array, filePath: string, config: FileConfig, fix = this.options.fix): LintResult {
    const { host, detector } = this.options;
    const settings = this.mergeSettings(config.settings);
    const outcome = lintDocument(input, { host: (doc) => pickHostFacts([host, config.host], detector, doc), settings }, fix);
    return toLintResult(filePath, outcome);
  }

  /** The configuration's settings with the given `rules` over them (options kept when only the severity is given). */
  private mergeSettings(fromConfig: ReadonlyMap<string, RuleSetting> | undefined): ReadonlyMap<string, RuleSetting> | undefined {
    if (!this.settings) return fromConfig;
    const merged = new Map(fromConfig);
    for (const [id, s] of this.settings) merged.set(id, { severity: s.severity, options: s.options !== undefined ? s.options : merged.get(id)?.options });
    return merged;
  }
}
