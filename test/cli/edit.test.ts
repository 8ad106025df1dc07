/**
 * `virt-lint edit DOMAIN` against real libvirt with persistent state: the
 * QEMU driver embedded in each virsh process (`qemu:///embed?root=DIR`),
 * which keeps its definitions under DIR between virsh runs (libvirt's test
 * driver forgets them when virsh exits). One root serves the whole file; the
 * first virsh call on it probes QEMU (~4 s), later ones take ~0.1 s. Each test
 * defines its own domain.
 *
 * Needs virsh (libvirt-clients), the QEMU driver (libvirt-daemon-driver-qemu)
 * and QEMU (qemu-system-x86); as root also a `libvirt-qemu` user (the driver
 * looks it up before reading qemu.conf) and `user = "root"` in the root's
 * qemu.conf. .ci/run provides all of them and sets VIRT_LINT_REQUIRE_EMBED=1,
 * which turns the skip into a failure. The editor is a shell script that
 * writes prepared text into the copy; questions are answered by a stand-in
 * prompt (test/cli/edit-terminal.test.ts drives the real terminal).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cliEnv, runCli, spawnCli, type CliRun } from '../helpers/cli.js';
import { choose, type Prompt } from '../../src/cli/edit-prompt.js';
import { chooseEditor, editorInvocation, runEditor } from '../../src/cli/edit-editor.js';
import { copyFileName, createWorkspace, removeWorkspace } from '../../src/cli/edit-workspace.js';
import { tempDir } from '../helpers/temp.js';

const scratch = tempDir('edit-test');
let counter = 0;
const fresh = (what: string) => {
  const dir = join(scratch, `${what}-${++counter}`);
  mkdirSync(dir);
  return dir;
};

/** A stand-in terminal that gives these answers in order and records the questions. */
function answers(...list: (string | undefined)[]): { prompt: Prompt; questions: string[] } {
  const questions: string[] = [];
  return {
    questions,
    prompt: {
      interactive: true,
      ask: async (q) => {
        questions.push(q);
        if (list.length === 0) throw new Error(`unexpected question: ${q}`);
        return list.shift();
      },
    },
  };
}

type Step = { write?: string; shell?: string; exit?: number };

/**
 * An editor script: its n-th run writes step n's text into the file, runs
 * its shell lines, and exits with its status (0 by default). It records how
 * often it ran and the modes of the copy and its directory.
 */
function editor(...steps: Step[]) {
  const dir = fresh('editor');
  writeFileSync(join(dir, 'count'), '0');
  steps.forEach((s, i) => {
    const lines: string[] = [];
    if (s.write !== undefined) {
      writeFileSync(join(dir, `step-${i + 1}.xml`), s.write);
      lines.push(`cat "$d/step-${i + 1}.xml" > "$1"`);
    }
    if (s.shell) lines.push(s.shell);
    lines.push(`exit ${s.exit ?? 0}`);
    writeFileSync(join(dir, `step-${i + 1}.sh`), lines.join('\n') + '\n');
  });
  const path = join(dir, 'editor.sh');
  writeFileSync(
    path,
    [
      '#!/bin/sh',
      `d='${dir}'`,
      'n=$(( $(cat "$d/count") + 1 ))',
      'echo "$n" > "$d/count"',
      'stat -c %a "$(dirname "$1")" "$1" > "$d/modes-$n"',
      'cp "$1" "$d/seen-$n.xml"',
      '[ -f "$d/step-$n.sh" ] && . "$d/step-$n.sh"',
      'exit 0',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return {
    path,
    runs: () => Number(readFileSync(join(dir, 'count'), 'utf8')),
    /** [directory mode, file mode] as the n-th run saw them. */
    modes: (n: number) => readFileSync(join(dir, `modes-${n}`), 'utf8').trim().split('\n'),
    /** What the n-th run found in the copy. */
    seen: (n: number) => readFileSync(join(dir, `seen-${n}.xml`), 'utf8'),
  };
}

describe('the editor command (no libvirt needed)', () => {
  it('VISUAL wins over EDITOR, blank values count as unset, vi is the fallback', () => {
    expect(chooseEditor({ VISUAL: 'nano', EDITOR: 'vim' })).toBe('nano');
    expect(chooseEditor({ VISUAL: ' ', EDITOR: 'vim' })).toBe('vim');
    expect(chooseEditor({})).toBe('vi');
  });

  it('a plain program name runs directly; a command line goes to /bin/sh with the file as "$1", never pasted in', () => {
    expect(editorInvocation('vim', '/tmp/x/a.xml')).toEqual({ editor: 'vim', command: 'vim', args: ['/tmp/x/a.xml'] });
    expect(editorInvocation('code -w', '/tmp/x/a.xml')).toEqual({ editor: 'code -w', command: '/bin/sh', args: ['-c', 'code -w "$@"', 'code -w', '/tmp/x/a.xml'] });
  });

  it("EDITOR='\"/path with space/ed\" --wait' gets exactly two arguments: --wait and the file, even when the file name has shell characters", async () => {
    const dir = fresh('my editor');
    const script = join(dir, 'ed it.sh');
    writeFileSync(script, `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > '${dir}/args'\n`, { mode: 0o755 });
    const file = join(dir, "a $(touch pwned); 'b'.xml");
    const outcome = await runEditor(editorInvocation(`"${script}" --wait`, file), { env: { PATH: process.env.PATH }, cwd: dir });
    expect(outcome).toEqual({ ok: true });
    expect(readFileSync(join(dir, 'args'), 'utf8')).toBe(`--wait\n${file}\n`);
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });

  it('an editor that fails, is missing or is killed says so', async () => {
    const opts = { env: { PATH: process.env.PATH }, cwd: scratch };
    expect(await runEditor(editorInvocation('false', 'f'), opts)).toEqual({ ok: false, why: 'exited with status 1', interrupted: false });
    expect(await runEditor(editorInvocation('no-such-editor-xyz', 'f'), opts)).toEqual({ ok: false, why: 'was not found (set VISUAL or EDITOR to your editor)', interrupted: false });
    expect(await runEditor(editorInvocation('kill -INT $$; :', 'f'), opts)).toEqual({ ok: false, why: 'was killed by SIGINT', interrupted: true });
  });
});

describe('the copy and the questions (no libvirt needed)', () => {
  it('the copy is <domain>.xml, mode 0600, in a fresh directory of mode 0700; names are reduced to plain characters', () => {
    const base = fresh('ws');
    const ws = createWorkspace(base, 'win11', '<domain/>');
    expect(ws.file).toBe(join(ws.dir, 'win11.xml'));
    expect(statSync(ws.dir).mode & 0o777).toBe(0o700);
    expect(statSync(ws.file).mode & 0o777).toBe(0o600);
    expect(readFileSync(ws.file, 'utf8')).toBe('<domain/>');
    removeWorkspace(ws);
    expect(existsSync(ws.dir)).toBe(false);
    expect(copyFileName('../evil name;$(x)')).toBe('_._evil_name___x_.xml');
    expect(copyFileName('-n')).toBe('_n.xml');
    expect(copyFileName('')).toBe('domain.xml');
  });

  it('choose takes the letter or the word, the first choice on Enter, asks again on anything else, and gives up on Ctrl-C', async () => {
    const choices = [
      { key: 'e', word: 'edit', value: 'edit' },
      { key: 'a', word: 'abort', value: 'abort' },
    ] as const;
    const said: string[] = [];
    const say = (s: string) => void said.push(s);
    const a = answers('what?', ' ABORT ');
    expect(await choose(a.prompt, 'Now?', choices, say)).toBe('abort');
    expect(a.questions).toEqual(['Now? [E/a] ', 'Now? [E/a] ']);
    expect(said).toEqual(['Please answer e (edit), a (abort).\n']);
    expect(await choose(answers('').prompt, 'Now?', choices, say)).toBe('edit');
    expect(await choose(answers(undefined).prompt, 'Now?', choices, say)).toBeUndefined();
  });

  it('usage: one domain, no lint-only options, --yes only with edit', async () => {
    const none = await runCli(['edit']);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe("virt-lint: virt-lint edit needs exactly one domain (its name, id or UUID)\nTry 'virt-lint --help' for usage.\n");
    expect((await runCli(['edit', 'a', 'b'])).code).toBe(2);
    const fix = await runCli(['edit', '--fix', 'a']);
    expect(fix.code).toBe(2);
    expect(fix.stderr).toContain('virt-lint: --fix does not apply to virt-lint edit\n');
    const yes = await runCli(['--yes', 'examples/win11-looking-glass.xml']);
    expect(yes.code).toBe(2);
    expect(yes.stderr).toContain('virt-lint: --yes applies only to virt-lint edit\n');
  });
});

// ---------------------------------------------------------------------------
// Real libvirt: the embedded QEMU driver.

const hasVirsh = spawnSync('virsh', ['--version'], { encoding: 'utf8' }).status === 0;
const EMBED = tempDir('embed');
const URI = `qemu:///embed?root=${EMBED}`;

/** Why the embedded driver cannot be used here, or undefined when it works (the probe also warms the root's QEMU capabilities). */
function probeEmbed(): string | undefined {
  if (!hasVirsh) return 'virsh not found (libvirt-clients)';
  if (!existsSync('/usr/bin/qemu-system-x86_64')) return 'qemu-system-x86_64 not found (qemu-system-x86)';
  mkdirSync(join(EMBED, 'etc'), { recursive: true });
  // As root the driver would run QEMU as libvirt-qemu and chown state to it; here everything stays root's.
  if (userInfo().uid === 0) writeFileSync(join(EMBED, 'etc/qemu.conf'), 'user = "root"\ngroup = "root"\n');
  // What the tests do: version (the first one probes the QEMU binaries, 4-8 s), define.
  const probe = join(scratch, 'probe.xml');
  writeFileSync(probe, "<domain type='qemu'><name>probe</name><memory>131072</memory><os><type arch='x86_64' machine='pc'>hvm</type></os></domain>");
  const r = spawnSync('virsh', ['-c', URI, `version --daemon; define ${probe}; undefine probe`], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, LC_ALL: 'C' } });
  if (r.status === 0) return undefined;
  const said = `${r.stderr ?? ''}`.split('\n').filter((l) => l.startsWith('error:')).join('; ');
  return `virsh -c ${URI} failed (${said || (r.error ? r.error.message : `exit ${r.status}`)}); needs libvirt-daemon-driver-qemu${userInfo().uid === 0 ? ' and, as root, a libvirt-qemu user' : ''}`;
}

const embedProblem = probeEmbed();
if (embedProblem) {
  if (process.env.VIRT_LINT_REQUIRE_EMBED === '1') throw new Error(`virt-lint edit tests need libvirt's embedded QEMU driver: ${embedProblem}`);
  console.warn(`[virt-lint tests] SKIPPED: virt-lint edit against libvirt (${embedProblem}; .ci/run installs what they need)`);
}

function virsh(...args: string[]): string {
  const r = spawnSync('virsh', ['-c', URI, ...args], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C' } });
  if (r.status !== 0) throw new Error(`virsh ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

const dumpxml = (name: string) => virsh('dumpxml', '--inactive', name);

/** Defines a small TCG domain (no /dev/kvm needed) and returns libvirt's XML of it. */
function defineDomain(name: string, devices = ''): string {
  const file = join(fresh('define'), `${name}.xml`);
  writeFileSync(file, `<domain type='qemu'>\n  <name>${name}</name>\n  <memory unit='KiB'>131072</memory>\n  <vcpu>1</vcpu>\n  <os><type arch='x86_64' machine='pc'>hvm</type></os>\n  <devices>${devices}</devices>\n</domain>\n`);
  virsh('define', file);
  return dumpxml(name);
}

/** libvirt's saved definition: defining writes a new file (new inode), so an unchanged one proves nothing was defined. */
function savedDefinition(name: string): string {
  const st = statSync(join(EMBED, 'etc/qemu', `${name}.xml`), { bigint: true });
  return `${st.ino}:${st.mtimeNs}`;
}

/** `virt-lint edit --connect URI [args] NAME` with this editor; temporary copies go to a fresh TMPDIR. */
async function edit(name: string, ed: { path: string }, opts: { prompt?: Prompt; args?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<CliRun & { tmp: string }> {
  const tmp = fresh('tmp');
  const r = await runCli(['edit', '--connect', URI, ...(opts.args ?? []), name], { env: { EDITOR: ed.path, TMPDIR: tmp, ...opts.env }, prompt: opts.prompt });
  return { ...r, tmp };
}

/** The copy a session kept, named in its last stderr line; checks it is the only thing left in TMPDIR. */
function keptCopy(r: { stderr: string; tmp: string }): string {
  const m = /your edited copy is kept in (\S+) \(to define it: virsh -c '[^']+' define --validate (\S+)\)\n$/.exec(r.stderr);
  expect(m, r.stderr).not.toBeNull();
  expect(m![2]).toBe(m![1]);
  const [dir] = readdirSync(r.tmp);
  expect(m![1].startsWith(join(r.tmp, dir) + '/')).toBe(true);
  return readFileSync(m![1], 'utf8');
}

const withMemory = (xml: string, kib: number) => xml.replace(/<memory unit='KiB'>\d+<\/memory>/, `<memory unit='KiB'>${kib}</memory>`).replace(/<currentMemory unit='KiB'>\d+<\/currentMemory>/, `<currentMemory unit='KiB'>${kib}</currentMemory>`);
/** An interface inserted as the first device; its <mac address=...> line is returned too. */
const withNic = (xml: string, mac: string) => xml.replace('  <devices>\n', `  <devices>\n    <interface type='network'>\n      <mac address='${mac}'/>\n      <source network='default'/>\n    </interface>\n`);
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const columnOf = (text: string, needle: string) => text.split('\n')[lineOf(text, needle) - 1].indexOf(needle) + 1;

describe.skipIf(embedProblem !== undefined)('virt-lint edit against libvirt (qemu:///embed)', () => {
  it('clean edit: defined, the report says so, the copy (0600 in a 0700 directory) is removed', async () => {
    const original = defineDomain('clean');
    const ed = editor({ write: withMemory(original, 262144) });
    const r = await edit('clean', ed);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(ed.seen(1)).toBe(original); // the editor opened libvirt's XML
    expect(ed.modes(1)).toEqual(['700', '600']);
    expect(r.stdout).toContain(`Host: libvirt ${/Running against daemon: (\S+)/.exec(virsh('version', '--daemon'))![1]} (virsh -c '${URI}' version --daemon)\n`);
    expect(r.stdout).toMatch(/✔ no problems\nDomain 'clean' defined from the edited XML\.\n$/);
    expect(dumpxml('clean')).toContain("<memory unit='KiB'>262144</memory>");
    expect(readdirSync(r.tmp)).toEqual([]);
  });

  it('error -> edit again -> defined: the error is shown at its line and column, the second round starts from the first round’s text', async () => {
    const original = defineDomain('reedit');
    const broken = withNic(original, '53:54:00:6b:3c:58');
    const fixed = withMemory(withNic(original, '52:54:00:6b:3c:58'), 262144);
    const ed = editor({ write: broken }, { write: fixed });
    const a = answers('e');
    const r = await edit('reedit', ed, { prompt: a.prompt });
    expect(r.code).toBe(0);
    const line = lineOf(broken, '<mac address=');
    const column = columnOf(broken, "address='53");
    expect(r.stdout).toMatch(new RegExp(`^/\\S+/reedit\\.xml\\n  ${line}:${column}  error  MAC address 53:54:00:6b:3c:58 is a multicast address .*  mac-address-multicast$`, 'm'));
    expect(r.stderr).toBe('1 error in the edited XML.\n');
    expect(a.questions).toEqual(['Edit again, define anyway, or abort? [E/d/a] ']);
    expect(ed.runs()).toBe(2);
    expect(ed.seen(2)).toBe(broken); // edits are never thrown away between rounds
    expect(r.stdout).toMatch(/Domain 'reedit' defined from the edited XML\.\n$/);
    const now = dumpxml('reedit');
    expect(now).toContain("<mac address='52:54:00:6b:3c:58'/>");
    expect(now).toContain("<memory unit='KiB'>262144</memory>");
    expect(readdirSync(r.tmp)).toEqual([]);
  });

  it('abort: the domain is untouched, the edited copy is kept and named', async () => {
    const original = defineDomain('abort');
    const saved = savedDefinition('abort');
    const broken = withNic(original, '01:00:5e:00:00:01');
    const ed = editor({ write: broken });
    const a = answers('a');
    const r = await edit('abort', ed, { prompt: a.prompt });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^1 error in the edited XML\.\nvirt-lint: aborted; nothing was defined\.\nvirt-lint: your edited copy is kept in /);
    expect(keptCopy(r)).toBe(broken);
    expect(dumpxml('abort')).toBe(original);
    expect(savedDefinition('abort')).toBe(saved);
  });

  it('the editor exits non-zero: nothing is defined, the copy is kept', async () => {
    const original = defineDomain('editorfails');
    const saved = savedDefinition('editorfails');
    const ed = editor({ write: withMemory(original, 262144), exit: 3 });
    const r = await edit('editorfails', ed);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(new RegExp(`^virt-lint: the editor '${ed.path}' exited with status 3; nothing was defined\\.\\n`));
    expect(keptCopy(r)).toBe(withMemory(original, 262144));
    expect(savedDefinition('editorfails')).toBe(saved);
  });

  it('an editor that deletes the copy: nothing is defined, and the message says the copy is gone', async () => {
    defineDomain('deleted');
    const saved = savedDefinition('deleted');
    const r = await edit('deleted', editor({ shell: 'rm "$1"' }));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^virt-lint: cannot read the edited copy '\S+\/deleted\.xml': no such file or directory; nothing was defined\.\nvirt-lint: the edited copy \S+\/deleted\.xml is gone \(the editor removed or renamed it\)\n$/);
    expect(savedDefinition('deleted')).toBe(saved);
  });

  it('an unchanged copy defines nothing and is removed', async () => {
    defineDomain('unchanged');
    const saved = savedDefinition('unchanged');
    const ed = editor({});
    const r = await edit('unchanged', ed);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("Domain 'unchanged' not changed: nothing was defined.\n");
    expect(savedDefinition('unchanged')).toBe(saved);
    expect(readdirSync(r.tmp)).toEqual([]);
  });

  it('without a terminal, errors end the session (exit 1, copy kept); --yes defines anyway', async () => {
    const original = defineDomain('noterm');
    // An error libvirt accepts: the QEMU 9.1.1 SPICE audio regression on a Looking Glass VM.
    const lg = original.replace(
      '  </devices>\n',
      "    <graphics type='spice' autoport='yes'/>\n    <sound model='ich9'>\n      <audio id='1'/>\n    </sound>\n    <shmem name='looking-glass'>\n      <model type='ivshmem-plain'/>\n      <size unit='M'>32</size>\n    </shmem>\n  </devices>\n",
    ).replace("<audio id='1' type='none'/>", "<audio id='1' type='spice'/>");
    const stopped = await edit('noterm', editor({ write: lg }), { args: ['--qemu-version', '9.1.1'] });
    expect(stopped.code).toBe(1);
    expect(stopped.stdout).toMatch(/^ {2}\d+:5 +error +<sound model='ich9'> plays through <audio id='1' type='spice'>: on QEMU 9\.1\.1, /m);
    expect(stopped.stdout).toContain('Host: QEMU 9.1.1 (--qemu-version)');
    expect(stopped.stderr).toMatch(/^virt-lint: the edited XML has 1 error, and there is no terminal to ask what to do \(stdin and stderr are not both terminals; --yes defines anyway\); nothing was defined\.\n/);
    expect(keptCopy(stopped)).toBe(lg);
    expect(dumpxml('noterm')).toBe(original);

    const forced = await edit('noterm', editor({ write: lg }), { args: ['--qemu-version', '9.1.1', '--yes'] });
    expect(forced.stderr).toBe('1 error in the edited XML. Defining anyway (--yes).\n');
    expect(forced.code).toBe(0);
    expect(dumpxml('noterm')).toContain("<shmem name='looking-glass'>");
  });

  it('libvirt refuses the XML: its error is shown; edit again fixes it, or without a terminal the copy is kept', async () => {
    const original = defineDomain('refused');
    // A PCI function written '0x00': libvirt's parser reads it, its grammar does not (virt-lint warns that only
    // `define --validate` refuses it; edit validates). Anything libvirt's grammar refuses otherwise is a virt-lint error.
    expect(original).toContain("function='0x0'/>");
    const invalid = original.replace("function='0x0'/>", "function='0x00'/>");
    const a = answers('e');
    const ed = editor({ write: invalid }, { write: withMemory(original, 262144) });
    const r = await edit('refused', ed, { prompt: a.prompt });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/^virt-lint: virsh -c '[^']+' define --validate \S+refused\.xml failed: error: Failed to define domain from \S+; error: XML document failed to validate against schema: .*Extra element devices in interleave.*\nlibvirt refused the edited XML\.\n$/);
    expect(a.questions).toEqual(['Edit again or abort? [E/a] ']);
    expect(dumpxml('refused')).toContain("<memory unit='KiB'>262144</memory>");

    const saved = savedDefinition('refused');
    const alone = await edit('refused', editor({ write: invalid }), { args: ['--yes'] });
    expect(alone.code).toBe(1);
    expect(alone.stderr).toMatch(/\nvirt-lint: libvirt refused the edited XML, and there is no terminal to ask what to do \(stdin and stderr are not both terminals\); nothing was defined\.\n/);
    expect(keptCopy(alone)).toBe(invalid);
    expect(savedDefinition('refused')).toBe(saved);
  });

  it('a domain changed in libvirt during the edit is not overwritten without asking', async () => {
    const original = defineDomain('raced');
    const theirs = join(fresh('theirs'), 'raced.xml');
    writeFileSync(theirs, original.replace('<vcpu placement=\'static\'>1</vcpu>', "<vcpu placement='static'>2</vcpu>"));
    const ed = editor({ write: withMemory(original, 262144), shell: `virsh -c '${URI}' define '${theirs}' >/dev/null` });
    const a = answers('a');
    const r = await edit('raced', ed, { prompt: a.prompt });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^Domain 'raced' changed in libvirt while you were editing \(virt-manager or another virsh edit\?\): defining your copy would undo that change\.\nvirt-lint: aborted; nothing was defined\.\n/);
    expect(a.questions).toEqual(['Abort, edit again, or define anyway? [A/e/d] ']);
    expect(dumpxml('raced')).toContain("<vcpu placement='static'>2</vcpu>");
    expect(keptCopy(r)).toBe(withMemory(original, 262144));
  });

  it('secrets survive: the copy holds the VNC password libvirt keeps, and it is still there after the define', async () => {
    defineDomain('secret', "<graphics type='vnc' port='-1' passwd='s3cret'/>");
    const withSecret = virsh('dumpxml', '--inactive', '--security-info', 'secret');
    expect(withSecret).toContain("passwd='s3cret'");
    expect(dumpxml('secret')).not.toContain('s3cret'); // what plain dumpxml gives, and defining it would drop the password
    const ed = editor({ write: withMemory(withSecret, 262144) });
    const r = await edit('secret', ed);
    expect(r.code).toBe(0);
    expect(ed.seen(1)).toBe(withSecret);
    const now = virsh('dumpxml', '--inactive', '--security-info', 'secret');
    expect(now).toContain("passwd='s3cret'");
    expect(now).toContain("<memory unit='KiB'>262144</memory>");
  });

  it('a copy renamed without its UUID is defined as a new domain, and the report says the old one is unchanged', async () => {
    const original = defineDomain('oldname');
    const renamed = original.replace('<name>oldname</name>', '<name>newname</name>').replace(/^ {2}<uuid>.*\n/m, '');
    const r = await edit('oldname', editor({ write: renamed }));
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\nDomain 'newname' defined from the edited XML\. It is a new domain \(the edited XML renames it\); 'oldname' is unchanged\.\n$/);
    expect(dumpxml('oldname')).toBe(original);
    expect(dumpxml('newname')).toContain('<name>newname</name>');
  });

  it('without --connect, virsh’s default connection (LIBVIRT_DEFAULT_URI) is used', async () => {
    const original = defineDomain('defaulturi');
    const tmp = fresh('tmp');
    const r = await runCli(['edit', 'defaulturi'], { env: { EDITOR: editor({ write: withMemory(original, 196608) }).path, TMPDIR: tmp, LIBVIRT_DEFAULT_URI: URI } });
    expect(r.code).toBe(0);
    expect(dumpxml('defaulturi')).toContain("<memory unit='KiB'>196608</memory>");
  });

  it('a domain libvirt does not have: exit 2 with virsh’s error, no copy made', async () => {
    const r = await edit('nope', editor());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^virt-lint: virsh -c '[^']+' dumpxml --inactive --security-info --domain=nope failed: error: failed to get domain 'nope'\n$/);
    expect(readdirSync(r.tmp)).toEqual([]);
  });

  it('Ctrl-C reaching the editor (the real executable): nothing is defined, the process survives to name the copy, exit 130', () => {
    const original = defineDomain('interrupted');
    const saved = savedDefinition('interrupted');
    const tmp = fresh('tmp');
    // Like a terminal's Ctrl-C: SIGINT to virt-lint (its parent) and to the editor itself.
    const ed = editor({ write: withMemory(original, 262144), shell: 'kill -INT $PPID; kill -INT $$' });
    const r = spawnCli(['edit', '--connect', URI, 'interrupted'], { env: { EDITOR: ed.path, TMPDIR: tmp } });
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(new RegExp(`^virt-lint: the editor '${ed.path}' was killed by SIGINT; nothing was defined\\.\\n`));
    expect(keptCopy({ stderr: r.stderr, tmp })).toBe(withMemory(original, 262144));
    expect(savedDefinition('interrupted')).toBe(saved);
  });
});

describe.skipIf(!hasVirsh)('virt-lint edit when the copy cannot be written (virsh test driver)', () => {
  it('a file size limit stops the copy half-way: exit 2, and nothing is left in TMPDIR', () => {
    // Over the 1-block limit below; the test driver reads its domains from this file.
    const domain = `<domain type='test'><name>toolarge</name><description>${'x'.repeat(4096)}</description><memory unit='KiB'>131072</memory><vcpu>1</vcpu><os><type arch='x86_64'>hvm</type></os></domain>`;
    const node = join(fresh('node'), 'node.xml');
    writeFileSync(node, `<node>${domain}</node>\n`);
    const tmp = fresh('tmp');
    // Node ignores SIGXFSZ, so the write past the limit fails with EFBIG instead of killing the process.
    const r = spawnSync('sh', ['-c', 'ulimit -f 1 && exec "$@"', 'sh', process.execPath, BIN, 'edit', '--connect', `test://${node}`, 'toolarge'], {
      env: cliEnv({ EDITOR: 'true', TMPDIR: tmp }),
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    // One line naming the copy and the reason: no stack trace.
    expect(r.stderr).toMatch(/^virt-lint: cannot write '[^']*virt-lint-edit-[^']*toolarge[^']*': file too large \(a file size limit: ulimit -f\)\n$/);
    expect(readdirSync(tmp)).toEqual([]);
  });
});
