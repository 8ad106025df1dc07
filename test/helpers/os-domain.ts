/**
 * The rule-tester's virt-manager-shaped domain with its `<os>` block
 * replaced, for the firmware and machine-type rules. `<os>` starts on line 7
 * as in `domain()`; a block of N lines pushes `<features>` to line 7 + N.
 */
import { domain } from './rule-tester.js';

const DEFAULT_OS = `  <os firmware='efi'>
    <type arch='x86_64' machine='pc-q35-9.1'>hvm</type>
    <boot dev='hd'/>
  </os>
`;

export interface OsDomainOptions {
  devices?: string;
  features?: string;
  extra?: string;
  rootAttrs?: string;
  /** Replaces `type='kvm'` on `<domain>`. */
  type?: string;
}

export function osDomain(os: string, opts: OsDomainOptions = {}): string {
  const xml = domain(opts.devices ?? '', { features: opts.features, extra: opts.extra, rootAttrs: opts.rootAttrs });
  if (!xml.includes(DEFAULT_OS)) throw new Error('domain() no longer has the expected <os> block');
  const block = os
    .split('\n')
    .map((l) => (l ? '  ' + l : l))
    .join('\n');
  const out = xml.replace(DEFAULT_OS, block + '\n');
  return opts.type ? out.replace("<domain type='kvm'", `<domain type='${opts.type}'`) : out;
}
