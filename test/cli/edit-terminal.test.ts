/**
 * `virt-lint edit` on a real terminal: the built executable runs under a
 * pseudo-terminal made by util-linux `script`, so the questions are asked by
 * readline on a TTY and answered by typing, Ctrl-C included. libvirt's test
 * driver (`test:///<node file>`, no daemon) stands in for the connection:
 * each virsh process reads the same node file, which is all a session needs
 * (edit.test.ts checks what a define leaves behind, on the QEMU driver).
 *
 * Needs virsh and util-linux `script` (Debian: libvirt-clients, bsdutils);
 * skipped, with a note, without them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, cliEnv } from '../helpers/cli.js';
import { shellQuote } from '../../src/cli/live.js';
import { tempDir } from '../helpers/temp.js';

const hasVirsh = spawnSync('virsh', ['--version'], { encoding: 'utf8' }).status === 0;
const hasScript = /util-linux/.test(spawnSync('script', ['--version'], { encoding: 'utf8' }).stdout ?? '');
const missing = [!hasVirsh && 'virsh (libvirt-clients)', !hasScript && 'util-linux script (bsdutils)'].filter(Boolean);
if (missing.length) console.warn(`[virt-lint tests] SKIPPED: virt-lint edit on a terminal (${missing.join(', ')} not found)`);

const dir = tempDir('edit-tty');

const DOMAIN = `<domain type='test'>
  <name>tty</name>
  <uuid>6f1d3c52-9a0e-4c1b-8f7d-2e5a4b3c1d09</uuid>
  <memory unit='KiB'>131072</memory>
  <vcpu>1</vcpu>
  <os><type arch='x86_64'>hvm</type></os>
  <devices>
  </devices>
</domain>
`;
const node = join(dir, 'node.xml');
writeFileSync(node, `<node>\n${DOMAIN}</node>\n`);
const URI = `test://${node}`;
const nic = (mac: string) => `    <interface type='network'>\n      <mac address='${mac}'/>\n      <source network='default'/>\n    </interface>\n`;

/** An editor script whose n-th run inserts the n-th of `macs` as an interface. */
function editor(name: string, macs: string[]): string {
  macs.forEach((mac, i) => writeFileSync(join(dir, `${name}-${i + 1}.txt`), nic(mac)));
  const path = join(dir, `${name}.sh`);
  writeFileSync(
    path,
    `#!/bin/sh\nd='${dir}'\nn=$(( $(cat "$d/${name}.count" 2>/dev/null || echo 0) + 1 ))\necho "$n" > "$d/${name}.count"\n` +
      // Replace whatever interface an earlier round left, then insert this round's.
      `sed -i '/<interface/,/<\\/interface>/d' "$1"\nsed -i "/<devices>/r $d/${name}-$n.txt" "$1"\n`,
    { mode: 0o755 },
  );
  return path;
}

/**
 * Runs `virt-lint edit` under a pseudo-terminal; `typed[i]` is sent when the
 * i-th question appears. Resolves with everything the terminal showed and the exit code.
 */
function onTerminal(args: string[], env: NodeJS.ProcessEnv, typed: string[]): Promise<{ code: number | null; screen: string }> {
  const command = [process.execPath, BIN, ...args].map(shellQuote).join(' ');
  const child = spawn('script', ['-qec', command, '/dev/null'], { env: cliEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  let screen = '';
  let asked = 0;
  const onData = (chunk: Buffer) => {
    screen += chunk.toString('utf8');
    const questions = screen.split(/\[[EA]\/[a-z/]+\] /).length - 1;
    while (asked < questions && asked < typed.length) child.stdin.write(typed[asked++]);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      child.stdin.destroy();
      resolve({ code, screen: screen.replace(/\r\n/g, '\n') });
    });
  });
}

describe.skipIf(missing.length > 0)('virt-lint edit on a terminal (pseudo-terminal, test driver)', () => {
  it('asks on the terminal after an error; "e" + Enter opens the editor again, then the domain is defined', async () => {
    const tmp = mkdtempSync(join(dir, 'tmp-'));
    const r = await onTerminal(['edit', '--connect', URI, 'tty'], { EDITOR: editor('again', ['53:54:00:6b:3c:58', '52:54:00:6b:3c:58']), TMPDIR: tmp }, ['e\r']);
    expect(r.screen).toMatch(/ {2}\d+:\d+ +error +MAC address 53:54:00:6b:3c:58 is a multicast address/);
    expect(r.screen).toContain('1 error in the edited XML.\n');
    expect(r.screen).toContain('Edit again, define anyway, or abort? [E/d/a] ');
    expect(r.screen).toMatch(/✔ no problems\nDomain 'tty' defined from the edited XML\.\n/);
    expect(readFileSync(join(dir, 'again.count'), 'utf8').trim()).toBe('2');
    expect(r.code).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('Ctrl-C at the question: nothing is defined, the copy is kept and named, exit 130', async () => {
    const tmp = mkdtempSync(join(dir, 'tmp-'));
    const r = await onTerminal(['edit', '--connect', URI, 'tty'], { EDITOR: editor('ctrlc', ['01:00:5e:00:00:01']), TMPDIR: tmp }, ['\x03']);
    expect(r.screen).toContain('virt-lint: interrupted; nothing was defined.\n');
    const kept = /your edited copy is kept in (\S+) /.exec(r.screen)?.[1];
    expect(kept).toBeDefined();
    expect(readFileSync(kept!, 'utf8')).toContain("<mac address='01:00:5e:00:00:01'/>");
    expect(r.code).toBe(130);
  });
});
