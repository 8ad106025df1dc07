/**
 * `virt-lint --fix -`: the document from stdin, fixed, on stdout; the report
 * of what remains on stderr (as `ruff --fix -` does for editors); exit codes
 * as for `--fix FILE`.
 */
import { readFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli as cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const EXAMPLE = readFileSync(join(ROOT, 'examples/win11-looking-glass.xml'), 'utf8');
const SPICE_AUDIO = "<audio id='1' type='spice'/>";
const FIXED = EXAMPLE.replace(SPICE_AUDIO, "<audio id='1' type='none'/>");
const BASE = ['--no-detect', '--qemu-version', '9.1.1', '--libvirt-version', '10.0.0'];
/** The example with an error no fix can mend: 8 vCPUs by topology, 0 in <vcpu>. */
const WITH_TOPOLOGY_ERROR = EXAMPLE.replace("<vcpu placement='static'>8</vcpu>", "<vcpu placement='static'>6</vcpu>"); // 4 cores x 2 threads make 8: the topology's error alone (a count of 0 is also outside the grammar's range)

describe('--fix - prints the fixed document on stdout', () => {
  it('the fixed document on stdout, byte for byte; the report on stderr; exit 0 when nothing is left', async () => {
    expect(EXAMPLE).toContain(SPICE_AUDIO);
    const r = await cli([...BASE, '--fix', '-'], { stdin: EXAMPLE });
    expect(r.stdout).toBe(FIXED);
    expect(r.code).toBe(0);
    // The report, then the notes (as --fix-dry-run orders them: all of it is on stderr).
    expect(r.stderr).toBe('✔ no problems\n\nHost: QEMU 9.1.1 (--qemu-version)\nHost: libvirt 10.0.0 (--libvirt-version)\nFixed 1 problem.\n');
  });

  it('what no fix mends is reported on stderr at its line, and exits 1 as --fix FILE does', async () => {
    const r = await cli([...BASE, '--fix', '-'], { stdin: WITH_TOPOLOGY_ERROR });
    expect(r.stdout).toBe(WITH_TOPOLOGY_ERROR.replace(SPICE_AUDIO, "<audio id='1' type='none'/>"));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^<stdin>\n {2}49:5 {2}error {2}The CPU topology .* cpu-topology-mismatch$/m);
    expect(r.stderr).toContain('Fixed 1 problem.');
    expect(r.stderr).not.toContain('qemu-911-spice-hda-audio');

    // The same file fixed in place reports the same and exits the same.
    const dir = tempDir('fix-stdout');
    writeFileSync(join(dir, 'vm.xml'), WITH_TOPOLOGY_ERROR);
    const inPlace = await cli([...BASE, '--fix', 'vm.xml'], { cwd: dir });
    expect(inPlace.code).toBe(r.code);
    expect(readFileSync(join(dir, 'vm.xml'), 'utf8')).toBe(r.stdout);
    // Its report (stdout) and its notes (stderr), one after the other.
    expect(r.stderr).toBe(inPlace.stdout.replace(/^vm\.xml$/m, '<stdin>') + inPlace.stderr);
    expect(inPlace.stderr).toContain('Fixed 1 problem.');
  });

  it('a document with nothing to fix comes back unchanged: CRLF line endings and the BOM kept', async () => {
    const clean = '\uFEFF' + FIXED.replace(/\n/g, '\r\n');
    const r = await cli([...BASE, '--fix', '-'], { stdin: clean });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(clean);
    expect(r.stderr).not.toContain('Fixed');
  });

  it('the BOM and CRLF stay around the fixed part too', async () => {
    const crlf = '\uFEFF' + EXAMPLE.replace(/\n/g, '\r\n');
    const r = await cli([...BASE, '--fix', '-'], { stdin: crlf });
    expect(r.stdout).toBe('\uFEFF' + FIXED.replace(/\n/g, '\r\n'));
  });

  it('XML that is not well-formed comes back as it came; the error is on stderr, exit 1', async () => {
    const broken = "<domain type='kvm'>\n  <name>vm</name>\n";
    const r = await cli([...BASE, '--fix', '-'], { stdin: broken });
    expect(r.stdout).toBe(broken);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('xml-not-well-formed');
  });

  it('bytes that are not UTF-8 are never re-encoded: nothing on stdout, exit 2 with one line saying why', async () => {
    const latin1 = Buffer.concat([Buffer.from("<domain type='kvm'><name>caf"), Buffer.from([0xe9]), Buffer.from('</name></domain>\n')]);
    const r = await cli([...BASE, '--fix', '-'], { stdin: latin1 });
    expect(r.stdout).toBe('');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^virt-lint: cannot fix '<stdin>': at byte offset 28 \(1:29\): .*; nothing was printed \(virt-lint never re-encodes a document\)$/m);
  });

  it('--stdin-filename names the document in the report and picks its configuration; that file is neither read nor written', async () => {
    const dir = tempDir('fix-stdout');
    // The configuration beside the named file gives the QEMU version and turns the topology rule off.
    writeFileSync(join(dir, '.virt-lint.json'), JSON.stringify({ qemuVersion: '9.1.1', rules: { 'cpu-topology-mismatch': 'off' } }));
    const r = await cli(['--no-detect', '--libvirt-version', '10.0.0', '--fix', '--stdin-filename', 'vms/win11.xml', '-'], { cwd: dir, stdin: WITH_TOPOLOGY_ERROR });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(WITH_TOPOLOGY_ERROR.replace(SPICE_AUDIO, "<audio id='1' type='none'/>"));
    expect(r.stderr).toContain('Host: QEMU 9.1.1 (qemuVersion in .virt-lint.json)');
    expect(r.stderr).toContain('Fixed 1 problem.');
    expect(existsSync(join(dir, 'vms'))).toBe(false);

    const unfixed = await cli(['--no-detect', '--libvirt-version', '10.0.0', '--no-config', '--qemu-version', '9.1.1', '--fix', '--stdin-filename', 'vms/win11.xml', '-'], { cwd: dir, stdin: WITH_TOPOLOGY_ERROR });
    expect(unfixed.stderr).toMatch(/^vms\/win11\.xml\n {2}49:5 {2}error /m);
  });

  it('--format json: the report on stderr is the JSON report; stdout is only the document', async () => {
    const r = await cli([...BASE, '--format', 'json', '--fix', '-'], { stdin: WITH_TOPOLOGY_ERROR });
    expect(r.stdout).toBe(WITH_TOPOLOGY_ERROR.replace(SPICE_AUDIO, "<audio id='1' type='none'/>"));
    const lines = r.stderr.split('\n');
    const jsonEnd = lines.indexOf(']');
    const report = JSON.parse(lines.slice(0, jsonEnd + 1).join('\n'));
    expect(report).toHaveLength(1);
    expect(report[0].filePath).toBe('<stdin>');
    expect(report[0].messages.map((m: { ruleId: string; line: number }) => [m.ruleId, m.line])).toEqual([['cpu-topology-mismatch', 49]]);
    // The notes follow the whole report, never inside it.
    expect(lines.slice(jsonEnd + 1).join('\n')).toContain('Fixed 1 problem.');
  });

  it('--output-file takes the report; stdout still holds the document', async () => {
    const dir = tempDir('fix-stdout');
    const r = await cli([...BASE, '--format', 'compact', '-o', 'report.txt', '--fix', '-'], { cwd: dir, stdin: WITH_TOPOLOGY_ERROR });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(WITH_TOPOLOGY_ERROR.replace(SPICE_AUDIO, "<audio id='1' type='none'/>"));
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toMatch(/^<stdin>:49:5: error: .*\[cpu-topology-mismatch\]$/m);
  });

  it('--unsafe-fixes also applies suggestions: here the <vcpu> count the topology gives', async () => {
    const r = await cli([...BASE, '--fix', '--unsafe-fixes', '-'], { stdin: WITH_TOPOLOGY_ERROR });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(FIXED);
    expect(r.stderr).toContain('Fixed 2 problems.');
  });

  it('colour follows stderr, where the report goes', async () => {
    const onTerminal = await cli([...BASE, '--fix', '-'], { stdin: WITH_TOPOLOGY_ERROR, env: { NO_COLOR: undefined }, tty: { stdout: false, stderr: true } });
    expect(onTerminal.stderr).toContain('\x1b[');
    expect(onTerminal.stdout).not.toContain('\x1b[');
    const piped = await cli([...BASE, '--fix', '-'], { stdin: WITH_TOPOLOGY_ERROR, env: { NO_COLOR: undefined }, tty: { stdout: true, stderr: false } });
    expect(piped.stderr).not.toContain('\x1b[');
  });

  it('- must be the only input: stdout cannot hold two documents', async () => {
    const r = await cli([...BASE, '--fix', '-', 'examples/clean-looking-glass.xml'], { stdin: EXAMPLE });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe("virt-lint: --fix - prints the fixed document on stdout: give - as the only input\nTry 'virt-lint --help' for usage.\n");
  });

  it('--fix-dry-run - still prints the diff, not the document', async () => {
    const r = await cli([...BASE, '--fix-dry-run', '-'], { stdin: EXAMPLE });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("+    <audio id='1' type='none'/>");
    expect(r.stdout.startsWith('--- <stdin>\n')).toBe(true);
  });
});
