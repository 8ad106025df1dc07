/**
 * The Node API in process (src/cli/node-api.ts, the package's entry): lintText
 * and lintFiles with host facts, rule settings and configuration as the CLI
 * takes them; applyFixes; rules; formatters; and the message shape, which is
 * the JSON output's. test/integration/api.sh checks the same from the packed
 * tarball through import() and require().
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyFixes, formatters, lintFiles, lintText, rules } from '../../src/cli/node-api.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const EXAMPLE = readFileSync(join(ROOT, 'examples/win11-looking-glass.xml'), 'utf8');
const SPICE_AUDIO = "<audio id='1' type='spice'/>";
const FIXED = EXAMPLE.replace(SPICE_AUDIO, "<audio id='1' type='none'/>");
const RULE = 'qemu-911-spice-hda-audio';
const HOST = { qemuVersion: '9.1.1', libvirtVersion: '10.0.0' };
const at = (text: string, needle: string) => text.indexOf(needle);

describe('lintText', () => {
  it('reports the QEMU 9.1.1 error at its place with its fix, and nothing was changed', async () => {
    const r = await lintText(EXAMPLE, HOST);
    expect(r.filePath).toBe('<text>');
    expect(r.messages).toHaveLength(1);
    const [m] = r.messages;
    expect(m).toMatchObject({ ruleId: RULE, severity: 'error', messageId: expect.any(String), line: 113, column: 5, endLine: 113, endColumn: 25 });
    expect(m.fix).toEqual({ title: "Set <audio id='1'> to type='none'", safety: 'safe', edits: [{ range: [at(EXAMPLE, SPICE_AUDIO) + 20, at(EXAMPLE, SPICE_AUDIO) + 25], text: 'none' }] });
    expect(m.docsUrl).toBe(`https://github.com/virt-lint/virt-lint/blob/main/docs/rules/${RULE}.md`);
    expect(r).toMatchObject({ errorCount: 1, warningCount: 0, fixableCount: 1, skippedRules: [], source: EXAMPLE });
    expect(r.output).toBeUndefined();
  });

  it('a message is exactly an element of `--format json`: the CLI on the same text prints the same entry', async () => {
    const dir = tempDir('api');
    const r = await lintText(EXAMPLE, { ...HOST, filePath: join(dir, 'vm.xml'), configFile: false });
    const cli = await runCli(['--no-detect', '--no-config', '--qemu-version', '9.1.1', '--libvirt-version', '10.0.0', '--format', 'json', '--stdin-filename', 'vm.xml', '-'], { cwd: dir, stdin: EXAMPLE });
    expect(cli.code).toBe(1);
    const { source, ...entry } = r;
    expect(source).toBe(EXAMPLE);
    expect(JSON.parse(cli.stdout)).toEqual([{ ...entry, filePath: 'vm.xml' }]);
    // And formatters.json prints what the CLI prints.
    expect(formatters.json([{ ...r, filePath: 'vm.xml' }])).toBe(cli.stdout);
  });

  it('without host facts the version rules are skipped and say which fact they need', async () => {
    const r = await lintText(EXAMPLE, { libvirtVersion: '10.0.0' });
    expect(r.messages).toEqual([]);
    expect(r.skippedRules).toContainEqual({ ruleId: RULE, missing: ['qemu'] });
  });

  it('rule settings win over the configuration; the configuration beside filePath is found as the CLI finds it', async () => {
    const dir = tempDir('api');
    mkdirSync(join(dir, 'vms'));
    writeFileSync(join(dir, '.virt-lint.json'), JSON.stringify({ qemuVersion: '9.1.1', rules: { [RULE]: 'warning' } }));
    const filePath = join(dir, 'vms/win11.xml');
    expect((await lintText(EXAMPLE, { filePath })).messages.map((m) => [m.ruleId, m.severity])).toEqual([[RULE, 'warning']]);
    expect((await lintText(EXAMPLE, { filePath, rules: { [RULE]: 'info' } })).messages.map((m) => m.severity)).toEqual(['info']);
    expect((await lintText(EXAMPLE, { filePath, rules: { [RULE]: 'off' } })).messages).toEqual([]);
    // No configuration: no QEMU version, so the rule does not run.
    expect((await lintText(EXAMPLE, { filePath, configFile: false })).messages).toEqual([]);
  });

  it('with fix, returns the fixed text as output and the messages left in it', async () => {
    const r = await lintText(EXAMPLE, { ...HOST, fix: true });
    expect(r.output).toBe(FIXED);
    expect(r.source).toBeUndefined();
    expect(r.messages).toEqual([]);
  });

  it('refuses what the CLI refuses, with its message', async () => {
    await expect(lintText(EXAMPLE, { qemuVersoin: '9.1.1' } as never)).rejects.toThrow("lintText: unknown option 'qemuVersoin'; did you mean 'qemuVersion'?");
    await expect(lintText(EXAMPLE, { qemuVersion: 'nine' })).rejects.toThrow(/^qemuVersion: 'nine' is not a QEMU version/);
    await expect(lintText(EXAMPLE, { rules: { 'no-such-rule': 'off' } })).rejects.toThrow(/no-such-rule/);
    await expect(lintText(EXAMPLE, { configFile: join(tempDir('api'), 'missing.json') })).rejects.toThrow(/missing\.json/);
  });
});

describe('applyFixes', () => {
  it('applies the safe fixes of messages to the text they came from', async () => {
    const { messages } = await lintText(EXAMPLE, HOST);
    expect(applyFixes(EXAMPLE, messages)).toEqual({ fixed: true, output: FIXED, applied: 1, messages: [] });
  });

  it('with unsafe, the first suggestion of a message without a safe fix; without, nothing', async () => {
    const vcpu = EXAMPLE.replace("<vcpu placement='static'>8</vcpu>", "<vcpu placement='static'>6</vcpu>"); // 4 cores x 2 threads make 8: the topology's error alone (a count of 0 is also outside the grammar's range)
    const { messages } = await lintText(vcpu, { ...HOST, rules: { [RULE]: 'off' } });
    expect(messages.map((m) => [m.ruleId, m.fix === undefined, m.suggestions?.length ?? 0])).toEqual([['cpu-topology-mismatch', true, 1]]);
    expect(applyFixes(vcpu, messages)).toMatchObject({ fixed: false, output: vcpu, applied: 0 });
    const unsafe = applyFixes(vcpu, messages, { unsafe: true });
    expect(unsafe).toMatchObject({ fixed: true, applied: 1, messages: [] });
    expect((await lintText(unsafe.output, { ...HOST, rules: { [RULE]: 'off' } })).messages).toEqual([]);
  });

  it('messages from another text are refused, not applied somewhere else', async () => {
    const { messages } = await lintText(EXAMPLE, HOST);
    expect(() => applyFixes('<domain/>', messages)).toThrow(RangeError);
  });
});

describe('lintFiles', () => {
  it('lints a directory as the CLI does; fix returns the fixed text and writes nothing', async () => {
    const dir = tempDir('api');
    writeFileSync(join(dir, 'a.xml'), EXAMPLE);
    writeFileSync(join(dir, 'b.xml'), FIXED);
    writeFileSync(join(dir, 'notes.txt'), 'not xml');
    const results = await lintFiles(dir, { ...HOST, fix: true, configFile: false });
    expect(results.map((r) => [r.filePath, r.errorCount, r.output === undefined])).toEqual([
      [join(dir, 'a.xml'), 0, false],
      [join(dir, 'b.xml'), 0, true],
    ]);
    expect(results[0].output).toBe(FIXED);
    expect(readFileSync(join(dir, 'a.xml'), 'utf8')).toBe(EXAMPLE);
    await expect(lintFiles('-')).rejects.toThrow("lintFiles: '-' (stdin) is not a file; use lintText");
  });
});

describe('rules and formatters', () => {
  it('rules carries each rule metadata, with its docs page', () => {
    const rule = rules.find((r) => r.id === RULE);
    expect(rule).toMatchObject({ id: RULE, fixable: 'safe', docsUrl: `https://github.com/virt-lint/virt-lint/blob/main/docs/rules/${RULE}.md`, docsCommand: `virt-lint rule ${RULE}` });
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  });

  it('formatters print what --format prints', async () => {
    const r = await lintText(EXAMPLE, { ...HOST, filePath: 'vm.xml', cwd: tempDir('api') });
    const result = { ...r, filePath: 'vm.xml' };
    expect(formatters.compact([result])).toMatch(/^vm\.xml:113:5: error: .*\[qemu-911-spice-hda-audio\]$/m);
    expect(formatters.stylish([result])).toMatch(/^ {2}113:5 {2}error {2}.* {2}qemu-911-spice-hda-audio$/m);
    expect(JSON.parse(formatters.sarif([result])).runs[0].results[0].ruleId).toBe(RULE);
  });
});
