/**
 * Live libvirt domains: `--connect URI --domain NAME` / `--all-domains` lint
 * what libvirt holds, read through `virsh` (no libvirt bindings, nothing to
 * compile): `virsh dumpxml --inactive` for each domain, `virsh list --all
 * --name` for --all-domains, `virsh version --daemon` for host facts.
 *
 * Read-only by design: libvirt owns that XML, so --fix is refused (exit 2)
 * with the commands that change it properly; --fix-dry-run shows the diff.
 *
 * Each domain is reported as `domain:NAME` (see LIVE_PREFIX). virsh is run
 * without a shell (argument vector), with LC_ALL=C so its output parses.
 */
import type { ExecFileSync } from './exec.js';
import { parseVersion, type HostVersion } from '#engine/host-facts.js';
import { UsageError, type ParsedOptions } from './options.js';

/** Exit 2 with this one-line message (no "Try --help": the usage was fine). */
export class LiveError extends Error {}

/** How a live domain is named in every output format: `domain:win11`. */
export const LIVE_PREFIX = 'domain:';

export interface LiveRequest {
  /** Undefined: virsh's own default (LIBVIRT_DEFAULT_URI, then its built-in choice). */
  uri?: string;
  domains: string[];
  all: boolean;
}

export interface LiveDomain {
  name: string;
  /** `domain:NAME`, what reports show. */
  filePath: string;
  xml: string;
}

export interface LiveSource {
  request: LiveRequest;
  domains: LiveDomain[];
  /** From `virsh version --daemon`; QEMU only when the hypervisor is QEMU. */
  facts: { qemu?: HostVersion; libvirt?: HostVersion };
  /** Lines for the run's notes (hypervisor not QEMU, no domains). */
  notes: string[];
}

/** Runs virsh with arguments; returns stdout. Replaceable in tests. */
export type VirshRunner = (args: string[]) => string;

/** The live request the options ask for, or undefined when none of the live flags is given. */
export function liveRequest(options: ParsedOptions): LiveRequest | undefined {
  const uri = typeof options.connect === 'string' ? options.connect : undefined;
  const given = options.domain;
  const domains = [...new Set(typeof given === 'string' ? [given] : Array.isArray(given) ? given : [])];
  const all = options['all-domains'] === true;
  if (uri === undefined && domains.length === 0 && !all) return undefined;
  if (uri === '') throw new UsageError('--connect needs a libvirt URI, e.g. qemu:///system');
  if (domains.length === 0 && !all) throw new UsageError('--connect needs --domain NAME (repeatable) or --all-domains');
  if (domains.length > 0 && all) throw new UsageError('use either --domain NAME or --all-domains, not both');
  for (const d of domains) if (d === '') throw new UsageError('--domain needs a domain name');
  return { uri, domains, all };
}

/** What to tell a user who asked --fix to write into libvirt (exit 2). */
export function liveFixRefusal(request: LiveRequest): string {
  const connect = request.uri !== undefined ? ` -c ${shellQuote(request.uri)}` : '';
  const virsh = `virsh${connect}`;
  const one = request.domains.length === 1 ? request.domains[0] : undefined;
  const name = one !== undefined ? shellQuote(one) : 'NAME';
  const file = one !== undefined ? shellQuote(`${one}.xml`) : 'NAME.xml';
  return (
    '--fix cannot write to a live libvirt domain: virt-lint only reads what libvirt holds. ' +
    `Edit the XML and define it again: ${virsh} dumpxml --inactive --security-info ${name} > ${file}; virt-lint --fix ${file}; ${virsh} define ${file} ` +
    `(or \`virt-lint edit${connect.replace('-c', '--connect')} ${name}\`, which lints before it defines). --fix-dry-run shows the changes without writing anything.`
  );
}

export interface ReadLiveOptions {
  /** The QEMU version was given explicitly: do not explain why the connection gives none. */
  qemuGiven?: boolean;
  /** How virsh is run; required unless `exec` is given (tests pass a fake). */
  runner?: VirshRunner;
  exec?: ExecFileSync;
  /** Also read secrets (`--security-info`: VNC/SPICE passwords), as an XML that will be defined again must keep them. */
  securityInfo?: boolean;
}

/** Reads the requested domains and the host facts from the connection. */
export function readLive(request: LiveRequest, env: NodeJS.ProcessEnv, { qemuGiven = false, runner, exec, securityInfo = false }: ReadLiveOptions = {}): LiveSource {
  if (!runner) {
    if (!exec) throw new Error('readLive needs a runner or exec');
    runner = systemVirsh(env, exec);
  }
  const connect = request.uri !== undefined ? ['-c', request.uri] : [];
  const virsh = (...args: string[]) => runner([...connect, ...args]);
  const shown = (...args: string[]) => ['virsh', ...connect, ...args].map(shellQuote).join(' ');
  const notes: string[] = [];

  const names = request.all ? virsh('list', '--all', '--name').split(/\r?\n/).map((s) => s.trim()).filter(Boolean) : request.domains;
  if (request.all && names.length === 0) notes.push(`No domains on ${request.uri ?? "virsh's default connection"}: nothing to lint.`);

  const domains = names.map((name) => ({ name, filePath: LIVE_PREFIX + name, xml: virsh(...dumpxmlArgs(name, securityInfo)) }));

  const versionArgs = ['version', '--daemon'];
  const facts = parseVirshVersion(virsh(...versionArgs), shown(...versionArgs));
  if (facts.hypervisor && !facts.qemu && !qemuGiven) {
    notes.push(`The connection's hypervisor is ${facts.hypervisor}, not QEMU: it gives no QEMU version.`);
  }
  return { request, domains, facts: { qemu: facts.qemu, libvirt: facts.libvirt }, notes };
}

/** `dumpxml --inactive [--security-info] --domain=NAME`: `--domain=` so that a name starting with '-' is never taken for an option. */
export function dumpxmlArgs(name: string, securityInfo: boolean): string[] {
  return ['dumpxml', '--inactive', ...(securityInfo ? ['--security-info'] : []), `--domain=${name}`];
}

export interface VirshVersion {
  qemu?: HostVersion;
  libvirt?: HostVersion;
  /** "QEMU 8.2.2", "TEST 0.0.2": the `Running hypervisor:` line's value. */
  hypervisor?: string;
}

/**
 * Parses `virsh version [--daemon]`:
 *
 *     Compiled against library: libvirt 9.0.0
 *     Using library: libvirt 9.0.0
 *     Using API: QEMU 9.0.0
 *     Running hypervisor: QEMU 7.2.22
 *     Running against daemon: 9.0.0
 *
 * libvirt: the daemon's version (what validates a define), else the client
 * library's. QEMU: only when the hypervisor line says QEMU (the test driver
 * says TEST, Xen says Xen, ...).
 */
export function parseVirshVersion(output: string, source: string): VirshVersion {
  const line = (label: string) => {
    const re = new RegExp(`^\\s*${label}:\\s*(.+?)\\s*$`, 'im');
    return re.exec(output)?.[1];
  };
  const result: VirshVersion = {};
  const hypervisor = line('Running hypervisor');
  if (hypervisor) {
    result.hypervisor = hypervisor;
    const m = /^qemu\s+(\S+)$/i.exec(hypervisor);
    const version = m ? parseVersion(m[1]) : undefined;
    if (version) result.qemu = { version, raw: `Running hypervisor: ${hypervisor}`, source };
  }
  const daemon = line('Running against daemon');
  const library = line('Using library');
  const libvirtRaw = daemon ?? library?.replace(/^libvirt\s+/i, '');
  const libvirt = libvirtRaw ? parseVersion(libvirtRaw) : undefined;
  if (libvirt) result.libvirt = { version: libvirt, raw: daemon ? `Running against daemon: ${daemon}` : `Using library: ${library}`, source };
  return result;
}

const VIRSH_TIMEOUT_MS = 60_000;

/** Runs the `virsh` found on PATH; maps every failure to one clear LiveError line. */
export function systemVirsh(env: NodeJS.ProcessEnv, execFileSync: ExecFileSync): VirshRunner {
  return (args) => {
    try {
      return execFileSync('virsh', args, {
        encoding: 'utf8',
        env: { ...env, LC_ALL: 'C' },
        stdio: ['ignore', 'pipe', 'pipe'],
        timeout: VIRSH_TIMEOUT_MS,
        maxBuffer: 64 * 1024 * 1024,
      });
    } catch (e) {
      const err = e as NodeJS.ErrnoException & { status?: number | null; stderr?: string; signal?: string | null };
      const command = ['virsh', ...args].map(shellQuote).join(' ');
      if (err.code === 'ENOENT') {
        throw new LiveError('virsh not found on PATH: live domains are read with virsh; install libvirt-clients (Debian, Ubuntu) or libvirt-client (Fedora, RHEL)');
      }
      if (err.code === 'ETIMEDOUT') throw new LiveError(`${command} did not finish within ${VIRSH_TIMEOUT_MS / 1000} s`);
      if (err.signal) throw new LiveError(`${command} was killed by ${err.signal}`);
      const said = String(err.stderr ?? '')
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
        .join('; ');
      throw new LiveError(`${command} failed${said ? `: ${said}` : ` (exit ${err.status ?? '?'})`}`);
    }
  };
}

/** Quotes for a POSIX shell only when needed, so shown commands can be pasted. */
export function shellQuote(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}
