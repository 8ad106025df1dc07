/**
 * Quiet means quiet: with -q stdout holds the errors and nothing else, and
 * stderr says nothing unless something failed. Without -q the run's notes
 * (host facts, skipped rules, files that are not domains) are on stderr,
 * never mixed into the report.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const EXAMPLE = 'examples/win11-looking-glass.xml';
const BASE = ['--no-detect', '--qemu-version', '9.1.1'];

function dirWithNetwork(): string {
  const dir = tempDir('quiet');
  writeFileSync(join(dir, 'net.xml'), '<network><name>default</name></network>\n');
  return dir;
}

describe('-q', () => {
  it('stylish: the errors under their file, no summary, no notes', async () => {
    const r = await runCli([...BASE, '-q', EXAMPLE]);
    expect(r.code).toBe(1);
    const lines = r.stdout.replace(/\n$/, '').split('\n');
    expect(lines[0]).toBe(EXAMPLE);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines.slice(1)) expect(l).toMatch(/^ +\d+:\d+ +error +/);
    expect(r.stdout).toContain('qemu-911-spice-hda-audio');
    expect(r.stderr).toBe('');
  });

  it('compact and github: the errors only', async () => {
    const compact = await runCli([...BASE, '-q', '-f', 'compact', EXAMPLE]);
    for (const l of compact.stdout.replace(/\n$/, '').split('\n')) expect(l).toMatch(new RegExp(`^${EXAMPLE}:\\d+:\\d+: error: `));
    const github = await runCli([...BASE, '-q', '-f', 'github', EXAMPLE]);
    expect(github.stdout).not.toMatch(/problems? \(|no problems|Run `virt-lint rule/);
    expect(github.stdout).toMatch(/^::error file=/);
    expect([compact.stderr, github.stderr]).toEqual(['', '']);
  });

  it('a file that is not a domain, and a clean run: nothing at all', async () => {
    const dir = dirWithNetwork();
    const r = await runCli(['--no-detect', '--qemu-version', '9.1.2', '-q', 'net.xml', join(ROOT, 'examples/clean-looking-glass.xml')], { cwd: dir });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
  });

  it('json keeps its shape, with the errors only', async () => {
    const r = await runCli([...BASE, '-q', '-f', 'json', EXAMPLE]);
    const [file] = JSON.parse(r.stdout);
    expect(file.messages.length).toBeGreaterThan(0);
    expect(file.messages.every((m: { severity: string }) => m.severity === 'error')).toBe(true);
    expect(r.stderr).toBe('');
  });

  it('still says what failed', async () => {
    const r = await runCli([...BASE, '-q', 'missing.xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^virt-lint: cannot read 'missing.xml'/);
  });
});

describe('without -q', () => {
  it('notes go to stderr: a file that is not a domain, the host facts, the rules skipped', async () => {
    const dir = dirWithNetwork();
    const r = await runCli(['--no-detect', '--qemu-version', '9.1.1', 'net.xml'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'net.xml: skipped (root element is <network>, not <domain>)',
        // Nothing was linted, so no host version was used and no rule skipped.
        '',
      ].join('\n'),
    );
    const lint = await runCli([...BASE, EXAMPLE]);
    expect(lint.stdout).not.toMatch(/^Host: |version unknown/m);
    expect(lint.stderr).toMatch(/^\nHost: QEMU 9\.1\.1 \(--qemu-version\)\nlibvirt version unknown: \d+ version-specific rules? skipped; pass --libvirt-version\n$/);
  });
});
