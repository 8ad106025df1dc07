/**
 * The two commands about configuration files:
 *
 * - `--print-config FILE`: the configuration virt-lint would use for FILE, as
 *   JSON (the file need not exist): which configuration file, whether its
 *   `ignores` leave FILE out, the host versions from flags, environment and
 *   configuration (detection is not run: it depends on the domain), and every
 *   rule's severity and options after `rules`, `overrides` and `--rule`.
 * - `--init`: writes a commented starter `.virt-lint.jsonc` in the working
 *   directory with the host versions found (flags, environment, detection
 *   unless --no-detect). It never replaces a configuration: one in the
 *   directory refuses the command, and the file is created with link(2)
 *   through the safe writer, so a file that appears meanwhile is kept.
 */
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { Rule } from '#engine/rule.js';
import type { HostVersion } from '#engine/host-facts.js';
import type { ParsedOptions } from './options.js';
import { UsageError } from './options.js';
import { configIn, resolverFor } from './config-files.js';
import { displayPath } from './files.js';
import { explicitVersion, HostDetector, systemDetection, type DetectionEnvironment } from './host.js';
import { FileError } from './io-errors.js';
import { ConfigError } from '../config/resolve.js';
import { STARTER_FILE, starterConfig } from '../config/starter.js';

export interface ConfigCommandIO {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  detection?: DetectionEnvironment;
}

const str = (options: ParsedOptions, name: string) => (typeof options[name] === 'string' ? (options[name] as string) : undefined);

/** Host versions from --qemu-version / --libvirt-version, then the environment. */
function givenVersions(io: ConfigCommandIO, options: ParsedOptions): { qemu?: HostVersion; libvirt?: HostVersion } {
  return {
    qemu: explicitVersion('QEMU', { flag: str(options, 'qemu-version'), env: io.env.VIRT_LINT_QEMU_VERSION }, { flag: '--qemu-version', env: 'VIRT_LINT_QEMU_VERSION' }),
    libvirt: explicitVersion('libvirt', { flag: str(options, 'libvirt-version'), env: io.env.VIRT_LINT_LIBVIRT_VERSION }, { flag: '--libvirt-version', env: 'VIRT_LINT_LIBVIRT_VERSION' }),
  };
}

const versionJson = (v: HostVersion | undefined) => (v ? { version: v.version, source: v.source } : null);

export async function printConfig(io: ConfigCommandIO, file: string, options: ParsedOptions, rules: readonly Rule[], inputs: readonly string[]): Promise<number> {
  if (inputs.length) throw new UsageError('--print-config takes one file and lints nothing; drop the other arguments');
  const path = isAbsolute(file) ? file : resolve(io.cwd, file);
  const config = await resolverFor({ cwd: io.cwd, options, rules }).forFile(path);
  const given = givenVersions(io, options);
  const settings: Record<string, unknown> = {};
  for (const rule of rules) {
    const setting = config.settings?.get(rule.meta.id);
    const severity = setting?.severity ?? rule.meta.severity;
    const schema = rule.meta.options;
    settings[rule.meta.id] = schema ? [severity, schema.parse(setting?.options ?? {})] : severity;
  }
  const out = {
    file: displayPath(path, io.cwd),
    configFile: config.configPath ? displayPath(config.configPath, io.cwd) : null,
    ignored: config.ignored,
    qemuVersion: versionJson(given.qemu ?? config.host.qemu),
    libvirtVersion: versionJson(given.libvirt ?? config.host.libvirt),
    rules: settings,
  };
  io.stdout(JSON.stringify(out, null, 2) + '\n');
  return 0;
}

export async function initConfig(io: ConfigCommandIO, options: ParsedOptions, inputs: readonly string[]): Promise<number> {
  if (inputs.length) throw new UsageError(`--init writes ${STARTER_FILE} in the working directory and lints nothing; drop the other arguments`);
  const existing = configIn(io.cwd, io.cwd);
  if (existing) throw new ConfigError([`--init: ${relative(io.cwd, existing)} already exists here; virt-lint does not replace a configuration`]);
  const given = givenVersions(io, options);
  const detector = options['no-detect'] ? undefined : new HostDetector(io.detection ?? systemDetection(io.env));
  const qemu = given.qemu ?? detector?.qemu(undefined);
  const libvirt = given.libvirt ?? detector?.libvirt();
  const text = starterConfig({ qemu, libvirt, whyUnknown: detector?.whyUnknown() ?? { qemu: 'detection was off', libvirt: 'detection was off' } });

  const target = join(io.cwd, STARTER_FILE);
  const { writeFileSafely } = await import('./write.js');
  try {
    writeFileSafely(target, text, { createOnly: true });
  } catch (e) {
    throw new FileError('write', STARTER_FILE, e);
  }
  const said = (what: string, v: HostVersion | undefined) => (v ? `${what} ${v.version} (${v.source})` : `${what} version not found (left as a comment)`);
  const lines = [`Wrote ${STARTER_FILE}: ${said('QEMU', qemu)}; ${said('libvirt', libvirt)}.`];
  // A configuration further up the repository no longer applies below here: configurations are not merged.
  if (!existsSync(join(io.cwd, '.git'))) {
    const above = resolverFor({ cwd: io.cwd, options: {}, rules: [] }).locate(dirname(io.cwd));
    if (above) lines.push(`It replaces ${displayPath(above, io.cwd)} for the files below here (configurations are not merged).`);
  }
  io.stdout(lines.join('\n') + '\n');
  return 0;
}
