/**
 * Rule tests in the shape of the docs: the XML, the diagnostic (exact
 * position and message), the fixed output.
 */
import { describe, expect, it } from 'vitest';
import { lint, type LintResult } from '#engine/linter.js';
import type { Diagnostic } from '#engine/diagnostic.js';
import { fixText, type FixMode } from '#engine/apply-fixes.js';
import { parseVersion, type HostFacts } from '#engine/host-facts.js';
import { SourceText } from '#engine/source.js';
import type { Fix } from '#engine/edit.js';
import type { Rule, Severity } from '#engine/rule.js';

export interface HostInput {
  qemu?: string;
  libvirt?: string;
}

export function hostFacts(input: HostInput = {}): HostFacts {
  const facts: HostFacts = {};
  if (input.qemu) facts.qemu = { version: parseVersion(input.qemu)!, raw: input.qemu, source: 'test' };
  if (input.libvirt) facts.libvirt = { version: parseVersion(input.libvirt)!, raw: input.libvirt, source: 'test' };
  return facts;
}

/** How a run sets one rule, as a configuration does. */
export interface RuleSettingInput {
  severity?: Severity | 'off';
  options?: unknown;
}

export interface RunOptions {
  host?: HostInput;
  /** Rule options (validated by the rule's schema). */
  options?: unknown;
  /** Other rules to run beside this one, e.g. one whose problem a suppression suppresses. */
  rules?: readonly Rule[];
  /** Settings by rule id (severity, options), for this rule or the others; `options` wins for this rule's options. */
  settings?: Readonly<Record<string, RuleSettingInput>>;
}

/** Lints `xml` (text, or the file's bytes) with this rule and the run's other rules. */
export function runRule(rule: Rule, xml: string | Uint8Array, run: RunOptions = {}): LintResult {
  const settings = new Map(Object.entries(run.settings ?? {}));
  if (run.options !== undefined) settings.set(rule.meta.id, { ...settings.get(rule.meta.id), options: run.options });
  return lint(xml, {
    rules: [rule, ...(run.rules ?? []).filter((r) => r !== rule)],
    host: hostFacts(run.host),
    settings: settings.size ? settings : undefined,
  });
}

/** The diagnostics of this rule, reduced to what tests assert. */
export function diagnostics(rule: Rule, xml: string, run: RunOptions = {}) {
  return runRule(rule, xml, run).messages.map(brief);
}

export function brief(d: Diagnostic) {
  return {
    ruleId: d.ruleId,
    severity: d.severity,
    line: d.line,
    column: d.column,
    endLine: d.endLine,
    endColumn: d.endColumn,
    message: d.message,
  };
}

/** The text `--fix` (or `--fix --unsafe-fixes`) produces from this rule's fixes (the run's other rules report, but their fixes are not applied). */
export function fixed(rule: Rule, xml: string, run: RunOptions & { mode?: FixMode } = {}): string {
  const ownOnly = (result: LintResult): LintResult => ({ ...result, messages: result.messages.filter((d) => d.ruleId === rule.meta.id) });
  return fixText(xml, (raw) => ownOnly(runRule(rule, raw, run)), run.mode ?? 'safe').output;
}

/** Applies the n-th suggestion of the first diagnostic (what an editor's quick-fix would do). */
export function applySuggestion(rule: Rule, xml: string, index: number, run: RunOptions = {}): string {
  const [d] = runRule(rule, xml, run).messages;
  const fix = d?.suggestions?.[index];
  if (!fix) throw new Error(`no suggestion #${index}`);
  let out = xml;
  for (const e of [...fix.edits].sort((a, b) => b.range.start - a.range.start)) out = out.slice(0, e.range.start) + e.text + out.slice(e.range.end);
  return out;
}

/**
 * A domain as virt-manager writes it, with `devices` spliced into <devices>
 * and `extra` after </devices>. Lines before the devices are fixed, so tests
 * can state exact line numbers: with the default three feature lines, the
 * first device line is line 24.
 */
export function domain(devices: string, opts: { extra?: string; rootAttrs?: string; features?: string } = {}): string {
  const indent = (s: string, n: number) =>
    s
      .split('\n')
      .map((l) => (l ? ' '.repeat(n) + l : l))
      .join('\n');
  return `<domain type='kvm'${opts.rootAttrs ?? ''}>
  <name>win11</name>
  <uuid>0b9d8f38-5c56-4c2a-9d0b-6f6a1f3e2c11</uuid>
  <memory unit='KiB'>16777216</memory>
  <currentMemory unit='KiB'>16777216</currentMemory>
  <vcpu placement='static'>8</vcpu>
  <os firmware='efi'>
    <type arch='x86_64' machine='pc-q35-9.1'>hvm</type>
    <boot dev='hd'/>
  </os>
  <features>
${indent(opts.features ?? '<acpi/>\n<apic/>\n<smm state=\'on\'/>', 4)}
  </features>
  <cpu mode='host-passthrough' check='none' migratable='on'>
    <topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>
  </cpu>
  <clock offset='localtime'>
    <timer name='hypervclock' present='yes'/>
  </clock>
  <devices>
    <emulator>/usr/bin/qemu-system-x86_64</emulator>
${indent(devices, 4)}
  </devices>
${opts.extra ? indent(opts.extra, 2) + '\n' : ''}</domain>
`;
}

// ---------------------------------------------------------------------------
// The declarative rule tester (ESLint's RuleTester): a rule's tests are data,
// `valid` documents it must stay quiet on and `invalid` documents with the
// exact diagnostics and the fixed output.

export interface ValidCase extends RunOptions {
  /** The test's title; defaults to the case's index. */
  name?: string;
  /** The document; as bytes, to test how the file is decoded (then no fix may be offered). */
  xml: string | Uint8Array;
}

export interface ExpectedSuggestion {
  title?: string;
  /** The document after applying only this suggestion. */
  output: string;
}

export interface ExpectedError {
  messageId: string;
  /** When given, the report's data must equal it. */
  data?: Record<string, string | number>;
  line: number;
  column: number;
  endLine?: number;
  endColumn?: number;
  severity?: Severity;
  /** The rendered text; every rule's suite states it at least once. */
  message?: string;
  /** Every suggestion the diagnostic offers, in order; required when it offers any. */
  suggestions?: ExpectedSuggestion[];
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /**
   * What `--fix` (safe fixes, this rule only) makes of `xml`; `null` when it
   * changes nothing. Required for every case of a fixable rule.
   */
  output?: string | null;
  /** What `--fix --unsafe-fixes` makes of `xml`, when the case wants to show it. */
  unsafeOutput?: string | null;
}

export interface RuleTests {
  valid: (string | ValidCase)[];
  invalid: InvalidCase[];
}

/** Registers a vitest suite for `rule` from its valid and invalid cases. */
export function testRule(rule: Rule, tests: RuleTests): void {
  const id = rule.meta.id;
  describe(id, () => {
    tests.valid.forEach((c, i) => {
      const vc: ValidCase = typeof c === 'string' ? { xml: c } : c;
      it(`valid: ${vc.name ?? `#${i + 1}`}`, () => {
        const found = runRule(rule, vc.xml, vc).messages.filter((d) => d.ruleId === id);
        expect(found.map(brief), 'expected no diagnostics').toEqual([]);
      });
    });

    tests.invalid.forEach((c, i) => {
      it(`invalid: ${c.name ?? `#${i + 1}`}`, () => {
        const found = runRule(rule, c.xml, c).messages.filter((d) => d.ruleId === id);
        expect(found.map(brief), 'number of diagnostics').toHaveLength(c.errors.length);
        if (typeof c.xml !== 'string') {
          expect(found.filter((d) => d.fix || d.suggestions).map(brief), 'fixes offered on a document given as bytes').toEqual([]);
          if (c.output != null || c.unsafeOutput != null) throw new Error('a document given as bytes has no fixed output: state null');
        }
        const xml = typeof c.xml === 'string' ? c.xml : '';
        found.forEach((d, k) => checkError(d, c.errors[k], xml, `diagnostic ${k + 1}`));
        if (rule.meta.fixable !== false && c.output === undefined) {
          throw new Error(`${id} is fixable: state the case's output (null when --fix changes nothing)`);
        }
        if (typeof c.xml !== 'string') return;
        if (c.output !== undefined) {
          const out = fixed(rule, c.xml, c);
          if (c.output === null) expect(out, '--fix must change nothing').toBe(c.xml);
          else {
            expect(c.output, 'output equal to the input: use null').not.toBe(c.xml);
            expect(out, 'output of --fix').toBe(c.output);
          }
        }
        if (c.unsafeOutput !== undefined) {
          const out = fixed(rule, c.xml, { ...c, mode: 'unsafe' });
          expect(out, 'output of --fix --unsafe-fixes').toBe(c.unsafeOutput ?? c.xml);
        }
      });
    });

    it('has an invalid case for every message id, and one stating the rendered text', () => {
      const declared = Object.keys(rule.meta.messages);
      const tested = new Set(tests.invalid.flatMap((c) => c.errors.map((e) => e.messageId)));
      expect(declared.filter((m) => !tested.has(m)), 'message ids without an invalid case').toEqual([]);
      expect(tests.invalid.some((c) => c.errors.some((e) => e.message !== undefined)), 'no case states a rendered message').toBe(true);
    });
  });
}

function checkError(d: Diagnostic, e: ExpectedError, xml: string, label: string): void {
  expect(d.messageId, `${label}: messageId (message: ${d.message})`).toBe(e.messageId);
  if (e.data !== undefined) expect(d.data ?? {}, `${label}: data`).toEqual(e.data);
  expect([d.line, d.column], `${label}: line, column`).toEqual([e.line, e.column]);
  if (e.endLine !== undefined) expect(d.endLine, `${label}: endLine`).toBe(e.endLine);
  if (e.endColumn !== undefined) expect(d.endColumn, `${label}: endColumn`).toBe(e.endColumn);
  if (e.severity !== undefined) expect(d.severity, `${label}: severity`).toBe(e.severity);
  if (e.message !== undefined) expect(d.message, `${label}: message`).toBe(e.message);
  const offered = d.suggestions ?? [];
  if (offered.length && e.suggestions === undefined) throw new Error(`${label} offers ${offered.length} suggestion(s): list them with their output`);
  const expected = e.suggestions ?? [];
  expect(offered.map((s) => s.title), `${label}: suggestions`).toHaveLength(expected.length);
  offered.forEach((s, k) => {
    if (expected[k].title !== undefined) expect(s.title, `${label}: suggestion ${k + 1} title`).toBe(expected[k].title);
    expect(applyEditsOf(xml, s), `${label}: suggestion ${k + 1} output`).toBe(expected[k].output);
  });
}

function applyEditsOf(xml: string, fix: Fix): string {
  const source = new SourceText(xml);
  let out = source.text;
  for (const e of [...fix.edits].sort((a, b) => b.range.start - a.range.start)) out = out.slice(0, e.range.start) + e.text + out.slice(e.range.end);
  return SourceText.restore(out, source.hasBom);
}
