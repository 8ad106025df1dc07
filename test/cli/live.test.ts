/**
 * Live libvirt domains (`--connect`, `--domain`, `--all-domains`), for real:
 * the CLI (in-process, test/helpers/cli.ts) runs the real `virsh` against
 * libvirt's test driver (`test:///<abs path>/node.xml`, no daemon). Those
 * tests need virsh (Debian: libvirt-clients, which .ci/run installs) and are
 * skipped, with a note, without it. Argument checks, the --fix refusal,
 * "virsh missing" and the `virsh version` parser run everywhere.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { liveRequest, parseVirshVersion, readLive, shellQuote } from '../../src/cli/live.js';
import { LINT_NS } from '#engine/metadata-ignores.js';
import { ROOT, runCli, type CliRun } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const FIXTURES = join(ROOT, 'test/fixtures/live');
const LOOKING_GLASS = readFileSync(join(FIXTURES, 'looking-glass.xml'), 'utf8'); // <domain> named win10-lg
const CLEAN = readFileSync(join(FIXTURES, 'clean.xml'), 'utf8'); // <domain> named debian12
const RULE = 'qemu-911-spice-hda-audio';

const hasVirsh = spawnSync('virsh', ['--version'], { encoding: 'utf8' }).status === 0;
if (!hasVirsh) {
  console.warn('[virt-lint tests] SKIPPED: live libvirt tests (virsh not found; install libvirt-clients, as .ci/run does, to run them)');
}

/** The CLI with these arguments and environment additions (PATH stays: virsh is found on it). */
function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return runCli(args, { env });
}

/** A test-driver node file holding these domains; returns its `test:///` URI. */
function nodeUri(...domains: string[]): string {
  const dir = tempDir('live');
  const path = join(dir, 'node.xml');
  writeFileSync(path, `<node>\n${domains.join('')}</node>\n`);
  return `test://${path}`;
}

/** What `virsh -c URI ARGS...` prints (one virsh process: the test driver keeps no state between runs). */
function virsh(uri: string, ...args: string[]): string {
  const r = spawnSync('virsh', ['-c', uri, ...args], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  if (r.status !== 0) throw new Error(`virsh ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/** 1-based line of the first line of `text` containing `needle`. */
function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  if (i < 0) throw new Error(`${needle} not found`);
  return i + 1;
}

describe('live domains: arguments and refusals (no virsh needed)', () => {
  it('--fix with a live domain exits 2 and says to edit the XML and virsh define it', async () => {
    const r = await cli(['--connect', 'qemu:///system', '--domain', 'win11', '--fix']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'virt-lint: --fix cannot write to a live libvirt domain: virt-lint only reads what libvirt holds. ' +
        'Edit the XML and define it again: virsh -c qemu:///system dumpxml --inactive --security-info win11 > win11.xml; virt-lint --fix win11.xml; ' +
        'virsh -c qemu:///system define win11.xml (or `virt-lint edit --connect qemu:///system win11`, which lints before it defines). --fix-dry-run shows the changes without writing anything.\n',
    );
  });

  it('--fix with --all-domains is refused too, naming no particular domain', async () => {
    const r = await cli(['--all-domains', '--fix']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('virsh dumpxml --inactive --security-info NAME > NAME.xml; virt-lint --fix NAME.xml; virsh define NAME.xml');
  });

  it('virsh missing: exit 2 with one clear line', async () => {
    const emptyDir = tempDir('nopath');
    const r = await cli(['--connect', 'test:///default', '--all-domains'], { PATH: emptyDir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      'virt-lint: virsh not found on PATH: live domains are read with virsh; install libvirt-clients (Debian, Ubuntu) or libvirt-client (Fedora, RHEL)\n',
    );
  });

  it('--connect alone, or --domain with --all-domains, is a usage error', async () => {
    const alone = await cli(['--connect', 'qemu:///system']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toContain('--connect needs --domain NAME (repeatable) or --all-domains');
    const both = await cli(['--domain', 'a', '--all-domains']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('use either --domain NAME or --all-domains, not both');
  });

  it('liveRequest collects repeated --domain values once each, and is undefined without live flags', () => {
    expect(liveRequest({})).toBeUndefined();
    expect(liveRequest({ domain: ['a', 'b', 'a'] })).toEqual({ uri: undefined, domains: ['a', 'b'], all: false });
    expect(liveRequest({ connect: 'qemu:///system', 'all-domains': true })).toEqual({ uri: 'qemu:///system', domains: [], all: true });
  });
});

describe('parseVirshVersion', () => {
  // Real output of `virsh -c test:///PATH version --daemon` with Debian bookworm's libvirt 9.0.0.
  const TEST_DRIVER = [
    'Compiled against library: libvirt 9.0.0',
    'Using library: libvirt 9.0.0',
    'Using API: TEST 9.0.0',
    'Running hypervisor: TEST 0.0.2',
    'Running against daemon: 9.0.0',
    '',
  ].join('\n');

  it('takes libvirt from the daemon line and no QEMU version from the test driver', () => {
    expect(parseVirshVersion(TEST_DRIVER, 'virsh version --daemon')).toEqual({
      hypervisor: 'TEST 0.0.2',
      libvirt: { version: '9.0.0', raw: 'Running against daemon: 9.0.0', source: 'virsh version --daemon' },
    });
  });

  it('takes QEMU from the hypervisor line when it says QEMU', () => {
    // Same lines as virsh prints them ("Running hypervisor: %s %d.%d.%d"), for a QEMU driver connection.
    const qemu = TEST_DRIVER.replace('Using API: TEST', 'Using API: QEMU').replace('Running hypervisor: TEST 0.0.2', 'Running hypervisor: QEMU 9.1.1').replace('Running against daemon: 9.0.0', 'Running against daemon: 10.0.0');
    expect(parseVirshVersion(qemu, 'S')).toEqual({
      hypervisor: 'QEMU 9.1.1',
      qemu: { version: '9.1.1', raw: 'Running hypervisor: QEMU 9.1.1', source: 'S' },
      libvirt: { version: '10.0.0', raw: 'Running against daemon: 10.0.0', source: 'S' },
    });
  });

  it('falls back to the client library without a daemon line, and ignores other hypervisors', () => {
    const out = 'Compiled against library: libvirt 10.0.0\nUsing library: libvirt 10.0.0\nUsing API: Xen 10.0.0\nRunning hypervisor: Xen 4.17.0\n';
    expect(parseVirshVersion(out, 'S')).toEqual({
      hypervisor: 'Xen 4.17.0',
      libvirt: { version: '10.0.0', raw: 'Using library: libvirt 10.0.0', source: 'S' },
    });
  });
});

describe('readLive with a stand-in virsh', () => {
  it('runs list, dumpxml --inactive --domain=NAME and version --daemon against the URI', () => {
    const calls: string[][] = [];
    const live = readLive({ uri: 'qemu+ssh://host/system', domains: [], all: true }, {}, {
      runner: (args) => {
        calls.push(args);
        if (args[2] === 'list') return 'b\n-odd name\n\n';
        if (args[2] === 'dumpxml') return `<domain><name>${args[4]}</name></domain>`;
        return 'Using library: libvirt 10.0.0\nRunning hypervisor: QEMU 8.2.2\n';
      },
    });
    expect(calls).toEqual([
      ['-c', 'qemu+ssh://host/system', 'list', '--all', '--name'],
      ['-c', 'qemu+ssh://host/system', 'dumpxml', '--inactive', '--domain=b'],
      ['-c', 'qemu+ssh://host/system', 'dumpxml', '--inactive', '--domain=-odd name'],
      ['-c', 'qemu+ssh://host/system', 'version', '--daemon'],
    ]);
    expect(live.domains.map((d) => d.filePath)).toEqual(['domain:b', 'domain:-odd name']);
    expect(live.facts.qemu).toEqual({ version: '8.2.2', raw: 'Running hypervisor: QEMU 8.2.2', source: 'virsh -c qemu+ssh://host/system version --daemon' });
    expect(live.notes).toEqual([]);
  });

  it('says so when the connection holds no domains', () => {
    const live = readLive({ uri: 'test:///x', domains: [], all: true }, {}, { runner: (args) => (args[2] === 'list' ? '\n' : 'Running hypervisor: TEST 0.0.2\n') });
    expect(live.notes).toEqual(['No domains on test:///x: nothing to lint.', "The connection's hypervisor is TEST 0.0.2, not QEMU: it gives no QEMU version."]);
  });

  it('shellQuote leaves plain words alone and quotes the rest', () => {
    expect(shellQuote('qemu:///system')).toBe('qemu:///system');
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});

describe.skipIf(!hasVirsh)('live domains through libvirt’s test driver (needs virsh)', () => {
  it('--all-domains lints every domain, reports each as domain:NAME at the position in libvirt’s XML', async () => {
    const uri = nodeUri(LOOKING_GLASS, CLEAN);
    const dumped = virsh(uri, 'dumpxml', '--inactive', 'win10-lg');
    const line = lineOf(dumped, "<sound model='ich9'>");
    const r = await cli(['--connect', uri, '--all-domains', '--qemu-version', '9.1.1']);
    expect(r.code).toBe(1);
    // Under the domain:win10-lg heading (other rules may add lines before it), at the <sound> of libvirt's XML.
    expect(r.stdout).toMatch(new RegExp(`^domain:win10-lg\\n(?: .*\\n)*? +${line}:5 +error +<sound model='ich9'> plays through <audio id='1' type='spice'>`, 'm'));
    expect(r.stderr).toContain('Host: QEMU 9.1.1 (--qemu-version)');
    const libvirt = parseVirshVersion(virsh(uri, 'version', '--daemon'), '').libvirt!.version;
    expect(r.stderr).toContain(`Host: libvirt ${libvirt} (virsh -c ${uri} version --daemon)`);
    expect(r.stderr).not.toContain('not QEMU'); // the QEMU version was given: no need to explain
  });

  it('json output names both domains; a clean domain alone exits 0', async () => {
    const uri = nodeUri(LOOKING_GLASS, CLEAN);
    const r = await cli(['--connect', uri, '--domain', 'debian12', '--domain', 'win10-lg', '--qemu-version', '9.1.1', '--format', 'json']);
    expect(r.code).toBe(1);
    const reports = JSON.parse(r.stdout) as { filePath: string; errorCount: number; messages: { ruleId: string; severity: string }[] }[];
    expect(reports.map((x) => x.filePath)).toEqual(['domain:debian12', 'domain:win10-lg']);
    expect(reports[0].errorCount).toBe(0);
    expect(reports[1].messages.filter((m) => m.severity === 'error').map((m) => m.ruleId)).toContain(RULE);
    const clean = await cli(['--connect', uri, '--domain', 'debian12', '--qemu-version', '9.1.1']);
    expect(clean.code).toBe(0);
  });

  it('host facts come from the connection; the test driver is not QEMU, so QEMU rules are skipped and that is said', async () => {
    const uri = nodeUri(LOOKING_GLASS);
    const r = await cli(['--connect', uri, '--domain', 'win10-lg']);
    expect(r.stdout).not.toContain(RULE); // needs the QEMU version
    expect(r.stderr).toMatch(/^Host: libvirt \d+\.\d+\.\d+ \(virsh -c test:\/\/\/\S+ version --daemon\)$/m);
    expect(r.stderr).toContain("The connection's hypervisor is TEST 0.0.2, not QEMU: it gives no QEMU version.");
    expect(r.stderr).toMatch(/^QEMU version unknown: \d+ version-specific rules? skipped; pass --qemu-version$/m);
  });

  it('explicit flags win over the connection', async () => {
    const uri = nodeUri(CLEAN);
    const r = await cli(['--connect', uri, '--domain', 'debian12', '--libvirt-version', '10.0.0']);
    expect(r.stderr).toContain('Host: libvirt 10.0.0 (--libvirt-version)');
    expect(r.stderr).not.toContain('version --daemon)');
    const env = await cli(['--connect', uri, '--domain', 'debian12'], { VIRT_LINT_QEMU_VERSION: '9.1.2' });
    expect(env.stderr).toContain('Host: QEMU 9.1.2 (VIRT_LINT_QEMU_VERSION)');
    expect(env.stderr).not.toContain('not QEMU');
  });

  it('--fix-dry-run shows the diff against libvirt’s XML and writes nothing', async () => {
    const uri = nodeUri(LOOKING_GLASS);
    const r = await cli(['--connect', uri, '--domain', 'win10-lg', '--qemu-version', '9.1.1', '--fix-dry-run']);
    expect(r.stdout).toMatch(/^--- domain:win10-lg\n\+\+\+ domain:win10-lg\n/);
    expect(r.stdout).toContain("\n-    <audio id='1' type='spice'/>\n+    <audio id='1' type='none'/>\n");
    expect(r.stderr).toMatch(/--fix would fix \d+ problems?; no file was written/);
  });

  it('a domain libvirt does not know: exit 2 with virsh’s own error', async () => {
    const r = await cli(['--connect', nodeUri(CLEAN), '--domain', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^virt-lint: virsh -c test:\/\/\/\S+ dumpxml --inactive --domain=nope failed: error: failed to get domain 'nope'\n$/);
  });

  it('a connection that fails: exit 2 with virsh’s error', async () => {
    const r = await cli(['--connect', 'test:///nonexistent/node.xml', '--all-domains']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^virt-lint: virsh -c test:\/\/\/nonexistent\/node\.xml list --all --name failed: .*failed to connect to the hypervisor/);
  });

  describe('suppressions that survive libvirt', () => {
    const withMetadata = LOOKING_GLASS.replace(
      "  <memory unit='KiB'>",
      `  <metadata>\n    <vl:lint xmlns:vl="${LINT_NS}">\n      <vl:ignore rule="${RULE}" reason="host runs QEMU 9.1.2 since the upgrade"/>\n    </vl:lint>\n  </metadata>\n  <memory unit='KiB'>`,
    );
    const withComment = LOOKING_GLASS.replace("    <sound model='ich9'>", `    <!-- virt-lint-disable-next-line ${RULE}: host runs QEMU 9.1.2 -->\n    <sound model='ich9'>`);

    it('<metadata><vl:lint> survives virsh define + dumpxml; a comment does not', () => {
      const dir = tempDir('roundtrip');
      writeFileSync(join(dir, 'metadata.xml'), withMetadata);
      writeFileSync(join(dir, 'comment.xml'), withComment.replace('<name>win10-lg</name>', '<name>commented</name>').replace(/^  <uuid>.*\n/m, ''));
      const uri = nodeUri();
      // One virsh process: the test driver forgets defined domains when it exits.
      const out = virsh(uri, `define ${join(dir, 'metadata.xml')}; dumpxml --inactive win10-lg; define ${join(dir, 'comment.xml')}; dumpxml --inactive commented`);
      const [, metadataXml, commentXml] = out.split(/^(?=<domain )/m);
      expect(metadataXml).toContain(
        `  <metadata>\n    <vl:lint xmlns:vl="${LINT_NS}">\n      <vl:ignore rule="${RULE}" reason="host runs QEMU 9.1.2 since the upgrade"/>\n    </vl:lint>\n  </metadata>\n`,
      );
      expect(commentXml).toContain("<sound model='ich9'>");
      expect(commentXml).not.toContain('virt-lint-disable');
    });

    it('virt-lint honours the metadata suppression on the live domain', async () => {
      const ruleIds = async (xml: string) => {
        const r = await cli(['--connect', nodeUri(xml), '--domain', 'win10-lg', '--qemu-version', '9.1.1', '--format', 'json']);
        const [report] = JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
        expect(report.filePath).toBe('domain:win10-lg');
        return report.messages.map((m) => m.ruleId);
      };
      expect(await ruleIds(withMetadata)).not.toContain(RULE);
      // Without it, the same domain reports the rule: the suppression is what made the difference.
      expect(await ruleIds(LOOKING_GLASS)).toContain(RULE);
    });
  });
});
