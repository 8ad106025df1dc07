/**
 * Rule tests in the shape of the docs: the XML, the diagnostic (exact
 * position and message), the fixed output.
 */
import { lint, type Diagnostic, type LintResult } from '../../src/engine/linter.js';
import { fixText, type FixMode } from '../../src/engine/fix.js';
import { parseVersion, type HostFacts } from '../../src/engine/host-facts.js';
import type { Rule } from '../../src/engine/rule.js';

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

export interface RunOptions {
  host?: HostInput;
  /** Rule options (validated by the rule's schema). */
  options?: unknown;
}

/** Lints `xml` with this one rule. */
export function runRule(rule: Rule, xml: string, run: RunOptions = {}): LintResult {
  return lint(xml, {
    rules: [rule],
    host: hostFacts(run.host),
    settings: run.options === undefined ? undefined : new Map([[rule.meta.id, { options: run.options }]]),
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

/** The text `--fix` (or `--fix --unsafe-fixes`) produces with only this rule enabled. */
export function fixed(rule: Rule, xml: string, run: RunOptions & { mode?: FixMode } = {}): string {
  return fixText(xml, (raw) => runRule(rule, raw, run), run.mode ?? 'safe').output;
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
