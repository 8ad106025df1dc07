/**
 * The commented starter configuration `virt-lint --init` writes, as text:
 * JSON with comments (`.virt-lint.jsonc`, which editors read as JSONC), with
 * the host versions the CLI found filled in, or left as comments that say
 * where to find them. Pure: the CLI detects the versions and writes the file.
 */
import type { HostVersion } from '#engine/host-facts.js';
import { DOCS_REF, REPOSITORY_URL } from '../docs/links.js';

/** The file `--init` writes. */
export const STARTER_FILE = '.virt-lint.jsonc';

/** The JSON Schema on the repository's default branch, for editors (a URL works for every kind of install). */
export const SCHEMA_URL = `${REPOSITORY_URL.replace('https://github.com/', 'https://raw.githubusercontent.com/')}/${DOCS_REF}/schema/virt-lint.schema.json`;

export interface StarterFacts {
  qemu?: HostVersion;
  libvirt?: HostVersion;
  /** Why a version was not found, for the comment that replaces it. */
  whyUnknown?: { qemu?: string; libvirt?: string };
}

/** One `"key": "value",` line, or the same line commented out with a note on where to find the value. */
function versionLine(key: string, found: HostVersion | undefined, example: string, how: string, why: string | undefined): string[] {
  if (found) return [`  // From ${found.source}.`, `  "${key}": ${JSON.stringify(found.version)},`];
  return [`  // Not found${why ? ` (${why.replace(/\n/g, ' ')})` : ''}: ${how}.`, `  // "${key}": "${example}",`];
}

export function starterConfig(facts: StarterFacts): string {
  const lines = [
    '// virt-lint configuration (JSON with comments).',
    `// Reference: ${REPOSITORY_URL}/blob/${DOCS_REF}/docs/configuration.md`,
    '// Used for the XML files in this directory and below (the nearest configuration wins, whole).',
    '{',
    '  // Lets editors complete and check this file.',
    `  "$schema": ${JSON.stringify(SCHEMA_URL)},`,
    '',
    '  // The versions of the host your domains run on: version-specific rules need them.',
    '  // --qemu-version / --libvirt-version and VIRT_LINT_QEMU_VERSION / VIRT_LINT_LIBVIRT_VERSION win over these.',
    '  // Found on the machine that ran `virt-lint --init`: if your VMs run on another host, write its versions.',
    ...versionLine('qemuVersion', facts.qemu, '9.1.1', 'on the VM host, run qemu-system-x86_64 --version (or virsh version)', facts.whyUnknown?.qemu),
    ...versionLine('libvirtVersion', facts.libvirt, '10.0.0', 'on the VM host, run virsh version', facts.whyUnknown?.libvirt),
    '',
    '  // Rule id -> "off", "info", "warning" or "error", or [severity, { options }].',
    '  // `virt-lint --list-rules` lists the rules; `virt-lint rule <id>` shows one with its options.',
    '  "rules": {',
    '    // "qemu-911-spice-hda-audio": ["error", { "preferredFix": "remove-sound" }]',
    '  },',
    '',
    '  // Files never linted, even when named on the command line; read like .gitignore, relative to this file.',
    '  "ignores": [',
    '    // "generated/", "*.tmpl.xml"',
    '  ]',
    '',
    '  // Rule settings for some files; later entries win:',
    '  // , "overrides": [{ "files": ["lab/**"], "rules": { "qemu-911-spice-hda-audio": "info" } }]',
    '}',
  ];
  return lines.join('\n') + '\n';
}
