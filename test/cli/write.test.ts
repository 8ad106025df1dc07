/**
 * The safe writer (src/cli/write.ts) in-process: on real files (mode, owner,
 * extended attributes, ACLs, hard links, symlinks, read-only files, changes
 * since read) and with an injected file system for the failures a disk can
 * produce (short writes, ENOSPC, a failing fsync or rename, bytes that read
 * back differently). Every failure leaves the original byte-identical and no
 * temporary file behind.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSafeWriter, writeFileSafely, WriteRefused, type WriterFs } from '../../src/cli/write.js';
import { readRegularFile } from '../../src/cli/read.js';
import { tempDir } from '../helpers/temp.js';

const ORIGINAL = "<domain type='kvm'>\n  <name>vm</name>\n</domain>\n";
const FIXED = "<domain type='kvm'>\n  <name>vm2</name>\n</domain>\n";
const isRoot = process.getuid?.() === 0;

function tempFile(content = ORIGINAL, name = 'vm.xml'): string {
  const dir = tempDir('write');
  const path = join(dir, name);
  fs.writeFileSync(path, content);
  return path;
}

/** Nothing but the named files is left in the directory (no temporary file). */
function expectOnly(dir: string, names: string[]): void {
  expect(fs.readdirSync(dir).sort()).toEqual([...names].sort());
}

/** The real fs with some calls replaced. */
function faultyFs(over: Partial<WriterFs>): WriterFs {
  return { ...fs, ...over } as WriterFs;
}

const dirOf = (p: string) => p.slice(0, p.lastIndexOf('/'));

describe('a write that fails leaves the original byte-identical', () => {
  it.each<[string, Partial<WriterFs>]>([
    // A full disk: write(2) writes part, then nothing more. Today's writer took the short count for success.
    ['a short write followed by no progress', { writeSync: ((fd: number, buf: Uint8Array, off: number, len: number) => (off === 0 ? fs.writeSync(fd, buf, 0, Math.floor(len / 2)) : 0)) as WriterFs['writeSync'] }],
    [
      'a short write followed by ENOSPC',
      {
        writeSync: ((fd: number, buf: Uint8Array, off: number, len: number) => {
          if (off === 0) return fs.writeSync(fd, buf, 0, 10);
          throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
        }) as WriterFs['writeSync'],
      },
    ],
    ['a failing fsync', { fsyncSync: () => { throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }); } }],
    ['bytes that read back differently', { readSync: ((fd: number, buf: Uint8Array, off: number, len: number, pos: number | null) => { const n = fs.readSync(fd, buf, off, len, pos); if (n > 0) buf[off] ^= 1; return n; }) as WriterFs['readSync'] }],
    ['a size on disk that differs', { fstatSync: ((fd: number, o?: object) => Object.assign(fs.fstatSync(fd, o as never), { size: 3 })) as WriterFs['fstatSync'] }],
    ['a failing rename', { renameSync: () => { throw Object.assign(new Error('EXDEV: cross-device link not permitted'), { code: 'EXDEV' }); } }],
  ])('%s', (_, over) => {
    const path = tempFile();
    expect(() => writeFileSafely(path, FIXED, { fs: faultyFs(over), copyAttributes: () => undefined })).toThrow();
    expect(fs.readFileSync(path, 'utf8')).toBe(ORIGINAL);
    expectOnly(dirOf(path), ['vm.xml']);
  });

  it('writes everything when write(2) returns short counts that make progress', () => {
    const path = tempFile();
    const dribble = faultyFs({ writeSync: ((fd: number, buf: Uint8Array, off: number, len: number) => fs.writeSync(fd, buf, off, Math.min(len, 7))) as WriterFs['writeSync'] });
    writeFileSafely(path, FIXED, { fs: dribble, copyAttributes: () => undefined });
    expect(fs.readFileSync(path, 'utf8')).toBe(FIXED);
    expectOnly(dirOf(path), ['vm.xml']);
  });
});

describe('what is kept', () => {
  it('keeps the mode, including bits the umask would drop', () => {
    const path = tempFile();
    fs.chmodSync(path, 0o664);
    const old = process.umask(0o077);
    try {
      writeFileSafely(path, FIXED);
    } finally {
      process.umask(old);
    }
    expect(fs.statSync(path).mode & 0o7777).toBe(0o664);
    expect(fs.readFileSync(path, 'utf8')).toBe(FIXED);
  });

  it.runIf(isRoot)('keeps the owner (as root, of another user\'s file)', () => {
    const path = tempFile();
    fs.chownSync(path, 4321, 8765);
    writeFileSafely(path, FIXED);
    const st = fs.statSync(path);
    expect([st.uid, st.gid]).toEqual([4321, 8765]);
  });

  it('refuses when the owner cannot be kept', () => {
    const path = tempFile();
    const stranger = faultyFs({
      lstatSync: ((p: string) => Object.assign(fs.lstatSync(p), { uid: 4321, gid: 8765 })) as WriterFs['lstatSync'],
      fchownSync: () => {
        throw Object.assign(new Error('EPERM: operation not permitted, fchown'), { code: 'EPERM' });
      },
    });
    expect(() => writeFileSafely(path, FIXED, { fs: stranger, copyAttributes: () => undefined })).toThrow(/belongs to uid 4321 gid 8765.*only root may give a file away/);
    expect(fs.readFileSync(path, 'utf8')).toBe(ORIGINAL);
    expectOnly(dirOf(path), ['vm.xml']);
  });

  const hasSetfattr = spawnSync('setfattr', ['--version']).status === 0;
  it.runIf(hasSetfattr)('keeps extended attributes and the ACL (copied with GNU cp)', () => {
    const path = tempFile();
    expect(spawnSync('setfattr', ['-n', 'user.virt-lint-test', '-v', 'kept', path]).status).toBe(0);
    // A POSIX ACL granting uid 1000 rw, as setfacl would store it (system.posix_acl_access, version 2).
    const acl = '0x02000000' + ['01000600ffffffff', '02000600e8030000', '04000400ffffffff', '10000600ffffffff', '20000400ffffffff'].join('');
    const aclSet = spawnSync('setfattr', ['-n', 'system.posix_acl_access', '-v', acl, path]).status === 0;
    writeFileSafely(path, FIXED);
    expect(fs.readFileSync(path, 'utf8')).toBe(FIXED);
    const dump = spawnSync('getfattr', ['--absolute-names', '-d', '-m', '-', '-e', 'hex', path], { encoding: 'utf8' }).stdout;
    expect(dump).toContain(`user.virt-lint-test=0x${Buffer.from('kept').toString('hex')}`);
    if (aclSet) expect(dump).toContain(`system.posix_acl_access=${acl}`);
  });

  it('refuses when the attributes cannot be copied, and says so', () => {
    const path = tempFile();
    const failing = () => {
      throw new WriteRefused("its extended attributes or ACL could not be copied to the replacement (cp: setting attributes: Permission denied), so it was not written");
    };
    expect(() => writeFileSafely(path, FIXED, { copyAttributes: failing })).toThrow(/extended attributes or ACL could not be copied/);
    expect(fs.readFileSync(path, 'utf8')).toBe(ORIGINAL);
    expectOnly(dirOf(path), ['vm.xml']);
  });

  it('passes on the warning when attributes could not be looked at (no GNU cp)', () => {
    const path = tempFile();
    expect(writeFileSafely(path, FIXED, { copyAttributes: () => 'GNU cp was not found' })).toEqual(['GNU cp was not found']);
    expect(fs.readFileSync(path, 'utf8')).toBe(FIXED);
  });
});

describe('what is refused', () => {
  it('a read-only file (0444), even for root', () => {
    const path = tempFile();
    fs.chmodSync(path, 0o444);
    expect(() => writeFileSafely(path, FIXED)).toThrow('is read-only (mode 0444); virt-lint does not replace read-only files');
    expect(fs.readFileSync(path, 'utf8')).toBe(ORIGINAL);
    expectOnly(dirOf(path), ['vm.xml']);
  });

  it('a file with other hard links, which would keep the old content', () => {
    const path = tempFile();
    fs.linkSync(path, `${path}.bak`);
    expect(() => writeFileSafely(path, FIXED)).toThrow('has 2 hard links; replacing it would leave the other links with the old content');
    expect(fs.readFileSync(path, 'utf8')).toBe(ORIGINAL);
    expect(fs.statSync(path).ino).toBe(fs.statSync(`${path}.bak`).ino);
  });

  it('a file changed after it was read: the edit made meanwhile wins', () => {
    const path = tempFile();
    const snapshot = readRegularFile(path, 1 << 20);
    fs.writeFileSync(path, ORIGINAL.replace('vm', 'edited'));
    expect(() => writeFileSafely(path, FIXED, { expected: snapshot })).toThrow('it changed after virt-lint read it');
    expect(fs.readFileSync(path, 'utf8')).toBe(ORIGINAL.replace('vm', 'edited'));
    expectOnly(dirOf(path), ['vm.xml']);
  });

  it('a file changed after it was read, even with the same size and times', () => {
    const path = tempFile();
    const snapshot = readRegularFile(path, 1 << 20);
    const same = ORIGINAL.replace('vm', 'VM');
    const { atime, mtime } = fs.statSync(path);
    fs.writeFileSync(path, same);
    fs.utimesSync(path, atime, mtime);
    // ctime cannot be set back; compare as a file system with coarse times would see it.
    const coarse = { ...snapshot, ctimeNs: fs.statSync(path, { bigint: true }).ctimeNs, mtimeNs: fs.statSync(path, { bigint: true }).mtimeNs };
    expect(() => writeFileSafely(path, FIXED, { expected: coarse })).toThrow('it changed after virt-lint read it');
    expect(fs.readFileSync(path, 'utf8')).toBe(same);
  });

  it('a file replaced by another (a new inode) after it was read', () => {
    const path = tempFile();
    const snapshot = readRegularFile(path, 1 << 20);
    fs.writeFileSync(`${path}.new`, ORIGINAL);
    fs.renameSync(`${path}.new`, path);
    expect(() => writeFileSafely(path, FIXED, { expected: snapshot })).toThrow('it changed after virt-lint read it');
  });

  it('writes when the file is as it was read', () => {
    const path = tempFile();
    const snapshot = readRegularFile(path, 1 << 20);
    writeFileSafely(path, FIXED, { expected: snapshot });
    expect(fs.readFileSync(path, 'utf8')).toBe(FIXED);
  });

  it('a directory, a FIFO, a missing file (unless it may be created)', () => {
    const dir = tempDir('write');
    expect(() => writeFileSafely(dir, FIXED)).toThrow('is a directory');
    const fifo = join(dir, 'fifo.xml');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    expect(() => writeFileSafely(fifo, FIXED)).toThrow('not a regular file (a FIFO)');
    expect(() => writeFileSafely(join(dir, 'new.xml'), FIXED)).toThrow(/ENOENT/);
    writeFileSafely(join(dir, 'new.xml'), FIXED, { mayCreate: true });
    expect(fs.readFileSync(join(dir, 'new.xml'), 'utf8')).toBe(FIXED);
  });
});

describe('symbolic links', () => {
  it('a fix through a symlink replaces the file it points to; the link stays', () => {
    const path = tempFile();
    const link = join(dirOf(path), 'link.xml');
    fs.symlinkSync('vm.xml', link);
    writeFileSafely(link, FIXED, { followSymlink: true });
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path, 'utf8')).toBe(FIXED);
    expectOnly(dirOf(path), ['link.xml', 'vm.xml']);
  });

  it('a report is never written through a symlink (it could point anywhere)', () => {
    const path = tempFile();
    const link = join(dirOf(path), 'report.sarif');
    fs.symlinkSync(path, link);
    expect(() => writeFileSafely(link, '{}', { mayCreate: true })).toThrow('is a symbolic link');
    expect(fs.readFileSync(path, 'utf8')).toBe(ORIGINAL);
    // A dangling link is not followed to create its target either.
    const dangling = join(dirOf(path), 'dangling.json');
    fs.symlinkSync(join(dirOf(path), 'created-by-link'), dangling);
    expect(() => writeFileSafely(dangling, '{}', { mayCreate: true })).toThrow('is a symbolic link');
    expect(fs.existsSync(join(dirOf(path), 'created-by-link'))).toBe(false);
  });
});

describe('streaming', () => {
  it('writes chunks, and nothing until commit; abort leaves no trace', () => {
    const path = tempFile();
    const w = openSafeWriter(path, { copyAttributes: () => undefined });
    w.write('<domain>');
    w.write(Buffer.from('</domain>\n'));
    expect(fs.readFileSync(path, 'utf8')).toBe(ORIGINAL);
    w.commit();
    expect(fs.readFileSync(path, 'utf8')).toBe('<domain></domain>\n');
    const again = openSafeWriter(path, { copyAttributes: () => undefined });
    again.write('partial');
    again.abort();
    expect(fs.readFileSync(path, 'utf8')).toBe('<domain></domain>\n');
    expectOnly(dirOf(path), ['vm.xml']);
  });
});

describe('createOnly (--init)', () => {
  it('creates a new file, and refuses one that exists, or that appears before the commit, leaving it untouched', () => {
    const dir = tempDir('create');
    const path = join(dir, '.virt-lint.jsonc');
    writeFileSafely(path, '{}\n', { createOnly: true, copyAttributes: () => undefined });
    expect(fs.readFileSync(path, 'utf8')).toBe('{}\n');
    expect(() => writeFileSafely(path, 'x', { createOnly: true })).toThrow(new WriteRefused('already exists; virt-lint does not replace it'));

    const late = join(dir, 'late.jsonc');
    const writer = openSafeWriter(late, { createOnly: true, copyAttributes: () => undefined });
    writer.write('{}\n');
    fs.writeFileSync(late, 'mine');
    expect(() => writer.commit()).toThrow(new WriteRefused('already exists; virt-lint does not replace it'));
    expect(fs.readFileSync(late, 'utf8')).toBe('mine');
    expectOnly(dir, ['.virt-lint.jsonc', 'late.jsonc']);
  });
});
