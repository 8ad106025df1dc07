/**
 * A rule's documentation page, rendered from its metadata alone: what
 * `virt-lint rule <id>` prints and what docs/rules/<id>.md holds.
 */
import type { Rule } from '#engine/rule.js';

const FACT_LABEL = { qemu: 'QEMU', libvirt: 'libvirt' } as const;

export function fixableLabel(rule: Rule): string {
  return rule.meta.fixable === false ? 'no' : rule.meta.fixable === 'safe' ? 'yes (safe)' : 'suggestion (unsafe)';
}

export function requirementsLabel(rule: Rule): string {
  const req = rule.meta.requires ?? {};
  const parts = (Object.keys(req) as (keyof typeof req)[]).map((k) => `${FACT_LABEL[k]} ${req[k] === '*' ? '(any version, must be known)' : req[k]}`);
  return parts.length ? parts.join(', ') : 'none';
}

interface OptionDoc {
  name: string;
  type: string;
  default: unknown;
  description: string;
}

/** Options as documented by the zod schema's JSON Schema (types, defaults, descriptions). */
export function optionDocs(rule: Rule, toJsonSchema: (schema: unknown) => unknown): OptionDoc[] {
  if (!rule.meta.options) return [];
  const schema = toJsonSchema(rule.meta.options) as { properties?: Record<string, Record<string, unknown>> };
  return Object.entries(schema.properties ?? {}).map(([name, p]) => ({
    name,
    type: Array.isArray(p.enum) ? p.enum.map((v) => JSON.stringify(v)).join(' \\| ') : String(p.type ?? 'value'),
    default: p.default,
    description: String(p.description ?? ''),
  }));
}

/**
 * Markdown renderers (GitHub's among them) drop what looks like an HTML tag,
 * so XML in prose (`<sound model='ich9'>`) would vanish from the page: wrap
 * each run of tags that is not already in a code span in backticks.
 */
export function codeTags(text: string): string {
  return text
    .split(/(`+[^`]*`+)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/(?:<\/?[A-Za-z][\w:.-]*(?:\s[^<>`]*)?\/?>)+/g, (tags) => `\`${tags}\``)))
    .join('');
}

export function renderRuleDoc(rule: Rule, toJsonSchema: (schema: unknown) => unknown): string {
  const { meta } = rule;
  const d = prose(meta.docs);
  const out: string[] = [
    `# ${meta.id}`,
    '',
    `${codeTags(meta.description)}.`,
    '',
    `- Default severity: \`${meta.severity}\``,
    ...(meta.severity === 'error' ? [`- Refused at: ${meta.failsAt === 'start' ? '`virsh start` (libvirt accepts the definition; QEMU refuses to start)' : '`virsh define`'}`] : []),
    `- Category: ${meta.category}`,
    `- Fixable: ${fixableLabel(rule)}`,
    `- Needs host facts: ${requirementsLabel(rule)}`,
    '',
    '## What it does',
    '',
    d.whatItDoes,
    '',
    '## Why is this bad?',
    '',
    d.whyIsThisBad,
    '',
    '## Example',
    '',
    '```xml',
    d.example,
    '```',
    '',
    '## Use instead',
    '',
    '```xml',
    d.useInstead,
    '```',
    '',
    '## Fix safety',
    '',
    d.fixSafety,
  ];
  const options = optionDocs(rule, toJsonSchema);
  if (options.length) {
    out.push('', '## Options', '', '| option | type | default | description |', '| --- | --- | --- | --- |');
    for (const o of options) out.push(`| \`${o.name}\` | ${o.type} | \`${JSON.stringify(o.default)}\` | ${codeTags(o.description).replace(/\|/g, '\\|')} |`);
  }
  if (d.notes) out.push('', '## Notes', '', d.notes);
  out.push('', '## Source', '', ...d.sources.map((s) => `- ${s}`));
  return out.join('\n') + '\n';
}

/** The prose fields with XML tags put in code spans; the XML examples stay as they are. */
function prose(d: Rule['meta']['docs']): Rule['meta']['docs'] {
  return {
    ...d,
    whatItDoes: codeTags(d.whatItDoes),
    whyIsThisBad: codeTags(d.whyIsThisBad),
    fixSafety: codeTags(d.fixSafety),
    sources: d.sources.map(codeTags),
    ...(d.notes !== undefined ? { notes: codeTags(d.notes) } : {}),
  };
}
