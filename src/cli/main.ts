/**
 * The command line: arguments → files → host facts → lint (and fix) → output
 * → exit code. Exit codes: 0 clean (warnings allowed), 1 errors or too many
 * warnings, 2 usage, configuration or I/O failure.
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { rules as allRules, findRule } from '../../rules/index.js';
import { lint, type LintResult } from '../engine/linter.js';
import { fixText, type FixMode } from '../engine/fix.js';
import { FACT_FLAGS, type HostFactName, type HostFacts, type HostVersion } from '../engine/host-facts.js';
import type { XmlDocument } from '../engine/tree.js';
import { fixableLabel } from '../docs/render.js';
import { editDistance, helpText, parseArgs, UsageError, type ParsedOptions } from './options.js';
import { displayPath, expandInputs, STDIN } from './files.js';
import { explicitVersion, HostDetector, systemDetection, type DetectionEnvironment } from './host.js';
import { loadExecFileSync } from './exec.js';
import { describeErrno, FileError } from './io-errors.js';
import { writeAtomic } from './write.js';
import { ConfigError, configureInputs, type FileConfig } from '../config/resolve.js';
import { LiveError, liveFixRefusal, liveRequest, readLive } from './live.js';
import { unifiedDiff } from './diff.js';
import { defaultFormat, reportHasNotes } from './output.js';
import { createProgress } from './progress.js';
import type { FileReport, Formatter } from '../formatters/types.js';
import { totalCounts } from '../formatters/types.js';

export interface CliIO {
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  readStdin: () => Promise<string>;
  stdoutIsTTY: boolean;
  /** Progress is shown only on a terminal. */
  stderrIsTTY?: boolean;
  /** Terminal width of stderr, for the progress line. */
  stderrColumns?: number;
  /** What host detection reads and runs; tests pass fakes (default: this machine's, src/cli/host.ts). */
  detection?: DetectionEnvironment;
}

const FORMATS: Record<string, () => Promise<Formatter>> = {
  stylish: async () => (await import('../formatters/stylish.js')).formatStylish,
  json: async () => (await import('../formatters/json.js')).formatJson,
  compact: async () => (await import('../formatters/compact.js')).formatCompact,
  sarif: async () => (await import('../formatters/sarif.js')).formatSarif,
  github: async () => (await import('../formatters/github.js')).formatGithub,
};

export async function main(io: CliIO): Promise<number> {
  try {
    return await run(io);
  } catch (e) {
    if (e instanceof ConfigError) {
      io.stderr(e.format());
      return 2;
    }
    if (e instanceof LiveError) {
      io.stderr(`virt-lint: ${e.message}\n`);
      return 2;
    }
    if (e instanceof UsageError) {
      io.stderr(`virt-lint: ${e.message}\nTry 'virt-lint --help' for usage.\n`);
      return 2;
    }
    if (e instanceof FileError) {
      io.stderr(`virt-lint: ${e.message}\n`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === 'string' && err.path) {
      io.stderr(`virt-lint: cannot access '${err.path}': ${describeErrno(err)}\n`);
      return 2;
    }
    io.stderr(`virt-lint: internal error: ${err?.stack ?? err}\nPlease report this at the virt-lint issue tracker.\n`);
    return 2;
  }
}


async function run(io: CliIO): Promise<number> {
  const { options, inputs } = parseArgs(io.argv);

  if (options.help) {
    io.stdout(helpText());
    return 0;
  }
  if (options.version) {
    io.stdout(`${pkg.version}\n`);
    return 0;
  }
  if (options['list-rules']) {
    io.stdout(listRules());
    return 0;
  }
  const explain = stringOption(options, 'explain');
  if (explain !== undefined) return printRuleDoc(io, explain);
  if (inputs[0] === 'rule' && !existsRelative(io.cwd, 'rule')) {
    if (inputs.length !== 2) throw new UsageError('virt-lint rule needs exactly one rule id (see --list-rules)');
    return printRuleDoc(io, inputs[1]);
  }
  const liveReq = liveRequest(options);
  if (inputs.length === 0 && !liveReq) throw new UsageError('no input files: pass a file, a directory, a glob or - for stdin');

  const outputFile = stringOption(options, 'output-file');
  const formatName = stringOption(options, 'format') ?? defaultFormat(io.env, outputFile !== undefined);
  const loadFormatter = FORMATS[formatName];
  if (!loadFormatter) throw new UsageError(`unknown format '${formatName}' (choose from ${Object.keys(FORMATS).join(', ')})`);
  const maxWarnings = integerOption(options, 'max-warnings');
  const fix = options.fix === true;
  const dryRun = options['fix-dry-run'] === true;
  if (fix && dryRun) throw new UsageError('use either --fix or --fix-dry-run, not both');
  if (options['unsafe-fixes'] && !fix && !dryRun) throw new UsageError('--unsafe-fixes needs --fix or --fix-dry-run');
  const fixMode: FixMode = options['unsafe-fixes'] ? 'unsafe' : 'safe';

  const { files, emptyDirs } = expandInputs(inputs, io.cwd);
  if (fix && files.includes(STDIN)) throw new UsageError('--fix cannot write back to stdin; use --fix-dry-run to see the changes');
  // Live domains (src/cli/live.ts): read-only, linted as `domain:NAME` after the files.
  if (fix && liveReq) throw new LiveError(liveFixRefusal(liveReq));

  const qemu = explicitVersion(
    'QEMU',
    { flag: stringOption(options, 'qemu-version'), env: io.env.VIRT_LINT_QEMU_VERSION },
    { flag: '--qemu-version', env: 'VIRT_LINT_QEMU_VERSION' },
  );
  const libvirt = explicitVersion(
    'libvirt',
    { flag: stringOption(options, 'libvirt-version'), env: io.env.VIRT_LINT_LIBVIRT_VERSION },
    { flag: '--libvirt-version', env: 'VIRT_LINT_LIBVIRT_VERSION' },
  );
  const live = liveReq ? readLive(liveReq, io.env, { qemuGiven: qemu !== undefined, exec: await loadExecFileSync() }) : undefined;
  const liveXml = new Map(live?.domains.map((d) => [d.filePath, d.xml]));
  files.push(...liveXml.keys());
  // Configuration (src/config): each input's .virt-lint.json, --config, --no-config, --rule; ignored files leave `files`.
  const configs = await configureInputs(files, { cwd: io.cwd, options, rules: allRules, isVirtual: (f) => liveXml.has(f) });
  // With --connect the connection is the host: its facts replace local detection.
  const detector = options['no-detect'] || live ? undefined : new HostDetector(io.detection ?? systemDetection(io.env));
  const usedVersions = new Map<string, HostVersion>();
  const hostFor = (doc: XmlDocument, config?: FileConfig): HostFacts => {
    const facts: HostFacts = {
      qemu: qemu ?? live?.facts.qemu ?? config?.host.qemu ?? detector?.qemu(doc),
      libvirt: libvirt ?? live?.facts.libvirt ?? config?.host.libvirt ?? detector?.libvirt(),
    };
    for (const v of [facts.qemu, facts.libvirt]) if (v) usedVersions.set(`${v === facts.qemu ? 'QEMU' : 'libvirt'} ${v.version} (${v.source})`, v);
    return facts;
  };

  const lintTextFor = (file: string) => {
    const config = configs.get(file);
    const lintOptions = { rules: allRules, host: (doc: XmlDocument) => hostFor(doc, config), settings: config?.settings };
    return (raw: string): LintResult => lint(raw, lintOptions);
  };

  const reports: FileReport[] = [];
  const diffs: string[] = [];
  const warnings: string[] = [];
  const writeFailures: string[] = [];
  let fixedCount = 0;
  const progress = createProgress({ isTTY: io.stderrIsTTY, write: io.stderr, total: files.length, columns: io.stderrColumns });
  for (const file of files) {
    const shown = file === STDIN ? stringOption(options, 'stdin-filename') ?? '<stdin>' : displayPath(file, io.cwd);
    progress.tick(shown);
    const lintText = lintTextFor(file);
    const raw = file === STDIN ? await io.readStdin() : liveXml.get(file) ?? readInput(io.cwd, file);
    let result: LintResult;
    if (fix || dryRun) {
      const outcome = fixText(raw, lintText, fixMode);
      result = outcome.result;
      if (outcome.discarded) warnings.push(`${shown}: ${outcome.discarded}`);
      if (outcome.output !== raw) {
        fixedCount += outcome.applied;
        if (fix) {
          try {
            writeAtomic(resolvePath(io.cwd, file), outcome.output);
          } catch (e) {
            fixedCount -= outcome.applied;
            // Keep going: the other files are still fixed and everything is reported; exit 2 at the end.
            writeFailures.push(`cannot write '${shown}': ${describeErrno(e)}${(e as NodeJS.ErrnoException).code === 'EACCES' ? ' (the fix is written to a temporary file in the same directory, which must be writable)' : ''}; the file was left unchanged`);
          }
        }
        else diffs.push(unifiedDiff(shown, raw, outcome.output));
      }
    } else {
      result = lintText(raw);
    }
    if (options.quiet) result = { ...result, messages: result.messages.filter((m) => m.severity === 'error') };
    reports.push({ filePath: shown, result });
  }
  progress.done();

  const notes = [...[...usedVersions.keys()].map((v) => `Host: ${v}`), ...(live?.notes ?? []), ...skippedNotes(reports, detector?.whyUnknown())];
  if (fix && fixedCount) notes.push(`Fixed ${plural(fixedCount, 'problem')}.`);
  for (const d of emptyDirs) notes.push(`No *.xml files under '${d}'.`);
  if (files.length === 0 && emptyDirs.length === 0) notes.push('Nothing to lint: every input is ignored by the configuration.');
  if (dryRun) {
    io.stdout(diffs.join(''));
    io.stderr(`${fixedCount ? `--fix would fix ${plural(fixedCount, 'problem')}` : 'nothing to fix'}; no file was written${fixedCount ? '; the report below shows what would remain' : ''}\n`);
  }
  const formatter = await loadFormatter();
  // An explicit flag wins; NO_COLOR counts only when non-empty (no-color.org).
  const color = options['no-color'] ? false : options.color === true ? true : !io.env.NO_COLOR && io.stdoutIsTTY && outputFile === undefined;
  const formatted = formatter(reports, { cwd: io.cwd, color, rules: allRules, notes: reportHasNotes(formatName) ? notes : [], fixing: fix, env: io.env });
  // --output-file takes the report; else with --fix-dry-run stdout carries the patch and the report goes to stderr.
  if (outputFile !== undefined) {
    try {
      writeAtomic(resolvePath(io.cwd, outputFile), formatted, { mayCreate: true });
    } catch (e) {
      throw new FileError('write', outputFile, e);
    }
  }
  else if (dryRun) io.stderr(formatted);
  else io.stdout(formatted);
  if ((outputFile !== undefined || !reportHasNotes(formatName)) && notes.length) io.stderr(notes.join('\n') + '\n');
  for (const w of warnings) io.stderr(`virt-lint: warning: ${w}\n`);
  for (const f of writeFailures) io.stderr(`virt-lint: ${f}\n`);
  if (writeFailures.length) return 2;

  const totals = totalCounts(reports);
  if (totals.errorCount > 0) return 1;
  // Like Ruff's --diff: a dry run that would change something fails a check.
  if (dryRun && fixedCount > 0) return 1;
  if (maxWarnings !== undefined && totals.warningCount > maxWarnings) {
    io.stderr(`virt-lint: ${plural(totals.warningCount, 'warning')} exceed --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function readInput(cwd: string, file: string): string {
  try {
    return readFileSync(resolvePath(cwd, file), 'utf8');
  } catch (e) {
    throw new FileError('read', file, e);
  }
}

/** "QEMU version unknown: 1 version-specific rule skipped; pass --qemu-version" */
function skippedNotes(reports: FileReport[], whyUnknown: Partial<Record<HostFactName, string>> = {}): string[] {
  const byFact = new Map<HostFactName, Set<string>>();
  for (const r of reports) {
    for (const s of r.result.skippedRules) {
      for (const fact of s.missing) {
        if (!byFact.has(fact)) byFact.set(fact, new Set());
        byFact.get(fact)!.add(s.ruleId);
      }
    }
  }
  const notes: string[] = [];
  for (const [fact, ids] of byFact) {
    const { label, flag } = FACT_FLAGS[fact];
    const n = ids.size;
    const why = whyUnknown[fact];
    const how = why ? `pass ${flag} (${why})` : `pass ${flag}`;
    notes.push(`${label} unknown: ${n} version-specific rule${n === 1 ? '' : 's'} skipped; ${how}`);
  }
  return notes;
}

function listRules(): string {
  const rows = allRules.map((r) => [r.meta.id, r.meta.severity, fixableLabel(r), r.meta.category, r.meta.description]);
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i].length), ['id', 'severity', 'fixable', 'category'][i].length));
  const line = (row: string[]) => row.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]) : cell)).join('  ');
  return [line(['id', 'severity', 'fixable', 'category', 'description']), ...rows.map(line)].join('\n') + '\n';
}

async function printRuleDoc(io: CliIO, id: string): Promise<number> {
  // Ids are lower case; accept what a user typed in capitals.
  const rule = findRule(id) ?? findRule(id.toLowerCase());
  if (!rule) throw new UsageError(`unknown rule '${id}'${closestRule(id)} (see --list-rules)`);
  const [{ renderRuleDoc }, { jsonSchemaOf }] = await Promise.all([import('../docs/render.js'), import('../docs/json-schema.js')]);
  io.stdout(renderRuleDoc(rule, jsonSchemaOf));
  return 0;
}

/** "; did you mean 'x'?" for a mistyped rule id. */
function closestRule(id: string): string {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const r of allRules) {
    const d = editDistance(id, r.meta.id);
    if (d < bestDistance) [best, bestDistance] = [r.meta.id, d];
  }
  return best && bestDistance <= Math.max(2, Math.floor(id.length / 3)) ? `; did you mean '${best}'?` : '';
}

function stringOption(options: ParsedOptions, name: string): string | undefined {
  const v = options[name];
  return typeof v === 'string' ? v : undefined;
}

function integerOption(options: ParsedOptions, name: string): number | undefined {
  const v = stringOption(options, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} needs a whole number, got '${v}'`);
  return Number(v);
}

function resolvePath(cwd: string, p: string): string {
  return isAbsolute(p) ? p : join(cwd, p);
}

function existsRelative(cwd: string, p: string): boolean {
  try {
    readFileSync(resolvePath(cwd, p));
    return true;
  } catch {
    return false;
  }
}
