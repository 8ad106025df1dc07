/**
 * `virt-lint lsp` driven as an editor drives it: the real executable
 * (bin/virt-lint.cjs, which loads dist/lsp.cjs) in a child process, JSON-RPC
 * over its stdin/stdout through vscode-jsonrpc, the client's side of the
 * protocol written out here. Host facts come from the initialization options
 * and detection is off, so nothing depends on what this machine has installed.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { CodeAction, Diagnostic, Hover, PublishDiagnosticsParams, TextDocumentEdit, TextEdit } from 'vscode-languageserver';
import { BIN, cliEnv, ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const EXAMPLE = readFileSync(join(ROOT, 'examples/win11-looking-glass.xml'), 'utf8');
const SPICE_AUDIO = "<audio id='1' type='spice'/>";
const FIXED = EXAMPLE.replace(SPICE_AUDIO, "<audio id='1' type='none'/>");
const RULE = 'qemu-911-spice-hda-audio';
/** The diagnostic's range on line 113 (0-based 112), columns 5-25: the start tag of <sound model='ich9'>, which plays through the SPICE audio. */
const SOUND_RANGE = { start: { line: 112, character: 4 }, end: { line: 112, character: 24 } };

interface Client {
  connection: MessageConnection;
  child: ChildProcessWithoutNullStreams;
  /** Every publishDiagnostics, in order of arrival. */
  published: PublishDiagnosticsParams[];
  /** Every window/showMessage. */
  messages: { type: number; message: string }[];
  /** Resolves with the next publishDiagnostics for `uri` (optionally of a version) not yet taken. */
  diagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams>;
  stderr(): string;
}

const running: Client[] = [];
afterEach(() => {
  for (const c of running.splice(0)) {
    c.connection.dispose();
    c.child.kill();
  }
});

async function start(dir: string, initializationOptions: object, opts: { documentChanges?: boolean } = {}): Promise<Client> {
  const child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: dir, env: cliEnv() });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const connection = createMessageConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
  const published: PublishDiagnosticsParams[] = [];
  const messages: { type: number; message: string }[] = [];
  const waiting: { uri: string; version?: number; resolve: (p: PublishDiagnosticsParams) => void }[] = [];
  const taken = new Set<PublishDiagnosticsParams>();
  const match = (w: (typeof waiting)[number], p: PublishDiagnosticsParams) => p.uri === w.uri && (w.version === undefined || p.version === w.version);
  connection.onNotification('textDocument/publishDiagnostics', (p: PublishDiagnosticsParams) => {
    published.push(p);
    const i = waiting.findIndex((w) => match(w, p));
    if (i >= 0) {
      taken.add(p);
      waiting.splice(i, 1)[0].resolve(p);
    }
  });
  connection.onNotification('window/showMessage', (m: { type: number; message: string }) => void messages.push(m));
  connection.onNotification('window/logMessage', () => {});
  connection.listen();
  const client: Client = {
    connection,
    child,
    published,
    messages,
    stderr: () => stderr,
    diagnostics: (uri, version) =>
      new Promise((resolve, reject) => {
        const ready = published.find((p) => !taken.has(p) && match({ uri, version, resolve }, p));
        if (ready) {
          taken.add(ready);
          return resolve(ready);
        }
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version}; server stderr: ${stderr}`)), 15_000);
        waiting.push({ uri, version, resolve: (p) => (clearTimeout(timer), resolve(p)) });
      }),
  };
  running.push(client);
  const init = await connection.sendRequest('initialize', {
    processId: null,
    rootUri: pathToFileURL(dir).href,
    capabilities: { workspace: { workspaceEdit: { documentChanges: opts.documentChanges ?? true } } },
    initializationOptions,
  });
  expect(init).toMatchObject({ capabilities: { codeActionProvider: { codeActionKinds: ['quickfix', 'source.fixAll.virt-lint'] }, hoverProvider: true }, serverInfo: { name: 'virt-lint' } });
  await connection.sendNotification('initialized', {});
  return client;
}

function open(c: Client, uri: string, text: string, version = 1): Promise<void> {
  return c.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xml', version, text } });
}

function change(c: Client, uri: string, version: number, text: string): Promise<void> {
  return c.connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
}

const FACTS = { qemuVersion: '9.1.1', libvirtVersion: '10.0.0', detect: false };

describe('virt-lint lsp', () => {
  it('publishes the QEMU 9.1.1 error at its range, offers its fixes, and clears it once one is applied', async () => {
    const dir = tempDir('lsp');
    const uri = pathToFileURL(join(dir, 'win11.xml')).href;
    const c = await start(dir, FACTS);
    await open(c, uri, EXAMPLE);

    const first = await c.diagnostics(uri, 1);
    expect(first.diagnostics).toEqual([
      {
        range: SOUND_RANGE,
        severity: 1,
        source: 'virt-lint',
        code: RULE,
        codeDescription: { href: `https://github.com/virt-lint/virt-lint/blob/main/docs/rules/${RULE}.md` },
        message: expect.stringMatching(/^<sound model='ich9'> plays through <audio id='1' type='spice'>: on QEMU 9\.1\.1, /),
      },
    ]);
    const diagnostic: Diagnostic = first.diagnostics[0];

    const actions: CodeAction[] = await c.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    });
    expect(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false])).toEqual([
      ["Set <audio id='1'> to type='none'", 'quickfix', true],
      // A suggestion that changes what the VM does says so.
      ["Remove the <sound model='ich9'> device (unsafe: changes what the VM does; review it)", 'quickfix', false],
      ['Fix all safe virt-lint problems', 'quickfix', false],
    ]);
    expect(actions[0].diagnostics).toEqual([diagnostic]);

    // Apply the preferred fix as the editor would: its versioned edits on the document it was computed for.
    const [edit] = actions[0].edit!.documentChanges as TextDocumentEdit[];
    expect(edit.textDocument).toEqual({ uri, version: 1 });
    // <audio id='1' type='spice'/> on line 117: the value 'spice' becomes 'none'.
    expect(edit.edits).toEqual([{ range: { start: { line: 116, character: 24 }, end: { line: 116, character: 29 } }, newText: 'none' }]);
    const doc = TextDocument.create(uri, 'xml', 1, EXAMPLE);
    const fixed = TextDocument.applyEdits(doc, edit.edits as TextEdit[]);
    expect(fixed).toBe(FIXED);
    await change(c, uri, 2, fixed);
    expect((await c.diagnostics(uri, 2)).diagnostics).toEqual([]);

    // Nothing left to act on.
    expect(await c.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [] } })).toEqual([]);
  });

  it("hovering a diagnostic says what its rule checks and links the rule's page", async () => {
    const dir = tempDir('lsp');
    const uri = pathToFileURL(join(dir, 'win11.xml')).href;
    const c = await start(dir, FACTS);
    await open(c, uri, EXAMPLE);
    await c.diagnostics(uri, 1);
    const hover: Hover = await c.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 112, character: 10 } });
    expect(hover.range).toEqual(SOUND_RANGE);
    expect(hover.contents).toEqual({
      kind: 'markdown',
      value: expect.stringContaining(`**virt-lint** \`${RULE}\`: `),
    });
    expect((hover.contents as { value: string }).value).toContain(`[Documentation](https://github.com/virt-lint/virt-lint/blob/main/docs/rules/${RULE}.md) · \`virt-lint rule ${RULE}\``);
    expect(await c.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 111, character: 4 } })).toBeNull();
  });

  it('"fix all safe problems" as a source action (fix on save) makes the document what --fix makes it; edits without versions for clients that ask so', async () => {
    const dir = tempDir('lsp');
    const uri = pathToFileURL(join(dir, 'win11.xml')).href;
    const c = await start(dir, FACTS, { documentChanges: false });
    await open(c, uri, EXAMPLE);
    await c.diagnostics(uri, 1);
    const actions: CodeAction[] = await c.connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    expect(actions.map((a) => [a.title, a.kind])).toEqual([['Fix all safe virt-lint problems', 'source.fixAll.virt-lint']]);
    const edits = actions[0].edit!.changes![uri];
    // One edit of the changed span only: the rest of the buffer (and the cursor in it) is untouched.
    expect(edits).toEqual([{ range: { start: { line: 116, character: 24 }, end: { line: 116, character: 28 } }, newText: 'non' }]);
    expect(TextDocument.applyEdits(TextDocument.create(uri, 'xml', 1, EXAMPLE), edits)).toBe(FIXED);
  });

  it('lints only documents whose root is <domain>, debounces changes, and clears a document that stops being one', async () => {
    const dir = tempDir('lsp');
    const network = pathToFileURL(join(dir, 'net.xml')).href;
    const uri = pathToFileURL(join(dir, 'win11.xml')).href;
    const c = await start(dir, { ...FACTS, debounceMs: 300 });
    await open(c, network, "<network>\n  <name>default</name>\n</network>\n");
    await open(c, uri, EXAMPLE);
    await c.diagnostics(uri, 1);
    // Messages are handled in order: the network was seen first, and nothing was published for it.
    expect(c.published.map((p) => p.uri)).toEqual([uri]);

    // Three quick edits: one lint, of the last version.
    await change(c, uri, 2, EXAMPLE.replace('<vcpu', '<vcpu '));
    await change(c, uri, 3, EXAMPLE.replace('<vcpu', '<vcpu  '));
    await change(c, uri, 4, EXAMPLE.replace('</domain>', '</domain'));
    const last = await c.diagnostics(uri, 4);
    expect(last.diagnostics.map((d) => d.code)).toEqual(['xml-not-well-formed']);
    expect(c.published.map((p) => p.version)).toEqual([1, 4]);

    // A document whose root stops being <domain> gets its diagnostics cleared.
    await change(c, uri, 5, "<network>\n</network>\n");
    expect((await c.diagnostics(uri, 5)).diagnostics).toEqual([]);
  });

  it('takes configuration from the workspace as the CLI does, and lints again when it changes', async () => {
    const dir = tempDir('lsp');
    const uri = pathToFileURL(join(dir, 'win11.xml')).href;
    writeFileSync(join(dir, '.virt-lint.json'), JSON.stringify({ qemuVersion: '9.1.1', rules: { [RULE]: 'warning' } }));
    // No version in the options: the configuration's applies.
    const c = await start(dir, { detect: false });
    await open(c, uri, EXAMPLE);
    expect((await c.diagnostics(uri, 1)).diagnostics.map((d) => [d.code, d.severity])).toEqual([[RULE, 2]]);

    writeFileSync(join(dir, '.virt-lint.json'), JSON.stringify({ qemuVersion: '9.1.2' }));
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, '.virt-lint.json')).href, type: 2 }] });
    expect((await c.diagnostics(uri, 1)).diagnostics).toEqual([]);

    // A broken configuration is said once; the document gets no diagnostics rather than wrong ones.
    writeFileSync(join(dir, '.virt-lint.json'), JSON.stringify({ rules: { 'no-such-rule': 'off' } }));
    await c.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, '.virt-lint.json')).href, type: 2 }] });
    await change(c, uri, 2, FIXED);
    await open(c, pathToFileURL(join(dir, 'other.xml')).href, "<domain type='kvm'><name>x</name></domain>");
    await c.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 0, character: 0 } });
    expect(c.messages).toEqual([{ type: 1, message: "virt-lint: .virt-lint.json: rules.no-such-rule: unknown rule" }]);
  });

  it('a version that is not one is said in a message, and linting goes on without it', async () => {
    const dir = tempDir('lsp');
    const uri = pathToFileURL(join(dir, 'win11.xml')).href;
    const c = await start(dir, { qemuVersion: 'nine', detect: false, qemuVersoin: '9.1.1' });
    await open(c, uri, EXAMPLE);
    expect((await c.diagnostics(uri, 1)).diagnostics).toEqual([]);
    expect(c.messages.map((m) => m.message)).toEqual([
      "virt-lint: unknown initialization option 'qemuVersoin'; did you mean 'qemuVersion'? (ignored)",
      "virt-lint: initializationOptions.qemuVersion: 'nine' is not a QEMU version (expected e.g. 9.1.1 or \"QEMU emulator version 9.1.1 (...)\")",
    ]);
  });

  it('--help says what it is; an argument it does not know exits 2 with one line; --help lists it', async () => {
    const help = await runCli(['lsp', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: virt-lint lsp \[--stdio\]\n/);
    expect(help.stdout).toContain('Initialization options: qemuVersion, libvirtVersion, detect, configFile,');
    const bad = await runCli(['lsp', '--port', '4000']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^virt-lint: lsp: unknown argument '--port' \(the language server speaks on stdin\/stdout: --stdio, the default, is the only transport\)\n/);
    expect((await runCli(['--help'])).stdout).toMatch(/^ {7}virt-lint lsp {16}run the language server on stdin\/stdout, for editors/m);
  });

  it('shuts down and exits 0 when asked to', async () => {
    const c = await start(tempDir('lsp'), FACTS);
    const exited = new Promise<number | null>((resolve) => c.child.on('exit', (code) => resolve(code)));
    await c.connection.sendRequest('shutdown');
    await c.connection.sendNotification('exit');
    expect(await exited).toBe(0);
    expect(c.stderr()).toBe('');
  });
});
