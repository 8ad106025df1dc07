import rule from '#rules/qemu-911-spice-hda-audio.js';
import { domain, testRule, type InvalidCase } from '../helpers/rule-tester.js';

const SPICE = `<graphics type='spice' autoport='yes'>
  <listen type='address' address='127.0.0.1'/>
</graphics>`;
const LG_SHMEM = `<shmem name='looking-glass'>
  <model type='ivshmem-plain'/>
  <size unit='M'>32</size>
</shmem>`;
const QEMU_911 = { qemu: '9.1.1' };
// A file's first <audio> needs libvirt 7.2.0: the cases that add one say the host has it.
const WITH_LIBVIRT = { qemu: '9.1.1', libvirt: '9.0.0' };
const SOUND_LINES = "    <sound model='ich9'>\n      <audio id='1'/>\n    </sound>\n";

// The shape Looking Glass's install guide and virt-manager produce.
const lookingGlassVm = domain(`${SPICE}
<sound model='ich9'>
  <audio id='1'/>
</sound>
<audio id='1' type='spice'/>
${LG_SHMEM}`);
const toNone = (xml: string) => xml.replace("<audio id='1' type='spice'/>", "<audio id='1' type='none'/>");
const withoutSound = (xml: string) => xml.replace(SOUND_LINES, '');

const kvmfrVm = domain(
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

const firstAudio = (type: string) =>
  domain(`${SPICE}
<sound model='ich9'/>
<audio id='1' type='${type}'/>
<audio id='2' type='spice'/>`);

const sharedBackend = domain(`${SPICE}
<sound model='ich9'>
  <audio id='1'/>
</sound>
<sound model='usb'>
  <audio id='1'/>
</sound>
<audio id='1' type='spice'/>
${LG_SHMEM}`);

const implicitBackend = domain(`${SPICE}
<sound model='ich9'/>
${LG_SHMEM}`);

const twoImplicit = domain(`${SPICE}
<sound model='ich9'/>
<sound model='usb'/>`);

const routedToSecond = domain(`${SPICE}
<sound model='ich9'>
  <audio id='2'/>
</sound>
<audio id='1' type='none'/>
<audio id='2' type='spice'/>
${LG_SHMEM}`);

const crlfBom = '\uFEFF' + lookingGlassVm.replace(/'/g, '"').replace(/\n/g, '\r\n');

/** The Looking Glass error at the <sound> start tag of line 27 (the first device after <graphics>). */
const lgError = (extra: Partial<InvalidCase['errors'][number]> = {}) => ({
  messageId: 'lookingGlassExits',
  data: { model: 'ich9', backend: "<audio id='1' type='spice'>" },
  line: 27,
  column: 5,
  severity: 'error' as const,
  ...extra,
});

testRule(rule, {
  valid: [
    ...['9.1.0', '9.1.2', '9.2.0', '9.2.4', '10.0.2', '10.2.2', '8.2.0', '8.2.8', '7.2.22', 'QEMU emulator version 9.1.2 (Debian 1:9.1.2+ds-1)'].map((qemu) => ({
      name: `quiet on QEMU ${qemu}`,
      xml: lookingGlassVm,
      host: { qemu },
    })),
    { name: 'does not run when the QEMU version is unknown', xml: lookingGlassVm },
    { name: 'the <sound> routed to an <audio> that is not SPICE', xml: routedToSecond.replace("<audio id='2'/>", "<audio id='1'/>"), host: QEMU_911 },
    { name: 'without an <audio> child, the first <audio> decides (pipewire)', xml: firstAudio('pipewire'), host: QEMU_911 },
    { name: 'usb sound is not an HDA model', xml: domain(`${SPICE}\n<sound model='usb'/>\n<audio id='1' type='spice'/>`), host: QEMU_911 },
    { name: 'ac97 sound is not an HDA model', xml: domain(`${SPICE}\n<sound model='ac97'/>\n<audio id='1' type='spice'/>`), host: QEMU_911 },
    { name: 'HDA routed to pipewire', xml: domain(`${SPICE}\n<sound model='ich9'>\n  <audio id='1'/>\n</sound>\n<audio id='1' type='pipewire'/>`), host: QEMU_911 },
    { name: "VNC only: libvirt's implicit backend is 'none'", xml: domain(`<graphics type='vnc' port='-1' autoport='yes'/>\n<sound model='ich9'/>`), host: QEMU_911 },
    { name: 'no sound device at all', xml: domain(`${SPICE}\n<audio id='1' type='spice'/>`), host: QEMU_911 },
  ],
  invalid: [
    {
      name: 'Looking Glass through the shmem device: an error at the <sound> start tag; --fix sets the backend to none',
      xml: lookingGlassVm,
      host: QEMU_911,
      errors: [
        lgError({
          endLine: 27,
          endColumn: 25,
          message:
            "<sound model='ich9'> plays through <audio id='1' type='spice'>: on QEMU 9.1.1, whenever the guest starts audio QEMU re-announces the SPICE PLAYBACK channel and the Looking Glass client rejects the duplicate channel and exits. This regression came with a 9.1.1 stable backport and was reverted in 9.1.2: upgrade QEMU to 9.1.2 or later (or stay on 9.1.0), or route this device away from SPICE audio.",
          suggestions: [{ title: "Remove the <sound model='ich9'> device", output: withoutSound(lookingGlassVm) }],
        }),
      ],
      output: toNone(lookingGlassVm),
    },
    {
      name: "preferredFix: 'remove-sound' makes removal the --fix and the backend change the suggestion",
      xml: lookingGlassVm,
      host: QEMU_911,
      options: { preferredFix: 'remove-sound' },
      errors: [lgError({ suggestions: [{ title: "Set <audio id='1'> to type='none'", output: toNone(lookingGlassVm) }] })],
      output: withoutSound(lookingGlassVm),
    },
    {
      // libvirt reads audio ids as numbers: `virsh define` takes <audio id='01'/> as a reference to <audio id='1'>.
      name: "a reference written id='01' reaches the SPICE backend with id='1'",
      xml: lookingGlassVm.replace("<sound model='ich9'>\n      <audio id='1'/>", "<sound model='ich9'>\n      <audio id='01'/>"),
      host: QEMU_911,
      errors: [lgError({ suggestions: [{ output: withoutSound(lookingGlassVm).replace(SOUND_LINES, '') }] })],
      output: toNone(lookingGlassVm.replace("<sound model='ich9'>\n      <audio id='1'/>", "<sound model='ich9'>\n      <audio id='01'/>")),
    },
    {
      name: 'a distribution-decorated 9.1.1',
      xml: lookingGlassVm,
      host: { qemu: '9.1.1 (Debian 1:9.1.1+ds-2)' },
      errors: [lgError({ suggestions: [{ output: withoutSound(lookingGlassVm) }] })],
      output: toNone(lookingGlassVm),
    },
    {
      name: 'Looking Glass set up through qemu:commandline (KVMFR)',
      xml: kvmfrVm,
      host: QEMU_911,
      errors: [lgError({ suggestions: [{ output: withoutSound(kvmfrVm) }] })],
      output: toNone(kvmfrVm),
    },
    {
      name: 'without Looking Glass: a warning (other SPICE clients lose audio)',
      xml: domain(`${SPICE}\n<sound model='ich6'/>\n<audio id='1' type='spice'/>`),
      host: QEMU_911,
      errors: [
        {
          messageId: 'spiceClientsLoseAudio',
          data: { model: 'ich6', backend: "<audio id='1' type='spice'>" },
          line: 27,
          column: 5,
          endColumn: 26,
          severity: 'warning',
          suggestions: [{ output: domain(`${SPICE}\n<audio id='1' type='spice'/>`) }],
        },
      ],
      output: domain(`${SPICE}\n<sound model='ich6'/>\n<audio id='1' type='none'/>`),
    },
    {
      name: 'follows the <audio id> child to the backend it names',
      xml: routedToSecond,
      host: QEMU_911,
      errors: [
        lgError({
          data: { model: 'ich9', backend: "<audio id='2' type='spice'>" },
          suggestions: [{ output: routedToSecond.replace("    <sound model='ich9'>\n      <audio id='2'/>\n    </sound>\n", '') }],
        }),
      ],
      output: routedToSecond.replace("<audio id='2' type='spice'/>", "<audio id='2' type='none'/>"),
    },
    {
      name: 'without an <audio> child, the first <audio> of the document decides (spice)',
      xml: firstAudio('spice'),
      host: QEMU_911,
      errors: [
        {
          messageId: 'spiceClientsLoseAudio',
          line: 27,
          column: 5,
          suggestions: [{ output: firstAudio('spice').replace("    <sound model='ich9'/>\n", '') }],
        },
      ],
      output: firstAudio('spice').replace("<audio id='1' type='spice'/>", "<audio id='1' type='none'/>"),
    },
    {
      name: 'gives the HDA device its own backend when the SPICE one also serves another device (the USB one keeps SPICE)',
      xml: sharedBackend,
      host: QEMU_911,
      errors: [lgError({ suggestions: [{ output: withoutSound(sharedBackend) }] })],
      output: sharedBackend
        .replace("<sound model='ich9'>\n      <audio id='1'/>", "<sound model='ich9'>\n      <audio id='2'/>")
        .replace("<audio id='1' type='spice'/>", "<audio id='1' type='spice'/>\n    <audio id='2' type='none'/>"),
    },
    {
      name: 'with no <audio> at all, counts the SPICE backend libvirt adds, and the fix declares one of type none',
      xml: implicitBackend,
      host: WITH_LIBVIRT,
      errors: [
        lgError({
          data: { model: 'ich9', backend: 'the SPICE <audio> libvirt adds when none is declared' },
          suggestions: [{ output: implicitBackend.replace("    <sound model='ich9'/>\n", '') }],
        }),
      ],
      output: implicitBackend.replace("<sound model='ich9'/>", "<sound model='ich9'>\n      <audio id='1'/>\n    </sound>\n    <audio id='1' type='none'/>"),
    },
    {
      name: "with the libvirt version unknown, a file's first <audio> is only a suggestion saying it needs libvirt 7.2.0",
      xml: implicitBackend,
      host: QEMU_911,
      errors: [
        lgError({
          data: { model: 'ich9', backend: 'the SPICE <audio> libvirt adds when none is declared' },
          suggestions: [
            {
              title: "Give <sound model='ich9'> its own <audio id='1' type='none'/> (needs libvirt 7.2.0 or newer)",
              output: implicitBackend.replace("<sound model='ich9'/>", "<sound model='ich9'>\n      <audio id='1'/>\n    </sound>\n    <audio id='1' type='none'/>"),
            },
            { title: "Remove the <sound model='ich9'> device", output: implicitBackend.replace("    <sound model='ich9'/>\n", '') },
          ],
        }),
      ],
      output: null,
      unsafeOutput: implicitBackend.replace("<sound model='ich9'/>", "<sound model='ich9'>\n      <audio id='1'/>\n    </sound>\n    <audio id='1' type='none'/>"),
    },
    {
      name: 'on a libvirt without <audio> (before 7.2.0) that fix is not offered: removing the device is what is left, as a suggestion (the guest would lose its sound card)',
      xml: implicitBackend,
      host: { qemu: '9.1.1', libvirt: '7.1.0' },
      errors: [
        lgError({
          data: { model: 'ich9', backend: 'the SPICE <audio> libvirt adds when none is declared' },
          suggestions: [{ title: "Remove the <sound model='ich9'> device", output: implicitBackend.replace("    <sound model='ich9'/>\n", '') }],
        }),
      ],
      output: null,
      unsafeOutput: implicitBackend.replace("    <sound model='ich9'/>\n", ''),
    },
    {
      name: 'keeps other implicit-route devices on SPICE when adding the first <audio>',
      xml: twoImplicit,
      host: WITH_LIBVIRT,
      errors: [{ messageId: 'spiceClientsLoseAudio', line: 27, column: 5, suggestions: [{ output: twoImplicit.replace("    <sound model='ich9'/>\n", '') }] }],
      output: twoImplicit.replace(
        "<sound model='ich9'/>",
        "<sound model='ich9'>\n      <audio id='2'/>\n    </sound>\n    <audio id='1' type='spice'/>\n    <audio id='2' type='none'/>",
      ),
    },
    {
      name: 'keeps CRLF line endings, the BOM and double quotes',
      xml: crlfBom,
      host: QEMU_911,
      options: { preferredFix: 'remove-sound' },
      errors: [lgError({ data: { model: 'ich9', backend: "<audio id='1' type='spice'>" }, suggestions: [{ output: crlfBom.replace('<audio id="1" type="spice"/>', '<audio id="1" type="none"/>') }] })],
      output: crlfBom.replace('    <sound model="ich9">\r\n      <audio id="1"/>\r\n    </sound>\r\n', ''),
    },
  ],
});
