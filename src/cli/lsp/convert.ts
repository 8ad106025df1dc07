/**
 * virt-lint results in the Language Server Protocol's terms: messages as
 * diagnostics (0-based lines, UTF-16 characters, as both sides count them),
 * fixes as text edits, rule docs as links. Pure: the server (server.ts) owns
 * the connection and the documents.
 */
import type { CodeAction, Diagnostic, Hover, Position, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { LintFix, LintMessage } from '#api/results.js';

/** DiagnosticSeverity: Error 1, Warning 2, Information 3. */
const SEVERITY = { error: 1, warning: 2, info: 3 } as const;
/** DiagnosticTag.Unnecessary: editors fade what it marks. */
const UNNECESSARY = 1;
/** The code action kind of "fix all safe problems" (editors run `source.fixAll` on save when asked to). */
export const FIX_ALL_KIND = 'source.fixAll.virt-lint';
export const SOURCE = 'virt-lint';

/**
 * Whether the document's root element is `<domain>`: only those are linted.
 * Read from the text (after the XML declaration, comments, processing
 * instructions and a DOCTYPE), so a domain that is not yet well-formed while
 * it is typed still gets its diagnostics.
 */
export function hasDomainRoot(text: string): boolean {
  const prolog = /^\uFEFF?(?:\s+|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE(?:[^<>[]|\[[\s\S]*?\])*>)*/.exec(text)![0];
  return /^<domain[\s/>]/.test(text.slice(prolog.length));
}

/**
 * Positions in a message count from the text after a BOM (virt-lint's
 * offsets and columns do); an editor's document may keep the BOM as its
 * first character.
 */
const bomOf = (doc: TextDocument): number => (doc.getText({ start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }) === '\uFEFF' ? 1 : 0);

function messageRange(m: LintMessage, bom: number): Range {
  const at = (line: number, column: number) => ({ line: line - 1, character: column - 1 + (line === 1 ? bom : 0) });
  return { start: at(m.line, m.column), end: at(m.endLine, m.endColumn) };
}

/** A message's range in the document, and whether a position lies in it (ends included, as a cursor after a word is on it). */
export function rangeOf(m: LintMessage, doc: TextDocument): { range: Range; contains(p: Position): boolean } {
  const range = messageRange(m, bomOf(doc));
  return { range, contains: (p) => !before(p, range.start) && !before(range.end, p) };
}

export function toDiagnostic(m: LintMessage, doc: TextDocument): Diagnostic {
  return {
    range: messageRange(m, bomOf(doc)),
    severity: SEVERITY[m.severity],
    source: SOURCE,
    code: m.ruleId,
    ...(m.docsUrl ? { codeDescription: { href: m.docsUrl } } : {}),
    message: m.message,
    ...(m.ruleId === 'unused-suppression' ? { tags: [UNNECESSARY] } : {}),
  };
}

export function fixEdits(fix: LintFix, doc: TextDocument): TextEdit[] {
  const bom = bomOf(doc);
  return fix.edits.map(({ range: [start, end], text }) => ({ range: { start: doc.positionAt(start + bom), end: doc.positionAt(end + bom) }, newText: text }));
}

/** Edits for one document, in the form the client said it takes (versioned `documentChanges` when it can). */
export function workspaceEdit(doc: TextDocument, edits: TextEdit[], versioned: boolean): WorkspaceEdit {
  return versioned ? { documentChanges: [{ textDocument: { uri: doc.uri, version: doc.version }, edits }] } : { changes: { [doc.uri]: edits } };
}

const overlaps = (a: Range, b: Range) => !(before(a.end, b.start) || before(b.end, a.start));
const before = (p: Position, q: Position) => p.line < q.line || (p.line === q.line && p.character < q.character);

/**
 * The quick fixes for messages whose range touches `range`: the safe fix
 * first (preferred), then each suggestion, the unsafe ones saying so in
 * their title.
 */
export function quickFixes(messages: readonly LintMessage[], doc: TextDocument, range: Range, versioned: boolean): CodeAction[] {
  const actions: CodeAction[] = [];
  for (const m of messages) {
    const diagnostic = toDiagnostic(m, doc);
    if (!overlaps(diagnostic.range, range)) continue;
    const action = (fix: LintFix, preferred: boolean): CodeAction => ({
      // A suggestion may be as safe as the fix (another way to mend it); an unsafe one says so.
      title: fix.safety === 'unsafe' ? `${fix.title} (unsafe: changes what the VM does; review it)` : fix.title,
      kind: 'quickfix',
      diagnostics: [diagnostic],
      ...(preferred ? { isPreferred: true } : {}),
      edit: workspaceEdit(doc, fixEdits(fix, doc), versioned),
    });
    if (m.fix) actions.push(action(m.fix, true));
    for (const s of m.suggestions ?? []) actions.push(action(s, false));
  }
  return actions;
}

/**
 * "Fix all safe problems": the document made what `--fix` makes of it, as one
 * edit of the span between the first and the last changed character (the
 * rest of the buffer, and the cursor in it, stay untouched).
 */
export function fixAllAction(doc: TextDocument, output: string, kind: string, versioned: boolean): CodeAction {
  const text = doc.getText();
  let start = 0;
  while (start < text.length && start < output.length && text[start] === output[start]) start++;
  let end = 0;
  while (end < text.length - start && end < output.length - start && text[text.length - 1 - end] === output[output.length - 1 - end]) end++;
  const edit = { range: { start: doc.positionAt(start), end: doc.positionAt(text.length - end) }, newText: output.slice(start, output.length - end) };
  return { title: 'Fix all safe virt-lint problems', kind, edit: workspaceEdit(doc, [edit], versioned) };
}

/** What the rule of the diagnostic under the cursor checks, with its documentation link. */
export function ruleHover(m: LintMessage, description: string | undefined, doc: TextDocument): Hover {
  const lines = [`**virt-lint** \`${m.ruleId}\`${description ? `: ${description}` : ''}`];
  if (m.docsUrl) lines.push('', `[Documentation](${m.docsUrl}) · \`${m.docs}\``);
  return { contents: { kind: 'markdown', value: lines.join('\n') }, range: messageRange(m, bomOf(doc)) };
}
