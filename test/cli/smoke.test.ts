/**
 * The real `virt-lint` executable in a child process (bin/virt-lint.cjs and
 * the bundle `npm test`'s pretest step builds), for what only a process
 * shows: the loader, stdin from a pipe, a reader that goes away (`| head`), a
 * real terminal (script(1)), inputs that would hang a reader, and files
 * another user cannot read. Everything else runs the CLI in-process
 * (test/helpers/cli.ts), which is where its behaviour is tested in detail.
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cliEnv, expectOneLineRefusal, expectOnlyNotes, ROOT, runCli, spawnCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const EXAMPLE = 'examples/win11-looking-glass.xml';
const EXAMPLE_XML = fs.readFileSync(join(ROOT, EXAMPLE), 'utf8');
const BASE = ['--no-detect', '--qemu-version', '9.1.1'];
const isRoot = process.getuid?.() === 0;

/** `n` copies of the example in a new directory. */
function many(n: number): string {
  const dir = tempDir('smoke');
  for (let i = 1; i <= n; i++) fs.writeFileSync(join(dir, `vm${String(i).padStart(3, '0')}.xml`), EXAMPLE_XML);
  return dir;
}

/** A shell command line running the real CLI. */
const command = (args: string[]) => [process.execPath, BIN, ...args].map((a) => JSON.stringify(a)).join(' ');

describe('the executable', () => {
  it('lints the example through the loader and its code cache, as the sources do in-process', async () => {
    expect(fs.existsSync(join(ROOT, 'dist/cli.cjs.v8-cache'))).toBe(true);
    const args = [...BASE, EXAMPLE];
    const r = spawnCli(args);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("examples/win11-looking-glass.xml\n  113:5  error  <sound model='ich9'> plays through <audio id='1' type='spice'>");
    expect(r.stdout).not.toContain('\x1b['); // stdout is a pipe: no colour
    expectOnlyNotes(r.stderr.replace(/^\n/, ''), '9.1.1');
    // The bundle is the sources: the same output byte for byte.
    expect(r).toEqual(await runCli(args));
  });

  it('writes its report to pipes and files without creating process.stdout or process.stderr (their stream modules cost start-up time)', () => {
    const dir = tempDir('smoke');
    // Preloaded: at exit, the Node modules the run loaded beyond a bare `node`'s, on a descriptor of its own.
    const probe = join(dir, 'probe.cjs');
    fs.writeFileSync(probe, `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'loaded'))}, JSON.stringify(process.moduleLoadList)));\n`);
    const streams = () => (JSON.parse(fs.readFileSync(join(dir, 'loaded'), 'utf8')) as string[]).filter((m) => /^NativeModule (stream|net|tty|internal\/streams\/.+|internal\/fs\/sync_write_stream)$/.test(m));
    // What a bare `node` loads of them, and what creating a stream adds (so the assertions below can fail).
    spawnSync(process.execPath, ['-e', '0'], { env: { ...cliEnv(), NODE_OPTIONS: `--require ${probe}` } });
    const bare = streams();
    spawnSync(process.execPath, ['-e', 'process.stdout'], { env: { ...cliEnv(), NODE_OPTIONS: `--require ${probe}` } });
    expect(streams().length).toBeGreaterThan(bare.length + 5);
    const out = join(dir, 'report');
    const cmd = `${command([...BASE, EXAMPLE])} >${JSON.stringify(out)} 2>&1`;
    const r = spawnSync('sh', ['-c', cmd], { cwd: ROOT, env: { ...cliEnv(), NODE_OPTIONS: `--require ${probe}` } });
    expect(r.status).toBe(1);
    const report = fs.readFileSync(out, 'utf8');
    expect(report).toContain("examples/win11-looking-glass.xml\n  113:5  error  <sound model='ich9'>");
    expect(report).toContain('Host: QEMU 9.1.1 (--qemu-version)');
    expect(streams()).toEqual(bare);
    // Through a pipe too (spawnSync reads both), and the same bytes as in-process.
    const piped = spawnSync(process.execPath, [BIN, ...BASE, EXAMPLE], { cwd: ROOT, env: { ...cliEnv(), NODE_OPTIONS: `--require ${probe}` }, encoding: 'utf8' });
    expect(piped.stdout).toContain("113:5  error  <sound model='ich9'>");
    expect(streams()).toEqual(bare);
  });

  it('reads stdin from a pipe, bounded by --max-file-size', () => {
    const r = spawnCli([...BASE, '--format', 'json', '-'], { stdin: EXAMPLE_XML });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)[0].filePath).toBe('<stdin>');
    const big = spawnCli([...BASE, '--max-file-size', '1K', '-'], { stdin: EXAMPLE_XML });
    expect(big.code).toBe(2);
    expect(big.stderr).toContain("virt-lint: cannot read '<stdin>': it is larger than the 1 KiB limit (--max-file-size)");
  });

  it('a reader that goes away (| head) ends the run quietly: no EPIPE, no stack trace', () => {
    // 100 reports are more than a pipe holds: writes go on after head has exited.
    const dir = many(100);
    const [err, code] = [join(dir, 'stderr'), join(dir, 'code')];
    const cmd = `{ ${command([...BASE, '--format', 'json', dir])} 2>${JSON.stringify(err)}; echo $? >${JSON.stringify(code)}; } | head -c 10 >/dev/null`;
    expect(spawnSync('sh', ['-c', cmd], { env: cliEnv(), timeout: 30_000 }).status).toBe(0);
    expect(fs.readFileSync(code, 'utf8')).toBe('1\n'); // what the linted files call for
    expectOnlyNotes(fs.readFileSync(err, 'utf8'), '9.1.1');
  });
});

describe('Ctrl-C', () => {
  it('during a run with --output-file ends the process by SIGINT and leaves no temporary file and no report', async () => {
    const dir = many(400);
    const out = join(tempDir('smoke'), 'report.txt');
    const child = spawn(process.execPath, [BIN, ...BASE, '-o', out, dir], { env: cliEnv(), stdio: 'ignore' });
    const ended = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
    // The report's temporary file exists from the start of the run to its end: the signal comes in the middle.
    const temp = () => fs.readdirSync(dirname(out)).filter((f) => f.startsWith('.report.txt.virt-lint-'));
    while (temp().length === 0 && child.exitCode === null) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGINT');
    expect(await ended).toBe('SIGINT');
    expect(fs.readdirSync(dirname(out))).toEqual([]);
  });
});

describe('on a terminal (script(1) runs the command on a pseudo-terminal)', () => {
  const hasScript = spawnSync('script', ['-qec', 'true', '/dev/null'], { encoding: 'utf8' }).status === 0;

  it.skipIf(!hasScript)('stderr a terminal: one updating progress line, erased before the report', () => {
    const dir = many(12);
    const cmd = `${command([...BASE, '-f', 'json', dir])} > ${JSON.stringify(join(dir, 'out.json'))}`;
    const r = spawnSync('script', ['-qec', cmd, '/dev/null'], { encoding: 'utf8', env: cliEnv() });
    expect(r.status).toBe(1); // virt-lint's own exit code (-e)
    const tty = r.stdout;
    expect(tty).toContain('\x1b[2Kvirt-lint: [1/12] ');
    expect(tty).toContain('\x1b[2Kvirt-lint: [12/12] ');
    expect(tty).not.toMatch(/virt-lint: \[\d+\/12\][^\r\x1b]*\n/); // never a newline after a progress line
    // After the last erase only the notes follow (the pty turns \n into \r\n).
    expectOnlyNotes(tty.slice(tty.lastIndexOf('\x1b[2K') + 4).replace(/\r\n/g, '\n'), '9.1.1');
    const report = JSON.parse(fs.readFileSync(join(dir, 'out.json'), 'utf8'));
    expect(report).toHaveLength(12);
  });

  it.skipIf(!hasScript)('stdout a terminal: colour on the terminal, none in --output-file', () => {
    const out = join(tempDir('smoke'), 'report.txt');
    const env = cliEnv({ NO_COLOR: undefined });
    const r = spawnSync('script', ['-qec', command([...BASE, '-o', out, join(ROOT, EXAMPLE)]), '/dev/null'], { encoding: 'utf8', env });
    expect(r.status).toBe(1);
    const report = fs.readFileSync(out, 'utf8');
    expect(report).toMatch(/error +<sound model='ich9'>/);
    expect(report).not.toContain('\x1b[');
    const onTerminal = spawnSync('script', ['-qec', command([...BASE, join(ROOT, EXAMPLE)]), '/dev/null'], { encoding: 'utf8', env });
    expect(onTerminal.stdout).toContain('\x1b[');
  });
});

describe('what a reader in the test process could hang on, or read as root', () => {
  it('a FIFO named on the command line is refused at once (it used to hang)', () => {
    const fifo = join(tempDir('smoke'), 'vm.xml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    const r = spawnCli([...BASE, fifo], { timeout: 10_000 });
    expectOneLineRefusal(r, `virt-lint: cannot read '${fifo}': not a regular file (a FIFO); virt-lint reads regular files only (pipe a document in with -)`);
  });

  it('a .virt-lint.json that is a FIFO is refused (it used to hang)', () => {
    const dir = tempDir('smoke');
    fs.mkdirSync(join(dir, '.git'));
    fs.writeFileSync(join(dir, 'vm.xml'), EXAMPLE_XML);
    expect(spawnSync('mkfifo', [join(dir, '.virt-lint.json')]).status).toBe(0);
    const r = spawnCli([...BASE, 'vm.xml'], { cwd: dir, timeout: 10_000 });
    expectOneLineRefusal(r, 'virt-lint: .virt-lint.json: cannot read the configuration: not a regular file (a FIFO); virt-lint reads regular files only');
  });

  it('an unreadable file or directory is reported, the rest are linted, exit 2', () => {
    const dir = tempDir('smoke');
    fs.chmodSync(dir, 0o755);
    fs.writeFileSync(join(dir, 'a.xml'), EXAMPLE_XML, { mode: 0o644 });
    fs.writeFileSync(join(dir, 'secret.xml'), EXAMPLE_XML, { mode: 0o000 });
    fs.mkdirSync(join(dir, 'locked'), { mode: 0o000 });
    fs.mkdirSync(join(dir, 'open'), { mode: 0o755 });
    fs.writeFileSync(join(dir, 'open/z.xml'), EXAMPLE_XML, { mode: 0o644 });
    // Root reads everything: run as nobody there.
    const r = spawnCli([...BASE, '--format', 'json', '.'], { cwd: dir, uid: isRoot ? 65534 : undefined });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).map((f: { filePath: string }) => f.filePath)).toEqual(['a.xml', 'open/z.xml']);
    expect(r.stderr).toContain("virt-lint: cannot read directory 'locked': permission denied");
    expect(r.stderr).toContain("virt-lint: cannot read 'secret.xml': permission denied");
  });
});
