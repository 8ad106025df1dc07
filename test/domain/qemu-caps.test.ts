import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseVersionedMachine } from '#domain/machine-version.js';
import { cpuModelOnHost, dataProvenance, flagOnHost, flagSpan, hostQemu, isKnownFlag, machineOnHost, machineRows, placeRelease, policyVerdict, releaseName, releaseSource } from '#domain/qemu-caps.js';
import { QEMU_CPU_MODELS, QEMU_CPU_RELEASES, QEMU_FLAGS, QEMU_RELEASES } from '#domain/qemu-releases.data.js';

const ROOT = resolve(__dirname, '../..');
const CAPS = resolve(ROOT, '../shared/reference/qemu-caps');
const haveCaps = existsSync(join(CAPS, 'x86_64'));

describe('rows found by name in the text tables (no whole-table parse)', () => {
  const rows = (text: string) => text.trim().split('\n').map((l) => l.split(' '));

  it('finds every flag, with its span, and nothing for a name that is not a whole line key', () => {
    const flags = rows(QEMU_FLAGS);
    expect(flags.length).toBeGreaterThan(300);
    for (const [name, first, last] of flags) {
      expect(isKnownFlag(name), name).toBe(true);
      const span = Number(last) === QEMU_RELEASES.length - 1 ? `${releaseName(Number(first))}+` : `${releaseName(Number(first))} to ${releaseName(Number(last))}`;
      expect(flagSpan(name)).toBe(span);
    }
    const [a, b] = flags;
    for (const bogus of ['', 'VG', `${a[0]} ${a[1]}`, `${a.join(' ')}\n${b[0]}`, ' ', '\n']) expect(isKnownFlag(bogus), JSON.stringify(bogus)).toBe(false);
  });

  it('finds every CPU model the data lists for the newest release with a CPU list', () => {
    const newestWithCpus = QEMU_CPU_RELEASES[1];
    const host = hostQemu(QEMU_RELEASES[newestWithCpus]);
    for (const [name, , last] of rows(QEMU_CPU_MODELS)) {
      if (Number(last) < newestWithCpus) continue; // removed before it: a 'removed' verdict
      expect(cpuModelOnHost(name, host).status, name).not.toBe('missing');
    }
    expect(cpuModelOnHost('Skylake Client', host)).toMatchObject({ status: 'missing', reason: 'never' });
  });
});

describe('the generated data module', () => {
  it.skipIf(!haveCaps)('is what scripts/gen-qemu-data.mjs makes of ../shared/reference/qemu-caps (run it after the data changes)', () => {
    const r = spawnSync(process.execPath, [join(ROOT, 'scripts/gen-qemu-data.mjs'), '--check', CAPS], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.skipIf(!haveCaps)("agrees with the data's own machines-by-release.tsv (built by its tools/build_tables.py)", () => {
    const tsv = readFileSync(join(CAPS, 'x86_64/machines-by-release.tsv'), 'utf8').split('\n').slice(2).filter(Boolean);
    const newest = QEMU_RELEASES.length - 1;
    const name = (i: number) => (i < 0 ? '-' : QEMU_RELEASES[i]);
    const ours = new Map(machineRows().map(([n, first, last, dep]) => [n, [name(first), last === newest ? '-' : name(last), name(dep)]]));
    expect(tsv).toHaveLength(machineRows().length);
    for (const line of tsv) {
      const [machine, first, last, dep, gaps] = line.split('\t');
      expect([machine, ...(ours.get(machine) ?? [])]).toEqual([machine, first, last, dep]);
      expect(gaps).toBe('-');
    }
  });

  it('names the source of every release', () => {
    expect(releaseSource(QEMU_RELEASES.indexOf('9.1.0'))).toBe('libvirt 11.3.0 release tarball, tests/qemucapabilitiesdata/caps_9.1.0_x86_64.xml; parsed');
    expect(releaseSource(QEMU_RELEASES.indexOf('11.1.0'))).toMatch(/commit 01cb769a.*transcribed by hand \(probed pre-release v11.1.0-rc0\)$/);
    expect(dataProvenance()).toContain('QEMU 1.5.3 to 4.1.0: libvirt 7.0.0 release tarball');
  });
});

describe('release resolution', () => {
  it('places a host release exactly, between two data releases, above or below the data', () => {
    expect(placeRelease({ major: 10, minor: 0 })).toEqual({ kind: 'exact', index: QEMU_RELEASES.indexOf('10.0.0') });
    expect(placeRelease({ major: 2, minor: 3 })).toEqual({ kind: 'between', index: QEMU_RELEASES.indexOf('2.1.1') });
    expect(placeRelease({ major: 2, minor: 1 })).toEqual({ kind: 'exact', index: QEMU_RELEASES.indexOf('2.1.1') });
    expect(placeRelease({ major: 13, minor: 0 })).toEqual({ kind: 'newer', index: QEMU_RELEASES.length - 1 });
    expect(placeRelease({ major: 1, minor: 4 })).toEqual({ kind: 'older' });
  });

  it('reads micro releases as their X.Y release and development snapshots as the next one', () => {
    expect(hostQemu('10.0.2')).toMatchObject({ release: { major: 10, minor: 0 }, effective: [10, 0, 2] });
    expect(hostQemu('10.2.90')).toMatchObject({ release: { major: 11, minor: 0 }, effective: [11, 0, 0] });
    expect(hostQemu('3.0.92')).toMatchObject({ release: { major: 3, minor: 1 } });
  });
});

describe("QEMU's machine-type policy", () => {
  // The data from 10.1 on was made by QEMU's own macros: the policy virt-lint applies
  // beyond the data must give the same answers there.
  const policyReleases = QEMU_RELEASES.filter((v) => Number(v.split('.')[0]) * 100 + Number(v.split('.')[1]) >= 1001);
  const versioned = machineRows().map(([n]) => parseVersionedMachine(n)).filter((m) => m && m.family !== 'pc');

  it.each(policyReleases)('agrees with the data of QEMU %s for every versioned x86 machine', (release) => {
    const host = hostQemu(release);
    for (const m of versioned) {
      if (m!.major * 100 + m!.minor > host.release.major * 100 + host.release.minor) continue;
      const fromData = machineOnHost(m!.name, host, true).verdict;
      const fromPolicy = policyVerdict(m!, host);
      expect([m!.name, fromData.status, fromData.status === 'registered' && !!fromData.deprecated]).toEqual([
        m!.name,
        fromPolicy.status,
        fromPolicy.status === 'registered' && !!fromPolicy.deprecated,
      ]);
    }
  });

  it('was not in force for deletions before QEMU 10.1: 10.0 still registers machines 6 years old', () => {
    const host = hostQemu('10.0.0');
    expect(machineOnHost('pc-q35-4.0', host, true).verdict).toMatchObject({ status: 'registered', deprecated: { since: '9.1', removedIn: '10.1' } });
    expect(policyVerdict(parseVersionedMachine('pc-q35-4.0')!, host)).toMatchObject({ status: 'registered', deprecated: { since: '9.1', removedIn: '10.1' } });
  });
});

describe('machine types', () => {
  it('gives the newest machine of the family on the host', () => {
    expect(machineOnHost('pc-q35-4.0', hostQemu('4.0.1'), true).newest).toBe('pc-q35-4.0.1');
    expect(machineOnHost('pc-i440fx-2.0', hostQemu('4.0.1'), true).newest).toBe('pc-i440fx-4.0');
    expect(machineOnHost('pc-1.0', hostQemu('2.3.0'), true)).toMatchObject({ family: 'pc-i440fx', alias: 'pc', newest: 'pc-i440fx-2.3' });
    expect(machineOnHost('pc-q35-9.0', hostQemu('12.1.0'), true).newest).toBe('pc-q35-12.1');
  });

  it('does not judge machine types that depend on build options or distributions', () => {
    for (const name of ['xenfv', 'x-remote', 'nitro', 'pc-q35-rhel9.4.0', 'pc-i440fx-jammy', 'ubuntu']) {
      expect(machineOnHost(name, hostQemu('10.2.0'), true).verdict).toEqual({ status: 'unknown' });
    }
  });
});

describe('CPU models', () => {
  it('knows when a model was added, deprecated and removed', () => {
    expect(cpuModelOnHost('GraniteRapids', hostQemu('8.0.0'))).toEqual({ status: 'missing', reason: 'not-yet', firstIn: '8.1' });
    expect(cpuModelOnHost('GraniteRapids', hostQemu('8.1.0'))).toEqual({ status: 'present' });
    expect(cpuModelOnHost('Icelake-Client', hostQemu('5.1.0'))).toEqual({ status: 'present' });
    expect(cpuModelOnHost('Icelake-Client', hostQemu('6.2.0'))).toEqual({ status: 'present', deprecated: { since: '5.2', removedIn: '7.1' } });
    expect(cpuModelOnHost('Icelake-Client', hostQemu('7.1.0'))).toEqual({ status: 'missing', reason: 'removed', removedIn: '7.1' });
  });

  it('beyond the CPU data (QEMU 10.0) only trusts removals', () => {
    expect(cpuModelOnHost('Icelake-Client', hostQemu('10.2.0'))).toEqual({ status: 'missing', reason: 'removed', removedIn: '7.1' });
    expect(cpuModelOnHost('NoSuchModel', hostQemu('10.2.0'))).toEqual({ status: 'unknown' });
    expect(cpuModelOnHost('NoSuchModel', hostQemu('10.0.2'))).toEqual({ status: 'missing', reason: 'never', range: '1.5 to 10.0' });
  });
});

describe('capability flags', () => {
  it('proves absence only where the probing libvirt knew the flag', () => {
    // virtio-sound: first in 8.2.0; 8.1.0 was probed by the same libvirt (11.3), which knows the flag.
    expect(flagOnHost('virtio-sound', hostQemu('8.1.2'))).toEqual({ status: 'absent', reason: 'not-yet', firstIn: '8.2', lastWithout: '8.1' });
    expect(flagOnHost('virtio-sound', hostQemu('6.2.0'))).toMatchObject({ status: 'absent' });
    expect(flagOnHost('virtio-sound', hostQemu('8.2.0'))).toEqual({ status: 'present' });
    // vhost-user-fs: first in 4.2.0, the first release libvirt 9.0 probed; libvirt 7.0 (up to 4.1) never recorded it.
    expect(flagOnHost('vhost-user-fs', hostQemu('4.1.0'))).toEqual({ status: 'unknown' });
    // nvme: recorded only by the newest libvirt, from 10.1 on; QEMU had the device long before.
    expect(flagOnHost('nvme', hostQemu('9.0.0'))).toEqual({ status: 'unknown' });
    // no-hpet: retired by libvirt after 6.1, not removed from QEMU.
    expect(flagOnHost('no-hpet', hostQemu('7.0.0'))).toEqual({ status: 'unknown' });
  });

  it('knows removals, and that a release missing a flag in mid-life proves nothing', () => {
    expect(flagOnHost('virtio-blk-pci.scsi', hostQemu('9.0.2'))).toEqual({ status: 'present' });
    expect(flagOnHost('virtio-blk-pci.scsi', hostQemu('9.1.0'))).toEqual({ status: 'absent', reason: 'removed', removedIn: '9.1', lastIn: '9.0' });
    expect(flagOnHost('virtio-blk-pci.scsi', hostQemu('12.0.0'))).toMatchObject({ status: 'absent', reason: 'removed' });
    expect(flagOnHost('spice-gl', hostQemu('2.12.0'))).toEqual({ status: 'unknown' });
    expect(flagOnHost('spice-gl', hostQemu('2.11.0'))).toEqual({ status: 'present' });
  });

  it('takes no proof from the data before QEMU 4.2, whose probed builds lacked configure options', () => {
    // QEMU 1.5 to 2.0 had tpm-tis behind --enable-tpm; the builds libvirt probed did not enable it.
    expect(flagOnHost('tpm-tis', hostQemu('1.7.0'))).toEqual({ status: 'unknown' });
    expect(flagOnHost('spice-gl', hostQemu('2.5.0'))).toEqual({ status: 'unknown' });
    // A later release still proves an older one: what 8.1 lacks, 2.3 (not in the data) lacks too.
    expect(flagOnHost('virtio-sound', hostQemu('2.3.0'))).toMatchObject({ status: 'absent', firstIn: '8.2' });
    expect(flagOnHost('virtio-gpu', hostQemu('2.3.0'))).toEqual({ status: 'unknown' });
  });
});
