/**
 * Configuration files with comments (.virt-lint.jsonc, or comments in
 * .virt-lint.json), --print-config, --init and --list-rules --format json,
 * through the CLI in process.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { FakeMachine } from '../helpers/fake-host.js';
import { rules } from '#rules/index.js';
import { parseConfigText } from '../../src/config/validate.js';
import { starterConfig } from '../../src/config/starter.js';
import { ruleDocsUrl } from '../../src/docs/links.js';
import { tempDir } from '../helpers/temp.js';

const LG_VM = readFileSync(join(ROOT, 'examples/win11-looking-glass.xml'), 'utf8');
const AUDIO = 'qemu-911-spice-hda-audio';

function tree(files: Record<string, string>): string {
  const root = tempDir('config-cmd');
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(path.endsWith('/') ? full : dirname(full), { recursive: true });
    if (!path.endsWith('/')) writeFileSync(full, content);
  }
  return root;
}

const COMMENTED = `// The lab host
{
  /* Debian's build */ "qemuVersion": "9.1.1", // from qemu-system-x86_64 --version
  "rules": { "${AUDIO}": "warning" }
}
`;

describe('comments in the configuration', () => {
  it.each(['.virt-lint.jsonc', '.virt-lint.json'])('%s may hold // and /* */ comments', async (name) => {
    const dir = tree({ '.git/': '', [name]: COMMENTED, 'vm.xml': LG_VM });
    const r = await runCli(['--no-detect', '--format', 'json', 'vm.xml'], { cwd: dir });
    const [file] = JSON.parse(r.stdout);
    expect(file.messages.find((m: { ruleId: string }) => m.ruleId === AUDIO).severity).toBe('warning');
    expect(r.stderr).toContain(`Host: QEMU 9.1.1 (qemuVersion in ${name})`);
  });

  it('one directory with both names is an error', async () => {
    const dir = tree({ '.git/': '', '.virt-lint.json': '{}', '.virt-lint.jsonc': '{}', 'vm.xml': LG_VM });
    const r = await runCli(['--no-detect', 'vm.xml'], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([2, 'virt-lint: .: both .virt-lint.jsonc and .virt-lint.json; keep one (they are read the same way)\n']);
  });

  it.each([
    ['{\n  "rules": {\n    "unused-suppression": "off",\n  }\n}\n', '4:3: invalid JSON: a trailing comma (JSON has none)'],
    ['{\n  "qemuVersion": "9.1.1" /* not closed\n}\n', '2:26: invalid JSON: comment not closed with \'*/\''],
    ['{\n  // a comment\n  "qemuVersion" "9.1.1"\n}\n', "3:17: invalid JSON: expected ':' after the property name"],
    ["{ 'qemuVersion': '9.1.1' }", '1:3: invalid JSON: unexpected characters (strings take double quotes; true, false and null are lower case)'],
    ['', '1:1: invalid JSON: expected a value'],
    ['{}\n{}\n', '2:1: invalid JSON: expected the end of the file after the configuration object'],
  ])('a syntax error is reported at its line:column: %j', async (text, where) => {
    const dir = tree({ '.git/': '', '.virt-lint.jsonc': text, 'vm.xml': LG_VM });
    const r = await runCli(['--no-detect', 'vm.xml'], { cwd: dir });
    expect([r.code, r.stderr, r.stdout]).toEqual([2, `virt-lint: .virt-lint.jsonc:${where}\n`, '']);
  });
});

describe('--print-config', () => {
  const repo = () =>
    tree({
      '.git/': '',
      '.virt-lint.jsonc': `{ "qemuVersion": "9.1.1", "rules": { "${AUDIO}": ["warning", { "preferredFix": "remove-sound" }], "unused-suppression": "off" },
        "ignores": ["generated/"], "overrides": [{ "files": ["lab/**"], "rules": { "${AUDIO}": "info" } }] }`,
    });

  it('prints the configuration file, host versions and every rule with its severity and options', async () => {
    const dir = repo();
    const r = await runCli(['--print-config', 'lab/vm.xml', '--rule', 'unused-suppression=error'], { cwd: dir });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      file: 'lab/vm.xml',
      configFile: '.virt-lint.jsonc',
      ignored: false,
      qemuVersion: { version: '9.1.1', source: 'qemuVersion in .virt-lint.jsonc' },
      libvirtVersion: null,
    });
    expect(out.rules[AUDIO]).toEqual(['info', { preferredFix: 'remove-sound' }]); // the override's severity, the options from "rules"
    expect(out.rules['unused-suppression']).toBe('error'); // --rule wins
    expect(Object.keys(out.rules)).toEqual(rules.map((rule) => rule.meta.id));
    const defaults = rules.find((rule) => rule.meta.id === 'audio-id-dangling')!;
    expect(out.rules['audio-id-dangling']).toBe(defaults.meta.severity);
  });

  it('flags and the environment win over the configuration; an ignored file says so; no configuration is null', async () => {
    const dir = repo();
    const r = await runCli(['--print-config', 'vm.xml', '--qemu-version', '9.1.2'], { cwd: dir, env: { VIRT_LINT_LIBVIRT_VERSION: '10.0.0' } });
    expect(JSON.parse(r.stdout)).toMatchObject({ qemuVersion: { version: '9.1.2', source: '--qemu-version' }, libvirtVersion: { version: '10.0.0', source: 'VIRT_LINT_LIBVIRT_VERSION' } });
    expect(JSON.parse((await runCli(['--print-config', 'generated/a.xml'], { cwd: dir })).stdout).ignored).toBe(true);
    const none = JSON.parse((await runCli(['--print-config', 'vm.xml', '--no-config'], { cwd: dir })).stdout);
    expect(none).toMatchObject({ configFile: null, ignored: false, qemuVersion: null });
  });

  it('lints nothing: other inputs are a usage error', async () => {
    const r = await runCli(['--print-config', 'a.xml', 'b.xml'], { cwd: repo() });
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, 'virt-lint: --print-config takes one file and lints nothing; drop the other arguments']);
  });
});

describe('--init', () => {
  const host = () =>
    new FakeMachine()
      .program('/usr/bin/qemu-system-x86_64', 'QEMU emulator version 9.1.1 (Debian 1:9.1.1+ds-2)')
      .program('/usr/lib/x86_64-linux-gnu/libvirt.so.0.9000.0', { ok: false, why: 'a library' }, { mode: 0o644 })
      .link('/usr/lib/x86_64-linux-gnu/libvirt.so.0', 'libvirt.so.0.9000.0');

  it('writes a commented .virt-lint.jsonc with the versions it detected, which virt-lint then reads', async () => {
    const dir = tree({ '.git/': '', 'vm.xml': LG_VM });
    const r = await runCli(['--init'], { cwd: dir, detection: host().environment() });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toBe('Wrote .virt-lint.jsonc: QEMU 9.1.1 (/usr/bin/qemu-system-x86_64 --version); libvirt 9.0.0 (/usr/lib/x86_64-linux-gnu/libvirt.so.0.9000.0).\n');
    const text = readFileSync(join(dir, '.virt-lint.jsonc'), 'utf8');
    expect(text).toContain('  // From /usr/bin/qemu-system-x86_64 --version.\n  "qemuVersion": "9.1.1",\n');
    expect(text).toContain('  "libvirtVersion": "9.0.0",\n');
    const lint = await runCli(['--no-detect', 'vm.xml'], { cwd: dir });
    expect(lint.stderr).toContain('Host: QEMU 9.1.1 (qemuVersion in .virt-lint.jsonc)');
  });

  it('leaves a version it did not find as a comment saying why, and the file still validates', async () => {
    const dir = tree({ '.git/': '' });
    const r = await runCli(['--init', '--no-detect', '--libvirt-version', '10.0.0'], { cwd: dir });
    expect(r.stdout).toBe('Wrote .virt-lint.jsonc: QEMU version not found (left as a comment); libvirt 10.0.0 (--libvirt-version).\n');
    const text = readFileSync(join(dir, '.virt-lint.jsonc'), 'utf8');
    expect(text).toContain('  // Not found (detection was off): on the VM host, run qemu-system-x86_64 --version (or virsh version).\n  // "qemuVersion": "9.1.1",\n');
    const config = parseConfigText(text, join(dir, '.virt-lint.jsonc'), '.virt-lint.jsonc', rules);
    expect([config.qemuVersion, config.libvirtVersion, config.rules.size, config.ignores.length]).toEqual([undefined, '10.0.0', 0, 0]);
    expect(() => parseConfigText(starterConfig({}), '/x/.virt-lint.jsonc', '.virt-lint.jsonc', rules)).not.toThrow();
  });

  it.each(['.virt-lint.json', '.virt-lint.jsonc'])('never replaces a configuration (%s here)', async (name) => {
    const dir = tree({ '.git/': '', [name]: '{ "qemuVersion": "8.2.2" }\n' });
    const r = await runCli(['--init', '--no-detect'], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([2, `virt-lint: --init: ${name} already exists here; virt-lint does not replace a configuration\n`]);
    expect(readFileSync(join(dir, name), 'utf8')).toBe('{ "qemuVersion": "8.2.2" }\n');
    if (name === '.virt-lint.json') expect(existsSync(join(dir, '.virt-lint.jsonc'))).toBe(false);
  });

  it('says when it shadows a configuration further up the repository', async () => {
    const dir = tree({ '.git/': '', '.virt-lint.json': '{}', 'vms/': '' });
    const r = await runCli(['--init', '--no-detect'], { cwd: join(dir, 'vms') });
    expect(r.stdout.split('\n')[1]).toBe(`It replaces ${join(dir, '.virt-lint.json')} for the files below here (configurations are not merged).`);
  });
});

describe('--list-rules --format json', () => {
  it('lists every rule with its metadata', async () => {
    const r = await runCli(['--list-rules', '--format', 'json']);
    expect(r.code).toBe(0);
    const list = JSON.parse(r.stdout);
    expect(list.map((x: { id: string }) => x.id)).toEqual(rules.map((rule) => rule.meta.id));
    expect(list.find((x: { id: string }) => x.id === AUDIO)).toEqual({
      id: AUDIO,
      description: rules.find((rule) => rule.meta.id === AUDIO)!.meta.description,
      severity: 'warning',
      category: 'compatibility',
      fixable: 'safe',
      needs: { qemu: '9.1.1' },
      failsAt: null,
      docs: `virt-lint rule ${AUDIO}`,
      docsUrl: ruleDocsUrl(AUDIO),
    });
    expect(list.find((x: { id: string }) => x.id === 'cpu-model-unsupported')).toMatchObject({ severity: 'error', needs: { qemu: '*' }, failsAt: 'start' });
    expect(list.find((x: { id: string }) => x.id === 'audio-id-dangling')).toMatchObject({ severity: 'error', needs: {}, failsAt: 'define' });
    for (const x of list) expect(x.failsAt === null).toBe(x.severity !== 'error');
  });

  it('the table stays the default; other formats are refused', async () => {
    expect((await runCli(['--list-rules'])).stdout).toMatch(/^id +severity +fixable +category +description\n/);
    const r = await runCli(['--list-rules', '--format', 'sarif']);
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, "virt-lint: --list-rules prints a table (the default) or --format json, not 'sarif'"]);
  });
});
