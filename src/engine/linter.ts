/**
 * The engine: parse once, run the applicable rules, collect and sort their
 * diagnostics. Reading files, gathering host facts and printing are the CLI's
 * business; this module only sees text.
 */
import { satisfiesRange } from './version.js';
import { parseXml } from './parse.js';
import { decodeForDisplay, decodeXmlBytes } from './decode.js';
import { SourceText, type Range } from './source.js';
import { Fixer } from './fixer.js';
import { applySuppressions } from './suppressions.js';
import { fixGate } from './fix-gates.js';
import { makeDiagnostic, makeMessageDiagnostic, NOT_WELL_FORMED, NOT_WELL_FORMED_MESSAGES, RULE_CRASHED, type Diagnostic } from './diagnostic.js';
import { renderMessage, resolveOptions, type ReportDescriptor, type Rule, type RuleContext, type RuleOverride, type Severity } from './rule.js';
import type { Fix } from './edit.js';
import type { HostFactName, HostFacts } from './host-facts.js';
import type { XmlDocument } from './tree.js';

export interface LintOptions {
  rules: readonly Rule[];
  /** Host facts, or a function of the parsed document (detection needs its architecture). */
  host: HostFacts | ((doc: XmlDocument) => HostFacts);
  /** Per-rule severity and options; a rule not named runs with its defaults. */
  settings?: ReadonlyMap<string, RuleOverride>;
  /** Post-processing of the diagnostics, e.g. inline suppressions. */
  filter?: (doc: XmlDocument, source: SourceText, diagnostics: Diagnostic[]) => Diagnostic[];
}

export interface SkippedRule {
  ruleId: string;
  missing: HostFactName[];
}

export interface LintResult {
  source: SourceText;
  /** Undefined when the text is not well-formed. */
  doc?: XmlDocument;
  messages: Diagnostic[];
  /** Set when the file is not a domain (another libvirt XML kind): nothing was checked. */
  skippedReason?: string;
  /** Rules that did not run because a host fact they need is unknown. */
  skippedRules: SkippedRule[];
}

/**
 * Lints a document given as text, or as the file's bytes: bytes are decoded as
 * libvirt decodes them (strict UTF-8, see decode.ts), and bytes it would refuse
 * are one `xml-not-well-formed` error at their line and column.
 */
export function lint(input: string | Uint8Array, options: LintOptions): LintResult {
  let raw: string;
  if (typeof input === 'string') raw = input;
  else {
    const decoded = decodeXmlBytes(input);
    if (!decoded.ok) {
      // Positions are computed on the text before the bad bytes, which decodes exactly.
      const source = new SourceText(decodeForDisplay(input));
      const at = source.offset(decoded.line, decoded.column);
      const diagnostic = notWellFormed(source, 'notUtf8', decoded.message, at);
      return { source, messages: [diagnostic], skippedRules: [] };
    }
    raw = decoded.text;
  }
  const source = new SourceText(raw);
  const parsed = parseXml(source);
  if (!parsed.ok) {
    const { offset, message } = parsed.error;
    const diagnostic = notWellFormed(source, 'notWellFormed', message, offset);
    return { source, messages: [diagnostic], skippedRules: [] };
  }
  const doc = parsed.doc;
  if (doc.root.name !== 'domain') {
    return { source, doc, messages: [], skippedRules: [], skippedReason: `root element is <${doc.root.name}>, not <domain>` };
  }

  const host = typeof options.host === 'function' ? options.host(doc) : options.host;
  const fixer = new Fixer(source);
  const gateFixes = fixGate(doc, host);
  let messages: Diagnostic[] = [];
  const skippedRules: SkippedRule[] = [];
  const ran = new Set<string>();
  for (const rule of options.rules) {
    const setting = options.settings?.get(rule.meta.id);
    if (setting?.severity === 'off') continue;
    const gate = checkRequirements(rule, host);
    if (gate === 'not-applicable') continue;
    if (gate.length) {
      skippedRules.push({ ruleId: rule.meta.id, missing: [...gate] });
      continue;
    }
    ran.add(rule.meta.id);
    const report = (d: ReportDescriptor) => {
      // A configured severity wins over the rule's own choice ('off' never gets here).
      const severity = (setting?.severity as Severity | undefined) ?? d.severity ?? rule.meta.severity;
      const diagnostic = makeDiagnostic(source, rule.meta.id, severity, messageOf(rule, d), rangeOf(d.at), d.fixes && gateFixes(d.fixes));
      diagnostic.messageId = d.messageId;
      if (d.data) diagnostic.data = d.data;
      messages.push(diagnostic);
    };
    const context: RuleContext = {
      doc,
      domain: doc.root,
      host,
      options: resolveOptions(rule, setting?.options),
      fixer,
      report,
    };
    try {
      rule.create(context);
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      messages.push(makeDiagnostic(source, RULE_CRASHED, 'error', `rule ${rule.meta.id} crashed: ${why} (please report this bug)`, doc.root.startTag));
    }
  }
  messages = applySuppressions(doc, source, messages, { rules: options.rules, settings: options.settings, ran });
  if (options.filter) messages = options.filter(doc, source, messages);
  messages.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.ruleId.localeCompare(b.ruleId));
  return { source, doc, messages, skippedRules };
}

/** 'not-applicable' when a known fact is out of range; else the facts that are missing (none: run). */
function checkRequirements(rule: Rule, host: HostFacts): 'not-applicable' | readonly HostFactName[] {
  const requires = rule.meta.requires;
  if (!requires) return NOTHING_MISSING; // most rules: nothing to check, nothing to allocate
  const missing: HostFactName[] = [];
  for (const fact of Object.keys(requires) as HostFactName[]) {
    const range = requires[fact]!;
    const known = host[fact];
    if (!known) missing.push(fact);
    else if (!satisfiesRange(known.version, range)) return 'not-applicable';
  }
  return missing;
}

const NOTHING_MISSING: readonly HostFactName[] = Object.freeze([]);
function messageOf(rule: Rule, d: ReportDescriptor): string {
  const template = rule.meta.messages[d.messageId];
  if (template === undefined) throw new Error(`unknown messageId '${d.messageId}'`);
  return renderMessage(template, d.data);
}

function notWellFormed(source: SourceText, messageId: keyof typeof NOT_WELL_FORMED_MESSAGES, detail: string, offset: number): Diagnostic {
  return makeMessageDiagnostic(source, NOT_WELL_FORMED, 'error', NOT_WELL_FORMED_MESSAGES, { messageId, data: { detail } }, { start: offset, end: offset });
}

function rangeOf(at: ReportDescriptor['at']): Range {
  if ('kind' in at) return at.startTag; // element: its start tag
  if ('valueRange' in at) return at.range; // attribute: name through closing quote
  return at;
}
