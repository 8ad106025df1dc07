/**
 * The command line: arguments → files → host facts → lint (and fix) → output
 * → exit code. Exit codes: 0 clean (warnings allowed), 1 errors or too many
 * warnings, 2 usage, configuration or I/O failure.
 */
import { existsSync, realpathSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { rules as allRules, findRule } from '#rules/index.js';
import type { LintResult } from '#engine/linter.js';
import type { FixMode } from '#engine/apply-fixes.js';
import type { HostFactName, HostFacts, HostVersion } from '#engine/host-facts.js';
import { lintDocument, type DocumentOptions } from '#api/lint.js';
import type { XmlDocument } from '#engine/tree.js';
import { fixableLabel } from '../docs/render.js';
import { helpText, parseArgs, UsageError, type ParsedOptions } from './options.js';
import { didYouMean } from '#shared/text.js';
import { displayPath, expandInputs, STDIN } from './files.js';
import { explicitVersion, HostDetector, pickHostFacts, systemDetection, type DetectionEnvironment } from './host.js';
import { loadExecFileSync } from './exec.js';
import { describeErrno, FileError } from './io-errors.js';
import { DEFAULT_MAX_FILE_SIZE, parseSize, readRegularFile, tooLarge, type FileSnapshot } from './read.js';
import type { SafeWriter } from './write.js';
import { ConfigError, type FileConfig } from '../config/resolve.js';
import { configureInputs, sourceRoot } from './config-files.js';
import { LiveError, liveFixRefusal, liveRequest, readLive } from './live.js';
import { unifiedDiff } from './diff.js';
import { defaultFormat } from './output.js';
import { createProgress, NO_PROGRESS, PROGRESS_MIN_FILES } from './progress.js';
import { type ReportStream, type StreamingFormatter, addCounts, countMessages, noCounts } from '../formatters/types.js';
import { escapeControls } from '../formatters/escape.js';
import type { Prompt } from './edit-prompt.js';
import { InterruptGuard, processSignals, SIGNAL_EXIT, type SignalSource } from './interrupt.js';

export interface CliIO {
  argv: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** The document on stdin, as bytes; may stop reading after `maxBytes + 1` bytes (more is refused anyway). */
  readStdin: (maxBytes: number) => Promise<Uint8Array | string>;
  stdoutIsTTY: boolean;
  /** Progress is shown only on a terminal. */
  stderrIsTTY?: boolean;
  /** Terminal width of stderr, for the progress line. */
  stderrColumns?: number;
  /** What host detection reads and runs; tests pass fakes (default: this machine's, src/cli/host.ts). */
  detection?: DetectionEnvironment;
  /** The process's own stdin and stdout as streams, for `virt-lint lsp` (the language server speaks JSON-RPC on them). */
  stdio?: () => { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };
  /** How `virt-lint edit` asks questions; tests pass one (default: the process's terminal, src/cli/edit-prompt.ts). */
  prompt?: Prompt;
  /** Where Ctrl-C and SIGTERM come from while a run writes files; tests pass a fake (default: the process, src/cli/interrupt.ts). */
  signals?: SignalSource;
}

const FORMATS: Record<string, () => Promise<StreamingFormatter>> = {
  stylish: async () => (await import('../formatters/stylish.js')).streamStylish,
  json: async () => (await import('../formatters/json.js')).streamJson,
  compact: async () => (await import('../formatters/compact.js')).streamCompact,
  sarif: async () => (await import('../formatters/sarif.js')).streamSarif,
  github: async () => (await import('../formatters/github.js')).streamGithub,
};

export async function main(io: CliIO): Promise<number> {
  try {
    return await run(io);
  } catch (e) {
    // Paths and patterns in these messages come from the user or a repository: shown with control characters escaped.
    const say = (line: string) => io.stderr(`virt-lint: ${escapeControls(line)}\n`);
    if (e instanceof ConfigError) {
      e.lines.forEach(say);
      return 2;
    }
    if (e instanceof LiveError || e instanceof FileError) {
      say(e.message);
      return 2;
    }
    if (e instanceof UsageError) {
      say(e.message);
      io.stderr(`Try 'virt-lint --help' for usage.\n`);
      return 2;
    }
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === 'string' && err.path) {
      say(`cannot access '${err.path}': ${describeErrno(err)}`);
      return 2;
    }
    io.stderr(`virt-lint: internal error: ${err?.stack ?? err}\nPlease report this at the virt-lint issue tracker.\n`);
    return 2;
  }
}


async function run(io: CliIO): Promise<number> {
  // A subcommand with options of its own: editors' LSP clients add --stdio and --clientProcessId. Unlike `rule`
  // and `edit`, a file or directory named lsp does not win (editors start the server in any workspace): lint it as ./lsp.
  if (io.argv[0] === 'lsp') return languageServer(io, io.argv.slice(1));
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
    const format = stringOption(options, 'format') ?? 'stylish';
    if (format !== 'stylish' && format !== 'json') throw new UsageError(`--list-rules prints a table (the default) or --format json, not '${format}'`);
    io.stdout(format === 'json' ? (await import('../formatters/rule-list.js')).ruleListJson(allRules) : listRules());
    return 0;
  }
  const printConfigFor = stringOption(options, 'print-config');
  if (printConfigFor !== undefined) return (await import('./config-commands.js')).printConfig(io, printConfigFor, options, allRules, inputs);
  if (options.init) return (await import('./config-commands.js')).initConfig(io, options, inputs);
  const explain = stringOption(options, 'explain');
  if (explain !== undefined) return printRuleDoc(io, explain);
  if (inputs[0] === 'rule' && !existsRelative(io.cwd, 'rule')) {
    if (inputs.length !== 2) throw new UsageError('virt-lint rule needs exactly one rule id (see --list-rules)');
    return printRuleDoc(io, inputs[1]);
  }
  // The editor loop (src/cli/edit.ts) is loaded only when used.
  if (inputs[0] === 'edit' && !existsRelative(io.cwd, 'edit')) return (await import('./edit.js')).runEdit(io, options, inputs.slice(1));
  if (options.yes) throw new UsageError('--yes applies only to virt-lint edit');
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

  const maxFileSize = sizeOption(options, 'max-file-size') ?? DEFAULT_MAX_FILE_SIZE;

  const { files, emptyDirs, problems, notes: searchNotes } = await expandInputs(inputs, io.cwd);
  // `--fix -` prints the fixed document on stdout and the report on stderr (as `ruff --fix -` does, for editors).
  const fixToStdout = fix && files.includes(STDIN);
  if (fixToStdout && (files.length > 1 || liveReq)) throw new UsageError('--fix - prints the fixed document on stdout: give - as the only input');
  // Live domains (src/cli/live.ts): read-only, linted as `domain:NAME` after the files.
  if (fix && liveReq) throw new LiveError(liveFixRefusal(liveReq));
  if (outputFile !== undefined) refuseReportOntoInput(io.cwd, outputFile, files);

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
    const facts = pickHostFacts([{ qemu, libvirt }, live?.facts, config?.host], detector, doc);
    for (const v of [facts.qemu, facts.libvirt]) if (v) usedVersions.set(`${v === facts.qemu ? 'QEMU' : 'libvirt'} ${v.version} (${v.source})`, v);
    return facts;
  };
  const documentOptions = (file: string): DocumentOptions => {
    const config = configs.get(file);
    return { rules: allRules, host: (doc: XmlDocument) => hostFor(doc, config), settings: config?.settings };
  };

  const write = (fix && !fixToStdout) || outputFile !== undefined ? await import('./write.js') : undefined;
  // An explicit flag wins; NO_COLOR counts only when non-empty (no-color.org).
  // The terminal is asked last: bin.ts answers on demand, and a stream it need not create is time saved.
  const reportIsTTY = () => (fixToStdout ? io.stderrIsTTY === true : io.stdoutIsTTY);
  const color = options['no-color'] ? false : options.color === true ? true : !io.env.NO_COLOR && outputFile === undefined && reportIsTTY();
  const quiet = options.quiet === true;
  const report: ReportStream = (await loadFormatter())({
    cwd: io.cwd,
    color,
    rules: allRules,
    notes: [],
    fixing: fix,
    env: io.env,
    quiet,
    sourceRoot: formatName === 'sarif' ? sourceRoot(io.cwd, io.env) : undefined,
  });
  // Few files never show progress: stderr's terminal and width are then not asked for (see reportIsTTY).
  const progress = files.length > PROGRESS_MIN_FILES ? createProgress({ isTTY: io.stderrIsTTY, write: io.stderr, total: files.length, columns: io.stderrColumns }) : NO_PROGRESS;
  // Where the report goes, as it is made: --output-file (one safe write, committed at the end), stderr after
  // the patch with --fix-dry-run (so it follows the dry run's summary line), stderr with `--fix -` (stdout
  // holds the fixed document), else stdout.
  let reportFile: SafeWriter | undefined;
  // Both on stderr, the report is held and written whole, then the notes: they never land inside a JSON or SARIF report.
  const holdReport = dryRun || fixToStdout;
  let heldReport = '';
  // Notes (host facts, skipped rules and files, what was fixed) are not problems: stderr, and none with --quiet.
  // After a human report's text they follow a blank line, as its summary does (the two streams usually share a screen).
  let shownReport = false;
  const note = (lines: readonly string[]) => {
    if (quiet || lines.length === 0) return;
    progress.done();
    io.stderr((shownReport ? '\n' : '') + lines.map(escapeControls).join('\n') + '\n');
    shownReport = false;
  };
  const humanFormat = formatName === 'stylish' || formatName === 'github';
  const emit = (text: string) => {
    if (!text) return;
    if (!reportFile) shownReport = humanFormat;
    if (reportFile) {
      try {
        reportFile.write(text);
      } catch (e) {
        throw new FileError('write', outputFile!, e);
      }
    } else if (holdReport) heldReport += text;
    else {
      progress.done();
      io.stdout(text);
    }
  };

  const totals = noCounts();
  const skipped = new Map<HostFactName, Set<string>>();
  const writeWarnings = new Set<string>();
  const failures: string[] = [];
  let fixedCount = 0;
  // A run that writes files takes Ctrl-C and SIGTERM itself, between files, so no temporary file is left behind (src/cli/interrupt.ts).
  const guard = (fix && !fixToStdout) || outputFile !== undefined ? new InterruptGuard(io.signals ?? processSignals) : undefined;
  try {
    if (outputFile !== undefined) {
      try {
        reportFile = write!.openSafeWriter(resolvePath(io.cwd, outputFile), { mayCreate: true });
      } catch (e) {
        throw new FileError('write', outputFile, e);
      }
      guard!.track(reportFile.abort);
    }
    for (const file of files) {
      if (guard) {
        await guard.checkpoint();
        if (guard.signal) return SIGNAL_EXIT[guard.signal];
      }
      const shown = file === STDIN ? stringOption(options, 'stdin-filename') ?? '<stdin>' : displayPath(file, io.cwd);
      progress.tick(escapeControls(shown));
      let input: string | Uint8Array;
      let snapshot: FileSnapshot | undefined;
      try {
        if (file === STDIN) input = await readStdinBounded(io, maxFileSize);
        else if (liveXml.has(file)) input = liveXml.get(file)!;
        else input = (snapshot = readRegularFile(resolvePath(io.cwd, file), maxFileSize)).bytes;
      } catch (e) {
        // One unreadable file does not stop the run: it is reported, the rest are linted, and the run exits 2.
        failures.push(`cannot read '${shown}': ${describeErrno(e)}`);
        continue;
      }
      const docOptions = documentOptions(file);
      const outcome = lintDocument(input, docOptions, fix || dryRun ? fixMode : undefined);
      let result: LintResult = outcome.result;
      if (outcome.discarded) writeWarnings.add(`${shown}: ${outcome.discarded}`);
      const changed = outcome.output !== undefined && outcome.output !== outcome.input;
      if (fixToStdout) {
        // The document goes back as it came when nothing applies; bytes that are not text are never re-encoded.
        if (outcome.input !== undefined) io.stdout(outcome.output!);
        if (changed) fixedCount += outcome.fixed;
      } else if (changed && fix) {
        try {
          write!.writeFileSafely(resolvePath(io.cwd, file), outcome.output!, { followSymlink: true, expected: snapshot }).forEach((w) => writeWarnings.add(w));
          fixedCount += outcome.fixed;
        } catch (e) {
          // Nothing was written: report the file as it is, not as the fixes would have left it; the others are still fixed.
          result = lintDocument(outcome.input!, docOptions).result;
          failures.push(`cannot write '${shown}': ${describeErrno(e)}${(e as NodeJS.ErrnoException).code === 'EACCES' ? ' (the fix is written to a temporary file in the same directory, which must be writable)' : ''}; the file was left unchanged`);
        }
      } else if (changed) {
        fixedCount += outcome.fixed;
        progress.done();
        io.stdout(unifiedDiff(escapeControls(shown), outcome.input!, outcome.output!));
      }
      // Never re-encode: a file libvirt could not read is not rewritten (its one problem is reported above).
      if (fix && outcome.undecodable) {
        const { byteOffset, line, column, message } = outcome.undecodable;
        const left = fixToStdout ? 'nothing was printed (virt-lint never re-encodes a document)' : 'the file was left unchanged (virt-lint never re-encodes a file)';
        failures.push(`cannot fix '${shown}': at byte offset ${byteOffset} (${line}:${column}): ${message.replace(/;.*$/, '')}; ${left}`);
      }
      if (options.quiet) result = { ...result, messages: result.messages.filter((m) => m.severity === 'error') };
      for (const s of result.skippedRules) {
        for (const fact of s.missing) {
          if (!skipped.has(fact)) skipped.set(fact, new Set());
          skipped.get(fact)!.add(s.ruleId);
        }
      }
      addCounts(totals, countMessages(result.messages));
      emit(report.file({ filePath: shown, result, virtual: (file === STDIN && stringOption(options, 'stdin-filename') === undefined) || liveXml.has(file) }));
      if (result.skippedReason) note([`${shown}: skipped (${result.skippedReason})`]);
    }
    progress.done();

    const notes = [...[...usedVersions.keys()].map((v) => `Host: ${v}`), ...(live?.notes ?? []), ...skippedNotes(skipped, detector?.whyUnknown())];
    if (fix && fixedCount) notes.push(`Fixed ${plural(fixedCount, 'problem')}.`);
    for (const d of emptyDirs) notes.push(`No *.xml files under '${d}'.`);
    notes.push(...searchNotes);
    if (files.length === 0 && emptyDirs.length === 0 && problems.length === 0) notes.push('Nothing to lint: every input is ignored by the configuration.');
    if (dryRun && !quiet) {
      io.stderr(`${fixedCount ? `--fix would fix ${plural(fixedCount, 'problem')}` : 'nothing to fix'}; no file was written${fixedCount ? '; the report below shows what would remain' : ''}\n`);
    }
    if (!holdReport) note(notes);
    emit(report.end([]));
    if (reportFile) {
      try {
        reportFile.commit().forEach((w) => writeWarnings.add(w));
      } catch (e) {
        throw new FileError('write', outputFile!, e);
      } finally {
        reportFile = undefined;
      }
    }
    if (holdReport) {
      io.stderr(heldReport);
      note(notes);
    }
  } finally {
    reportFile?.abort();
    guard?.release();
  }
  for (const w of writeWarnings) io.stderr(`virt-lint: warning: ${escapeControls(w)}\n`);
  for (const f of [...problems, ...failures]) io.stderr(`virt-lint: ${escapeControls(f)}\n`);
  if (problems.length || failures.length) return 2;

  if (totals.errorCount > 0) return 1;
  // Like Ruff's --diff: a dry run that would change something fails a check.
  if (dryRun && fixedCount > 0) return 1;
  if (maxWarnings !== undefined && totals.warningCount > maxWarnings) {
    io.stderr(`virt-lint: ${plural(totals.warningCount, 'warning')} exceed --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

/** `virt-lint lsp [--stdio]`: the language server on stdin/stdout. */
async function languageServer(io: CliIO, args: string[]): Promise<number> {
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--stdio') continue;
    // vscode-languageclient passes the editor's process id; the server library watches it.
    if (/^--clientProcessId=\d+$/.test(arg)) continue;
    if (arg === '--clientProcessId' && /^\d+$/.test(args[i + 1] ?? '')) {
      i++;
      continue;
    }
    if (arg === '--help' || arg === '-h') {
      io.stdout(LSP_HELP);
      return 0;
    }
    throw new UsageError(`lsp: unknown argument '${arg}' (the language server speaks on stdin/stdout: --stdio, the default, is the only transport)`);
  }
  if (!io.stdio) throw new UsageError('lsp needs the process\'s stdin and stdout');
  // The server is a bundle of its own (scripts/build.mjs); what lints for it comes from this one.
  const [{ startLanguageServer }, { serverLinter }] = await Promise.all([import('./lsp/server.js'), import('./lsp/linter.js')]);
  return startLanguageServer({ ...io.stdio(), cwd: io.cwd }, serverLinter(io.env, io.detection));
}

const LSP_HELP = `Usage: virt-lint lsp [--stdio]

Runs the virt-lint language server on stdin/stdout (JSON-RPC, the Language
Server Protocol) for editors: diagnostics for documents whose root is
<domain>, quick fixes, "fix all safe problems", rule documentation on hover.
Initialization options: qemuVersion, libvirtVersion, detect, configFile,
rules, debounceMs. Setup for VS Code and Neovim: README, "Editors".
`;

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** stdin, at most `maxBytes` bytes. */
async function readStdinBounded(io: CliIO, maxBytes: number): Promise<Uint8Array | string> {
  const input = await io.readStdin(maxBytes);
  const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
  if (size > maxBytes) throw tooLarge(undefined, maxBytes);
  return input;
}

/** `-o vm.xml vm.xml` would replace the input with the report: refused before anything is read. */
function refuseReportOntoInput(cwd: string, outputFile: string, files: readonly string[]): void {
  const real = (p: string) => {
    try {
      return realpathSync(resolvePath(cwd, p));
    } catch {
      return resolvePath(cwd, p);
    }
  };
  const out = real(outputFile);
  const input = files.find((f) => f !== STDIN && real(f) === out);
  if (input !== undefined) throw new UsageError(`--output-file '${outputFile}' is the input '${input}': the report would replace it; write the report elsewhere`);
}

/** How a user supplies each host fact; the "skipped" note names the flag. */
const FACT_FLAGS: Record<HostFactName, { label: string; flag: string }> = {
  qemu: { label: 'QEMU version', flag: '--qemu-version' },
  libvirt: { label: 'libvirt version', flag: '--libvirt-version' },
};

/** "QEMU version unknown: 1 version-specific rule skipped; pass --qemu-version" */
function skippedNotes(byFact: ReadonlyMap<HostFactName, ReadonlySet<string>>, whyUnknown: Partial<Record<HostFactName, string>> = {}): string[] {
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
  const [{ renderRuleDoc }, { jsonSchemaOf }] = await Promise.all([import('../docs/render.js'), import('../docs/option-schema.js')]);
  io.stdout(renderRuleDoc(rule, jsonSchemaOf));
  return 0;
}

/** "; did you mean 'x'?" for a mistyped rule id. */
function closestRule(id: string): string {
  const guess = didYouMean(id, allRules.map((r) => r.meta.id));
  return guess ? `; did you mean '${guess}'?` : '';
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

/** `--max-file-size`: bytes, or with a K, M or G suffix. */
function sizeOption(options: ParsedOptions, name: string): number | undefined {
  const v = stringOption(options, name);
  if (v === undefined) return undefined;
  const bytes = parseSize(v);
  if (bytes === undefined) throw new UsageError(`--${name} needs a size such as 16M, 512K or 1048576, got '${v}'`);
  return bytes;
}

function resolvePath(cwd: string, p: string): string {
  return isAbsolute(p) ? p : join(cwd, p);
}

function existsRelative(cwd: string, p: string): boolean {
  return existsSync(resolvePath(cwd, p)); // never read: it could be a FIFO
}
