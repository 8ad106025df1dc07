/**
 * `virt-lint --list-rules --format json`: every rule's metadata as data, for
 * scripts and editor integrations. The table the CLI prints by default shows
 * the same rules.
 *
 * Each entry: `id`, `description`, `severity` (the default), `category`,
 * `fixable` (false, "safe" or "unsafe": the most its fixes may be), `needs`
 * (the host facts the rule needs, each with the versions it applies to as a
 * semver range, `*` for any; `{}` for rules that need none), `failsAt` (for
 * error rules: "define" when libvirt refuses the XML at `virsh define`,
 * "start" when QEMU refuses at `virsh start`; null for other rules), `docs`
 * (the command that prints its documentation) and `docsUrl`.
 */
import type { Rule } from '#engine/rule.js';
import { ruleDocsUrl } from '../docs/links.js';
import { docsCommand } from './types.js';

export function ruleListJson(rules: readonly Rule[]): string {
  const entries = rules.map(({ meta }) => ({
    id: meta.id,
    description: meta.description,
    severity: meta.severity,
    category: meta.category,
    fixable: meta.fixable,
    needs: { ...meta.requires },
    failsAt: meta.severity === 'error' ? (meta.failsAt ?? 'define') : null,
    docs: docsCommand(meta.id),
    docsUrl: ruleDocsUrl(meta.id),
  }));
  return JSON.stringify(entries, null, 2) + '\n';
}
