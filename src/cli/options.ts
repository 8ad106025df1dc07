/**
 * Command-line options: one table that drives both the parser and `--help`,
 * so the help cannot drift from what is accepted.
 */

import { didYouMean } from '#shared/text.js';

export class UsageError extends Error {}

interface OptionSpec {
  name: string;
  short?: string;
  /** Placeholder for the value; absent for flags. */
  value?: string;
  /** May be given several times (values collect into an array). */
  repeatable?: boolean;
  help: string;
  group: 'Input' | 'Host facts' | 'Fixing' | 'Output' | 'Configuration' | 'Live libvirt' | 'Information';
}

export const OPTION_SPECS: OptionSpec[] = [
  { name: 'stdin-filename', value: 'PATH', help: 'Name to report for input read from stdin (-)', group: 'Input' },
  { name: 'max-file-size', value: 'SIZE', help: 'Refuse input files larger than SIZE (default 16M; K, M, G suffixes); only regular files are read', group: 'Input' },

  { name: 'qemu-version', value: 'V', help: 'Host QEMU version, e.g. 9.1.1 or the output of qemu-system-x86_64 --version; versions the QEMU data lacks (2.3, micro releases) count as the nearest release at or below (env VIRT_LINT_QEMU_VERSION; else detected)', group: 'Host facts' },
  { name: 'libvirt-version', value: 'V', help: "Host libvirt version, e.g. 10.0.0 (env VIRT_LINT_LIBVIRT_VERSION; else read from libvirt.so.0's file name)", group: 'Host facts' },
  { name: 'no-detect', help: 'Detect nothing: run no qemu-system-<arch> --version, read no library name, no cache (README: Security)', group: 'Host facts' },

  { name: 'fix', help: 'Apply safe fixes in place (verified atomic write; mode, owner and attributes kept; see README "Reading and writing files"); with -, print the fixed document on stdout and the report on stderr', group: 'Fixing' },
  { name: 'fix-dry-run', help: 'Print the unified diff --fix would make; write nothing (exit 1 when there is a diff)', group: 'Fixing' },
  { name: 'unsafe-fixes', help: 'With --fix / --fix-dry-run, also apply the first suggested fix of diagnostics without a safe one', group: 'Fixing' },

  { name: 'format', short: 'f', value: 'NAME', help: 'Output format: stylish (default; github when GITHUB_ACTIONS=true), json, compact, sarif or github', group: 'Output' },
  { name: 'output-file', short: 'o', value: 'PATH', help: 'Write the report to PATH instead of stdout (atomic; never an input or a symlink; exit code unchanged)', group: 'Output' },
  { name: 'max-warnings', value: 'N', help: 'Exit 1 when there are more than N warnings', group: 'Output' },
  { name: 'quiet', short: 'q', help: 'Report errors only', group: 'Output' },
  { name: 'color', help: 'Force colour output', group: 'Output' },
  { name: 'no-color', help: 'Disable colour output (as does NO_COLOR)', group: 'Output' },

  { name: 'config', short: 'c', value: 'PATH', help: 'Use this configuration file for every input instead of the nearest .virt-lint.jsonc or .virt-lint.json', group: 'Configuration' },
  { name: 'no-config', help: 'Use no configuration file', group: 'Configuration' },
  { name: 'rule', value: 'ID=SEVERITY', repeatable: true, help: 'Set a rule to off, info, warning or error; repeatable; wins over the configuration', group: 'Configuration' },
  { name: 'print-config', value: 'FILE', help: 'Print the configuration used for FILE as JSON (configuration file, ignored or not, host versions, every rule) and lint nothing', group: 'Configuration' },
  { name: 'init', help: 'Write a commented starter .virt-lint.jsonc here, with the host versions found; never replaces a configuration', group: 'Configuration' },

  { name: 'connect', value: 'URI', help: "libvirt URI for --domain / --all-domains / edit, e.g. qemu:///system (default: virsh's default)", group: 'Live libvirt' },
  { name: 'domain', value: 'NAME', repeatable: true, help: 'Lint this domain as libvirt holds it (virsh dumpxml --inactive); repeatable; reported as domain:NAME', group: 'Live libvirt' },
  { name: 'all-domains', help: 'Lint every domain of the connection (virsh list --all); read-only: --fix is refused', group: 'Live libvirt' },
  { name: 'yes', help: 'virt-lint edit: define even when the edited XML has errors or the domain changed meanwhile, without asking (without a terminal, those end the edit otherwise)', group: 'Live libvirt' },

  { name: 'list-rules', help: 'List all rules with severity, fixability and description (--format json: also needs, failsAt and docs URL)', group: 'Information' },
  { name: 'explain', value: 'RULE', help: "Print a rule's documentation (same as `virt-lint rule RULE`)", group: 'Information' },
  { name: 'help', short: 'h', help: 'Show this help', group: 'Information' },
  { name: 'version', short: 'v', help: 'Print the virt-lint version', group: 'Information' },
];

export type ParsedOptions = Record<string, string | string[] | true | undefined>;

export interface ParsedArgs {
  options: ParsedOptions;
  inputs: string[];
}

export function parseArgs(argv: string[], specs: OptionSpec[] = OPTION_SPECS): ParsedArgs {
  const options: ParsedOptions = {};
  const inputs: string[] = [];
  const byName = new Map(specs.map((s) => [s.name, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      inputs.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      inputs.push(arg);
      continue;
    }
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq < 0 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq < 0 ? undefined : arg.slice(eq + 1);
      spec = byName.get(name);
      if (!spec) throw new UsageError(`unknown option '--${name}'${suggest(name, [...byName.keys()])}`);
    } else {
      spec = byShort.get(arg.slice(1));
      if (!spec) throw new UsageError(`unknown option '${arg}'`);
    }
    if (!spec.value) {
      if (inline !== undefined) throw new UsageError(`option '--${spec.name}' takes no value`);
      options[spec.name] = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new UsageError(`option '--${spec.name}' needs a value (${spec.value})`);
    if (spec.repeatable) options[spec.name] = [...((options[spec.name] as string[] | undefined) ?? []), value];
    else options[spec.name] = value;
  }
  return { options, inputs };
}

/** "; did you mean '--x'?" for a mistyped option. */
function suggest(name: string, known: string[]): string {
  const guess = didYouMean(name, known);
  return guess ? `; did you mean '--${guess}'?` : '';
}

export function helpText(specs: OptionSpec[] = OPTION_SPECS): string {
  const lines = [
    'virt-lint: lint libvirt domain XML before `virsh define`',
    '',
    'Usage: virt-lint [options] <file|dir|glob|->...',
    '       virt-lint rule <id>          print a rule\'s documentation (also: --explain <id>)',
    '       virt-lint edit <domain>      edit a domain in $VISUAL/$EDITOR, lint it, then virsh define it (README: Editing a live domain)',
    '       virt-lint lsp                run the language server on stdin/stdout, for editors (README: Editors)',
    '',
    'Directories are searched for *.xml; - reads the document from stdin.',
  ];
  const groups = [...new Set(specs.map((s) => s.group))];
  for (const group of groups) {
    lines.push('', `${group}:`);
    for (const s of specs.filter((x) => x.group === group)) {
      const flag = `${s.short ? `-${s.short}, ` : '    '}--${s.name}${s.value ? ` ${s.value}` : ''}`;
      lines.push(`  ${flag.padEnd(30)} ${s.help}`);
    }
  }
  lines.push(
    '',
    'Exit codes: 0 no errors (warnings allowed unless --max-warnings is exceeded),',
    '            1 at least one error (malformed XML included) or too many warnings,',
    '            2 usage, configuration or I/O failure.',
  );
  return lines.join('\n') + '\n';
}
