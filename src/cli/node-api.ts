/**
 * The package's entry point: `import { lintText } from 'virt-lint'` or
 * `require('virt-lint')` (dist/api.cjs and its ES module wrapper, built by
 * scripts/build.mjs; types in dist/api.d.*ts).
 *
 * The pure part (results, fixes, rule metadata, formats) is src/api. What
 * reads files lives here, in the CLI layer, the one layer that may: lintFiles,
 * configuration files found next to each document as the CLI finds them, and
 * host detection when asked for. Nothing here writes a file: `fix` returns
 * the fixed text as `output`.
 *
 * Errors (a bad option, a version that is not one, a broken configuration,
 * a file that cannot be read) reject the promise with an Error whose message
 * is the line the CLI would print after `virt-lint: `.
 */
import { resolve } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { didYouMean } from '#shared/text.js';
import type { HostFacts } from '#engine/host-facts.js';
import type { LintResult } from '#api/results.js';
import type { FileConfig } from '../config/resolve.js';
import { LintSession } from './api-session.js';
import { expandInputs, STDIN } from './files.js';
import { explicitVersion, HostDetector, systemDetection } from './host.js';
import { FileError } from './io-errors.js';
import { DEFAULT_MAX_FILE_SIZE, readRegularFile } from './read.js';

export { applyFixes, formatters, rules } from '#api/index.js';
export type { AppliedFixes, ApplyFixesOptions, FormatOptions, FormatterName, LintFix, LintMessage, LintResult, ResultFormatter, RuleInfo, SkippedRule } from '#api/index.js';

/** The package's version. */
export const version: string = pkg.version;

/** A rule's setting, as in `.virt-lint.json`: a severity or "off", or [severity, options]. */
export type RuleEntry = 'off' | 'info' | 'warning' | 'error' | ['off' | 'info' | 'warning' | 'error', Record<string, unknown>?];

export interface LintOptions {
  /** Where relative paths start, and where configuration is looked for when a text has no `filePath`. Default: `process.cwd()`. */
  cwd?: string;
  /** The host's QEMU version, e.g. "9.1.1" or `qemu-system-x86_64 --version` output (the CLI's --qemu-version). */
  qemuVersion?: string;
  /** The host's libvirt version, e.g. "10.0.0" (the CLI's --libvirt-version). */
  libvirtVersion?: string;
  /** Rule settings as in `.virt-lint.json` "rules"; they win over the configuration file (the CLI's --rule, with options). */
  rules?: Record<string, RuleEntry>;
  /** A configuration file for every document (--config); false for none (--no-config). Default: the nearest `.virt-lint.json`. */
  configFile?: string | false;
  /**
   * Detect unknown host versions as the CLI does: libvirt from libvirt.so.0's
   * name, QEMU by running `qemu-system-<arch> --version` from the system
   * directories (README "What virt-lint runs"). Default false: a library call
   * runs nothing unless asked.
   */
  detect?: boolean;
  /** Apply safe fixes (in passes, as --fix does) and return the fixed text as `output`; nothing is written. Default false. */
  fix?: boolean;
  /** With `fix`, also apply the first suggestion of messages without a safe fix (--unsafe-fixes). Default false. */
  unsafeFixes?: boolean;
}

export interface LintTextOptions extends LintOptions {
  /**
   * The file the text is (or will be) saved as (the CLI's --stdin-filename):
   * the result's `filePath`, and where its configuration is found. Nothing is
   * read from it. Without it, the result's `filePath` is "<text>".
   */
  filePath?: string;
}

export interface LintFilesOptions extends LintOptions {
  /** Refuse files larger than this many bytes (--max-file-size). Default 16 MiB. */
  maxFileSize?: number;
}

const COMMON_KEYS = ['cwd', 'qemuVersion', 'libvirtVersion', 'rules', 'configFile', 'detect', 'fix', 'unsafeFixes'];

/**
 * Lints one document given as text. Resolves to its result: the messages in
 * the JSON output's shape, counts, `skippedRules`, and `source` (or `output`
 * when `fix` changed the text).
 */
export async function lintText(text: string, options: LintTextOptions = {}): Promise<LintResult> {
  if (typeof text !== 'string') throw new TypeError(`lintText: the text must be a string, got ${typeof text}`);
  checkOptions('lintText', options, [...COMMON_KEYS, 'filePath']);
  const session = createSession(options);
  const path = options.filePath === undefined ? undefined : resolve(session.options.cwd, String(options.filePath));
  const config = await session.configFor(path);
  const filePath = path ?? '<text>';
  if (config.ignored) return ignoredResult(filePath, text);
  return session.lint(text, filePath, config);
}

/**
 * Lints files: each pattern is a file, a directory (searched for *.xml) or a
 * glob, as on the command line. Files the configuration ignores are left out.
 * Resolves to one result per file (absolute `filePath`), in the CLI's order.
 */
export async function lintFiles(patterns: string | readonly string[], options: LintFilesOptions = {}): Promise<LintResult[]> {
  const list = typeof patterns === 'string' ? [patterns] : patterns;
  if (!Array.isArray(list) || !list.every((p) => typeof p === 'string')) throw new TypeError('lintFiles: patterns must be a string or an array of strings');
  if (list.includes(STDIN)) throw new TypeError("lintFiles: '-' (stdin) is not a file; use lintText");
  checkOptions('lintFiles', options, [...COMMON_KEYS, 'maxFileSize']);
  const maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
  if (!Number.isSafeInteger(maxFileSize) || maxFileSize < 1) throw new TypeError(`lintFiles: maxFileSize must be a positive whole number of bytes, got ${String(options.maxFileSize)}`);
  const session = createSession(options);
  const { cwd } = session.options;
  const { files, problems } = await expandInputs([...list], cwd);
  if (problems.length) throw new Error(problems[0]);
  const resolver = session.configResolver();
  const configs: FileConfig[] = [];
  // Every configuration first, as the CLI does: a broken one fails the call before any file is read.
  for (const file of files) configs.push(await session.configFor(resolve(cwd, file), resolver));
  const results: LintResult[] = [];
  files.forEach((file, i) => {
    if (configs[i].ignored) return;
    const path = resolve(cwd, file);
    let bytes: Uint8Array;
    try {
      bytes = readRegularFile(path, maxFileSize).bytes;
    } catch (e) {
      throw new FileError('read', file, e);
    }
    results.push(session.lint(bytes, path, configs[i]));
  });
  return results;
}

function createSession(options: LintOptions): LintSession {
  const cwd = options.cwd === undefined ? process.cwd() : resolve(String(options.cwd));
  const host: HostFacts = {
    qemu: explicitVersion('QEMU', { flag: options.qemuVersion }, { flag: 'qemuVersion', env: '' }),
    libvirt: explicitVersion('libvirt', { flag: options.libvirtVersion }, { flag: 'libvirtVersion', env: '' }),
  };
  const configFile = options.configFile === undefined || options.configFile === false ? options.configFile : String(options.configFile);
  return new LintSession({
    cwd,
    host,
    rules: options.rules,
    configFile,
    detector: options.detect ? new HostDetector(systemDetection(process.env)) : undefined,
    fix: options.fix ? (options.unsafeFixes ? 'unsafe' : 'safe') : undefined,
  });
}

/** Unknown option names are refused, with a did-you-mean: a misspelt `qemuVersion` must not silently lint without it. */
function checkOptions(fn: string, options: object, known: string[]): void {
  if (options === null || typeof options !== 'object') throw new TypeError(`${fn}: options must be an object`);
  for (const key of Object.keys(options)) {
    if (known.includes(key)) continue;
    const guess = didYouMean(key, known);
    throw new TypeError(`${fn}: unknown option '${key}'${guess ? `; did you mean '${guess}'?` : ''}`);
  }
}

/** A text whose `filePath` the configuration ignores: nothing is checked, as `lintFiles` would not lint it. */
function ignoredResult(filePath: string, text: string): LintResult {
  return { filePath, messages: [], errorCount: 0, warningCount: 0, infoCount: 0, fixableCount: 0, skipped: 'ignored by the configuration', skippedRules: [], source: text };
}
