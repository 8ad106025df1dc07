/**
 * GitHub Actions: one workflow command per problem, which GitHub turns into an
 * annotation on the file and line (`::error file=...,line=...::message`), then
 * the normal stylish report, because GitHub shows only the first 10 error and
 * 10 warning annotations of a step (50 per job) and drops the rest silently.
 *
 * Escaping follows actions/toolkit (packages/core/src/command.ts): in the
 * message `%`, CR and LF are percent-encoded; in property values `:` and `,`
 * are too. Columns are sent only for a range on one line, as GitHub's
 * annotations support columns on a single line only. Other control
 * characters are shown escaped (escape.ts): the log viewer renders ANSI
 * escapes.
 *
 * Annotations are written file by file; the stylish report that follows them
 * is kept as text until the end (only files with problems add to it).
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { type Formatter, type FormatContext, type StreamingFormatter, collect, docsCommand } from './types.js';
import { streamStylish } from './stylish.js';
import { escapeControlsKeepingLineBreaks } from './escape.js';
import { ruleDocsUrl } from '../docs/links.js';
import type { Severity } from '#engine/rule.js';
import type { Diagnostic } from '#engine/diagnostic.js';

/** Per step, GitHub shows at most this many annotations of each level. */
export const ANNOTATIONS_SHOWN_PER_STEP = 10;

const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * The path GitHub expects: relative to the repository checkout
 * (GITHUB_WORKSPACE) when the file lies inside it, with forward slashes.
 */
export function annotationPath(filePath: string, ctx: Pick<FormatContext, 'cwd' | 'env'>): string {
  let p = filePath;
  const workspace = ctx.env?.GITHUB_WORKSPACE;
  if (workspace && isAbsolute(workspace)) {
    const rel = relative(workspace, resolve(ctx.cwd, filePath));
    if (rel && !rel.startsWith('..') && !isAbsolute(rel)) p = rel;
  }
  return sep === '\\' ? p.split(sep).join('/') : p;
}

export function annotation(file: string, m: Diagnostic, known: boolean): string {
  const props = [`file=${escapeProperty(escapeControlsKeepingLineBreaks(file))}`, `line=${m.line}`];
  if (m.endLine === m.line) props.push(`col=${m.column}`, `endLine=${m.endLine}`, `endColumn=${m.endColumn}`);
  else props.push(`endLine=${m.endLine}`);
  props.push(`title=${escapeProperty(`virt-lint (${m.ruleId})`)}`);
  const body = [escapeControlsKeepingLineBreaks(m.message)];
  if (m.fix) body.push(`Fix: ${m.fix.title} (virt-lint --fix applies it)`);
  if (known) body.push(`Docs: ${ruleDocsUrl(m.ruleId)} or \`${docsCommand(m.ruleId)}\``);
  return `::${COMMAND[m.severity]} ${props.join(',')}::${escapeData(body.join('\n'))}`;
}

export const streamGithub: StreamingFormatter = (ctx) => {
  const known = new Set(ctx.rules.map((r) => r.meta.id));
  const perLevel: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const stylish = streamStylish(ctx);
  let report = '';
  let annotated = false;
  return {
    file(r) {
      const file = annotationPath(r.filePath, ctx);
      let out = '';
      for (const m of r.result.messages) {
        perLevel[m.severity]++;
        out += annotation(file, m, known.has(m.ruleId)) + '\n';
      }
      if (out) annotated = true;
      report += stylish.file(r);
      return out;
    },
    end(notes) {
      const over = (Object.keys(perLevel) as Severity[]).filter((s) => perLevel[s] > ANNOTATIONS_SHOWN_PER_STEP);
      let out = '';
      if (over.length && !ctx.quiet) {
        const counts = over.map((s) => `${perLevel[s]} ${COMMAND[s]}s`).join(', ');
        out += `virt-lint: ${counts}: GitHub shows only the first ${ANNOTATIONS_SHOWN_PER_STEP} annotations of each kind per step; the full report follows.\n`;
      }
      if (annotated) out += '\n';
      return out + report + stylish.end(notes);
    },
  };
};

export const formatGithub: Formatter = collect(streamGithub);
