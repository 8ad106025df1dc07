/**
 * The run loop streams: each file's report is written out before the next
 * file is read, so nothing of a file is kept once it is printed (memory stays
 * flat with the number of files). Shown causally, in-process: when the first
 * file's report arrives, the second file is deleted; a run that held every
 * result until the end would already have read it.
 */
import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collect } from '../../src/formatters/types.js';
import { streamJson, formatJson } from '../../src/formatters/json.js';
import { streamStylish } from '../../src/formatters/stylish.js';
import { lint } from '#engine/linter.js';
import { rules } from '#rules/index.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../helpers/temp.js';

const EXAMPLE = fs.readFileSync(join(ROOT, 'examples/win11-looking-glass.xml'), 'utf8');

describe('streaming', () => {
  it.each(['stylish', 'compact', 'github', 'json'])('%s: a file\'s report is out before the next file is read', async (format) => {
    const dir = tempDir('stream');
    fs.writeFileSync(join(dir, 'a.xml'), EXAMPLE);
    fs.writeFileSync(join(dir, 'b.xml'), EXAMPLE);
    let deleted = false;
    const onStdout = () => {
      if (!deleted) fs.rmSync(join(dir, 'b.xml'));
      deleted = true;
    };
    const r = await runCli(['--no-detect', '--no-config', '--qemu-version', '9.1.1', '--format', format, 'a.xml', 'b.xml'], { cwd: dir, onStdout });
    expect(deleted).toBe(true);
    expect(r.stderr).toContain("virt-lint: cannot read 'b.xml': no such file or directory");
    expect(r.code).toBe(2);
  });

  it('the streamed JSON is exactly JSON.stringify of the whole array', () => {
    const ctx = { cwd: '/', color: false, rules, notes: [], fixing: false };
    const reports = ['a.xml', 'b.xml', 'c.xml'].map((filePath, i) => ({ filePath, result: lint(i === 1 ? '<network/>' : EXAMPLE, { rules, host: {} }) }));
    const out = collect(streamJson)(reports, ctx);
    expect(out).toBe(formatJson(reports, ctx));
    expect(JSON.parse(out)).toHaveLength(3);
    expect(out).toBe(JSON.stringify(JSON.parse(out), null, 2) + '\n');
    expect(collect(streamJson)([], ctx)).toBe('[]\n');
    // Nothing but the notes when no file was linted.
    expect(collect(streamStylish)([], { ...ctx, notes: ['No *.xml files under \'x\'.'] })).toBe("No *.xml files under 'x'.\n");
  });
});
