/**
 * Output as a user gets it from the real `virt-lint` (built by `npm test`'s
 * pretest step): the formats, GitHub Actions auto-selection, --output-file,
 * --explain, and the progress line (on a real pseudo-terminal via script(1)).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = join(ROOT, 'bin/virt-lint.cjs');
const EXAMPLE = 'examples/win11-looking-glass.xml';
const RULE = 'qemu-911-spice-hda-audio';
const BASE = ['--no-detect', '--qemu-version', '9.1.1'];

function cli(args: string[], opts: { cwd?: string; env?: NodeJS.ProcessEnv } = {}) {
  const env = { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', GITHUB_WORKSPACE: '', VIRT_LINT_QEMU_VERSION: '', VIRT_LINT_LIBVIRT_VERSION: '', ...opts.env };
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: opts.cwd ?? ROOT, env, input: '', encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

interface JsonMessage {
  ruleId: string;
  severity: string;
  message: string;
  line: number;
  column: number;
}

/** The example's diagnostics as JSON reports them (the flagship's among them). */
function exampleMessages(): JsonMessage[] {
  const [file] = JSON.parse(cli([...BASE, '--format', 'json', EXAMPLE]).stdout);
  return file.messages;
}

const flagship = () => exampleMessages().find((m) => m.ruleId === RULE)!;

/** stderr holds only the run's notes: the host facts used, then lines about rules skipped for unknown facts. */
function expectOnlyNotes(stderr: string, qemu: string): string[] {
  const lines = stderr.replace(/\n$/, '').split('\n');
  expect(lines[0]).toBe(`Host: QEMU ${qemu} (--qemu-version)`);
  for (const l of lines.slice(1)) expect(l).toMatch(/^(Host: |\S.* unknown: \d+ version-specific rules? skipped; pass --)/);
  expect(stderr).not.toContain('\r');
  return lines;
}

const sarifValidator = (() => {
  const ajv = new Ajv({ allErrors: true, strict: false });
  ajvFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(join(ROOT, 'test/fixtures/sarif/sarif-schema-2.1.0.json'), 'utf8')));
})();

describe('--format', () => {
  it('compact: one line per problem and a count, exit code 1 for the error', () => {
    const messages = exampleMessages();
    expect(flagship()).toMatchObject({ severity: 'error', line: 113, column: 5 });
    const count = (s: string) => messages.filter((m) => m.severity === s).length;
    const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
    const infos = count('info') ? `, ${count('info')} info` : '';
    const r = cli([...BASE, '--format', 'compact', EXAMPLE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(
      messages.map((m) => `${EXAMPLE}:${m.line}:${m.column}: ${m.severity}: ${m.message} [${m.ruleId}]\n`).join('') +
        `${plural(messages.length, 'problem')} (${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}${infos}); run \`virt-lint rule <rule-id>\` for a rule's documentation\n`,
    );
    expectOnlyNotes(r.stderr, '9.1.1');
  });

  it('sarif: valid SARIF 2.1.0 with a location relative to the working directory', () => {
    const r = cli([...BASE, '--format', 'sarif', EXAMPLE]);
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(sarifValidator(log) ? [] : sarifValidator.errors).toEqual([]);
    const result = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === RULE);
    expect(result).toMatchObject({
      ruleId: RULE,
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: EXAMPLE }, region: { startLine: 113, startColumn: 5, endLine: 113, endColumn: 25 } } }],
    });
    const rule = log.runs[0].tool.driver.rules[result.ruleIndex];
    expect(rule.id).toBe(RULE);
    expect(rule.help.markdown).toBe(cli(['rule', RULE]).stdout);
    // From another directory the URI is relative to that one.
    const inExamples = JSON.parse(cli([...BASE, '--format', 'sarif', 'win11-looking-glass.xml'], { cwd: join(ROOT, 'examples') }).stdout);
    for (const x of inExamples.runs[0].results) expect(x.locations[0].physicalLocation.artifactLocation.uri).toBe('win11-looking-glass.xml');
  });

  it('github: an ::error annotation, then the stylish report with its summary', () => {
    const n = exampleMessages().length;
    const m = flagship();
    const r = cli([...BASE, '--format', 'github', EXAMPLE]);
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
    expect(rest.join('\n')).toBe(cli([...BASE, '--format', 'stylish', EXAMPLE]).stdout);
    expect(r.stdout).toMatch(/✖ \d+ problems? \(\d+ errors?, \d+ warnings?/);
  });

  it('lists the formats when given an unknown one', () => {
    const r = cli([...BASE, '--format', 'xml', EXAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe("virt-lint: unknown format 'xml' (choose from stylish, json, compact, sarif, github)");
  });
});

describe('GITHUB_ACTIONS=true', () => {
  it('selects the github format when no --format is given', () => {
    const r = cli([...BASE, EXAMPLE], { env: { GITHUB_ACTIONS: 'true' } });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(cli([...BASE, '--format', 'github', EXAMPLE]).stdout);
  });

  it('leaves an explicit --format alone, and is off unless the value is "true"', () => {
    expect(cli([...BASE, '--format', 'json', EXAMPLE], { env: { GITHUB_ACTIONS: 'true' } }).stdout).toBe(cli([...BASE, '--format', 'json', EXAMPLE]).stdout);
    expect(cli([...BASE, EXAMPLE], { env: { GITHUB_ACTIONS: 'false' } }).stdout).toBe(cli([...BASE, EXAMPLE]).stdout);
  });

  it('does not put annotations into an --output-file (GitHub reads them from the log only)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'virt-lint-out-'));
    const r = cli([...BASE, '--output-file', join(dir, 'report.txt'), EXAMPLE], { env: { GITHUB_ACTIONS: 'true' } });
    expect(r.code).toBe(1);
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toBe(cli([...BASE, EXAMPLE]).stdout);
  });

  it('annotates paths relative to GITHUB_WORKSPACE when run from a subdirectory', () => {
    const r = cli([...BASE, 'win11-looking-glass.xml'], { cwd: join(ROOT, 'examples'), env: { GITHUB_ACTIONS: 'true', GITHUB_WORKSPACE: ROOT } });
    expect(r.stdout).toMatch(/^::error file=examples\/win11-looking-glass\.xml,line=113,/m);
  });
});

describe('--output-file', () => {
  it('writes the report to the file instead of stdout; the exit code is unchanged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'virt-lint-out-'));
    const out = join(dir, 'virt-lint.sarif');
    const r = cli([...BASE, '--format', 'sarif', '--output-file', out, EXAMPLE]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expectOnlyNotes(r.stderr, '9.1.1');
    expect(readFileSync(out, 'utf8')).toBe(cli([...BASE, '--format', 'sarif', EXAMPLE]).stdout);
    expect(readdirSync(dir)).toEqual(['virt-lint.sarif']); // no temporary file left behind
  });

  it('-o: the run notes also reach stderr (the report is not on the screen); --color still colours the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'virt-lint-out-'));
    const args = ['--no-detect', '--qemu-version', '9.2.0', join(ROOT, EXAMPLE)];
    const direct = cli(args, { env: { NO_COLOR: undefined } });
    const r = cli([...args, '-o', 'report.txt'], { cwd: dir, env: { NO_COLOR: undefined } });
    expect(r.code).toBe(direct.code);
    expect(r.stdout).toBe('');
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toBe(direct.stdout);
    for (const note of expectOnlyNotes(r.stderr, '9.2.0')) expect(direct.stdout).toContain(note); // the same notes the report has
    cli([...args, '-o', 'color.txt', '--color'], { cwd: dir, env: { NO_COLOR: undefined } });
    expect(readFileSync(join(dir, 'color.txt'), 'utf8')).toContain('\x1b[');
  });

  it('replaces an existing report and keeps its mode', () => {
    const dir = mkdtempSync(join(tmpdir(), 'virt-lint-out-'));
    const out = join(dir, 'report.json');
    writeFileSync(out, 'old contents that are longer than nothing');
    chmodSync(out, 0o640);
    const r = cli([...BASE, '-f', 'json', '-o', out, EXAMPLE]);
    expect(r.code).toBe(1);
    expect(JSON.parse(readFileSync(out, 'utf8'))[0].messages[0].ruleId).toBe(RULE);
    expect(statSync(out).mode & 0o777).toBe(0o640);
  });

  it('exits 2 naming the path when the file cannot be written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'virt-lint-out-'));
    const missing = join(dir, 'no/such/dir/report.json');
    const r = cli([...BASE, '-f', 'json', '-o', missing, EXAMPLE]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`virt-lint: cannot write '${missing}': no such file or directory\n`);
    mkdirSync(join(dir, 'a-dir'));
    const isDir = cli([...BASE, '-o', join(dir, 'a-dir'), EXAMPLE]);
    expect(isDir.code).toBe(2);
    expect(isDir.stderr).toContain(`virt-lint: cannot write '${join(dir, 'a-dir')}': is a directory\n`);
  });
});

describe('rule docs from the command line', () => {
  it('--explain <id> prints what `virt-lint rule <id>` prints, which is the committed page', () => {
    const r = cli(['--explain', RULE]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(cli(['rule', RULE]).stdout);
    expect(readFileSync(join(ROOT, `docs/rules/${RULE}.md`), 'utf8')).toContain(r.stdout);
  });

  it('an unknown id exits 2 with a did-you-mean', () => {
    const r = cli(['--explain', 'qemu-911-spice-hda-audoi']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`virt-lint: unknown rule 'qemu-911-spice-hda-audoi'; did you mean '${RULE}'? (see --list-rules)`);
  });
});

describe('progress', () => {
  const many = () => {
    const dir = mkdtempSync(join(tmpdir(), 'virt-lint-many-'));
    const xml = readFileSync(join(ROOT, EXAMPLE), 'utf8');
    for (let i = 1; i <= 12; i++) writeFileSync(join(dir, `vm${String(i).padStart(2, '0')}.xml`), xml);
    return dir;
  };

  it('prints nothing on stderr beyond the notes when stderr is not a terminal', () => {
    const r = cli([...BASE, '-f', 'json', many()]);
    expect(r.code).toBe(1);
    expectOnlyNotes(r.stderr, '9.1.1');
  });

  // script(1) (util-linux) runs the command on a pseudo-terminal: stderr is a TTY, stdout goes to a file.
  const hasScript = spawnSync('script', ['-qec', 'true', '/dev/null'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!hasScript)('shows one updating line on a terminal and erases it before the report', () => {
    const dir = many();
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} ${BASE.join(' ')} -f json ${JSON.stringify(dir)} > ${JSON.stringify(join(dir, 'out.json'))}`;
    const env = { ...process.env, NO_COLOR: '1', GITHUB_ACTIONS: '', VIRT_LINT_QEMU_VERSION: '' };
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', env });
    expect(r.status).toBe(1); // virt-lint's own exit code (-e)
    const tty = r.stdout;
    expect(tty).toContain('\x1b[2Kvirt-lint: [1/12] ');
    expect(tty).toContain('\x1b[2Kvirt-lint: [12/12] ');
    expect(tty).not.toMatch(/virt-lint: \[\d+\/12\][^\r\x1b]*\n/); // never a newline after a progress line
    // After the last erase only the notes follow (the pty turns \n into \r\n).
    expectOnlyNotes(tty.slice(tty.lastIndexOf('\x1b[2K') + 4).replace(/\r\n/g, '\n'), '9.1.1');
    const report = JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8'));
    expect(report).toHaveLength(12);
  });

  it.skipIf(!hasScript)('writes no colour into --output-file even when stdout is a terminal', () => {
    const dir = mkdtempSync(join(tmpdir(), 'virt-lint-out-'));
    const out = join(dir, 'report.txt');
    const cmd = `${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} ${BASE.join(' ')} -o ${JSON.stringify(out)} ${JSON.stringify(join(ROOT, EXAMPLE))}`;
    const env: NodeJS.ProcessEnv = { ...process.env, GITHUB_ACTIONS: '', VIRT_LINT_QEMU_VERSION: '' };
    delete env.NO_COLOR;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', env });
    expect(r.status).toBe(1);
    const report = readFileSync(out, 'utf8');
    expect(report).toMatch(/error +<sound model='ich9'>/);
    expect(report).not.toContain('\x1b[');
  });
});
