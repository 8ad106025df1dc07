import { describe, expect, it } from 'vitest';
import rule from '../../rules/libvirt-feature-too-new.js';
import { diagnostics, domain, runRule } from '../helpers/rule-tester.js';
import { osDomain } from '../helpers/os-domain.js';

// A current virt-manager Windows 11 guest with PipeWire audio and virtio sound.
const modern = domain(`<graphics type='spice' autoport='yes'>
  <listen type='address' address='127.0.0.1'/>
</graphics>
<sound model='virtio'>
  <audio id='1'/>
</sound>
<audio id='1' type='pipewire'/>`);

const lv = (libvirt: string) => ({ host: { libvirt } });

describe('libvirt-feature-too-new', () => {
  it('reports values an older libvirt refuses', () => {
    expect(diagnostics(rule, modern, lv('9.0.0'))).toEqual([
      {
        ruleId: 'libvirt-feature-too-new',
        severity: 'error',
        line: 27,
        column: 5,
        endLine: 27,
        endColumn: 27,
        message:
          "<sound model='virtio'> needs libvirt 10.4.0 or newer; libvirt 9.0.0 does not know it and refuses to define the domain (libvirt 9.0.0 reports \"Invalid value for attribute 'model' in element 'sound': 'virtio'.\"). It also needs QEMU 8.2.0 or newer. Upgrade libvirt to 10.4.0 or later, or remove it.",
      },
      {
        ruleId: 'libvirt-feature-too-new',
        severity: 'error',
        line: 30,
        column: 5,
        endLine: 30,
        endColumn: 36,
        message:
          "<audio type='pipewire'> needs libvirt 9.10.0 or newer; libvirt 9.0.0 does not know it and refuses to define the domain (libvirt 9.0.0 reports \"Invalid value for attribute 'type' in element 'audio': 'pipewire'.\"). Upgrade libvirt to 9.10.0 or later, or remove it.",
      },
    ]);
  });

  it('is quiet once the host libvirt has the feature', () => {
    expect(diagnostics(rule, modern, lv('10.3.0')).map((d) => d.line)).toEqual([27]);
    expect(diagnostics(rule, modern, lv('10.4.0'))).toEqual([]);
    expect(diagnostics(rule, modern, lv('11.3.0'))).toEqual([]);
  });

  it('before 7.2 reports the whole <audio> element as dropped, not the pipewire value', () => {
    const found = diagnostics(rule, modern, lv('7.1.0'));
    const audio = found.filter((d) => d.line === 30);
    expect(audio).toHaveLength(1);
    expect(audio[0].severity).toBe('warning');
    expect(audio[0].message).toMatch(/^<audio> \(audio backend\) needs libvirt 7\.2\.0 or newer; libvirt 7\.1\.0 silently drops it/);
  });

  it('is skipped, and says so, when the libvirt version is unknown', () => {
    const result = runRule(rule, modern);
    expect(result.messages).toEqual([]);
    expect(result.skippedRules).toEqual([{ ruleId: 'libvirt-feature-too-new', missing: ['libvirt'] }]);
  });

  it("treats a dropped clusters='2' as a refused topology, clusters='1' as harmless", () => {
    const topo = (clusters: string) =>
      domain('').replace("<topology sockets='1' dies='1' clusters='1' cores='4' threads='2'/>", `<topology sockets='1' dies='1' clusters='${clusters}' cores='2' threads='2'/>`);
    const [d] = diagnostics(rule, topo('2'), lv('10.0.0'));
    expect(d).toMatchObject({ severity: 'error', line: 17, column: 36 });
    expect(d.message).toContain('"CPU topology doesn\'t match maximum vcpu count"');
    expect(diagnostics(rule, topo('2'), lv('10.1.0'))).toEqual([]);
    expect(diagnostics(rule, domain(''), lv('9.0.0'))).toEqual([]);
  });

  it("reports <os firmware='efi'> before 5.2 for QEMU domains only", () => {
    const xml = domain('');
    const [d] = diagnostics(rule, xml, lv('5.1.0'));
    expect(d).toMatchObject({ severity: 'error', line: 7, column: 7 });
    expect(d.message).toContain('the VM boots the default BIOS instead of UEFI');
    const bhyve = diagnostics(rule, xml.replace("<domain type='kvm'", "<domain type='bhyve'"), lv('5.1.0'));
    expect(bhyve.filter((x) => x.message.includes('firmware'))).toEqual([]);
  });

  it('knows the Hyper-V and KVM feature lists', () => {
    const xml = domain('', {
      features: `<acpi/>
<apic/>
<hyperv mode='custom'>
  <relaxed state='on'/>
  <spinlocks state='on'/>
  <avic state='on'/>
  <emsr_bitmap state='on'/>
</hyperv>
<kvm>
  <hidden state='on'/>
  <poll-control state='on'/>
</kvm>`,
    });
    const at = (v: string) => diagnostics(rule, xml, lv(v)).map((d) => d.message.split(' needs')[0]);
    expect(at('8.9.0')).toEqual([
      "<spinlocks state='on'> without retries",
      'the Hyper-V enlightenment <avic>',
      'the Hyper-V enlightenment <emsr_bitmap>',
    ]);
    expect(at('10.7.0')).toEqual(["<spinlocks state='on'> without retries"]);
    expect(at('11.9.0')).toEqual([]);
    expect(at('6.9.0')).toContain('the KVM feature <poll-control>');
  });

  it('reports a firmware feature list dropped before 7.2 only under autoselection', () => {
    const os = osDomain(`<os firmware='efi'>
  <type arch='x86_64' machine='pc-q35-6.0'>hvm</type>
  <firmware>
    <feature enabled='yes' name='secure-boot'/>
  </firmware>
</os>`);
    const [d] = diagnostics(rule, os, lv('7.0.0'));
    expect(d).toMatchObject({ severity: 'warning', line: 9, column: 5 });
    expect(diagnostics(rule, os, lv('7.2.0'))).toEqual([]);
  });

  // What libvirt 9.2+ writes for a virt-manager Windows 11 guest, moved to a Debian 12 host (libvirt 9.0).
  it('reports what a newer libvirt writes into q35 UEFI domains: firmware attributes and the iTCO watchdog', () => {
    const dumped = osDomain(
      `<os firmware='efi'>
  <type arch='x86_64' machine='pc-q35-7.2'>hvm</type>
  <firmware>
    <feature enabled='yes' name='enrolled-keys'/>
    <feature enabled='yes' name='secure-boot'/>
  </firmware>
  <loader readonly='yes' secure='yes' type='pflash'>/usr/share/edk2/ovmf/OVMF_CODE.secboot.fd</loader>
  <nvram template='/usr/share/edk2/ovmf/OVMF_VARS.secboot.fd'>/var/lib/libvirt/qemu/nvram/win11_VARS.fd</nvram>
  <boot dev='hd'/>
</os>`,
      { devices: "<watchdog model='itco' action='reset'/>" },
    );
    const found = diagnostics(rule, dumped, lv('9.0.0')).filter((d) => d.severity === 'error');
    expect(found.map((d) => [d.line, d.column])).toEqual([
      [13, 13],
      [13, 41],
      [14, 12],
      [30, 5],
    ]);
    expect(found[0].message).toContain(`"loader attribute 'readonly' cannot be specified when firmware autoselection is enabled"`);
    expect(found[2].message).toContain(`"nvram attribute 'template' cannot be specified when firmware autoselection is enabled"`);
    expect(found[3].message).toContain(`"unknown watchdog model 'itco'"`);
    expect(diagnostics(rule, dumped, lv('9.2.0'))).toEqual([]);
    // secure='yes' alone is what the documentation's autoselection example uses.
    expect(found.some((d) => d.message.includes("'secure'"))).toBe(false);
  });
});
