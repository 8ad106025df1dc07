/**
 * SARIF 2.1.0, in the subset GitHub code scanning reads
 * (docs: "SARIF support for code scanning"): one run, the driver with the
 * rules that have results (id, short and full description, help as text and
 * as the rule's rendered documentation page, helpUri, default level), and per
 * result its rule, level, message and one physical location whose URI is
 * relative to the working directory. Fixes are included as SARIF `fixes`
 * (GitHub ignores them; editors' SARIF viewers offer them).
 *
 * Columns are UTF-16 code units (SARIF's default `columnKind`), as the engine
 * counts them; `endColumn` is the column just past the range, as SARIF wants.
 */
import { isAbsolute, posix, sep } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { type Formatter, type StreamingFormatter, collect, docsCommand } from './types.js';
import type { Fix } from '#engine/edit.js';
import type { Rule, Severity } from '#engine/rule.js';
import type { SourceText } from '#engine/source.js';
import type { Diagnostic } from '#engine/diagnostic.js';
import { renderRuleDoc } from '../docs/render.js';
import { jsonSchemaOf } from '../docs/option-schema.js';
import { REPOSITORY_URL, ruleDocsUrl } from '../docs/links.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** GitHub's limit for shortDescription / fullDescription text. */
const DESCRIPTION_LIMIT = 1024;

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const PROBLEM_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'recommendation' };

/** Ids the engine reports without a rule module behind them. */
const BUILT_IN: Record<string, string> = {
  'internal-error': 'A virt-lint rule crashed while checking this file (a bug in virt-lint; please report it)',
};

function truncate(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/**
 * A file path as a SARIF artifact URI: relative paths stay relative (forward
 * slashes, each segment percent-encoded), absolute ones become file: URIs.
 */
export function artifactUri(filePath: string): string {
  const encode = (p: string) => p.split('/').map(encodeURIComponent).join('/');
  const slashed = sep === '\\' ? filePath.split(sep).join('/') : filePath;
  if (isAbsolute(filePath) || /^[A-Za-z]:\//.test(slashed)) {
    const path = slashed.startsWith('/') ? slashed : `/${slashed}`;
    return `file://${path.split('/').map((seg, i) => (i === 1 && /^[A-Za-z]:$/.test(seg) ? seg : encodeURIComponent(seg))).join('/')}`;
  }
  return encode(posix.normalize(slashed));
}

function descriptor(id: string, rule: Rule | undefined) {
  if (!rule) {
    const text = BUILT_IN[id] ?? `Reported by virt-lint (${id})`;
    return {
      id,
      shortDescription: { text },
      fullDescription: { text },
      help: { text },
      defaultConfiguration: { level: 'error' as const },
    };
  }
  const { meta } = rule;
  const markdown = renderRuleDoc(rule, jsonSchemaOf);
  return {
    id,
    shortDescription: { text: truncate(meta.description, DESCRIPTION_LIMIT) },
    fullDescription: { text: truncate(meta.docs.whatItDoes, DESCRIPTION_LIMIT) },
    help: {
      text: `${meta.docs.whatItDoes}\n\n${meta.docs.whyIsThisBad}\n\nFull documentation: ${ruleDocsUrl(id)} (or run \`${docsCommand(id)}\`).`,
      markdown,
    },
    helpUri: ruleDocsUrl(id),
    defaultConfiguration: { level: LEVEL[meta.severity] },
    properties: { tags: [meta.category], 'problem.severity': PROBLEM_SEVERITY[meta.severity] },
  };
}

function region(source: SourceText, start: number, end: number) {
  const s = source.position(start);
  const e = source.position(end);
  return { startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column };
}

function sarifFix(fix: Fix, uri: string, source: SourceText) {
  return {
    description: { text: fix.safety === 'safe' ? fix.title : `${fix.title} (unsafe: review before applying)` },
    artifactChanges: [
      {
        artifactLocation: { uri },
        replacements: fix.edits.map((e) => ({ deletedRegion: region(source, e.range.start, e.range.end), insertedContent: { text: e.text } })),
      },
    ],
  };
}

/**
 * Results are built as each file comes (so its source text and tree can be
 * dropped); the rule table, which must list every rule with results before
 * them, is written at the end.
 */
export const streamSarif: StreamingFormatter = (ctx) => {
  const results: ReturnType<typeof sarifResult>[] = [];
  return {
    file({ filePath, result }) {
      const uri = artifactUri(filePath);
      for (const m of result.messages) results.push(sarifResult(m, uri, result.source));
      return '';
    },
    end() {
      const byId = new Map(ctx.rules.map((r) => [r.meta.id, r]));
      const ids = [...new Set(results.map((r) => r.ruleId))].sort();
      const ruleIndex = new Map(ids.map((id, i) => [id, i]));
      return sarifLog(
        ids.map((id) => descriptor(id, byId.get(id))),
        results.map(({ ruleId, level, message, locations, ...rest }) => ({ ruleId, ruleIndex: ruleIndex.get(ruleId)!, level, message, locations, ...rest })),
      );
    },
  };
};

export const formatSarif: Formatter = collect(streamSarif);

function sarifResult(m: Diagnostic, uri: string, source: SourceText) {
  const fixes = [...(m.fix ? [m.fix] : []), ...(m.suggestions ?? [])];
  return {
    ruleId: m.ruleId,
    level: LEVEL[m.severity],
    message: { text: m.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri },
          region: { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn },
        },
      },
    ],
    ...(fixes.length ? { fixes: fixes.map((f) => sarifFix(f, uri, source)) } : {}),
  };
}

function sarifLog(rules: ReturnType<typeof descriptor>[], results: unknown[]): string {
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'virt-lint',
            version: pkg.version,
            semanticVersion: pkg.version,
            informationUri: REPOSITORY_URL,
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
