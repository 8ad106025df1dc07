/**
 * The CLI's file I/O as an attacker or an unlucky user meets it: inputs that
 * are not regular files or are too large, bytes that are not UTF-8, fixes that
 * cannot be written (a full disk, read-only files, hard links), reports
 * written onto inputs, one file under several names, hostile configuration
 * files and glob patterns, and control characters on the terminal. The CLI
 * runs in-process (test/helpers/cli.ts); what needs a process of its own (a
 * FIFO that would hang, files unreadable to another user) is in
 * test/cli/smoke.test.ts.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { dirname, join } from 'node:path';
import { createServer } from 'node:net';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { expectOneLineRefusal, ROOT, runCli as cli, type CliRun as Run } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';
import type { InterruptSignal, SignalSource } from '../../src/cli/interrupt.js';

const EXAMPLE = fs.readFileSync(join(ROOT, 'examples/win11-looking-glass.xml'), 'utf8');
const FIXED = EXAMPLE.replace("<audio id='1' type='spice'/>", "<audio id='1' type='none'/>");
const BASE = ['--no-detect', '--qemu-version', '9.1.1'];
const isRoot = process.getuid?.() === 0;

function tempCopy(name = 'vm.xml', content: string | Buffer = EXAMPLE): string {
  const path = join(tempDir('io'), name);
  fs.writeFileSync(path, content);
  return path;
}

describe('inputs that are not regular files, or too large', () => {
  it('a socket is refused', async () => {
    const path = join(tempDir('io'), 'vm.xml');
    const server = createServer().listen(path);
    await once(server, 'listening');
    try {
      expectOneLineRefusal(await cli([...BASE, path]), `virt-lint: cannot read '${path}': not a regular file (a socket)`);
    } finally {
      server.close();
    }
  });

  it('/dev/zero is refused (it used to abort with std::bad_alloc)', async () => {
    expectOneLineRefusal(await cli([...BASE, '/dev/zero']), "virt-lint: cannot read '/dev/zero': not a regular file (a character device)");
  });

  it('a symlink to a device found by a glob is refused when read; the other files are linted', async () => {
    const dir = tempDir('io');
    fs.writeFileSync(join(dir, 'a.xml'), EXAMPLE);
    fs.symlinkSync('/dev/zero', join(dir, 'b.xml'));
    const r = await cli([...BASE, '--format', 'json', `${dir}/*.xml`]);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).map((f: { filePath: string }) => f.filePath)).toEqual([join(dir, 'a.xml')]);
    expect(r.stderr).toContain(`virt-lint: cannot read '${join(dir, 'b.xml')}': not a regular file (a character device)`);
  });

  it('a file over --max-file-size (default 16 MiB) is refused without reading it', async () => {
    const big = join(tempDir('io'), 'big.xml');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, 17 * 1024 * 1024);
    let r = await cli([...BASE, big]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`virt-lint: cannot read '${big}': 17 MiB is over the 16 MiB limit (--max-file-size)\n`);
    const small = tempCopy();
    r = await cli([...BASE, '--max-file-size', '4K', small]);
    expect(r.stderr).toBe(`virt-lint: cannot read '${small}': ${(Buffer.byteLength(EXAMPLE) / 1024).toFixed(1)} KiB is over the 4 KiB limit (--max-file-size)\n`);
    expect((await cli([...BASE, '--max-file-size', '1M', small])).code).toBe(1);
    expect((await cli([...BASE, '--max-file-size', 'lots', small])).stderr).toContain("virt-lint: --max-file-size needs a size such as 16M, 512K or 1048576, got 'lots'");
  });

  it('stdin is bounded by the same limit', async () => {
    const r = await cli([...BASE, '--max-file-size', '1K', '-'], { stdin: EXAMPLE });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("virt-lint: cannot read '<stdin>': it is larger than the 1 KiB limit (--max-file-size)");
  });
});

describe('bytes that are not UTF-8', () => {
  /** The example with its name spelled "café" in ISO-8859-1. */
  const latin1 = () => {
    const at = EXAMPLE.indexOf('<name>win11</name>');
    return Buffer.concat([Buffer.from(`${EXAMPLE.slice(0, at)}<name>caf`), Buffer.from([0xe9]), Buffer.from(EXAMPLE.slice(at + '<name>win11'.length))]);
  };

  it('are one xml-not-well-formed error at their line and column, in libvirt\'s words', async () => {
    const path = tempCopy('latin1.xml', latin1());
    const r = await cli([...BASE, '--format', 'json', path]);
    expect(r.code).toBe(1);
    const [file] = JSON.parse(r.stdout);
    const line = EXAMPLE.slice(0, EXAMPLE.indexOf('<name>win11')).split('\n').length;
    expect(file.messages).toEqual([expect.objectContaining({ ruleId: 'xml-not-well-formed', line, column: 12 })]);
    expect(file.messages[0].message).toMatch(/^XML is not well-formed: Input is not proper UTF-8, indicate encoding ! \(bytes 0xE9 0x3C 0x2F 0x6E at byte offset \d+\)/);
  });

  it('--fix refuses to write the file (it used to turn the byte into U+FFFD), exit 2 with the byte offset', async () => {
    const bytes = latin1();
    const path = tempCopy('latin1.xml', bytes);
    const r = await cli([...BASE, '--fix', path]);
    expect(r.code).toBe(2);
    expect(fs.readFileSync(path).equals(bytes)).toBe(true);
    const offset = bytes.indexOf(0xe9);
    expect(r.stderr).toContain(
      `virt-lint: cannot fix '${path}': at byte offset ${offset} (9:12): Input is not proper UTF-8, indicate encoding ! (bytes 0xE9 0x3C 0x2F 0x6E at byte offset ${offset}); the file was left unchanged (virt-lint never re-encodes a file)`,
    );
  });

  it('--fix refuses a UTF-16 file the same way', async () => {
    const bytes = Buffer.from(`\uFEFF${EXAMPLE}`, 'utf16le');
    const path = tempCopy('utf16.xml', bytes);
    const r = await cli([...BASE, '--fix', path]);
    expect(r.code).toBe(2);
    expect(fs.readFileSync(path).equals(bytes)).toBe(true);
    expect(r.stderr).toContain(`virt-lint: cannot fix '${path}': at byte offset 0 (1:1): the file is UTF-16LE`);
  });

  it('stdin is read as bytes too', async () => {
    const r = await cli([...BASE, '--format', 'json', '-'], { stdin: latin1() });
    expect(JSON.parse(r.stdout)[0].messages[0].message).toContain('Input is not proper UTF-8');
  });

  it('a fix keeps every other byte: BOM, CRLF and non-ASCII text', async () => {
    const text = '\uFEFF' + EXAMPLE.replace('<name>win11</name>', '<name>win11</name>\n  <description>Ωμέγα ☃ 𝄞</description>').replace(/\n/g, '\r\n');
    const path = tempCopy('utf8.xml', text);
    expect((await cli([...BASE, '--fix', path])).code).toBe(0);
    expect(fs.readFileSync(path).equals(Buffer.from(text.replace("<audio id='1' type='spice'/>", "<audio id='1' type='none'/>")))).toBe(true);
  });
});

describe('fixes that cannot be written', () => {
  /** The report must show the file as it is: the problem unfixed, no "Fixed" note, exit 2. */
  function expectUnfixed(r: Run, path: string, why: string): void {
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('qemu-911-spice-hda-audio');
    expect(r.stderr).not.toContain('Fixed 1 problem');
    expect(r.stderr).toContain(`virt-lint: cannot write '${path}': ${why}`);
    expect(r.stderr).toContain('the file was left unchanged');
    expect(fs.readFileSync(path, 'utf8')).toBe(EXAMPLE);
  }

  it('a read-only (0444) file is refused, not replaced', async () => {
    const path = tempCopy();
    fs.chmodSync(path, 0o444);
    expectUnfixed(await cli([...BASE, '--fix', path]), path, 'is read-only (mode 0444)');
    expect(fs.statSync(path).mode & 0o777).toBe(0o444);
  });

  it('a file with a second hard link is refused (replacing it would break the link)', async () => {
    const path = tempCopy();
    fs.linkSync(path, `${path}.orig`);
    expectUnfixed(await cli([...BASE, '--fix', path]), path, 'has 2 hard links');
    expect(fs.statSync(path).ino).toBe(fs.statSync(`${path}.orig`).ino);
  });

  it('one file that cannot be written does not stop the others', async () => {
    const ro = tempCopy('ro.xml');
    fs.chmodSync(ro, 0o444);
    const ok = tempCopy('ok.xml');
    const r = await cli([...BASE, '--fix', ro, ok]);
    expect(r.code).toBe(2);
    expect(fs.readFileSync(ok, 'utf8')).toBe(FIXED);
    expect(fs.readFileSync(ro, 'utf8')).toBe(EXAMPLE);
    expect(r.stderr).toContain('Fixed 1 problem.');
  });

  const tmpfs = (): string | undefined => {
    if (!isRoot) return undefined;
    const dir = tempDir('io');
    return spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', dir]).status === 0 ? dir : undefined;
  };

  /** Appends to `file` until the file system is full; returns the file's size. */
  function fillUp(file: string): number {
    const fd = fs.openSync(file, 'a');
    const page = Buffer.alloc(4096, 0x78);
    try {
      for (;;) fs.writeSync(fd, page);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
    } finally {
      fs.closeSync(fd);
    }
    return fs.statSync(file).size;
  }

  /** Fills the file system, then frees one page: less room than the fixed file needs. */
  function fillLeavingOnePage(dir: string): void {
    const size = fillUp(join(dir, 'filler'));
    fs.truncateSync(join(dir, 'filler'), Math.max(0, Math.floor(size / 4096) * 4096 - 4096));
  }

  it('a full disk (a real tmpfs; needs root and mount): the original stays byte-identical, exit 2', async (ctx) => {
    const dir = tmpfs();
    if (!dir) return ctx.skip();
    try {
      const path = join(dir, 'vm.xml');
      fs.writeFileSync(path, EXAMPLE);
      fillLeavingOnePage(dir);
      const r = await cli([...BASE, '--fix', path]);
      // Today's writer renamed a short write over the file and said "Fixed 1 problem", exit 0.
      expectUnfixed(r, path, 'no space left on device');
      expect(fs.readdirSync(dir).sort()).toEqual(['filler', 'vm.xml']);
      // --output-file on the same disk, now full: exit 2, nothing left behind.
      fillUp(join(dir, 'filler'));
      const out = await cli([...BASE, '--format', 'json', '-o', join(dir, 'report.json'), path]);
      expect(out.code).toBe(2);
      expect(out.stderr).toContain(`virt-lint: cannot write '${join(dir, 'report.json')}': no space left on device`);
      expect(fs.readdirSync(dir).sort()).toEqual(['filler', 'vm.xml']);
    } finally {
      spawnSync('umount', [dir]);
    }
  });

  const hasSetfattr = spawnSync('setfattr', ['--version']).status === 0;
  it.runIf(hasSetfattr)('extended attributes survive --fix (they used to be dropped)', async () => {
    const path = tempCopy();
    expect(spawnSync('setfattr', ['-n', 'user.origin', '-v', 'hand-edited', path]).status).toBe(0);
    expect((await cli([...BASE, '--fix', path])).code).toBe(0);
    expect(fs.readFileSync(path, 'utf8')).toBe(FIXED);
    expect(spawnSync('getfattr', ['--only-values', '-n', 'user.origin', path], { encoding: 'utf8' }).stdout).toBe('hand-edited');
  });
});

describe('--output-file', () => {
  it('onto one of the inputs (after realpath) is refused before anything is written', async () => {
    const path = tempCopy();
    const r = await cli([...BASE, '-o', path, `${dirname(path)}/./vm.xml`]);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe(`virt-lint: --output-file '${path}' is the input '${dirname(path)}/./vm.xml': the report would replace it; write the report elsewhere`);
    expect(fs.readFileSync(path, 'utf8')).toBe(EXAMPLE);
  });

  it('never writes through a symlink', async () => {
    const dir = tempDir('io');
    const vm = join(dir, 'vm.xml');
    fs.writeFileSync(vm, EXAMPLE);
    fs.symlinkSync('victim.txt', join(dir, 'report.json'));
    const r = await cli([...BASE, '-f', 'json', '-o', join(dir, 'report.json'), vm]);
    expectOneLineRefusal(r, `virt-lint: cannot write '${join(dir, 'report.json')}': is a symbolic link`);
    expect(fs.existsSync(join(dir, 'victim.txt'))).toBe(false);
  });

  it('writes the whole report', async () => {
    const vm = tempCopy();
    const out = join(dirname(vm), 'report.json');
    expect((await cli([...BASE, '-f', 'json', '-o', out, vm])).code).toBe(1);
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))[0].filePath).toBe(vm);
    expect(fs.readdirSync(dirname(vm)).sort()).toEqual(['report.json', 'vm.xml']);
  });
});

/**
 * A signal source that sends SIGINT once `when()` holds (checked on every turn
 * of the event loop), and records what the CLI raised again afterwards, with
 * what `seen()` saw at that moment: a real process ends there.
 */
class CtrlC implements SignalSource {
  readonly raised: { signal: InterruptSignal; seen: unknown }[] = [];
  private readonly listeners = new Map<InterruptSignal, (s: InterruptSignal) => void>();
  constructor(
    private readonly when: () => boolean,
    private readonly seen: () => unknown = () => undefined,
  ) {}
  on(signal: InterruptSignal, listener: (s: InterruptSignal) => void) {
    this.listeners.set(signal, listener);
    if (signal === 'SIGINT') this.poll();
  }
  off(signal: InterruptSignal) {
    this.listeners.delete(signal);
  }
  raise(signal: InterruptSignal) {
    this.raised.push({ signal, seen: this.seen() });
  }
  get listening() {
    return this.listeners.size;
  }
  private poll() {
    setImmediate(() => (this.when() ? this.listeners.get('SIGINT')?.('SIGINT') : this.poll()));
  }
}

describe('Ctrl-C while writing', () => {
  it('--output-file: the report\'s temporary file is removed, nothing is written, and the signal is raised again', async () => {
    const a = tempCopy('a.xml');
    const dir = dirname(a);
    fs.writeFileSync(join(dir, 'b.xml'), EXAMPLE);
    const signals = new CtrlC(() => true, () => fs.readdirSync(dir).sort());
    const r = await cli([...BASE, '-o', join(dir, 'report.txt'), a, join(dir, 'b.xml')], { signals });
    expect({ code: r.code, raised: signals.raised, listening: signals.listening }).toEqual({ code: 130, raised: [{ signal: 'SIGINT', seen: ['a.xml', 'b.xml'] }], listening: 0 });
    expect(fs.readdirSync(dir).sort()).toEqual(['a.xml', 'b.xml']);
  });

  it('--fix: a file being written is completed, the next one is not started', async () => {
    const a = tempCopy('a.xml');
    const b = join(dirname(a), 'b.xml');
    fs.writeFileSync(b, EXAMPLE);
    const signals = new CtrlC(() => fs.readFileSync(a, 'utf8') !== EXAMPLE, () => fs.readdirSync(dirname(a)).sort());
    const r = await cli([...BASE, '--fix', a, b], { signals });
    expect({ code: r.code, raised: signals.raised }).toEqual({ code: 130, raised: [{ signal: 'SIGINT', seen: ['a.xml', 'b.xml'] }] });
    expect(fs.readFileSync(a, 'utf8')).toBe(FIXED);
    expect(fs.readFileSync(b, 'utf8')).toBe(EXAMPLE);
    expect(fs.readdirSync(dirname(a)).sort()).toEqual(['a.xml', 'b.xml']);
  });

  it('a run that writes nothing leaves the signals alone', async () => {
    const signals = new CtrlC(() => true);
    expect((await cli([...BASE, tempCopy()], { signals })).code).toBe(1);
    expect({ raised: signals.raised, listening: signals.listening }).toEqual({ raised: [], listening: 0 });
  });
});

describe('scale', () => {
  it('the same file under several names is linted once', async () => {
    const path = tempCopy();
    const dir = dirname(path);
    fs.symlinkSync('vm.xml', join(dir, 'alias.xml'));
    const r = await cli([...BASE, '--format', 'json', path, `${dir}/./vm.xml`, 'vm.xml', join(dir, 'alias.xml'), dir], { cwd: dir });
    expect(JSON.parse(r.stdout).map((f: { filePath: string }) => f.filePath)).toEqual(['vm.xml']);
  });
});

describe('configuration files', () => {
  function repo(config: (dir: string) => void): string {
    const dir = tempDir('io');
    fs.mkdirSync(join(dir, '.git'));
    fs.writeFileSync(join(dir, 'vm.xml'), EXAMPLE);
    config(dir);
    return dir;
  }

  it('a .virt-lint.json that is a symlink to /dev/zero is refused (it used to grow to gigabytes)', async () => {
    const dir = repo((d) => fs.symlinkSync('/dev/zero', join(d, '.virt-lint.json')));
    const r = await cli([...BASE, 'vm.xml'], { cwd: dir });
    expectOneLineRefusal(r, "virt-lint: .virt-lint.json: cannot read the configuration: it is a symbolic link to '/dev/zero', outside the repository");
  });

  it('a symlinked .virt-lint.json is read only when it stays inside the repository', async () => {
    const outside = tempCopy('secrets.json', '{ "token": "hunter2" }');
    let dir = repo((d) => fs.symlinkSync(outside, join(d, '.virt-lint.json')));
    let r = await cli([...BASE, 'vm.xml'], { cwd: dir });
    expectOneLineRefusal(r, `it is a symbolic link to '${outside}', outside the repository`);
    expect(r.stderr).not.toContain('hunter2');
    dir = repo((d) => {
      fs.mkdirSync(join(d, 'conf'));
      fs.writeFileSync(join(d, 'conf/lint.json'), JSON.stringify({ qemuVersion: '9.1.2' }));
      fs.symlinkSync('conf/lint.json', join(d, '.virt-lint.json'));
    });
    r = await cli(['--no-detect', 'vm.xml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Host: QEMU 9.1.2 (qemuVersion in .virt-lint.json)');
  });

  it('--config /dev/zero is refused', async () => {
    const vm = tempCopy();
    expectOneLineRefusal(await cli([...BASE, '--config', '/dev/zero', vm]), 'virt-lint: /dev/zero: cannot read the configuration: not a regular file (a character device)');
  });

  it('a backtracking glob in ignores matches at once (it used to take minutes)', async () => {
    const name = `${'a'.repeat(120)}.xml`;
    const dir = repo((d) => {
      fs.writeFileSync(join(d, name), EXAMPLE);
      fs.writeFileSync(join(d, '.virt-lint.json'), JSON.stringify({ ignores: ['*a*a*a*a*a*a*a*a*a*a*b'] }));
    });
    const start = Date.now();
    const r = await cli([...BASE, '--format', 'json', name], { cwd: dir });
    expect(r.code).toBe(1);
    expect(Date.now() - start).toBeLessThan(8_000);
  });

  it('an invalid pattern is a configuration error naming the pattern and the position, not a stack trace', async () => {
    const dir = repo((d) => fs.writeFileSync(join(d, '.virt-lint.json'), JSON.stringify({ overrides: [{ files: ['lab/[z-a]*.xml'], rules: {} }] })));
    expectOneLineRefusal(await cli([...BASE, 'vm.xml'], { cwd: dir }), 'virt-lint: .virt-lint.json: overrides[0].files[0]: invalid pattern "lab/[z-a]*.xml": range z-a is reversed at character 6');
  });

  it('an invalid glob on the command line is a usage error', async () => {
    const r = await cli([...BASE, 'vms/[abc.xml']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toBe('virt-lint: invalid pattern "vms/[abc.xml": \'[\' is not closed by \']\' at character 5');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('control characters never reach the terminal raw', () => {
  // U+009B is a C1 CSI (ESC [ on terminals that honour C1) and legal in XML 1.0; DEL too.
  const hostile = EXAMPLE.replace("<target dev='sda' bus='sata'/>", "<target dev='x&#x9b;31mRED&#x7f;' bus='sata'/>");
  const RAW = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

  it.each(['stylish', 'compact', 'github'])('%s escapes control characters in messages and file names', async (format) => {
    const name = 'evil\x1b]0;TITLE\x07\nname.xml';
    const path = tempCopy(name, hostile);
    const r = await cli([...BASE, '--format', format, path]);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(RAW);
    expect(r.stdout).toContain('x\\x9b31mRED\\x7f');
    expect(r.stdout).toContain('evil\\x1b]0;TITLE\\x07\\nname.xml');
    // No line of the report starts with the rest of the file name.
    expect(r.stdout.split('\n').some((l) => l.startsWith('name.xml'))).toBe(false);
  });

  it('an OSC sequence spelled with character references is not printed raw', async () => {
    const path = tempCopy('osc.xml', EXAMPLE.replace("<target dev='sda' bus='sata'/>", "<target dev='&#x1b;]0;X&#x7;' bus='sata'/>"));
    for (const format of ['stylish', 'compact', 'github']) {
      const r = await cli([...BASE, '--format', format, path]);
      expect(r.stdout).not.toMatch(RAW);
    }
  });

  it('stderr messages escape file names too', async () => {
    const path = join(tempDir('io'), 'gone\x1b]0;T\x07.xml');
    const r = await cli([...BASE, path]);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(RAW);
    expect(r.stderr).toContain('gone\\x1b]0;T\\x07.xml');
  });
});
