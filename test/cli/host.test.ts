/**
 * Host detection (src/cli/host.ts and its parts): what it reads, what it runs,
 * and that the linted XML can never choose either. The CLI runs in-process
 * with a fake machine (test/helpers/fake-host.ts) so every case means the same
 * with or without QEMU or libvirt on the machine running the tests; a few
 * runs with this machine's detection (the real file system and program
 * runner) check that the real wiring never runs a program the XML or PATH
 * points at.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HostDetector, quoteUntrusted, SYSTEM_DIRS, warmUpDetection } from '../../src/cli/host.js';
import { QEMU_PROGRAM_NAMES, qemuProgramsFor } from '../../src/cli/qemu-programs.js';
import { detectLibvirt, systemLibraryDirs, versionFromLibraryName } from '../../src/cli/libvirt-version.js';
import { cacheFilePath, fileCacheStore, MAX_CACHE_BYTES, parseCache } from '../../src/cli/version-cache.js';
import { FakeMachine } from '../helpers/fake-host.js';
import { ROOT, runCli, type CliRun } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const EXAMPLE_XML = readFileSync(join(ROOT, 'examples/win11-looking-glass.xml'), 'utf8');
const QEMU_LINE = 'QEMU emulator version 9.1.1 (Debian 1:9.1.1+ds-2)';
const TRAVERSAL = 'x/../../../../../../../proc/self/cwd/evil.sh';

/** The example with another `<os><type arch>` and `<emulator>` (null: no `<emulator>` element). */
function example(opts: { arch?: string; emulator?: string | null } = {}): string {
  let xml = EXAMPLE_XML;
  if (opts.arch !== undefined) xml = xml.replace("<type arch='x86_64'", `<type arch='${opts.arch}'`);
  if (opts.emulator === null) xml = xml.replace(/\s*<emulator>[^<]*<\/emulator>/, '');
  else if (opts.emulator !== undefined) xml = xml.replace('<emulator>/usr/bin/qemu-system-x86_64</emulator>', `<emulator>${opts.emulator}</emulator>`);
  return xml;
}

function tempFile(content: string, name = 'vm.xml'): string {
  const dir = tempDir('host');
  writeFileSync(join(dir, name), content);
  return join(dir, name);
}

/** The CLI in-process on a fake machine, linting `xml` written to temporary files. */
async function lintOn(machine: FakeMachine, xml: string | string[], args: string[] = [], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  const files = (Array.isArray(xml) ? xml : [xml]).map((x) => tempFile(x));
  return runCli(['--no-config', ...args, ...files], { cwd: dirname(files[0]), env, detection: machine.environment() });
}

/** A machine with a trusted /usr/bin/qemu-system-x86_64 printing QEMU_LINE and libvirt 9.0.0's library. */
function debianHost(): FakeMachine {
  return new FakeMachine()
    .program('/usr/bin/qemu-system-x86_64', QEMU_LINE)
    .program('/usr/lib/x86_64-linux-gnu/libvirt.so.0.9000.0', { ok: false, why: 'a library' }, { mode: 0o644 })
    .link('/usr/lib/x86_64-linux-gnu/libvirt.so.0', 'libvirt.so.0.9000.0');
}

describe('QEMU detection: what runs', () => {
  it('runs qemu-system-<arch> --version from a system directory and says so', async () => {
    const m = debianHost();
    const r = await lintOn(m, example());
    expect(m.ran).toEqual([['/usr/bin/qemu-system-x86_64', '--version']]);
    expect(r.stderr).toContain('Host: QEMU 9.1.1 (/usr/bin/qemu-system-x86_64 --version)');
    expect(r.stdout).toContain('qemu-911-spice-hda-audio');
    expect(r.code).toBe(1);
  });

  it('asks once for a directory of domains', async () => {
    const m = debianHost();
    await lintOn(m, [example(), example(), example({ emulator: null })]);
    expect(m.ran).toEqual([['/usr/bin/qemu-system-x86_64', '--version']]);
  });

  it('a path traversal in <os><type arch> runs nothing, and says why', async () => {
    const m = debianHost().program('/proc/self/cwd/evil.sh', QEMU_LINE).program('/usr/bin/qemu-system-x', QEMU_LINE);
    const r = await lintOn(m, example({ arch: TRAVERSAL }));
    expect(m.ran).toEqual([]);
    expect(r.stderr).toContain(`pass --qemu-version (<os><type arch='${TRAVERSAL}'> is not an architecture libvirt knows, so no program was run)`);
  });

  it('an absolute path as arch runs nothing', async () => {
    const m = debianHost().program('/tmp/evil', QEMU_LINE).program('/usr/bin/qemu-system-/tmp/evil', QEMU_LINE);
    const r = await lintOn(m, example({ arch: '/tmp/evil' }));
    expect(m.ran).toEqual([]);
    expect(r.stderr).toContain("<os><type arch='/tmp/evil'> is not an architecture libvirt knows");
  });

  it('an unknown arch runs nothing, not even a trusted <emulator>', async () => {
    const m = debianHost();
    await lintOn(m, example({ arch: 'x86-64' }));
    expect(m.ran).toEqual([]);
  });

  it('escapes bidirectional and quoting characters from the arch in the note', async () => {
    const r = await lintOn(debianHost(), example({ arch: 'x&#x202e;&quot;&apos;y' }));
    const note = r.stderr.split('\n').find((l) => l.startsWith('QEMU version unknown'));
    expect(note).toContain("arch='x\\u{202e}\"\\'y'");
    expect(note).not.toContain('\u202e');
  });

  it('quoteUntrusted escapes control characters and cuts long text', () => {
    expect(quoteUntrusted('a\x1b]0;t\x07b')).toBe("'a\\u{1b}]0;t\\u{7}b'");
    expect(quoteUntrusted('x'.repeat(100))).toBe(`'${'x'.repeat(60)}…'`);
  });

  it('refuses a world-writable binary', async () => {
    const m = new FakeMachine().program('/usr/bin/qemu-system-x86_64', QEMU_LINE, { mode: 0o777 });
    const r = await lintOn(m, example({ emulator: null }));
    expect(m.ran).toEqual([]);
    expect(r.stderr).toContain('pass --qemu-version (/usr/bin/qemu-system-x86_64 is writable by group or others, so it was not run)');
  });

  it('refuses a group-writable binary', async () => {
    const m = new FakeMachine().program('/usr/bin/qemu-system-x86_64', QEMU_LINE, { mode: 0o775 });
    await lintOn(m, example({ emulator: null }));
    expect(m.ran).toEqual([]);
  });

  it('refuses a binary not owned by root', async () => {
    const m = new FakeMachine().program('/usr/bin/qemu-system-x86_64', QEMU_LINE, { uid: 1000 });
    const r = await lintOn(m, example({ emulator: null }));
    expect(m.ran).toEqual([]);
    expect(r.stderr).toContain('/usr/bin/qemu-system-x86_64 is owned by uid 1000, not root, so it was not run');
  });

  it('refuses a binary in a directory others can write to, and takes the next directory', async () => {
    const m = debianHost().dir('/usr/local/bin', { mode: 0o775 }).program('/usr/local/bin/qemu-system-x86_64', 'QEMU emulator version 6.6.6');
    const r = await lintOn(m, example({ emulator: null }));
    expect(m.ran).toEqual([['/usr/bin/qemu-system-x86_64', '--version']]);
    expect(r.stderr).toContain('Host: QEMU 9.1.1 (/usr/bin/qemu-system-x86_64 --version)');
  });

  it('refuses a symlink into a user directory, after resolving it', async () => {
    // The file itself is root's and read-only; the directory it lies in is alice's.
    const m = new FakeMachine()
      .dir('/home/alice', { uid: 1000 })
      .program('/home/alice/bin/qemu-system-x86_64', 'QEMU emulator version 6.6.6')
      .link('/usr/bin/qemu-system-x86_64', '/home/alice/bin/qemu-system-x86_64');
    const r = await lintOn(m, example({ emulator: null }));
    expect(m.ran).toEqual([]);
    expect(r.stderr).toContain(
      '/usr/bin/qemu-system-x86_64 (/home/alice/bin/qemu-system-x86_64): its directory /home/alice is owned by uid 1000, not root, so it was not run',
    );
  });

  it('refuses a symlink into a world-writable directory without the sticky bit', async () => {
    const m = new FakeMachine().dir('/opt/drop', { mode: 0o777 }).program('/opt/drop/qemu', QEMU_LINE).link('/usr/bin/qemu-system-x86_64', '/opt/drop/qemu');
    await lintOn(m, example({ emulator: null }));
    expect(m.ran).toEqual([]);
  });

  it('follows a symlink to a root-only location (NixOS store, sticky) and runs the real path', async () => {
    const m = new FakeMachine()
      .dir('/nix/store', { mode: 0o1775 })
      .program('/nix/store/abc-qemu-9.1.1/bin/qemu-system-x86_64', QEMU_LINE, { mode: 0o555 })
      .link('/usr/bin/qemu-system-x86_64', '/nix/store/abc-qemu-9.1.1/bin/qemu-system-x86_64');
    const r = await lintOn(m, example({ emulator: null }));
    expect(m.ran).toEqual([['/nix/store/abc-qemu-9.1.1/bin/qemu-system-x86_64', '--version']]);
    expect(r.stderr).toContain('Host: QEMU 9.1.1 (/nix/store/abc-qemu-9.1.1/bin/qemu-system-x86_64 --version)');
  });

  it('says where it looked when there is no QEMU (PATH is not among them)', async () => {
    const m = new FakeMachine().program('/home/alice/bin/qemu-system-x86_64', QEMU_LINE);
    const r = await lintOn(m, example({ emulator: null }), [], { PATH: '/home/alice/bin:/usr/bin' });
    expect(m.ran).toEqual([]);
    expect(r.stderr).toContain('pass --qemu-version (no qemu-system-x86_64 or qemu-kvm in /usr/local/bin, /usr/bin, /usr/libexec)');
  });

  it('says why a binary it found gave no version', async () => {
    const m = new FakeMachine().program('/usr/bin/qemu-system-x86_64', { ok: false, why: 'exited with status 3' });
    const r = await lintOn(m, example({ emulator: null }));
    expect(r.stderr).toContain('pass --qemu-version (/usr/bin/qemu-system-x86_64 --version exited with status 3)');
  });

  it('says when a binary printed something that is not a version, escaped', async () => {
    const m = new FakeMachine().program('/usr/bin/qemu-system-x86_64', 'hello\x1b[31m');
    const r = await lintOn(m, example({ emulator: null }));
    expect(r.stderr).toContain("/usr/bin/qemu-system-x86_64 --version printed no version ('hello\\u{1b}[31m')");
  });

  it('an i686 guest asks qemu-system-i386, and on an x86_64 host falls back to qemu-system-x86_64', async () => {
    const m = debianHost();
    await lintOn(m, example({ arch: 'i686', emulator: null }));
    expect(m.touched).toContain('/usr/bin/qemu-system-i386');
    expect(m.ran).toEqual([['/usr/bin/qemu-system-x86_64', '--version']]);
  });
});

describe('QEMU detection: the <emulator>', () => {
  const other = 'QEMU emulator version 8.2.2 (qemu-kvm-8.2.0-11.el9)';

  it('runs a trusted <emulator> first', async () => {
    const m = debianHost().program('/usr/libexec/qemu-kvm', other);
    const r = await lintOn(m, example({ emulator: '/usr/libexec/qemu-kvm' }));
    expect(m.ran).toEqual([['/usr/libexec/qemu-kvm', '--version']]);
    expect(r.stderr).toContain('Host: QEMU 8.2.2 (/usr/libexec/qemu-kvm --version)');
  });

  it.each([
    ['outside the system directories', '/home/alice/qemu-system-x86_64'],
    ['with .. out of a system directory', '/usr/bin/../../home/alice/qemu-system-x86_64'],
    ['relative', 'qemu-system-x86_64'],
    ['in a subdirectory of one', '/usr/bin/sub/qemu-system-x86_64'],
    ['a program that is not QEMU', '/usr/bin/python3'],
  ])('never runs an <emulator> %s', async (_, emulator) => {
    const m = new FakeMachine()
      .program('/home/alice/qemu-system-x86_64', other, { uid: 0 })
      .program('/usr/bin/sub/qemu-system-x86_64', other)
      .program('/usr/bin/python3', other)
      .program(`/proc/self/cwd/qemu-system-x86_64`, other);
    const r = await lintOn(m, example({ emulator }));
    expect(m.ran).toEqual([]);
    expect(r.stderr).toContain(`<emulator> ${quoteUntrusted(emulator)} was not run: only qemu-system-* and qemu-kvm directly in /usr/local/bin, /usr/bin, /usr/libexec are`);
  });

  it('never runs an <emulator> that links into a user directory, and takes the system binary instead', async () => {
    const m = debianHost().dir('/home/alice', { uid: 1000 }).program('/home/alice/q', other, { uid: 1000 }).link('/usr/local/bin/qemu-system-aarch64', '/home/alice/q');
    const r = await lintOn(m, example({ emulator: '/usr/local/bin/qemu-system-aarch64' }));
    expect(m.ran).toEqual([['/usr/bin/qemu-system-x86_64', '--version']]);
    expect(r.stderr).toContain('Host: QEMU 9.1.1 (/usr/bin/qemu-system-x86_64 --version)');
  });

  it('never runs a world-writable <emulator>', async () => {
    const m = new FakeMachine().program('/usr/bin/qemu-system-x86_64', other, { mode: 0o757 });
    const r = await lintOn(m, example());
    expect(m.ran).toEqual([]);
    expect(r.stderr).toContain('<emulator> /usr/bin/qemu-system-x86_64 is writable by group or others, so it was not run');
  });
});

describe('QEMU program names (libvirt virQEMUCapsGetDefaultEmulator)', () => {
  it.each([
    ['x86_64', 'x86_64', ['qemu-system-x86_64', 'qemu-kvm']],
    ['i686', 'x86_64', ['qemu-system-i386', 'qemu-system-x86_64', 'qemu-kvm']],
    ['armv7l', 'aarch64', ['qemu-system-aarch64', 'qemu-system-arm', 'qemu-kvm']],
    ['armv7l', 'x86_64', ['qemu-system-arm']],
    ['ppc64le', 'ppc64le', ['qemu-system-ppc64le', 'qemu-system-ppc64', 'qemu-kvm']],
    ['ppc64le', 'x86_64', ['qemu-system-ppc64le', 'qemu-system-ppc64']],
    ['aarch64', 'x86_64', ['qemu-system-aarch64']],
    ['s390x', 's390x', ['qemu-system-s390x', 'qemu-kvm']],
    ['riscv64', undefined, ['qemu-system-riscv64']],
    ['loongarch64', 'loongarch64', ['qemu-system-loongarch64', 'qemu-kvm']],
  ])('%s guest on a %s host: %j', (guest, host, names) => {
    expect(qemuProgramsFor(guest, host)).toEqual(names);
  });

  it.each(['', 'x86-64', 'amd64', '../x86_64', 'x86_64/', '/usr/bin/qemu-system-x86_64', 'constructor', '__proto__', 'toString'])('%j is not an architecture', (arch) => {
    expect(qemuProgramsFor(arch, 'x86_64')).toEqual([]);
  });

  it('every program name is a plain file name', () => {
    for (const name of QEMU_PROGRAM_NAMES) expect(name).toMatch(/^qemu-(system-[a-z0-9_]+|kvm)$/);
  });

  it('the real system directories are absolute and PATH-independent', () => {
    expect(SYSTEM_DIRS).toEqual(['/usr/local/bin', '/usr/bin', '/run/current-system/sw/bin', '/usr/libexec']);
  });
});

describe('libvirt version from the library name', () => {
  it.each([
    ['libvirt.so.0.9000.0', '9.0.0'],
    ['libvirt.so.0.11003.0', '11.3.0'],
    ['libvirt.so.0.10010.1', '10.10.1'],
    ['libvirt.so.0.9.14', '0.9.14'],
  ])('%s is %s', (name, version) => {
    expect(versionFromLibraryName(name)).toBe(version);
  });

  it.each(['libvirt.so.0', 'libvirt.so.0.9000', 'libvirt.so.0.9000.0.bak', 'libvirt-qemu.so.0.9000.0', 'libvirt.so.1.9000.0'])('%s has no version', (name) => {
    expect(versionFromLibraryName(name)).toBeUndefined();
  });

  it('is read without running anything, and says where it came from', async () => {
    const m = debianHost();
    const r = await lintOn(m, example(), ['--qemu-version', '9.1.2']);
    expect(m.ran).toEqual([]);
    expect(r.stderr).toContain('Host: libvirt 9.0.0 (/usr/lib/x86_64-linux-gnu/libvirt.so.0.9000.0)');
    // libvirt 9.0.0 does not know <watchdog model='itco'>, which the example has.
    expect(r.stdout).toContain('libvirt-feature-too-new');
  });

  it('takes the first library directory that has it', () => {
    const m = new FakeMachine()
      .program('/usr/lib64/libvirt.so.0.11003.0', 'x', { mode: 0o644 })
      .link('/usr/lib64/libvirt.so.0', 'libvirt.so.0.11003.0')
      .program('/usr/lib/libvirt.so.0.10000.0', 'x', { mode: 0o644 })
      .link('/usr/lib/libvirt.so.0', 'libvirt.so.0.10000.0');
    expect(detectLibvirt(m, ['/usr/lib/x86_64-linux-gnu', '/usr/lib64', '/usr/lib'])).toEqual({
      found: { version: '11.3.0', raw: 'libvirt.so.0.11003.0', source: '/usr/lib64/libvirt.so.0.11003.0' },
    });
  });

  it('says where it looked when there is none', async () => {
    const r = await lintOn(new FakeMachine(), example(), ['--qemu-version', '9.1.2']);
    expect(r.stderr).toMatch(/libvirt version unknown: \d+ version-specific rules? skipped; pass --libvirt-version \(no libvirt\.so\.0 in \/usr\/lib\/x86_64-linux-gnu, \/usr\/lib64\)/);
  });

  it('the library directories start with the multiarch one', () => {
    expect(systemLibraryDirs('x86_64')).toEqual(['/usr/lib/x86_64-linux-gnu', '/usr/lib64', '/usr/lib', '/run/current-system/sw/lib']);
    expect(systemLibraryDirs(undefined)).toEqual(['/usr/lib64', '/usr/lib', '/run/current-system/sw/lib']);
  });
});

describe('precedence and --no-detect', () => {
  it('--no-detect reads and runs nothing', async () => {
    const m = debianHost();
    const r = await lintOn(m, example(), ['--no-detect']);
    expect(m.ran).toEqual([]);
    expect(m.touched).toEqual([]);
    expect(r.stderr).toContain('QEMU version unknown');
    expect(r.stderr).toMatch(/pass --qemu-version\n/);
    expect(r.stderr).toMatch(/libvirt version unknown: .*pass --libvirt-version\n/);
  });

  it('a flag, the environment or the config file beats detection', async () => {
    const flag = debianHost();
    const r1 = await lintOn(flag, example(), ['--qemu-version', '9.1.2', '--libvirt-version', '11.3.0']);
    expect(flag.ran).toEqual([]);
    expect(r1.stderr).toContain('Host: QEMU 9.1.2 (--qemu-version)');
    expect(r1.stderr).toContain('Host: libvirt 11.3.0 (--libvirt-version)');
    expect(r1.stderr).not.toContain('libvirt.so');

    const env = debianHost();
    const r2 = await lintOn(env, example(), [], { VIRT_LINT_QEMU_VERSION: '9.1.2', VIRT_LINT_LIBVIRT_VERSION: '10.0.0' });
    expect(env.ran).toEqual([]);
    expect(r2.stderr).toContain('Host: libvirt 10.0.0 (VIRT_LINT_LIBVIRT_VERSION)');

    const config = debianHost();
    const file = tempFile(example());
    writeFileSync(join(dirname(file), '.virt-lint.json'), JSON.stringify({ qemuVersion: '9.1.2', libvirtVersion: '10.1.0' }));
    const { stderr } = await runCli([file], { cwd: dirname(file), detection: config.environment() });
    expect(config.ran).toEqual([]);
    expect(stderr).toMatch(/Host: libvirt 10\.1\.0 \(libvirtVersion in .*\.virt-lint\.json\)/);
  });
});

describe('the --version cache', () => {
  it('a warm cache answers without a spawn; an upgraded binary is asked again', async () => {
    const m = debianHost();
    await lintOn(m, example());
    expect(m.ran).toHaveLength(1);
    const r = await lintOn(m, example());
    expect(m.ran).toHaveLength(1);
    expect(r.stderr).toContain('Host: QEMU 9.1.1 (/usr/bin/qemu-system-x86_64 --version)');
    m.touch('/usr/bin/qemu-system-x86_64');
    await lintOn(m, example());
    expect(m.ran).toHaveLength(2);
  });

  it('is keyed by the real path, and a cached answer never makes an untrusted binary count', async () => {
    const m = debianHost();
    await lintOn(m, example());
    const cache = JSON.parse(m.cacheText!);
    expect(Object.keys(cache.binaries)).toEqual(['/usr/bin/qemu-system-x86_64']);
    expect(cache.binaries['/usr/bin/qemu-system-x86_64'].line).toBe(QEMU_LINE);
    const tampered = new FakeMachine().program('/usr/bin/qemu-system-x86_64', QEMU_LINE, { mode: 0o777 });
    tampered.cacheText = m.cacheText;
    const r = await lintOn(tampered, example());
    expect(r.stderr).not.toContain('Host: QEMU');
  });

  it.each([
    ['not JSON', 'QEMU emulator version 1.0.0'],
    ['another format', JSON.stringify({ format: 2, binaries: {} })],
    ['a line that is not a version', 'line:rm -rf /'],
    ['a line with an escape sequence', `line:QEMU emulator version 1.0.0\x1b]0;x\x07`],
    ['a huge line', `line:QEMU emulator version 1.0.0 (${'x'.repeat(300)})`],
  ])('ignores a cache with %s, and rewrites it', async (_, text) => {
    const m = debianHost();
    await lintOn(m, example());
    const good = JSON.parse(m.cacheText!);
    m.cacheText = text.startsWith('line:') ? JSON.stringify({ ...good, binaries: { '/usr/bin/qemu-system-x86_64': { ...good.binaries['/usr/bin/qemu-system-x86_64'], line: text.slice(5) } } }) : text;
    const r = await lintOn(m, example());
    expect(m.ran).toHaveLength(2);
    expect(r.stderr).toContain('Host: QEMU 9.1.1 (/usr/bin/qemu-system-x86_64 --version)');
    expect(JSON.parse(m.cacheText!)).toEqual(good);
  });

  it('parseCache keeps only well-formed entries', () => {
    const stamp = { dev: 1, ino: 2, size: 3, mtimeMs: 4, ctimeMs: 5 };
    const text = JSON.stringify({
      format: 1,
      binaries: {
        '/usr/bin/qemu-system-x86_64': { ...stamp, line: QEMU_LINE },
        'relative/qemu': { ...stamp, line: QEMU_LINE },
        '/usr/bin/qemu-system-i386': { ...stamp, size: '3', line: QEMU_LINE },
        '/usr/bin/qemu-system-arm': { ...stamp, line: 'nope' },
      },
    });
    expect([...parseCache(text).keys()]).toEqual(['/usr/bin/qemu-system-x86_64']);
    expect(parseCache('x'.repeat(MAX_CACHE_BYTES + 1)).size).toBe(0);
  });

  it('lives in XDG_CACHE_HOME (when absolute) or ~/.cache', () => {
    expect(cacheFilePath({ XDG_CACHE_HOME: '/x/cache', HOME: '/home/a' })).toBe('/x/cache/virt-lint/qemu-versions.json');
    expect(cacheFilePath({ XDG_CACHE_HOME: 'rel', HOME: '/home/a' })).toBe('/home/a/.cache/virt-lint/qemu-versions.json');
    expect(cacheFilePath({})).toBeUndefined();
  });

  describe('the cache file', () => {
    const dir = () => tempDir('cache');
    const uid = process.getuid?.();

    it('is written atomically with mode 0600 and read back', () => {
      const path = join(dir(), 'virt-lint', 'qemu-versions.json');
      const store = fileCacheStore(path, uid);
      expect(store.read()).toBeUndefined();
      store.write('{"a":1}\n');
      expect(store.read()).toBe('{"a":1}\n');
      expect(statSync(path).mode & 0o777).toBe(0o600);
    });

    it('is not read when too big, a symlink, a FIFO, or someone else’s', () => {
      const d = dir();
      const big = join(d, 'big.json');
      writeFileSync(big, 'x'.repeat(MAX_CACHE_BYTES + 1));
      expect(fileCacheStore(big, uid).read()).toBeUndefined();
      const target = join(d, 'target.json');
      writeFileSync(target, '{}');
      symlinkSync(target, join(d, 'link.json'));
      expect(fileCacheStore(join(d, 'link.json'), uid).read()).toBeUndefined();
      expect(fileCacheStore(target, uid === undefined ? undefined : uid + 1).read()).toBeUndefined();
      const fifo = join(d, 'fifo.json');
      if (spawnSync('mkfifo', [fifo]).status === 0) expect(fileCacheStore(fifo, uid).read()).toBeUndefined(); // returns at once, no hang
    });

    it('a write that cannot happen is ignored', () => {
      const d = dir();
      writeFileSync(join(d, 'file'), '');
      expect(() => fileCacheStore(join(d, 'file', 'virt-lint', 'q.json'), uid).write('{}')).not.toThrow();
    });
  });
});

describe('HostDetector.whyUnknown', () => {
  it('keeps the note short: at most three reasons and a count', async () => {
    const m = new FakeMachine();
    const d = new HostDetector(m.environment());
    for (const arch of ['a1', 'a2', 'a3', 'a4', 'a5']) {
      const xml = `<domain type='kvm'><os><type arch='${arch}'>hvm</type></os></domain>`;
      const { parseXml } = await import('#engine/parse.js');
      const { SourceText } = await import('#engine/source.js');
      const parsed = parseXml(new SourceText(xml));
      if (!parsed.ok) throw new Error('test XML');
      d.qemu(parsed.doc);
    }
    expect(d.whyUnknown().qemu).toMatch(/arch='a3'.*; and 2 more$/);
  });
});

describe("the build's warm-up host (warmUpDetection)", () => {
  it('detects QEMU 9.1.1 from its version cache and libvirt 7.0.0, running and writing nothing', () => {
    const env = warmUpDetection();
    let ran = 0;
    let wrote = 0;
    const d = new HostDetector({ ...env, run: (p, a) => (ran++, env.run(p, a)), cache: { read: env.cache!.read, write: () => void wrote++ } });
    expect(d.qemu(undefined)).toEqual({ version: '9.1.1', raw: 'QEMU emulator version 9.1.1', source: '/usr/bin/qemu-system-x86_64 --version' });
    expect(d.libvirt()).toEqual({ version: '7.0.0', raw: 'libvirt.so.0.7000.0', source: '/usr/lib/libvirt.so.0.7000.0' });
    expect([ran, wrote]).toEqual([0, 0]);
  });
});

describe('the real CLI never runs what the XML or PATH points at', () => {
  /** This machine's detection, as bin/virt-lint.cjs wires it, with a fresh version cache. */
  function cli(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<CliRun> {
    const env = { XDG_CACHE_HOME: tempDir('xdg'), ...opts.env };
    return runCli(args, { cwd: opts.cwd, env, detection: 'system' });
  }

  /** A linted repository holding an executable that leaves a marker when run. */
  function repoWithTrap(): { dir: string; marker: string } {
    const dir = tempDir('repo');
    const marker = join(dir, 'ran');
    writeFileSync(join(dir, 'evil.sh'), `#!/bin/sh\ntouch '${marker}'\necho "QEMU emulator version 9.1.1"\n`);
    chmodSync(join(dir, 'evil.sh'), 0o755);
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin', 'qemu-system-x86_64'), `#!/bin/sh\ntouch '${marker}'\necho "QEMU emulator version 9.1.1"\n`);
    chmodSync(join(dir, 'bin', 'qemu-system-x86_64'), 0o755);
    return { dir, marker };
  }

  it.each([
    ['a path traversal in arch', TRAVERSAL],
    ['an absolute arch', '/PLACEHOLDER/evil.sh'],
  ])('%s', async (_, arch) => {
    const { dir, marker } = repoWithTrap();
    writeFileSync(join(dir, 'vm.xml'), example({ arch: arch.replace('/PLACEHOLDER', dir), emulator: null }));
    const r = await cli(['vm.xml'], { cwd: dir });
    expect(r.stderr).not.toContain('virt-lint:'); // notes only, no failure
    expect(existsSync(marker)).toBe(false);
    expect(r.stderr).toContain('is not an architecture libvirt knows, so no program was run');
  });

  it('a qemu-system-x86_64 on PATH', async () => {
    const { dir, marker } = repoWithTrap();
    writeFileSync(join(dir, 'vm.xml'), example({ emulator: null }));
    await cli(['vm.xml'], { cwd: dir, env: { PATH: `${join(dir, 'bin')}:${process.env.PATH}` } });
    expect(existsSync(marker)).toBe(false);
  });

  it('an <emulator> in the linted repository', async () => {
    const { dir, marker } = repoWithTrap();
    writeFileSync(join(dir, 'vm.xml'), example({ emulator: join(dir, 'bin', 'qemu-system-x86_64') }));
    await cli(['vm.xml'], { cwd: dir });
    expect(existsSync(marker)).toBe(false);
  });

  it('--no-detect: no Host line from detection', async () => {
    const { dir } = repoWithTrap();
    writeFileSync(join(dir, 'vm.xml'), example());
    const r = await cli(['--no-detect', 'vm.xml'], { cwd: dir });
    expect(r.stderr).not.toContain('Host:');
    expect(r.stderr).toMatch(/QEMU version unknown: \d+ version-specific rules? skipped; pass --qemu-version\n/);
  });
});
