/**
 * scripts/fix-check.mjs --virsh: fixing never turns a file libvirt accepts into
 * one it refuses. The libvirt part needs virsh (Debian's libvirt-clients, which
 * CI installs); without it those tests are skipped.
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { autoselectRequirements } from '#domain/firmware.js';
import { parseXml } from '#engine/parse.js';
import { SourceText } from '#engine/source.js';
import { satisfiesRange } from '#engine/version.js';
// @ts-expect-error: a plain ES module of the scripts, without type declarations
import { batchScript, defineAccepted, defineError, parseBatchOutput, virshQuote, virshVersion } from '../../scripts/lib/virsh.mjs';
import { tempDir } from '../helpers/temp.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const installed: string | undefined = virshVersion();
const hasVirsh = installed !== undefined;

describe('virsh batches', () => {
  it('quote arguments for virsh, one fresh connection per file', () => {
    expect(virshQuote('/a b/c.xml')).toBe("'/a b/c.xml'");
    expect(virshQuote("it's")).toBe('"it\'s"');
    expect(virshQuote('a"b\\c\'')).toBe('"a\\"b\\\\c\'"');
    expect(batchScript(['/x.xml', '/y.xml'], 'test:///n.xml')).toBe("echo @@0\nconnect 'test:///n.xml'\ndefine '/x.xml'\necho @@1\nconnect 'test:///n.xml'\ndefine '/y.xml'\n");
  });

  it('read which defines succeeded and how far the batch got', () => {
    const stdout = [
      'virsh # echo @@0',
      '@@0',
      "virsh # define '/x.xml'",
      '',
      'virsh # echo @@1',
      '@@1',
      "Domain 'vm' defined from /y.xml",
      'virsh # echo @@2',
      '@@2',
    ].join('\n');
    expect(parseBatchOutput(stdout)).toEqual({ accepted: new Set([1]), last: 2 });
  });
});

const DOMAIN = (name: string, devices = '') => `<domain type='kvm'>
  <name>${name}</name>
  <uuid>0b9d8f38-5c56-4c2a-9d0b-6f6a1f3e2c11</uuid>
  <memory unit='KiB'>1048576</memory>
  <os>
    <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>
  </os>
  <devices>${devices}</devices>
</domain>
`;

describe.skipIf(!hasVirsh)('libvirt verdicts (virsh test driver)', () => {
  const dir = tempDir('virsh-test');
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('judge each file as if alone: same names and UUIDs do not clash, a crash of virsh ends only its own file', () => {
    const ok = file('ok.xml', DOMAIN('same'));
    const again = file('again.xml', DOMAIN('same').replace('0b9d8f38', '1b9d8f38'));
    const refused = file('refused.xml', DOMAIN('same', "<watchdog model='no-such-model'/>"));
    // libvirt 9.0.0 dies (SIGSEGV) on rawio for a vhost SCSI host device.
    const crash = file('crash.xml', DOMAIN('crash', "<hostdev mode='subsystem' type='scsi_host' rawio='yes'><source protocol='vhost' wwpn='naa.5123456789abcde0'/></hostdev>"));
    const after = file('after.xml', DOMAIN('after'));
    const verdicts = defineAccepted([ok, again, refused, crash, after]);
    expect([...verdicts.values()]).toEqual([true, true, false, false, true]);
    expect(defineError(refused)).toMatch(/watchdog/);
    expect(defineError(ok)).toBeUndefined();
  });

  it("agrees with the installed libvirt on which <loader>/<nvram> settings <os firmware='efi'> needs 9.2.0 for", () => {
    const variants = [
      '',
      '<loader secure=\'yes\'/>',
      '<loader secure=\'no\'/>',
      '<loader readonly=\'yes\'/>',
      '<loader type=\'pflash\'/>',
      '<loader>/usr/share/OVMF/OVMF_CODE.fd</loader>',
      '<loader stateless=\'yes\'/>',
      '<nvram>/var/lib/libvirt/qemu/nvram/vm_VARS.fd</nvram>',
      '<nvram template=\'/usr/share/OVMF/OVMF_VARS.fd\'>/var/lib/libvirt/qemu/nvram/vm_VARS.fd</nvram>',
    ];
    const manual = (settings: string) => DOMAIN('fw').replace('</type>\n  </os>', `</type>\n    ${settings}\n  </os>`);
    const files = variants.map((v, i) => file(`fw-${i}.xml`, manual(v).replace('<os>', "<os firmware='efi'>")));
    const verdicts = defineAccepted(files);
    const version = installed!.split(' ')[0];
    variants.forEach((v, i) => {
      const parsed = parseXml(new SourceText(manual(v)));
      if (!parsed.ok) throw new Error('fixture is not well-formed');
      const expected = satisfiesRange(version, autoselectRequirements(parsed.doc.root).libvirt!);
      expect([v, verdicts.get(files[i])]).toEqual([v, expected]);
    });
  });

  it('fix-check --virsh finds no regression on files whose fixes need a newer libvirt or would reverse a setting', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/fix-check.mjs'), join(ROOT, 'test/fixtures/fix-check'), '--libvirt', '9.0.0', '--qemu', '7.2.0', '--virsh'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    expect(r.stdout).toContain('4 fix runs (safe and unsafe) on 2 files with QEMU 7.2.0 and libvirt 9.0.0: 2 changed');
    expect(r.stdout).toContain('2 changed files, 2 of 2 fixed outputs come from files libvirt accepts; 0 refused after fixing');
    expect(r.stdout).toContain('0 problems');
    expect(r.status).toBe(0);
  });
});
