/**
 * `virt-lint lsp`: a language server on stdin/stdout, built on
 * vscode-languageserver. With its libraries it is a bundle of its own
 * (dist/lsp.cjs, scripts/build.mjs) that the CLI loads only for `virt-lint
 * lsp`, so a plain lint never reads it. It imports nothing of the engine at
 * run time: the CLI hands it a ServerLinter (linter.ts), so the engine ships
 * once, in the CLI's bundle.
 *
 * - Documents whose root element is `<domain>` get diagnostics when opened
 *   and, debounced, as they change; others are left alone.
 * - Host facts and configuration as the CLI finds them (linter.ts):
 *   `qemuVersion` / `libvirtVersion` initialization options (else
 *   VIRT_LINT_QEMU_VERSION / VIRT_LINT_LIBVIRT_VERSION), the nearest
 *   `.virt-lint.json` of each file (re-read on every lint, so edits to it
 *   apply), then detection. Detection never runs a document's `<emulator>`:
 *   an editor lints whatever is opened, so nothing a document names is run.
 * - Code actions: each fix and suggestion, and "fix all safe problems"
 *   (also as `source.fixAll.virt-lint`, for fix-on-save).
 * - Each diagnostic links its rule's page (codeDescription); hovering it
 *   says what the rule checks.
 */
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeAction, CodeActionParams, Connection, InitializeParams, InitializeResult } from 'vscode-languageserver/node';
import type { FixMode } from '#engine/apply-fixes.js';
import type { LintMessage, LintResult } from '#api/results.js';
import { createConnection, MessageType, ShowMessageNotification, TextDocuments, TextDocumentSyncKind } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { FIX_ALL_KIND, fixAllAction, hasDomainRoot, quickFixes, rangeOf, ruleHover, toDiagnostic } from './convert.js';

export interface LanguageServerIO {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Where configuration is looked for when the client names no workspace. */
  cwd: string;
}

/** The initialization options a client may send (README "Editors"). */
export interface InitializationOptions {
  qemuVersion?: string;
  libvirtVersion?: string;
  /** Detect unknown versions as the CLI does (default true; false is `--no-detect`). */
  detect?: boolean;
  /** A configuration file for every document (`--config`), or false for none (`--no-config`). */
  configFile?: string | false;
  /** Rule settings as in `.virt-lint.json` "rules", over the configuration. */
  rules?: Record<string, unknown>;
  /** Delay after the last change before a document is linted again (default 250 ms). */
  debounceMs?: number;
}

/** A document to lint: its text, its file (absolute; undefined when it has none), and its name otherwise. */
export interface LintedText {
  text: string;
  path: string | undefined;
  name: string;
}

/**
 * What the server needs of virt-lint. The CLI gives it (linter.ts): the server
 * imports nothing of the engine at run time, so its bundle (dist/lsp.cjs)
 * holds only itself and its libraries.
 */
export interface ServerLinter {
  version: string;
  /** The configuration files' names: saving one lints every open document again. */
  configFiles: readonly string[];
  /** Takes the initialization options (workspace folder `cwd`); returns the problems to show (bad options, which are then left out). */
  configure(options: InitializationOptions, cwd: string): string[];
  /** The document linted (with `fix`, fixed) with its configuration; undefined when the configuration ignores it. Rejects with a one-line message when its configuration is broken. */
  lint(doc: LintedText, fix?: FixMode): Promise<LintResult | undefined>;
  ruleDescription(ruleId: string): string | undefined;
}

const DEFAULT_DEBOUNCE_MS = 250;

/** Runs the server until the client ends it (the library exits the process on `exit` or when stdin closes). */
export function startLanguageServer(io: LanguageServerIO, linter: ServerLinter): Promise<never> {
  const connection = createConnection(io.input, io.output);
  new VirtLintServer(connection, io, linter).listen();
  return new Promise<never>(() => {});
}

interface Linted {
  version: number;
  messages: LintMessage[];
}

class VirtLintServer {
  private readonly documents = new TextDocuments(TextDocument);
  private debounceMs = DEFAULT_DEBOUNCE_MS;
  private versionedEdits = false;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly linted = new Map<string, Linted>();
  /** Problems with the settings or a configuration, each shown once. */
  private readonly shown = new Set<string>();
  private readonly startupProblems: string[] = [];

  constructor(
    private readonly connection: Connection,
    private readonly io: LanguageServerIO,
    private readonly linter: ServerLinter,
  ) {}

  listen(): void {
    const { connection, documents } = this;
    connection.onInitialize((params) => this.initialize(params));
    connection.onInitialized(() => {
      connection.console.info(`virt-lint ${this.linter.version} language server`);
      for (const p of this.startupProblems) this.showProblem(p);
    });
    documents.onDidOpen((e) => void this.lintNow(e.document));
    documents.onDidChangeContent((e) => this.schedule(e.document));
    documents.onDidClose((e) => {
      this.cancel(e.document.uri);
      this.linted.delete(e.document.uri);
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });
    // A saved configuration applies to every open document (watched-file events, where the client sends them, too).
    documents.onDidSave((e) => {
      if (this.linter.configFiles.includes(basename(e.document.uri))) this.relintAll();
    });
    connection.onDidChangeWatchedFiles(() => this.relintAll());
    connection.onCodeAction((params) => this.codeActions(params));
    connection.onHover(async ({ textDocument, position }) => {
      const doc = documents.get(textDocument.uri);
      const messages = doc && (await this.messagesOf(doc));
      const m = messages?.find((x) => rangeOf(x, doc!).contains(position));
      return m ? ruleHover(m, this.linter.ruleDescription(m.ruleId), doc!) : null;
    });
    documents.listen(connection);
    connection.listen();
  }

  private initialize(params: InitializeParams): InitializeResult {
    const options = (params.initializationOptions ?? {}) as InitializationOptions;
    if (typeof options.debounceMs === 'number' && options.debounceMs >= 0) this.debounceMs = options.debounceMs;
    this.versionedEdits = params.capabilities.workspace?.workspaceEdit?.documentChanges === true;
    const root = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? undefined;
    this.startupProblems.push(...this.linter.configure(options, (root && pathOf(root)) || this.io.cwd));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
        codeActionProvider: { codeActionKinds: ['quickfix', FIX_ALL_KIND] },
        hoverProvider: true,
      },
      serverInfo: { name: 'virt-lint', version: this.linter.version },
    };
  }

  private schedule(doc: TextDocument): void {
    if (this.linted.get(doc.uri)?.version === doc.version) return; // just linted on open
    this.cancel(doc.uri);
    this.timers.set(
      doc.uri,
      setTimeout(() => {
        this.timers.delete(doc.uri);
        const current = this.documents.get(doc.uri);
        if (current) void this.lintNow(current);
      }, this.debounceMs),
    );
  }

  private cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
  }

  private relintAll(): void {
    for (const doc of this.documents.all()) void this.lintNow(doc);
  }

  private async lintNow(doc: TextDocument): Promise<void> {
    this.cancel(doc.uri);
    const messages = (await this.lint(doc))?.messages;
    // A newer version is on its way (or the document closed): its own lint publishes.
    if (this.documents.get(doc.uri)?.version !== doc.version) return;
    const had = this.linted.get(doc.uri);
    if (messages === undefined) {
      this.linted.set(doc.uri, { version: doc.version, messages: [] });
      if (had?.messages.length) await this.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: [] });
      return;
    }
    this.linted.set(doc.uri, { version: doc.version, messages });
    await this.connection.sendDiagnostics({ uri: doc.uri, version: doc.version, diagnostics: messages.map((m) => toDiagnostic(m, doc)) });
  }

  /** The messages for the document as it is now (cached per version); undefined when it is not linted (not a domain, ignored, broken configuration). */
  private async messagesOf(doc: TextDocument): Promise<LintMessage[] | undefined> {
    const cached = this.linted.get(doc.uri);
    if (cached?.version === doc.version) return cached.messages;
    return (await this.lint(doc))?.messages;
  }

  /** The document linted (with `fix`, fixed) as it is now; undefined when it is not linted (not a domain, ignored, broken configuration). */
  private async lint(doc: TextDocument, fix?: FixMode): Promise<LintResult | undefined> {
    const text = doc.getText();
    if (!hasDomainRoot(text)) return undefined;
    try {
      return await this.linter.lint({ text, path: pathOf(doc.uri), name: doc.uri }, fix);
    } catch (e) {
      this.showProblem(e instanceof Error ? e.message : String(e));
      return undefined;
    }
  }

  private async codeActions({ textDocument, range, context }: CodeActionParams): Promise<CodeAction[]> {
    const doc = this.documents.get(textDocument.uri);
    if (!doc) return [];
    const messages = await this.messagesOf(doc);
    if (!messages?.length) return [];
    const wants = (kind: string) => !context.only || context.only.some((k) => kind === k || kind.startsWith(`${k}.`));
    const actions = wants('quickfix') ? quickFixes(messages, doc, range, this.versionedEdits) : [];
    const fixAllKind = context.only ? FIX_ALL_KIND : 'quickfix';
    if (wants(fixAllKind) && (context.only || actions.length) && messages.some((m) => m.fix)) {
      const output = (await this.lint(doc, 'safe'))?.output;
      if (output !== undefined && this.documents.get(doc.uri)?.version === doc.version) actions.push(fixAllAction(doc, output, fixAllKind, this.versionedEdits));
    }
    return actions;
  }

  private showProblem(problem: string): void {
    if (this.shown.has(problem)) return;
    this.shown.add(problem);
    // A notification (window/showMessage), not the request: there is nothing to choose.
    void this.connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Error, message: `virt-lint: ${problem}` });
  }
}

function pathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

