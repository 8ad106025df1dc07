/**
 * The generated rule reference: docs/rules/<id>.md for every rule (the page
 * `virt-lint rule <id>` prints) and docs/rules/README.md, a table of all
 * rules. Pure: rules in, files out. `npm run docs` (scripts/gen-docs.mjs)
 * writes them; test/docs/reference.test.ts fails when the committed files
 * differ from what the rules' metadata gives.
 */
import type { Rule } from '#engine/rule.js';
import { codeTags, fixableLabel, renderRuleDoc } from './render.js';
import { ruleDocsPath } from './links.js';

export const REFERENCE_DIR = 'docs/rules';
export const REGENERATE = 'npm run docs';

export interface GeneratedFile {
  /** Relative to the repository root, forward slashes. */
  path: string;
  content: string;
}

const header = (from: string) => `<!-- Generated from ${from} by \`${REGENERATE}\`; do not edit by hand. -->\n\n`;

/** A table cell: one line, no pipes, no raw tags. */
function cell(s: string): string {
  return codeTags(s.replace(/\s*\n\s*/g, ' '))
    .replace(/\|/g, '\\|');
}

export function rulesTable(rules: readonly Rule[]): string {
  const rows = rules.map((r) => {
    const m = r.meta;
    return `| [${m.id}](${m.id}.md) | ${m.severity} | ${fixableLabel(r)} | ${m.category} | ${cell(m.docs.sources[0] ?? '')} | ${cell(m.description)} |`;
  });
  return [
    '# Rules',
    '',
    `${rules.length} rule${rules.length === 1 ? '' : 's'}. Each page says what the rule checks, why, an example and its correction, whether \`--fix\` can correct it, and where the facts come from; \`virt-lint rule <id>\` (or \`virt-lint --explain <id>\`) prints the same page.`,
    '',
    'Severity: `error` when libvirt or QEMU refuses the domain or the device does not work; `warning` when it runs but is broken or risky; `info` for advice. Fixable: `yes (safe)` when `--fix` applies the fix; `suggestion (unsafe)` when a fix is only offered (`--fix --unsafe-fixes` applies it).',
    '',
    '| id | severity | fixable | category | source (first) | description |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n') + '\n';
}

export function referenceFiles(rules: readonly Rule[], toJsonSchema: (schema: unknown) => unknown): GeneratedFile[] {
  const sorted = [...rules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  return [
    ...sorted.map((r) => ({ path: ruleDocsPath(r.meta.id), content: header(`rules/${r.meta.id}.ts`) + renderRuleDoc(r, toJsonSchema) })),
    { path: `${REFERENCE_DIR}/README.md`, content: header("the rules' metadata") + rulesTable(sorted) },
  ];
}
