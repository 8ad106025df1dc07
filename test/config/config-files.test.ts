/**
 * Configuration as a user meets it: the CLI (in-process, test/helpers/cli.ts)
 * in temporary repositories holding `.virt-lint.json` files.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, type CliRun as Run } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const LG_VM = readFileSync(join(ROOT, 'examples/win11-looking-glass.xml'), 'utf8');
const AUDIO = 'qemu-911-spice-hda-audio';

function cli(args: string[], cwd: string, opts: { env?: NodeJS.ProcessEnv; stdin?: string } = {}): Promise<Run> {
  return runCli(['--no-detect', ...args], { cwd, ...opts });
}

/** A temporary tree: path → content (objects are written as JSON; `.git/` makes a directory). */
function tree(files: Record<string, string | object>): string {
  const root = tempDir('config');
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, path);
    if (path.endsWith('/')) {
      mkdirSync(full, { recursive: true });
      continue;
    }
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, typeof content === 'string' ? content : JSON.stringify(content, null, 2) + '\n');
  }
  return root;
}

/** `file → "severity ruleId"` for the audio rule, from the JSON output. */
function audioBy(r: Run): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; severity: string }[] }[]) {
    const m = f.messages.find((x) => x.ruleId === AUDIO);
    out[f.filePath] = m ? m.severity : 'none';
  }
  return out;
}

describe('discovery', () => {
  it('takes the nearest .virt-lint.json from each file upward; the nearest wins whole (no merging)', async () => {
    const dir = tree({
      'repo/.git/': '',
      'repo/.virt-lint.json': { qemuVersion: '9.1.1', rules: { [AUDIO]: 'info' } },
      'repo/vms/win11.xml': LG_VM,
      'repo/vms/lab/.virt-lint.json': { qemuVersion: '9.1.1' },
      'repo/vms/lab/win11.xml': LG_VM,
    });
    const r = await cli(['--format', 'json', 'vms'], join(dir, 'repo'));
    expect(r.stderr).toContain('Host: QEMU 9.1.1 (qemuVersion in vms/lab/.virt-lint.json)\nHost: QEMU 9.1.1 (qemuVersion in .virt-lint.json)\n');
    expect(audioBy(r)).toEqual({ 'vms/lab/win11.xml': 'error', 'vms/win11.xml': 'info' });
    expect(r.code).toBe(1);
  });

  it('stops at the repository root (the directory holding .git)', async () => {
    const dir = tree({
      '.virt-lint.json': { rules: { [AUDIO]: 'off' } },
      'repo/.git/': '',
      'repo/win11.xml': LG_VM,
    });
    const r = await cli(['--format', 'json', '--qemu-version', '9.1.1', 'win11.xml'], join(dir, 'repo'));
    expect(audioBy(r)).toEqual({ 'win11.xml': 'error' });
    // Without .git the search goes on up and finds it.
    const noGit = tree({ '.virt-lint.json': { rules: { [AUDIO]: 'off' } }, 'repo/win11.xml': LG_VM });
    expect(audioBy(await cli(['--format', 'json', '--qemu-version', '9.1.1', 'win11.xml'], join(noGit, 'repo')))).toEqual({ 'win11.xml': 'none' });
  });

  it('the repository root may hold the configuration itself', async () => {
    const dir = tree({ '.git/': '', '.virt-lint.json': { rules: { [AUDIO]: 'warning' } }, 'a/b/win11.xml': LG_VM });
    expect(audioBy(await cli(['--format', 'json', '--qemu-version', '9.1.1', 'a/b/win11.xml'], dir))).toEqual({ 'a/b/win11.xml': 'warning' });
  });

  it('--config PATH is used for every file instead of any .virt-lint.json', async () => {
    const dir = tree({
      '.git/': '',
      '.virt-lint.json': { rules: { [AUDIO]: 'off' } },
      'ci/strict.json': { qemuVersion: '9.1.1', rules: { [AUDIO]: 'warning' } },
      'vms/win11.xml': LG_VM,
    });
    const r = await cli(['--format', 'json', '--config', 'ci/strict.json', 'vms/win11.xml'], dir);
    expect(audioBy(r)).toEqual({ 'vms/win11.xml': 'warning' });
    expect(r.stderr).toContain('Host: QEMU 9.1.1 (qemuVersion in ci/strict.json)\n');
    expect(r.stderr).not.toContain('.virt-lint.json');
    expect((await cli(['-c', 'ci/strict.json', '--format', 'json', 'vms/win11.xml'], dir)).code).toBe(0);
  });

  it('--no-config uses none, even a broken one', async () => {
    const dir = tree({ '.git/': '', '.virt-lint.json': '{ "rules": ', 'win11.xml': LG_VM });
    const r = await cli(['--no-config', '--format', 'json', '--qemu-version', '9.1.1', 'win11.xml'], dir);
    expect(audioBy(r)).toEqual({ 'win11.xml': 'error' });
    expect((await cli(['--format', 'json', 'win11.xml'], dir)).code).toBe(2);
  });

  it('stdin takes the configuration of --stdin-filename, else of the working directory', async () => {
    const dir = tree({ '.git/': '', '.virt-lint.json': { qemuVersion: '9.1.1', rules: { [AUDIO]: 'info' } }, 'sub/.virt-lint.json': { qemuVersion: '9.1.1' } });
    expect(audioBy(await cli(['--format', 'json', '-'], dir, { stdin: LG_VM }))).toEqual({ '<stdin>': 'info' });
    expect(audioBy(await cli(['--format', 'json', '--stdin-filename', 'sub/vm.xml', '-'], dir, { stdin: LG_VM }))).toEqual({ 'sub/vm.xml': 'error' });
  });
});

describe('usage of the configuration options', () => {
  it('--config and --no-config together, or a --config file that does not exist, exit 2', async () => {
    const dir = tree({ '.git/': '', 'win11.xml': LG_VM });
    const both = await cli(['--config', 'x.json', '--no-config', 'win11.xml'], dir);
    expect([both.code, both.stderr.split('\n')[0]]).toEqual([2, 'virt-lint: use either --config or --no-config, not both']);
    const missing = await cli(['--config', 'nope.json', 'win11.xml'], dir);
    expect([missing.code, missing.stderr, missing.stdout]).toEqual([2, 'virt-lint: --config nope.json: no such file\n', '']);
  });
});

describe('strict validation: exit 2, every offender named', () => {
  it('names unknown keys, unknown rules, bad severities and bad options, with did-you-mean', async () => {
    const dir = tree({
      '.git/': '',
      '.virt-lint.json': {
        $schema: './node_modules/virt-lint/schema/virt-lint.schema.json',
        qemuVersion: '9.1',
        libvirtVersion: 'latest',
        rules: {
          'qemu-911-spice-hdaaudio': 'off',
          [AUDIO]: ['error', { preferredFix: 'remove' }],
          'unused-suppression': 'warn',
          'invalid-suppression': ['warning', { requireReasons: true }],
          'xml-not-well-formed': 'off',
        },
        ignore: ['generated/'],
        overrides: [{ file: ['lab/*.xml'], rules: { 'unused-suppression': ['error', {}] } }],
      },
      'win11.xml': LG_VM,
    });
    const r = await cli(['win11.xml'], dir);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n').sort()).toEqual(
      [
        '',
        'virt-lint: .virt-lint.json: ignore: unknown key; did you mean \'ignores\'?',
        'virt-lint: .virt-lint.json: libvirtVersion: "latest" is not a libvirt version (expected e.g. "10.0.0")',
        'virt-lint: .virt-lint.json: overrides[0].file: unknown key; did you mean \'files\'?',
        'virt-lint: .virt-lint.json: overrides[0].files: expected an array, got nothing',
        'virt-lint: .virt-lint.json: overrides[0].rules.unused-suppression: the rule takes no options; write "error"',
        'virt-lint: .virt-lint.json: rules.invalid-suppression[1].requireReasons: unknown option of invalid-suppression; did you mean \'requireReason\'?',
        `virt-lint: .virt-lint.json: rules.qemu-911-spice-hda-audio[1].preferredFix: invalid value "remove"; expected "disable-spice-audio" or "remove-sound"; did you mean 'remove-sound'?`,
        "virt-lint: .virt-lint.json: rules.qemu-911-spice-hdaaudio: unknown rule; did you mean 'qemu-911-spice-hda-audio'?",
        'virt-lint: .virt-lint.json: rules.unused-suppression: unknown severity "warn"; expected "off", "info", "warning" or "error"; did you mean \'warning\'?',
        'virt-lint: .virt-lint.json: rules.xml-not-well-formed: cannot be configured: a file that is not well-formed XML is always an error, since no other rule can check it; list such files in "ignores" instead',
      ].sort(),
    );
    // "9.1" is a version (9.1.0): not an offender.
    expect(r.stderr).not.toContain('qemuVersion');
  });

  it('a rule setting at the top level is pointed to "rules"; an entry of the wrong shape says what is expected', async () => {
    const dir = tree({ '.git/': '', '.virt-lint.json': { [AUDIO]: 'off', rules: { 'unused-suppression': { level: 'warning' } } }, 'win11.xml': LG_VM });
    const r = await cli(['win11.xml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      [
        'virt-lint: .virt-lint.json: rules.unused-suppression: expected a severity ("off", "info", "warning" or "error") or [severity, { options }], got an object',
        `virt-lint: .virt-lint.json: qemu-911-spice-hda-audio: unknown key; rule settings go under "rules": { "qemu-911-spice-hda-audio": ... }`,
        '',
      ].join('\n'),
    );
  });

  it('invalid JSON: exit 2 with line:column', async () => {
    const dir = tree({ '.git/': '', '.virt-lint.json': '{\n  "rules": {\n    "unused-suppression": "off",\n  }\n}\n', 'win11.xml': LG_VM });
    const r = await cli(['win11.xml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^virt-lint: \.virt-lint\.json:4:3: invalid JSON: \S.*\n$/);
    expect(r.stdout).toBe('');
  });

  it('a configuration that is not an object', async () => {
    const dir = tree({ '.git/': '', '.virt-lint.json': '["warning"]\n', 'win11.xml': LG_VM });
    expect((await cli(['win11.xml'], dir)).stderr).toBe('virt-lint: .virt-lint.json: (top level): expected an object, got an array\n');
  });

  it('a broken configuration stops the run before --fix writes anything', async () => {
    const dir = tree({ '.git/': '', 'a/win11.xml': LG_VM, 'b/.virt-lint.json': { rulez: {} }, 'b/win11.xml': LG_VM });
    const r = await cli(['--fix', '--qemu-version', '9.1.1', 'a/win11.xml', 'b/win11.xml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("virt-lint: b/.virt-lint.json: rulez: unknown key; did you mean 'rules'?\n");
    expect(readFileSync(join(dir, 'a/win11.xml'), 'utf8')).toBe(LG_VM);
  });
});

describe('precedence: command line > environment > configuration > detection', () => {
  const dir = tree({ '.git/': '', '.virt-lint.json': { qemuVersion: '9.1.1', rules: { [AUDIO]: 'warning' } }, 'win11.xml': LG_VM });

  it('qemuVersion from the configuration is used and named', async () => {
    const r = await cli(['win11.xml'], dir);
    expect(r.stderr).toContain('Host: QEMU 9.1.1 (qemuVersion in .virt-lint.json)');
    expect(r.stdout).toMatch(/113:5 +warning +<sound model='ich9'>/);
  });

  it('the environment wins over the configuration, and the flag over both', async () => {
    const env = { VIRT_LINT_QEMU_VERSION: '9.1.2' };
    const byEnv = await cli(['--format', 'json', 'win11.xml'], dir, { env });
    expect(audioBy(byEnv)).toEqual({ 'win11.xml': 'none' });
    expect(byEnv.stderr).toContain('Host: QEMU 9.1.2 (VIRT_LINT_QEMU_VERSION)');
    expect(audioBy(await cli(['--format', 'json', '--qemu-version', '9.1.1', 'win11.xml'], dir, { env }))).toEqual({ 'win11.xml': 'warning' });
  });

  it('--rule id=severity wins over the configuration, and can turn a rule back on', async () => {
    expect(audioBy(await cli(['--format', 'json', '--rule', `${AUDIO}=error`, 'win11.xml'], dir))).toEqual({ 'win11.xml': 'error' });
    expect(audioBy(await cli(['--format', 'json', `--rule=${AUDIO}=off`, 'win11.xml'], dir))).toEqual({ 'win11.xml': 'none' });
    const off = tree({ '.git/': '', '.virt-lint.json': { qemuVersion: '9.1.1', rules: { [AUDIO]: 'off' } }, 'win11.xml': LG_VM });
    expect(audioBy(await cli(['--format', 'json', '--rule', `${AUDIO}=info`, 'win11.xml'], off))).toEqual({ 'win11.xml': 'info' });
  });

  it('--rule without a configuration file, and its errors', async () => {
    const bare = tree({ '.git/': '', 'win11.xml': LG_VM });
    expect(audioBy(await cli(['--format', 'json', '--qemu-version', '9.1.1', '--rule', `${AUDIO}=info`, 'win11.xml'], bare))).toEqual({ 'win11.xml': 'info' });
    const cases: [string, string][] = [
      ['qemu-911-spice-hdaaudio=off', "virt-lint: --rule qemu-911-spice-hdaaudio=off: unknown rule 'qemu-911-spice-hdaaudio'; did you mean 'qemu-911-spice-hda-audio'?"],
      [`${AUDIO}=warn`, `virt-lint: --rule ${AUDIO}=warn: unknown severity 'warn'; expected off, info, warning or error; did you mean 'warning'?`],
      [AUDIO, `virt-lint: --rule '${AUDIO}': expected ID=SEVERITY, e.g. --rule qemu-911-spice-hda-audio=off`],
    ];
    for (const [value, message] of cases) {
      const r = await cli(['--rule', value, 'win11.xml'], bare);
      expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, message]);
    }
  });
});

describe('overrides', () => {
  it('apply to matching files, later entries win, and keep options set earlier when only the severity changes', async () => {
    const dir = tree({
      '.git/': '',
      '.virt-lint.json': {
        qemuVersion: '9.1.1',
        rules: { [AUDIO]: ['warning', { preferredFix: 'remove-sound' }] },
        overrides: [
          { files: ['lab/'], rules: { [AUDIO]: 'info' } },
          { files: ['lab/old-*.xml'], rules: { [AUDIO]: 'off' } },
        ],
      },
      'prod/win11.xml': LG_VM,
      'lab/win11.xml': LG_VM,
      'lab/old-win10.xml': LG_VM,
    });
    const r = await cli(['--format', 'json', '.'], dir);
    expect(audioBy(r)).toEqual({ 'lab/old-win10.xml': 'none', 'lab/win11.xml': 'info', 'prod/win11.xml': 'warning' });
    // The option from "rules" still applies in lab/: --fix removes the <sound>.
    const fix = JSON.parse(r.stdout).find((f: { filePath: string }) => f.filePath === 'lab/win11.xml').messages.find((m: { ruleId: string }) => m.ruleId === AUDIO).fix;
    expect(fix.title).toBe("Remove the <sound model='ich9'> device");
  });
});

describe('ignores', () => {
  const dir = tree({
    '.git/': '',
    '.virt-lint.json': { qemuVersion: '9.1.1', ignores: ['generated/', '*.tmpl.xml', '/scratch.xml'] },
    'generated/win11.xml': LG_VM,
    'vms/win11.tmpl.xml': LG_VM,
    'vms/scratch.xml': LG_VM,
    'scratch.xml': LG_VM,
    'vms/win11.xml': LG_VM,
  });

  it('files it matches are not linted even when named on the command line (as Ruff --force-exclude); nothing is reported', async () => {
    const r = await cli(['generated/win11.xml', 'vms/win11.tmpl.xml', 'scratch.xml'], dir);
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', 'Nothing to lint: every input is ignored by the configuration.\n']);
  });

  it('directories are walked without them; patterns read like .gitignore', async () => {
    const r = await cli(['--format', 'json', '.'], dir);
    expect(audioBy(r)).toEqual({ 'vms/scratch.xml': 'error', 'vms/win11.xml': 'error' });
  });

  it('stdin named with --stdin-filename is ignored too', async () => {
    const r = await cli(['--stdin-filename', 'generated/vm.xml', '-'], dir, { stdin: LG_VM });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', 'Nothing to lint: every input is ignored by the configuration.\n']);
  });
});

describe('suppressions end to end', () => {
  it('a comment suppresses, a stale one is reported, and --fix removes it', async () => {
    const suppressed = LG_VM.replace("    <sound model='ich9'>", "    <!-- virt-lint-disable-next-line qemu-911-spice-hda-audio: Fedora's 9.1.1 carries the revert -->\n    <sound model='ich9'>");
    const stale = LG_VM.replace("    <memballoon", '    <!-- virt-lint-disable-next-line qemu-911-spice-hda-audio -->\n    <memballoon');
    expect(stale).not.toBe(LG_VM);
    const dir = tree({ '.git/': '', '.virt-lint.json': { qemuVersion: '9.1.1', rules: { [AUDIO]: 'off' } }, 'ok.xml': suppressed, 'stale.xml': stale });

    // With the rule on (--rule), the first file is quiet and the second reports the stale directive.
    const r = await cli(['--format', 'json', '--rule', `${AUDIO}=error`, 'ok.xml', 'stale.xml'], dir);
    const [ok, st] = JSON.parse(r.stdout) as { messages: { ruleId: string; line: number; message: string }[] }[];
    expect(ok.messages.filter((m) => m.ruleId === AUDIO || m.ruleId === 'unused-suppression')).toEqual([]);
    const unused = st.messages.find((m) => m.ruleId === 'unused-suppression')!;
    expect(unused.message).toBe("virt-lint-disable-next-line suppresses nothing: no 'qemu-911-spice-hda-audio' problem is reported in the <memballoon> element that follows");

    // With the rule off in the configuration, the stale directive is not called unused (the rule did not run).
    expect(JSON.parse((await cli(['--format', 'json', 'stale.xml'], dir)).stdout)[0].messages.some((m: { ruleId: string }) => m.ruleId === 'unused-suppression')).toBe(false);

    // --fix with the rule on: the audio problem is fixed and the stale line removed.
    await cli(['--fix', '--rule', `${AUDIO}=error`, 'stale.xml'], dir);
    expect(readFileSync(join(dir, 'stale.xml'), 'utf8')).toBe(LG_VM.replace("<audio id='1' type='spice'/>", "<audio id='1' type='none'/>"));
  });

  it('"unused-suppression": "off" in the configuration silences stale suppressions', async () => {
    const stale = LG_VM.replace("    <memballoon", '    <!-- virt-lint-disable-next-line qemu-911-spice-hda-audio -->\n    <memballoon');
    const dir = tree({ '.git/': '', '.virt-lint.json': { qemuVersion: '9.1.1', rules: { 'unused-suppression': 'off' } }, 'stale.xml': stale });
    const [file] = JSON.parse((await cli(['--format', 'json', 'stale.xml'], dir)).stdout);
    expect(file.messages.some((m: { ruleId: string }) => m.ruleId === 'unused-suppression')).toBe(false);
  });
});
