/**
 * The command line's options as a user meets them: information, usage errors,
 * linting, fixing, and the edge cases of paths and colour. The CLI runs
 * in-process (test/helpers/cli.ts); the real executable is smoke-tested in
 * test/cli/smoke.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli as cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const EXAMPLE = join(ROOT, 'examples/win11-looking-glass.xml');

function tempCopy(name = 'vm.xml', content = readFileSync(EXAMPLE, 'utf8')): string {
  const dir = tempDir('cli');
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('information', () => {
  it('--help lists every option group and the exit codes', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    for (const flag of ['--qemu-version V', '--libvirt-version V', '--no-detect', '--fix', '--fix-dry-run', '--format NAME', '--max-warnings N', '--list-rules']) {
      expect(r.stdout).toContain(flag);
    }
    expect(r.stdout).toContain('Exit codes: 0 no errors');
  });

  it('--version prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect((await cli(['--version'])).stdout).toBe(`${pkg.version}\n`);
  });

  it('--list-rules lists the flagship rule', async () => {
    const r = await cli(['--list-rules']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^qemu-911-spice-hda-audio\s+warning\s+yes \(safe\)\s+compatibility\s+HDA sound over SPICE audio/m);
  });

  it('`rule <id>` prints the documentation sections', async () => {
    const r = await cli(['rule', 'qemu-911-spice-hda-audio']);
    expect(r.code).toBe(0);
    for (const h of ['## What it does', '## Why is this bad?', '## Example', '## Use instead', '## Fix safety', '## Source']) expect(r.stdout).toContain(h);
  });
});

describe('usage errors exit 2 with one line', () => {
  it.each([
    [['--frobnicate', 'x.xml'], "virt-lint: unknown option '--frobnicate'"],
    [['--fixx', 'x.xml'], "virt-lint: unknown option '--fixx'; did you mean '--fix'?"],
    [['examples/nope.xml'], "virt-lint: cannot read 'examples/nope.xml': no such file or directory"],
    [['--qemu-version', 'banana', EXAMPLE], "virt-lint: --qemu-version: 'banana' is not a QEMU version"],
    [['--format', 'xml', EXAMPLE], "virt-lint: unknown format 'xml'"],
    [[], 'virt-lint: no input files'],
    [['rule'], 'virt-lint: virt-lint rule needs exactly one rule id'],
    [['--libvirt-version', 'x', EXAMPLE], `virt-lint: --libvirt-version: 'x' is not a libvirt version (expected e.g. 10.0.0 or "Using library: libvirt 10.0.0")`],
  ])('%j', async (args, message) => {
    const r = await cli(args);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toContain(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(r.stdout).toBe('');
  });

  it('says a missing file in one line, without the usage hint (the command line was right)', async () => {
    const r = await cli(['examples/nope.xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("virt-lint: cannot read 'examples/nope.xml': no such file or directory\n");
  });

  it('rejects a bad VIRT_LINT_QEMU_VERSION', async () => {
    const r = await cli([EXAMPLE], { env: { VIRT_LINT_QEMU_VERSION: 'latest' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("VIRT_LINT_QEMU_VERSION: 'latest' is not a QEMU version");
  });
});

describe('linting', () => {
  it('reports the QEMU 9.1.1 crash in the Looking Glass example (stylish)', async () => {
    const r = await cli(['--no-detect', '--qemu-version', '9.1.1', 'examples/win11-looking-glass.xml']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('examples/win11-looking-glass.xml\n  113:5  error  <sound model=\'ich9\'> plays through <audio id=\'1\' type=\'spice\'>');
    expect(r.stdout).toContain('qemu-911-spice-hda-audio');
    expect(r.stderr).toContain('Host: QEMU 9.1.1 (--qemu-version)');
    expect(r.stdout).toMatch(/✖ \d+ problems? \(1 error, \d+ warnings?.*\), \d+ fixable with --fix/);
    expect(r.stdout).not.toContain('\x1b['); // no colour without a TTY
  });

  it('accepts what people paste as a version, and the environment', async () => {
    expect((await cli(['--no-detect', '--qemu-version', 'QEMU emulator version 9.1.1 (Debian 1:9.1.1+ds-2)', EXAMPLE])).code).toBe(1);
    expect((await cli(['--no-detect', EXAMPLE], { env: { VIRT_LINT_QEMU_VERSION: '9.1.1' } })).code).toBe(1);
    // The flag wins over the environment.
    expect((await cli(['--no-detect', '--qemu-version', '9.1.2', EXAMPLE], { env: { VIRT_LINT_QEMU_VERSION: '9.1.1' } })).code).toBe(0);
  });

  it('says which rules were skipped for an unknown QEMU version', async () => {
    const r = await cli(['--no-detect', EXAMPLE]);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/QEMU version unknown: \d+ version-specific rules? skipped; pass --qemu-version/);
  });

  it('prints the documented JSON shape', async () => {
    const r = await cli(['--no-detect', '--qemu-version', '9.1.1', '--format', 'json', EXAMPLE]);
    expect(r.code).toBe(1);
    const [file] = JSON.parse(r.stdout);
    expect(Object.keys(file)).toEqual(expect.arrayContaining(['filePath', 'messages', 'errorCount', 'warningCount', 'infoCount', 'fixableCount']));
    const m = file.messages.find((x: { ruleId: string }) => x.ruleId === 'qemu-911-spice-hda-audio');
    expect(m).toMatchObject({ severity: 'error', line: 113, column: 5, endLine: 113, endColumn: 25 });
    expect(m.fix).toMatchObject({ title: "Set <audio id='1'> to type='none'", safety: 'safe' });
    expect(m.suggestions[0]).toMatchObject({ title: "Remove the <sound model='ich9'> device", safety: 'unsafe' });
    expect(file.errorCount).toBe(1);
    expect(file.fixableCount).toBeGreaterThanOrEqual(1);
  });

  it('reports malformed XML with its position and exits 1', async () => {
    const path = tempCopy('bad.xml', "<domain type='kvm'>\n  <name>x</name>\n  <devices>\n</domain>\n");
    const r = await cli(['--no-detect', '--format', 'json', path]);
    expect(r.code).toBe(1);
    const [file] = JSON.parse(r.stdout);
    expect(file.messages).toEqual([expect.objectContaining({ ruleId: 'xml-not-well-formed', severity: 'error', line: 4, column: 1 })]);
  });

  it('skips other libvirt XML with one line and exit 0', async () => {
    const path = tempCopy('net.xml', "<network>\n  <name>default</name>\n</network>\n");
    const r = await cli(['--no-detect', path]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('net.xml: skipped (root element is <network>, not <domain>)');
  });

  it('reads stdin for -', async () => {
    const r = await cli(['--no-detect', '--qemu-version', '9.1.1', '--format', 'json', '-'], { stdin: readFileSync(EXAMPLE, 'utf8') });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)[0].filePath).toBe('<stdin>');
  });

  it('searches directories for *.xml', async () => {
    const path = tempCopy();
    writeFileSync(join(dirname(path), 'notes.txt'), 'not xml');
    const r = await cli(['--no-detect', '--qemu-version', '9.1.1', '--format', 'json', dirname(path)]);
    expect(JSON.parse(r.stdout).map((f: { filePath: string }) => f.filePath)).toEqual([path]);
  });

  it('--max-warnings turns too many warnings into exit 1', async () => {
    // Without Looking Glass the flagship rule is a warning.
    const xml = readFileSync(EXAMPLE, 'utf8').replace(/\s*<!-- Looking Glass[^]*?<\/shmem>/, '');
    const path = tempCopy('nolg.xml', xml);
    const base = ['--no-detect', '--qemu-version', '9.1.1', '--format', 'json', path];
    const r = await cli(base);
    const warnings = JSON.parse(r.stdout)[0].warningCount;
    expect(warnings).toBeGreaterThanOrEqual(1);
    expect(r.code).toBe(0);
    expect((await cli([...base, '--max-warnings', String(warnings)])).code).toBe(0);
    expect((await cli([...base, '--max-warnings', String(warnings - 1)])).code).toBe(1);
  });
});

describe('fixing', () => {
  it('--fix changes only the edited bytes, keeps the mode, and exits by what remains', async () => {
    const path = tempCopy();
    chmodSync(path, 0o640);
    const before = readFileSync(path, 'utf8');
    const r = await cli(['--no-detect', '--qemu-version', '9.1.1', '--fix', path]);
    const after = readFileSync(path, 'utf8');
    expect(after).toBe(before.replace("<audio id='1' type='spice'/>", "<audio id='1' type='none'/>"));
    expect(statSync(path).mode & 0o777).toBe(0o640);
    expect(r.stdout).not.toContain('qemu-911-spice-hda-audio');
    expect(r.code).toBe(0);
  });

  it('--fix-dry-run prints a unified diff and writes nothing', async () => {
    const path = tempCopy();
    const before = readFileSync(path, 'utf8');
    const r = await cli(['--no-detect', '--qemu-version', '9.1.1', '--fix-dry-run', path]);
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(r.stdout).toBe(
      [
        `--- ${path}`,
        `+++ ${path}`,
        '@@ -114,7 +114,7 @@',
        "       <audio id='1'/>",
        "       <address type='pci' domain='0x0000' bus='0x00' slot='0x1b' function='0x0'/>",
        '     </sound>',
        "-    <audio id='1' type='spice'/>",
        "+    <audio id='1' type='none'/>",
        '     <video>',
        "       <model type='vga' vram='16384' heads='1' primary='yes'/>",
        "       <address type='pci' domain='0x0000' bus='0x00' slot='0x01' function='0x0'/>",
        '',
      ].join('\n'),
    );
    expect(r.stderr).toContain('--fix would fix 1 problem; no file was written');
  });

  // --fix - (the fixed document on stdout): test/cli/fix-stdout.test.ts.
});

// Host detection (what runs, what is read, the cache): test/cli/host.test.ts.

describe('edge cases a user meets', () => {
  it('an empty directory is said, not silently passed', async () => {
    const dir = tempDir('empty');
    const r = await cli(['--no-detect', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`No *.xml files under '${dir}'.`);
  });

  it('a symlink loop is named as such', async () => {
    const dir = tempDir('loop');
    symlinkSync('loop.xml', join(dir, 'loop.xml'));
    const r = await cli(['--no-detect', join(dir, 'loop.xml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("loop.xml': too many levels of symbolic links");
  });

  it('--fix-dry-run exits 1 when there is a diff, and keeps CRLF so patch applies it', async () => {
    const path = tempCopy('crlf.xml', '\uFEFF' + readFileSync(EXAMPLE, 'utf8').replace(/\n/g, '\r\n'));
    const r = await cli(['--no-detect', '--qemu-version', '9.1.1', '--fix-dry-run', path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("-    <audio id='1' type='spice'/>\r\n+    <audio id='1' type='none'/>\r\n");
    const patch = spawnSync('patch', ['--dry-run', '-p0'], { cwd: '/', input: r.stdout, encoding: 'utf8' });
    if (patch.error) return; // no patch(1) on this machine: the CR check above stands
    expect(patch.status).toBe(0);
  });

  it('an explicit --color wins over NO_COLOR, and an empty NO_COLOR is ignored', async () => {
    const args = ['--no-detect', '--qemu-version', '9.1.1', EXAMPLE];
    expect((await cli(['--color', ...args], { env: { NO_COLOR: '1' } })).stdout).toContain('\x1b[');
    expect((await cli(args, { env: { NO_COLOR: '1' } })).stdout).not.toContain('\x1b[');
    expect((await cli(['--no-color', '--color', ...args])).stdout).not.toContain('\x1b[');
  });
});
