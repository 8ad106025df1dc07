/**
 * SARIF 2.1.0, in the subset GitHub code scanning reads
 * (docs: "SARIF support for code scanning"): one run, the driver with the
 * rules that have results (id, short and full description, help as text and
 * as the rule's rendered documentation page, helpUri, default level, and for
 * rules in the security category a `security-severity`), and per result its
 * rule, level, message, one physical location and its element path as a
 * logical location. Fixes are included as SARIF `fixes` (GitHub ignores
 * them; editors' SARIF viewers offer them).
 *
 * Locations: with a `sourceRoot` (the CLI passes GITHUB_WORKSPACE when set,
 * else the repository root, else the working directory) a file below it is
 * a URI relative to it with `uriBaseId: "SRCROOT"`, and the run's
 * `originalUriBaseIds` says where SRCROOT is; a file outside it is an
 * absolute `file:` URI. Without one, URIs are relative to the working
 * directory, as before.
 *
 * Fingerprints: each result has `partialFingerprints["virtLint/v1"]`, a hash
 * of the rule id, the message id (the template, not the rendered text, which
 * may quote values), the normalized element path (element-path.ts) and the
 * file's URI, then `:n` for the n-th result with the same hash in the file.
 * No line, column or offset goes in, so inserting or moving unrelated lines
 * keeps every alert's identity. (GitHub's own `primaryLocationLineHash` is
 * left to GitHub: its upload action computes that key itself and warns when
 * a tool's value differs.)
 *
 * Rules that did not run because a host fact was unknown are
 * `toolExecutionNotifications` of the run's invocation, one per rule, with
 * the files they were skipped for.
 *
 * Columns are UTF-16 code units (SARIF's default `columnKind`), as the engine
 * counts them; `endColumn` is the column just past the range, as SARIF wants.
 */
import { createHash } from 'node:crypto';
import { isAbsolute, posix, relative, resolve, sep } from 'node:path';
import pkg from '../../package.json' with { type: 'json' };
import { type Formatter, type StreamingFormatter, collect, docsCommand } from './types.js';
import type { Fix } from '#engine/edit.js';
import type { Rule, Severity } from '#engine/rule.js';
import type { SourceText } from '#engine/source.js';
import type { Diagnostic } from '#engine/diagnostic.js';
import type { HostFactName } from '#engine/host-facts.js';
import { elementPath } from './element-path.js';
import { renderRuleDoc } from '../docs/render.js';
import { jsonSchemaOf } from '../docs/option-schema.js';
import { REPOSITORY_URL, ruleDocsUrl } from '../docs/links.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** GitHub's limit for shortDescription / fullDescription text. */
const DESCRIPTION_LIMIT = 1024;

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const PROBLEM_SEVERITY: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'recommendation' };

/**
 * `security-severity` of the rules in the security category, from their
 * default severity, on GitHub's scale (0.1-3.9 low, 4.0-6.9 medium, 7.0-8.9
 * high, 9.0+ critical): an error is high, a warning medium, info low.
 */
export const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.0', info: '2.0' };

/** The key of virt-lint's own fingerprint in `partialFingerprints`. */
export const FINGERPRINT_KEY = 'virtLint/v1';

/** The `uriBaseId` of locations below the source root. */
export const SRCROOT = 'SRCROOT';

/** How the "rule skipped" notification names each missing fact. */
const FACT_HINT: Record<HostFactName, string> = { qemu: 'the QEMU version (--qemu-version)', libvirt: 'the libvirt version (--libvirt-version)' };

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
    properties: {
      tags: [meta.category],
      'problem.severity': PROBLEM_SEVERITY[meta.severity],
      ...(meta.category === 'security' ? { 'security-severity': SECURITY_SEVERITY[meta.severity] } : {}),
    },
  };
}

function region(source: SourceText, start: number, end: number) {
  const s = source.position(start);
  const e = source.position(end);
  return { startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: e.column };
}

function sarifFix(fix: Fix, artifact: ReturnType<typeof artifactLocation>, source: SourceText) {
  return {
    description: { text: fix.safety === 'safe' ? fix.title : `${fix.title} (unsafe: review before applying)` },
    artifactChanges: [
      {
        artifactLocation: artifact,
        replacements: fix.edits.map((e) => ({ deletedRegion: region(source, e.range.start, e.range.end), insertedContent: { text: e.text } })),
      },
    ],
  };
}

/** Where a file is: relative to SRCROOT when it lies below the source root, else as before. */
export function artifactLocation(filePath: string, ctx: { cwd: string; sourceRoot?: string }, virtual = false): { uri: string; uriBaseId?: string } {
  if (virtual || !ctx.sourceRoot) return { uri: artifactUri(filePath) };
  const rel = relative(ctx.sourceRoot, resolve(ctx.cwd, filePath));
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return { uri: artifactUri(resolve(ctx.cwd, filePath)) };
  return { uri: artifactUri(rel), uriBaseId: SRCROOT };
}

/** A directory as the absolute `file:` URI SARIF wants for a base id (with a trailing slash). */
function directoryUri(dir: string): string {
  const uri = artifactUri(resolve(dir));
  return uri.endsWith('/') ? uri : `${uri}/`;
}

/** The fingerprint of each of a file's results, in order (see the module comment); `paths` are their element paths. */
function fingerprints(messages: readonly Diagnostic[], paths: readonly string[], uri: string): string[] {
  const seen = new Map<string, number>();
  return messages.map((m, i) => {
    const hash = createHash('sha256')
      .update(JSON.stringify([m.ruleId, m.messageId ?? '', paths[i], uri]))
      .digest('hex')
      .slice(0, 32);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return `${hash}:${n}`;
  });
}

/**
 * Results are built as each file comes (so its source text and tree can be
 * dropped); the rule table, which must list every rule with results before
 * them, is written at the end.
 */
export const streamSarif: StreamingFormatter = (ctx) => {
  const results: ReturnType<typeof sarifResult>[] = [];
  /** Per rule skipped for an unknown fact: the facts and the files. */
  const skipped = new Map<string, { missing: Set<HostFactName>; files: ReturnType<typeof artifactLocation>[] }>();
  return {
    file({ filePath, result, virtual }) {
      const location = artifactLocation(filePath, ctx, virtual);
      const paths = result.messages.map((m) => elementPath(result.doc, m.range));
      const prints = fingerprints(result.messages, paths, location.uri);
      result.messages.forEach((m, i) => results.push(sarifResult(m, location, result.source, paths[i], prints[i])));
      for (const s of result.skippedRules) {
        let entry = skipped.get(s.ruleId);
        if (!entry) skipped.set(s.ruleId, (entry = { missing: new Set(), files: [] }));
        s.missing.forEach((f) => entry.missing.add(f));
        entry.files.push(location);
      }
      return '';
    },
    end() {
      const byId = new Map(ctx.rules.map((r) => [r.meta.id, r]));
      const ids = [...new Set(results.map((r) => r.ruleId))].sort();
      const ruleIndex = new Map(ids.map((id, i) => [id, i]));
      const notifications = [...skipped.keys()].sort().map((id) => {
        const { missing, files } = skipped.get(id)!;
        const needs = [...missing].sort().map((f) => FACT_HINT[f]);
        return {
          level: 'note' as const,
          message: { text: `Rule ${id} did not run: it needs ${needs.join(' and ')}, which ${needs.length === 1 ? 'was' : 'were'} not known (${files.length} file${files.length === 1 ? '' : 's'}).` },
          descriptor: { id: 'rule-skipped' },
          associatedRule: { id },
          locations: files.map((artifact) => ({ physicalLocation: { artifactLocation: artifact } })),
        };
      });
      return sarifLog(
        ids.map((id) => descriptor(id, byId.get(id))),
        results.map(({ ruleId, level, message, locations, ...rest }) => ({ ruleId, ruleIndex: ruleIndex.get(ruleId)!, level, message, locations, ...rest })),
        notifications,
        ctx.sourceRoot,
      );
    },
  };
};

export const formatSarif: Formatter = collect(streamSarif);

function sarifResult(m: Diagnostic, artifact: ReturnType<typeof artifactLocation>, source: SourceText, path: string, fingerprint: string) {
  const fixes = [...(m.fix ? [m.fix] : []), ...(m.suggestions ?? [])];
  return {
    ruleId: m.ruleId,
    level: LEVEL[m.severity],
    message: { text: m.message },
    locations: [
      {
        physicalLocation: {
          artifactLocation: artifact,
          region: { startLine: m.line, startColumn: m.column, endLine: m.endLine, endColumn: m.endColumn },
        },
        ...(path ? { logicalLocations: [{ fullyQualifiedName: path, kind: 'element' }] } : {}),
      },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: fingerprint },
    ...(fixes.length ? { fixes: fixes.map((f) => sarifFix(f, artifact, source)) } : {}),
  };
}

/** The notification descriptor that "rule skipped" notifications refer to. */
const NOTIFICATIONS = [
  {
    id: 'rule-skipped',
    shortDescription: { text: 'A rule did not run because a host fact it needs (the QEMU or libvirt version) was not known' },
  },
];

function sarifLog(rules: ReturnType<typeof descriptor>[], results: unknown[], notifications: unknown[], sourceRoot: string | undefined): string {
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
            notifications: NOTIFICATIONS,
          },
        },
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: notifications }],
        ...(sourceRoot ? { originalUriBaseIds: { [SRCROOT]: { uri: directoryUri(sourceRoot) } } } : {}),
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
