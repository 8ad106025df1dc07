/**
 * Output as a user gets it: the formats, GitHub Actions auto-selection,
 * --output-file, --explain, and the progress line. The CLI runs in-process
 * (test/helpers/cli.ts); the progress line and colour on a real terminal are
 * smoke-tested through script(1) in test/cli/smoke.test.ts.
 */
import { chmodSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { expectOnlyNotes, ROOT, runCli as cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const EXAMPLE = 'examples/win11-looking-glass.xml';
const RULE = 'qemu-911-spice-hda-audio';
const BASE = ['--no-detect', '--qemu-version', '9.1.1'];

interface JsonMessage {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
}

/** The example's diagnostics as JSON reports them (the flagship's among them). */
async function exampleMessages(): Promise<JsonMessage[]> {
  const [file] = JSON.parse((await cli([...BASE, '--format', 'json', EXAMPLE])).stdout);
  return file.messages;
}

const flagship = async () => (await exampleMessages()).find((m) => m.ruleId === RULE)!;

const sarifValidator = (() => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajvFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')));
})();

describe('--format', () => {
  it('compact: one line per problem and a count, exit code 1 for the error', async () => {
    const messages = await exampleMessages();
    expect(await flagship()).toMatchObject({ severity: 'error', line: 113, column: 5 });
    const count = (s: string) => messages.filter((m) => m.severity === s).length;
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    const infos = count('info') ? `, ${count('info')} info` : '';
    const r = await cli([...BASE, '--format', 'compact', EXAMPLE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      messages.map((m) => `${EXAMPLE}:${m.line}:${m.column}: ${m.severity}: ${m.message} [${m.ruleId}]\n`).join('') +
        `${plural(messages.length, 'problem')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}${infos}); run \`virt-lint rule <rule-id>\` for a rule's documentation\n`,
    );
    expectOnlyNotes(r.stderr, '9.1.1');
  });

  it('sarif: valid SARIF 2.1.0 with a location relative to the repository root', async () => {
    const r = await cli([...BASE, '--format', 'sarif', EXAMPLE]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(sarifValidator(log) ? [] : sarifValidator.errors).toEqual([]);
    const result = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === RULE);
    expect(result).toMatchObject({
      ruleId: RULE,
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: EXAMPLE, uriBaseId: 'SRCROOT' }, region: { startLine: 113, startColumn: 5, endLine: 113, endColumn: 25 } } }],
    });
    const rule = log.runs[0].tool.driver.rules[result.ruleIndex];
    expect(rule.id).toBe(RULE);
    expect(rule.help.markdown).toBe((await cli(['rule', RULE])).stdout);
    // From another directory of the repository the URI is still relative to its root (SRCROOT).
    const inExamples = JSON.parse((await cli([...BASE, '--format', 'sarif', 'win11-looking-glass.xml'], { cwd: join(ROOT, 'examples') })).stdout);
    expect(inExamples.runs[0].originalUriBaseIds).toEqual({ SRCROOT: { uri: `file://${ROOT}/` } });
    for (const x of inExamples.runs[0].results) expect(x.locations[0].physicalLocation.artifactLocation).toEqual({ uri: EXAMPLE, uriBaseId: 'SRCROOT' });
  });

  it('github: an ::error annotation, then the stylish report with its summary', async () => {
    const n = (await exampleMessages()).length;
    const m = await flagship();
    const r = await cli([...BASE, '--format', 'github', EXAMPLE]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    const annotations = lines.slice(0, n);
    expect(annotations.every((l) => /^::(error|warning|notice) file=/.test(l))).toBe(true);
    const [blank, ...rest] = lines.slice(n);
    expect(annotations).toContain(
      `::error file=${EXAMPLE},line=113,col=5,endLine=113,endColumn=25,title=virt-lint (${RULE})::${m.message}` +
        `%0AFix: Set <audio id='1'> to type='none' (virt-lint --fix applies it)` +
        `%0ADocs: https://github.com/virt-lint/virt-lint/blob/main/docs/rules/${RULE}.md or \`virt-lint rule ${RULE}\``,
    );
    expect(blank).toBe('');
    expect(rest.join('\n')).toBe((await cli([...BASE, '--format', 'stylish', EXAMPLE])).stdout);
    expect(r.stdout).toMatch(/✖ \d+ problems? \(\d+ errors?, \d+ warnings?/);
  });

  it('lists the formats when given an unknown one', async () => {
    const r = await cli([...BASE, '--format', 'xml', EXAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe("virt-lint: unknown format 'xml' (choose from stylish, json, compact, sarif, github)");
  });
});

describe('GITHUB_ACTIONS=true', () => {
  it('selects the github format when no --format is given', async () => {
    const r = await cli([...BASE, EXAMPLE], { env: { GITHUB_ACTIONS: 'true' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe((await cli([...BASE, '--format', 'github', EXAMPLE])).stdout);
  });

  it('leaves an explicit --format alone, and is off unless the value is "true"', async () => {
    expect((await cli([...BASE, '--format', 'json', EXAMPLE], { env: { GITHUB_ACTIONS: 'true' } })).stdout).toBe((await cli([...BASE, '--format', 'json', EXAMPLE])).stdout);
    expect((await cli([...BASE, EXAMPLE], { env: { GITHUB_ACTIONS: 'false' } })).stdout).toBe((await cli([...BASE, EXAMPLE])).stdout);
  });

  it('does not put annotations into an --output-file (GitHub reads them from the log only)', async () => {
    const dir = tempDir('out');
    const r = await cli([...BASE, '--output-file', join(dir, 'report.txt'), EXAMPLE], { env: { GITHUB_ACTIONS: 'true' } });
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toBe((await cli([...BASE, EXAMPLE])).stdout);
  });

  it('annotates paths relative to GITHUB_WORKSPACE when run from a subdirectory', async () => {
    const r = await cli([...BASE, 'win11-looking-glass.xml'], { cwd: join(ROOT, 'examples'), env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: ROOT } });
    expect(r.stdout).toMatch(/^::error file=examples\/win11-looking-glass\.xml,line=113,/m);
  });
});

describe('--output-file', () => {
  it('writes the report to the file instead of stdout; the exit code is unchanged', async () => {
    const dir = tempDir('out');
    const out = join(dir, 'virt-lint.sarif');
    const r = await cli([...BASE, '--format', 'sarif', '--output-file', out, EXAMPLE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expectOnlyNotes(r.stderr, '9.1.1');
    expect(readFileSync(out, 'utf8')).toBe((await cli([...BASE, '--format', 'sarif', EXAMPLE])).stdout);
    expect(readdirSync(dir)).toEqual(['virt-lint.sarif']); // no temporary file left behind
  });

  it('-o: the file holds the report stdout would show, the notes stay on stderr; --color still colours the file', async () => {
    const dir = tempDir('out');
    const args = ['--no-detect', '--qemu-version', '9.2.0', join(ROOT, EXAMPLE)];
    const direct = await cli(args, { env: { NO_COLOR: undefined } });
    const r = await cli([...args, '-o', 'report.txt'], { cwd: dir, env: { NO_COLOR: undefined } });
    expect(r.code).toBe(direct.code);
    expect(r.stdout).toBe('');
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toBe(direct.stdout);
    // The same notes, without the blank line that separates them from a report on the screen.
    expect(expectOnlyNotes(r.stderr, '9.2.0')).toEqual(expectOnlyNotes(direct.stderr.replace(/^\n/, ''), '9.2.0'));
    expect(direct.stdout).not.toContain('Host: ');
    await cli([...args, '-o', 'color.txt', '--color'], { cwd: dir, env: { NO_COLOR: undefined } });
    expect(readFileSync(join(dir, 'color.txt'), 'utf8')).toContain('\x1b[');
  });

  it('replaces an existing report and keeps its mode', async () => {
    const dir = tempDir('out');
    const out = join(dir, 'report.json');
    writeFileSync(out, 'old contents that are longer than nothing');
    chmodSync(out, 0o640);
    const r = await cli([...BASE, '-f', 'json', '-o', out, EXAMPLE]);
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(out, 'utf8'))[0].messages[0].ruleId).toBe(RULE);
    expect(statSync(out).mode & 0o777).toBe(0o640);
  });

  it('exits 2 naming the path when the file cannot be written', async () => {
    const dir = tempDir('out');
    const missing = join(dir, 'no/such/dir/report.json');
    const r = await cli([...BASE, '-f', 'json', '-o', missing, EXAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`virt-lint: cannot write '${missing}': no such file or directory\n`);
    mkdirSync(join(dir, 'a-dir'));
    const isDir = await cli([...BASE, '-o', join(dir, 'a-dir'), EXAMPLE]);
    expect(isDir.code).toBe(2);
    expect(isDir.stderr).toContain(`virt-lint: cannot write '${join(dir, 'a-dir')}': is a directory\n`);
  });
});

describe('rule docs from the command line', () => {
  it('--explain <id> prints what `virt-lint rule <id>` prints, which is the committed page', async () => {
    const r = await cli(['--explain', RULE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe((await cli(['rule', RULE])).stdout);
    expect(readFileSync(join(ROOT, `docs/rules/${RULE}.md`), 'utf8')).toContain(r.stdout);
  });

  it('an unknown id exits 2 with a did-you-mean', async () => {
    const r = await cli(['--explain', 'qemu-911-spice-hda-audoi']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`virt-lint: unknown rule 'qemu-911-spice-hda-audoi'; did you mean '${RULE}'? (see --list-rules)`);
  });
});

describe('progress', () => {
  const many = () => {
    const dir = tempDir('many');
    const xml = readFileSync(join(ROOT, EXAMPLE), 'utf8');
    for (let i = 1; i <= 12; i++) writeFileSync(join(dir, `vm${String(i).padStart(2, '0')}.xml`), xml);
    return dir;
  };

  it('prints nothing on stderr beyond the notes when stderr is not a terminal', async () => {
    const r = await cli([...BASE, '-f', 'json', many()]);
    expect(r.code).toBe(1);
    expectOnlyNotes(r.stderr, '9.1.1');
  });

  it('shows one updating line on a terminal and erases it before the report', async () => {
    const r = await cli([...BASE, '-f', 'json', many()], { tty: { stderr: true } });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('\x1b[2Kvirt-lint: [1/12] ');
    expect(r.stderr).toContain('\x1b[2Kvirt-lint: [12/12] ');
    expect(r.stderr).not.toMatch(/virt-lint: \[\d+\/12\][^\r\x1b]*\n/); // never a newline after a progress line
    // After the last erase only the notes follow.
    expectOnlyNotes(r.stderr.slice(r.stderr.lastIndexOf('\x1b[2K') + 4), '9.1.1');
    expect(JSON.parse(r.stdout)).toHaveLength(12);
  });

  it('writes no colour into --output-file even when stdout is a terminal', async () => {
    const out = join(tempDir('out'), 'report.txt');
    const args = [...BASE, join(ROOT, EXAMPLE)];
    const r = await cli([...args, '-o', out], { env: { NO_COLOR: undefined }, tty: true });
    expect(r.code).toBe(1);
    const report = readFileSync(out, 'utf8');
    expect(report).toMatch(/error +<sound model='ich9'>/);
    expect(report).not.toContain('\x1b[');
    // The same run onto the terminal is coloured.
    expect((await cli(args, { env: { NO_COLOR: undefined }, tty: true })).stdout).toContain('\x1b[');
  });
});
