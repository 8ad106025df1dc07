import { describe, expect, it } from 'vitest';
import rule from '../../rules/qemu-911-spice-hda-audio.js';
import { applySuggestion, diagnostics, domain, fixed, runRule } from '../helpers/rule-tester.js';

const SPICE = `<graphics type='spice' autoport='yes'>
  <listen type='address' address='127.0.0.1'/>
</graphics>`;
const LG_SHMEM = `<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`;
const QEMU_911 = { host: { qemu: '9.1.1' } };

const LG_MESSAGE =
  "<sound model='ich9'> plays through <audio id='1' type='spice'>: on QEMU 9.1.1, whenever the guest starts audio QEMU re-announces the SPICE PLAYBACK channel and the Looking Glass client rejects the duplicate channel and exits. This regression came with a 9.1.1 stable backport and was reverted in 9.1.2: upgrade QEMU to 9.1.2 or later (or stay on 9.1.0), or route this device away from SPICE audio.";

// The shape Looking Glass's install guide and virt-manager produce.
const lookingGlassVm = domain(`${SPICE}
<sound model='ich9'>
  <audio id='1'/>
</sound>
<audio id='1' type='spice'/>
${LG_SHMEM}`);

describe('qemu-911-spice-hda-audio', () => {
  it('is an error at the <sound> start tag when Looking Glass uses the shmem device', () => {
    expect(diagnostics(rule, lookingGlassVm, QEMU_911)).toEqual([
      { ruleId: 'qemu-911-spice-hda-audio', severity: 'error', line: 27, column: 5, endLine: 27, endColumn: 25, message: LG_MESSAGE },
    ]);
  });

  it('detects Looking Glass set up through qemu:commandline (KVMFR)', () => {
    const xml = domain(
      `${SPICE}
<sound model='ich9'>
  <audio id='1'/>
</sound>
<audio id='1' type='spice'/>`,
      {
        rootAttrs: ` xmlns:qemu='http://libvirt.org/schemas/domain/qemu/1.0'`,
        extra: `<qemu:commandline>
  <qemu:arg value='-device'/>
  <qemu:arg value='{"driver":"ivshmem-plain","id":"shmem0","memdev":"looking-glass"}'/>
  <qemu:arg value='-object'/>
  <qemu:arg value='{"qom-type":"memory-backend-file","id":"looking-glass","mem-path":"/dev/kvmfr0","size":33554432,"share":true}'/>
</qemu:commandline>`,
      },
    );
    expect(diagnostics(rule, xml, QEMU_911).map((d) => [d.severity, d.line, d.column])).toEqual([['error', 27, 5]]);
  });

  it('is a warning without Looking Glass (other SPICE clients lose audio)', () => {
    const xml = domain(`${SPICE}
<sound model='ich6'/>
<audio id='1' type='spice'/>`);
    const [d] = diagnostics(rule, xml, QEMU_911);
    expect(d).toMatchObject({ severity: 'warning', line: 27, column: 5, endColumn: 26 });
    expect(d.message).toContain('SPICE clients reject the duplicate channel and lose audio');
  });

  it('follows the <audio id> child to the backend it names', () => {
    const xml = domain(`${SPICE}
<sound model='ich9'>
  <audio id='2'/>
</sound>
<audio id='1' type='none'/>
<audio id='2' type='spice'/>
${LG_SHMEM}`);
    expect(diagnostics(rule, xml, QEMU_911)).toHaveLength(1);
    const routedAway = xml.replace("<audio id='2'/>", "<audio id='1'/>");
    expect(diagnostics(rule, routedAway, QEMU_911)).toEqual([]);
  });

  it('without an <audio> child uses the first <audio> of the document', () => {
    const first = (type: string) =>
      domain(`${SPICE}
<sound model='ich9'/>
<audio id='1' type='${type}'/>
<audio id='2' type='spice'/>`);
    expect(diagnostics(rule, first('spice'), QEMU_911)).toHaveLength(1);
    expect(diagnostics(rule, first('pipewire'), QEMU_911)).toEqual([]);
  });

  it('with no <audio> at all, counts the SPICE backend libvirt adds for SPICE graphics', () => {
    const xml = domain(`${SPICE}
<sound model='ich9'/>
${LG_SHMEM}`);
    const [d] = diagnostics(rule, xml, QEMU_911);
    expect(d.message).toContain('plays through the SPICE <audio> libvirt adds when none is declared');
    expect(d.severity).toBe('error');
  });

  it.each(['9.1.0', '9.1.2', '9.2.0', '9.2.4', '10.0.2', '10.2.2', '8.2.0', '8.2.8', '7.2.22', 'QEMU emulator version 9.1.2 (Debian 1:9.1.2+ds-1)'])(
    'does not fire on QEMU %s',
    (qemu) => {
      expect(diagnostics(rule, lookingGlassVm, { host: { qemu } })).toEqual([]);
    },
  );

  it('fires on a distribution-decorated 9.1.1', () => {
    expect(diagnostics(rule, lookingGlassVm, { host: { qemu: '9.1.1 (Debian 1:9.1.1+ds-2)' } })).toHaveLength(1);
  });

  it('does not run when the QEMU version is unknown', () => {
    expect(diagnostics(rule, lookingGlassVm)).toEqual([]);
  });

  it('does not fire when no HDA device reaches SPICE audio', () => {
    const cases = [
      // non-HDA models
      domain(`${SPICE}\n<sound model='usb'/>\n<audio id='1' type='spice'/>`),
      domain(`${SPICE}\n<sound model='ac97'/>\n<audio id='1' type='spice'/>`),
      // HDA routed elsewhere
      domain(`${SPICE}\n<sound model='ich9'>\n  <audio id='1'/>\n</sound>\n<audio id='1' type='pipewire'/>`),
      // VNC only: libvirt's implicit backend is 'none'
      domain(`<graphics type='vnc' port='-1' autoport='yes'/>\n<sound model='ich9'/>`),
      // no sound device at all
      domain(`${SPICE}\n<audio id='1' type='spice'/>`),
    ];
    for (const xml of cases) expect(diagnostics(rule, xml, QEMU_911)).toEqual([]);
  });

  describe('fixes', () => {
    it('--fix sets the backend to type none, touching nothing else', () => {
      const out = fixed(rule, lookingGlassVm, QEMU_911);
      expect(out).toBe(lookingGlassVm.replace("<audio id='1' type='spice'/>", "<audio id='1' type='none'/>"));
      expect(diagnostics(rule, out, QEMU_911)).toEqual([]);
    });

    it('offers removing the <sound> element (with its lines) as the suggestion', () => {
      const out = applySuggestion(rule, lookingGlassVm, 0, QEMU_911);
      expect(out).toBe(lookingGlassVm.replace("    <sound model='ich9'>\n      <audio id='1'/>\n    </sound>\n", ''));
      expect(diagnostics(rule, out, QEMU_911)).toEqual([]);
    });

    it("preferredFix: 'remove-sound' makes removal the --fix", () => {
      const run = { ...QEMU_911, options: { preferredFix: 'remove-sound' } };
      const out = fixed(rule, lookingGlassVm, run);
      expect(out).toBe(lookingGlassVm.replace("    <sound model='ich9'>\n      <audio id='1'/>\n    </sound>\n", ''));
      expect(applySuggestion(rule, lookingGlassVm, 0, run)).toBe(lookingGlassVm.replace("<audio id='1' type='spice'/>", "<audio id='1' type='none'/>"));
    });

    it('gives the HDA device its own backend when the SPICE one also serves another device', () => {
      const xml = domain(`${SPICE}
<sound model='ich9'>
  <audio id='1'/>
</sound>
<sound model='usb'>
  <audio id='1'/>
</sound>
<audio id='1' type='spice'/>
${LG_SHMEM}`);
      const out = fixed(rule, xml, QEMU_911);
      expect(out).toBe(
        xml
          .replace("<sound model='ich9'>\n      <audio id='1'/>", "<sound model='ich9'>\n      <audio id='2'/>")
          .replace("<audio id='1' type='spice'/>", "<audio id='1' type='spice'/>\n    <audio id='2' type='none'/>"),
      );
      expect(diagnostics(rule, out, QEMU_911)).toEqual([]);
      // The USB device still plays through SPICE.
      expect(out).toContain("<sound model='usb'>\n      <audio id='1'/>");
    });

    const WITH_LIBVIRT = { host: { qemu: '9.1.1', libvirt: '9.0.0' } };

    it('adds an explicit backend when libvirt would add the SPICE one implicitly', () => {
      const xml = domain(`${SPICE}
<sound model='ich9'/>
${LG_SHMEM}`);
      const out = fixed(rule, xml, WITH_LIBVIRT);
      expect(out).toBe(xml.replace("<sound model='ich9'/>", "<sound model='ich9'>\n      <audio id='1'/>\n    </sound>\n    <audio id='1' type='none'/>"));
      expect(diagnostics(rule, out, WITH_LIBVIRT)).toEqual([]);
    });

    it("writes a file's first <audio> only for a libvirt known to have <audio> (7.2.0)", () => {
      const xml = domain(`${SPICE}
<sound model='ich9'/>
${LG_SHMEM}`);
      const withAudio = xml.replace("<sound model='ich9'/>", "<sound model='ich9'>\n      <audio id='1'/>\n    </sound>\n    <audio id='1' type='none'/>");
      // libvirt unknown: a suggestion that says what it needs; --fix leaves the file alone.
      const [unknown] = runRule(rule, xml, QEMU_911).messages;
      expect(unknown.fix).toBeUndefined();
      expect(unknown.suggestions?.map((f) => [f.title, f.safety])).toEqual([
        ["Give <sound model='ich9'> its own <audio id='1' type='none'/> (needs libvirt 7.2.0 or newer)", 'unsafe'],
        ["Remove the <sound model='ich9'> device", 'safe'],
      ]);
      expect(fixed(rule, xml, QEMU_911)).toBe(xml);
      expect(fixed(rule, xml, { ...QEMU_911, mode: 'unsafe' })).toBe(withAudio);
      // libvirt 7.1: not offered at all (libvirt would drop it); removing the device is what is left.
      const [old] = runRule(rule, xml, { host: { qemu: '9.1.1', libvirt: '7.1.0' } }).messages;
      expect(old.fix?.title).toBe("Remove the <sound model='ich9'> device");
      expect(old.suggestions).toBeUndefined();
      // With an <audio> already in the file, libvirt knows the element: no requirement.
      expect(runRule(rule, lookingGlassVm, QEMU_911).messages[0].fix?.title).toBe("Set <audio id='1'> to type='none'");
    });

    it('keeps other implicit-route devices on SPICE when adding the first <audio>', () => {
      const xml = domain(`${SPICE}
<sound model='ich9'/>
<sound model='usb'/>`);
      const out = fixed(rule, xml, WITH_LIBVIRT);
      expect(out).toBe(
        xml.replace(
          "<sound model='ich9'/>",
          "<sound model='ich9'>\n      <audio id='2'/>\n    </sound>\n    <audio id='1' type='spice'/>\n    <audio id='2' type='none'/>",
        ),
      );
      expect(diagnostics(rule, out, WITH_LIBVIRT)).toEqual([]);
    });

    it('keeps CRLF line endings, the BOM and double quotes', () => {
      const lf = lookingGlassVm.replace(/'/g, '"');
      const xml = '\uFEFF' + lf.replace(/\n/g, '\r\n');
      const out = fixed(rule, xml, { ...QEMU_911, options: { preferredFix: 'remove-sound' } });
      expect(out).toBe('\uFEFF' + lf.replace('    <sound model="ich9">\n      <audio id="1"/>\n    </sound>\n', '').replace(/\n/g, '\r\n'));
    });
  });
});
