/**
 * virt-lint as the language server sees it (ServerLinter, server.ts): the
 * initialization options made into a lint session with host facts and
 * configuration found as the CLI finds them (api-session.ts).
 *
 * This side is part of the CLI bundle; the server and its libraries are a
 * bundle of their own (dist/lsp.cjs) that receives it, so the engine ships
 * once and a plain lint loads none of the server (scripts/build.mjs).
 */
import pkg from '../../../package.json' with { type: 'json' };
import { findRule } from '#rules/index.js';
import { didYouMean } from '#shared/text.js';
import type { HostFacts } from '#engine/host-facts.js';
import { CONFIG_FILES } from '../../config/resolve.js';
import { ConfigError } from '../../config/errors.js';
import { LintSession } from '../api-session.js';
import { explicitVersion, HostDetector, systemDetection, type DetectionEnvironment } from '../host.js';
import type { InitializationOptions, LintedText, ServerLinter } from './server.js';

const OPTION_NAMES: readonly (keyof InitializationOptions)[] = ['qemuVersion', 'libvirtVersion', 'detect', 'configFile', 'rules', 'debounceMs'];

export function serverLinter(env: NodeJS.ProcessEnv, detection: DetectionEnvironment | undefined): ServerLinter {
  let session: LintSession | undefined;
  return {
    version: pkg.version,
    configFiles: CONFIG_FILES,

    configure(options, cwd) {
      const problems: string[] = [];
      for (const k of Object.keys(options).filter((k) => !(OPTION_NAMES as string[]).includes(k))) {
        const guess = didYouMean(k, OPTION_NAMES);
        problems.push(`unknown initialization option '${k}'${guess ? `; did you mean '${guess}'?` : ''} (ignored)`);
      }
      /** A version given in the initialization options (else the environment); a bad one is said and left out. */
      const version = (what: 'QEMU' | 'libvirt', option: 'qemuVersion' | 'libvirtVersion', envName: string) => {
        const given = options[option];
        try {
          return explicitVersion(what, { flag: given === undefined ? undefined : String(given), env: env[envName] }, { flag: `initializationOptions.${option}`, env: envName });
        } catch (e) {
          problems.push(describe(e));
          return undefined;
        }
      };
      const host: HostFacts = {
        qemu: version('QEMU', 'qemuVersion', 'VIRT_LINT_QEMU_VERSION'),
        libvirt: version('libvirt', 'libvirtVersion', 'VIRT_LINT_LIBVIRT_VERSION'),
      };
      // Detection never considers a document's <emulator>: an editor lints whatever is opened.
      const detector = options.detect === false ? undefined : new HostDetector(detection ?? systemDetection(env), { useEmulator: false });
      const settings = { cwd, host, detector, rules: options.rules, configFile: options.configFile, rulesOrigin: 'initializationOptions' };
      try {
        session = new LintSession(settings);
      } catch (e) {
        // Bad rule settings or a missing configuration file: said once, then linted without them.
        problems.push(describe(e));
        session = new LintSession({ ...settings, rules: undefined, configFile: undefined });
      }
      return problems;
    },

    async lint({ text, path, name }: LintedText, fix) {
      if (!session) throw new Error('the language server was not initialized');
      let config;
      try {
        config = await session.configFor(path);
      } catch (e) {
        throw new Error(describe(e));
      }
      return config.ignored ? undefined : session.lint(text, path ?? name, config, fix);
    },

    ruleDescription: (ruleId) => findRule(ruleId)?.meta.description,
  };
}

function describe(e: unknown): string {
  if (e instanceof ConfigError) return e.lines.join('; ');
  return e instanceof Error ? e.message : String(e);
}
