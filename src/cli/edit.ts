/**
 * `virt-lint edit DOMAIN`: the safe `virsh edit`.
 *
 *  1. `virsh [-c URI] dumpxml --inactive --security-info --domain=DOMAIN`
 *     and `virsh version --daemon` (live.ts): the persistent XML with its
 *     secrets (as virsh edit reads it: without them, defining the XML again
 *     would remove VNC/SPICE passwords), and the host facts of that
 *     connection (flags, environment and configuration win, as for --domain).
 *  2. The XML goes into a private copy (edit-workspace.ts) that `$VISUAL` /
 *     `$EDITOR` opens (edit-editor.ts).
 *  3. When the editor exits 0, the copy is linted like `--domain` lints. An
 *     unchanged copy defines nothing. With errors the report (line:column)
 *     is shown and the user chooses: edit again, define anyway, or abort.
 *  4. Before defining, the domain is read again: if libvirt's XML changed
 *     meanwhile (virt-manager, another `virsh edit`), defining would undo
 *     that change, so the user is asked first.
 *  5. `virsh [-c URI] define --validate COPY` (virsh edit validates against
 *     libvirt's schema too). If libvirt refuses, its error is shown and the
 *     user may edit again.
 *
 * The user's edits are never lost: the copy is removed only after a
 * successful define or when nothing was changed; on abort, editor failure,
 * define failure or Ctrl-C the session says where the copy is kept.
 *
 * Without a person at a terminal (stdin or stderr not a terminal) nothing is
 * asked: a copy with errors, a domain changed meanwhile or a refused define
 * ends the session (exit 1, copy kept), unless `--yes` answers "define
 * anyway" to every question.
 *
 * Exit codes: 0 defined, or nothing changed; 1 not defined (errors, refused by
 * libvirt, aborted); 2 usage, virsh or editor failure; 130 interrupted.
 */
import { existsSync } from 'node:fs';
import { lint, type LintResult } from '#engine/linter.js';
import { parseXml } from '#engine/parse.js';
import { SourceText } from '#engine/source.js';
import type { HostFactName, HostFacts } from '#engine/host-facts.js';
import { rules as allRules } from '#rules/index.js';
import { streamStylish } from '../formatters/stylish.js';
import { escapeControls } from '../formatters/escape.js';
import { configureInputs } from './config-files.js';
import { execFileSyncLazy } from './exec.js';
import { explicitVersion } from './host.js';
import { dumpxmlArgs, LIVE_PREFIX, LiveError, readLive, shellQuote, systemVirsh, type VirshRunner } from './live.js';
import { UsageError, type ParsedOptions } from './options.js';
import { DEFAULT_MAX_FILE_SIZE, parseSize } from './read.js';
import { describeErrno } from './io-errors.js';
import { chooseEditor, editorInvocation, runEditor } from './edit-editor.js';
import { choose, terminalPrompt, type Prompt } from './edit-prompt.js';
import { createWorkspace, readCopy, removeWorkspace, temporaryBase, type Workspace } from './edit-workspace.js';

/** What the session needs of the CLI's I/O (main.ts's CliIO has all of it). */
export interface EditIO {
  env: NodeJS.ProcessEnv;
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  stdoutIsTTY: boolean;
  /** How questions are asked; default: the process's terminal (edit-prompt.ts). */
  prompt?: Prompt;
}

/** Options of a lint run that mean nothing for an edit session. */
const NOT_FOR_EDIT = ['domain', 'all-domains', 'fix', 'fix-dry-run', 'unsafe-fixes', 'format', 'output-file', 'max-warnings', 'stdin-filename'];

export const EXIT_INTERRUPTED = 130;

/** Runs `virt-lint edit DOMAIN` (`args` are the words after `edit`). */
export async function runEdit(io: EditIO, options: ParsedOptions, args: string[]): Promise<number> {
  if (args.length !== 1 || args[0] === '') throw new UsageError('virt-lint edit needs exactly one domain (its name, id or UUID)');
  for (const name of NOT_FOR_EDIT) if (options[name] !== undefined) throw new UsageError(`--${name} does not apply to virt-lint edit`);
  const connect = options.connect;
  if (connect === '') throw new UsageError('--connect needs a libvirt URI, e.g. qemu:///system');
  const uri = typeof connect === 'string' ? connect : undefined;
  const maxSizeFlag = typeof options['max-file-size'] === 'string' ? options['max-file-size'] : undefined;
  const maxBytes = maxSizeFlag === undefined ? DEFAULT_MAX_FILE_SIZE : parseSize(maxSizeFlag);
  if (maxBytes === undefined) throw new UsageError(`--max-file-size needs a size such as 16M, 512K or 1048576, got '${maxSizeFlag}'`);

  const flagFacts: HostFacts = {
    qemu: explicitVersion('QEMU', { flag: stringOf(options['qemu-version']), env: io.env.VIRT_LINT_QEMU_VERSION }, { flag: '--qemu-version', env: 'VIRT_LINT_QEMU_VERSION' }),
    libvirt: explicitVersion('libvirt', { flag: stringOf(options['libvirt-version']), env: io.env.VIRT_LINT_LIBVIRT_VERSION }, { flag: '--libvirt-version', env: 'VIRT_LINT_LIBVIRT_VERSION' }),
  };
  const virtualName = LIVE_PREFIX + args[0];
  const config = (await configureInputs([virtualName], { cwd: io.cwd, options, rules: allRules, isVirtual: () => true })).get(virtualName)!;

  const runner = systemVirsh(io.env, execFileSyncLazy());
  // With secrets, as virsh edit reads it: defining an XML read without them would remove the VNC/SPICE passwords.
  const live = readLive({ uri, domains: [args[0]], all: false }, io.env, { qemuGiven: flagFacts.qemu !== undefined, runner, securityInfo: true });
  const host: HostFacts = {
    qemu: flagFacts.qemu ?? live.facts.qemu ?? config.host.qemu,
    libvirt: flagFacts.libvirt ?? live.facts.libvirt ?? config.host.libvirt,
  };
  const session = new EditSession({
    io,
    prompt: io.prompt ?? terminalPrompt(),
    domain: args[0],
    uri,
    runner,
    original: live.domains[0].xml,
    originalName: domainName(live.domains[0].xml),
    lintCopy: (bytes) => lint(bytes, { rules: allRules, host, settings: config.settings }),
    notes: [...hostNotes(host), ...live.notes],
    yes: options.yes === true,
    quiet: options.quiet === true,
    color: options['no-color'] ? false : options.color === true ? true : !io.env.NO_COLOR && io.stdoutIsTTY,
    maxBytes,
  });
  return session.run();
}

interface SessionSetup {
  io: EditIO;
  prompt: Prompt;
  /** As the user named it (name, id or UUID). */
  domain: string;
  uri?: string;
  runner: VirshRunner;
  /** `virsh dumpxml --inactive` at the start. */
  original: string;
  /** Its `<name>`. */
  originalName?: string;
  lintCopy: (bytes: Uint8Array) => LintResult;
  /** Host facts used and what the connection said, shown under the first report. */
  notes: string[];
  /** Answer "define anyway" to every question. */
  yes: boolean;
  quiet: boolean;
  color: boolean;
  maxBytes: number;
}

type Decision = 'edit' | 'define' | 'abort';

/** Why the session ended without defining, and how it exits. */
class Stop {
  constructor(
    readonly code: number,
    readonly reason: string,
  ) {}
}

class EditSession {
  private workspace!: Workspace;
  private editing = false;
  private interrupted = false;
  private notesShown = false;

  constructor(private readonly s: SessionSetup) {}

  async run(): Promise<number> {
    this.workspace = createWorkspace(temporaryBase(this.s.io.env), this.s.domain, this.s.original);
    // Ctrl-C must not end the process before it has said where the copy is (the copy itself survives anyway).
    const onInterrupt = () => {
      if (!this.editing) this.interrupted = true;
    };
    process.on('SIGINT', onInterrupt);
    try {
      return await this.loop();
    } catch (e) {
      if (e instanceof Stop) return this.keep(e);
      // Anything unexpected: say where the copy is, then let the CLI report the error itself.
      this.s.io.stderr(`virt-lint: ${this.keptLine()}\n`);
      throw e;
    } finally {
      process.off('SIGINT', onInterrupt);
    }
  }

  private async loop(): Promise<number> {
    const { io } = this.s;
    for (;;) {
      await this.edit();
      const bytes = this.read();
      if (Buffer.from(this.s.original, 'utf8').equals(bytes)) {
        removeWorkspace(this.workspace);
        io.stdout(`Domain ${this.name()} not changed: nothing was defined.\n`);
        return 0;
      }
      const errors = this.report(this.s.lintCopy(bytes));
      await this.checkpoint();
      if (errors > 0) {
        const decision = await this.decide(`${plural(errors, 'error')} in the edited XML.`, 'Edit again, define anyway, or abort?', ['edit', 'define', 'abort'], `the edited XML has ${plural(errors, 'error')}`);
        if (decision === 'edit') continue;
      }
      if (!(await this.stillAsDumped())) continue;
      const defined = await this.define();
      if (defined === undefined) continue;
      removeWorkspace(this.workspace);
      io.stdout(defined);
      return 0;
    }
  }

  /** Opens the editor on the copy; a Stop when it fails. */
  private async edit(): Promise<void> {
    const invocation = editorInvocation(chooseEditor(this.s.io.env), this.workspace.file);
    this.editing = true;
    let outcome;
    try {
      outcome = await runEditor(invocation, { env: this.s.io.env, cwd: this.s.io.cwd });
      // A Ctrl-C sent while the editor ran may be delivered after its exit: still the editor's.
      await nextTurn();
    } finally {
      this.editing = false;
    }
    if (!outcome.ok) {
      const what = `the editor '${invocation.editor}' ${outcome.why}; nothing was defined`;
      throw new Stop(outcome.interrupted ? EXIT_INTERRUPTED : 2, what);
    }
    await this.checkpoint();
  }

  private read(): Buffer {
    try {
      return readCopy(this.workspace, this.s.maxBytes);
    } catch (e) {
      throw new Stop(2, `cannot read the edited copy '${this.workspace.file}': ${describeErrno(e)}; nothing was defined`);
    }
  }

  /** Prints the lint report of the copy; returns its error count. */
  private report(result: LintResult): number {
    const { io } = this.s;
    const messages = this.s.quiet ? result.messages.filter((m) => m.severity === 'error') : result.messages;
    const stream = streamStylish({ cwd: io.cwd, color: this.s.color, rules: allRules, notes: [], fixing: true, env: io.env });
    const notes = this.notesShown ? [] : [...this.s.notes, ...skippedNotes(result)];
    this.notesShown = true;
    io.stdout(stream.file({ filePath: this.workspace.file, result: { ...result, messages } }) + stream.end(notes));
    return messages.filter((m) => m.severity === 'error').length;
  }

  /**
   * Asks what to do, or answers for the user: `--yes` defines, no terminal
   * stops (copy kept). `why` finishes "not defined: ..." when the session stops.
   */
  private async decide(situation: string, question: string, options: Decision[], why: string): Promise<Decision> {
    const { io, prompt } = this.s;
    if (this.s.yes && options.includes('define')) {
      io.stderr(`${situation} Defining anyway (--yes).\n`);
      return 'define';
    }
    if (!prompt.interactive) {
      const yes = options.includes('define') ? '; --yes defines anyway' : '';
      throw new Stop(1, `${why}, and there is no terminal to ask what to do (stdin and stderr are not both terminals${yes}); nothing was defined`);
    }
    io.stderr(`${situation}\n`);
    const words: Record<Decision, [string, string]> = { edit: ['e', 'edit'], define: ['d', 'define'], abort: ['a', 'abort'] };
    const answer = await choose(prompt, question, options.map((value) => ({ key: words[value][0], word: words[value][1], value })), io.stderr);
    if (answer === undefined) throw new Stop(EXIT_INTERRUPTED, 'interrupted; nothing was defined');
    if (answer === 'abort') throw new Stop(1, 'aborted; nothing was defined');
    return answer;
  }

  /**
   * Whether libvirt still holds the XML the copy started from. When it does
   * not, defining the copy would undo someone else's change: asked first.
   * False: edit again.
   */
  private async stillAsDumped(): Promise<boolean> {
    let now: string;
    try {
      now = this.virsh(...dumpxmlArgs(this.s.domain, true));
    } catch (e) {
      now = `(${e instanceof LiveError ? e.message : String(e)})`;
    }
    if (now === this.s.original) return true;
    const decision = await this.decide(
      `Domain ${this.name()} changed in libvirt while you were editing (virt-manager or another virsh edit?): defining your copy would undo that change.`,
      'Abort, edit again, or define anyway?',
      ['abort', 'edit', 'define'],
      `domain ${this.name()} changed in libvirt while you were editing`,
    );
    return decision === 'define';
  }

  /** `virsh define --validate COPY`: the line to report, or undefined to edit again. */
  private async define(): Promise<string | undefined> {
    let said: string;
    try {
      said = this.virsh('define', '--validate', this.workspace.file);
    } catch (e) {
      await this.checkpoint(true);
      if (!(e instanceof LiveError)) throw e;
      const { io } = this.s;
      io.stderr(`virt-lint: ${escapeControls(e.message)}\n`);
      await this.decide('libvirt refused the edited XML.', 'Edit again or abort?', ['edit', 'abort'], 'libvirt refused the edited XML');
      return undefined;
    }
    const definedAs = /^Domain '(.*)' defined from /m.exec(said)?.[1];
    const shown = definedAs !== undefined ? `'${escapeControls(definedAs)}'` : this.name();
    const before = this.s.originalName;
    // A renamed copy without the old UUID is a second domain, not the edited one.
    const renamed = definedAs !== undefined && before !== undefined && definedAs !== before ? ` It is a new domain (the edited XML renames it); '${escapeControls(before)}' is unchanged.` : '';
    return `Domain ${shown} defined from the edited XML.${renamed}\n`;
  }

  /** Lets a pending Ctrl-C be seen; stops the session when there was one. */
  private async checkpoint(duringDefine = false): Promise<void> {
    await nextTurn();
    if (!this.interrupted) return;
    throw new Stop(EXIT_INTERRUPTED, duringDefine ? 'interrupted while virsh define ran: check whether the domain was defined' : 'interrupted; nothing was defined');
  }

  private keep(stop: Stop): number {
    this.s.io.stderr(`virt-lint: ${escapeControls(stop.reason)}.\nvirt-lint: ${this.keptLine()}\n`);
    return stop.code;
  }

  private keptLine(): string {
    if (!existsSync(this.workspace.file)) return escapeControls(`the edited copy ${this.workspace.file} is gone (the editor removed or renamed it)`);
    const file = shellQuote(this.workspace.file);
    return escapeControls(`your edited copy is kept in ${this.workspace.file} (to define it: ${this.virshShown('define', '--validate', file)})`);
  }

  private virsh(...args: string[]): string {
    return this.s.runner([...(this.s.uri !== undefined ? ['-c', this.s.uri] : []), ...args]);
  }

  private virshShown(...args: string[]): string {
    return ['virsh', ...(this.s.uri !== undefined ? ['-c', shellQuote(this.s.uri)] : []), ...args].join(' ');
  }

  private name(): string {
    return `'${escapeControls(this.s.domain)}'`;
  }
}

/** One turn of the event loop: signals received meanwhile have been handled. */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** "Host: QEMU 9.1.1 (virsh -c qemu:///system version --daemon)". */
function hostNotes(host: HostFacts): string[] {
  const out: string[] = [];
  if (host.qemu) out.push(`Host: QEMU ${host.qemu.version} (${host.qemu.source})`);
  if (host.libvirt) out.push(`Host: libvirt ${host.libvirt.version} (${host.libvirt.source})`);
  return out;
}

const FACT_FLAGS: Record<HostFactName, [string, string]> = { qemu: ['QEMU version', '--qemu-version'], libvirt: ['libvirt version', '--libvirt-version'] };

/** Rules skipped for a host fact the connection did not give. */
function skippedNotes(result: LintResult): string[] {
  const byFact = new Map<HostFactName, number>();
  for (const s of result.skippedRules) for (const f of s.missing) byFact.set(f, (byFact.get(f) ?? 0) + 1);
  return [...byFact].map(([fact, n]) => `${FACT_FLAGS[fact][0]} unknown: ${plural(n, 'version-specific rule')} skipped; pass ${FACT_FLAGS[fact][1]}`);
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** The `<name>` of libvirt's XML of a domain. */
function domainName(xml: string): string | undefined {
  const parsed = parseXml(new SourceText(xml));
  return parsed.ok ? parsed.doc.root.first('name')?.text().trim() : undefined;
}

function stringOf(v: ParsedOptions[string]): string | undefined {
  return typeof v === 'string' ? v : undefined;
}
