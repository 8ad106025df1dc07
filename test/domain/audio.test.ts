import { describe, expect, it } from 'vitest';
import { audioBackends, audioRoute, implicitAudioType, nextAudioId, soundsUsing } from '#domain/audio.js';
import { at, withDevices } from './xml.js';

const SPICE = "<graphics type='spice' autoport='yes'/>";
const VNC = "<graphics type='vnc' autoport='yes'/>";
const SDL = "<graphics type='sdl' display=':0'/>";

describe('audioBackends', () => {
  it('lists the <audio> backends under <devices> in document order, not the <audio id> references inside <sound> or <graphics>', () => {
    const d = withDevices(`<sound model='ich9'><audio id='2'/></sound>
      <graphics type='vnc'><audio id='1'/></graphics>
      <audio id='2' type='spice'/><audio id='1' type='none'/>`);
    expect(audioBackends(d).map((a) => a.attr('id'))).toEqual(['2', '1']);
  });

  it('is empty when the XML declares no backend', () => {
    expect(audioBackends(withDevices("<sound model='ich9'/>"))).toEqual([]);
  });
});

describe('audioRoute', () => {
  it("follows <sound><audio id='N'/> to the backend with that id", () => {
    const d = withDevices(`<sound model='ich9'><audio id='2'/></sound><audio id='1' type='none'/><audio id='2' type='spice'/>`);
    const route = audioRoute(d, at(d, 'devices/sound'));
    expect(route).toMatchObject({ kind: 'explicit', type: 'spice' });
    expect(route.kind === 'explicit' && route.audio).toBe(d.select('devices/audio')[1]);
  });

  it('without an <audio> child uses the first backend in document order, not the lowest id (virDomainDefFindAudioByID with id 0)', () => {
    const d = withDevices(`<sound model='ich9'/><audio id='2' type='spice'/><audio id='1' type='none'/>`);
    const route = audioRoute(d, at(d, 'devices/sound'));
    expect(route).toMatchObject({ kind: 'explicit', type: 'spice' });
    expect(route.kind === 'explicit' && route.audio.attr('id')).toBe('2');
  });

  it('names the id of a reference no backend has (libvirt: "no audio device with ID 2")', () => {
    const d = withDevices(`<sound model='ich9'><audio id='2'/></sound><audio id='1' type='none'/>`);
    expect(audioRoute(d, at(d, 'devices/sound'))).toEqual({ kind: 'dangling', id: '2' });
  });

  // libvirt reads both ids as numbers (base 10): `virsh define` accepts
  // <sound><audio id='01'/></sound> next to <audio id='1'> and writes it back as id='1'.
  it("matches <audio id='01'/> to the backend with id='1', as libvirt does", () => {
    const d = withDevices(`<sound model='ich9'><audio id='01'/></sound><audio id='1' type='spice'/>`);
    expect(audioRoute(d, at(d, 'devices/sound'))).toMatchObject({ kind: 'explicit', type: 'spice' });
  });

  // `virsh define` refuses id='0x1' ("Expected non-negative integer value"): base 10, no hex.
  it("does not read an id in hex: <audio id='0x1'/> names no backend", () => {
    const d = withDevices(`<sound model='ich9'><audio id='0x1'/></sound><audio id='1' type='spice'/>`);
    expect(audioRoute(d, at(d, 'devices/sound'))).toEqual({ kind: 'dangling', id: '0x1' });
  });

  it('with no backend at all is the implicit one libvirt adds, typed from the graphics', () => {
    const d = withDevices(`<sound model='ich9'/>${SPICE}`);
    expect(audioRoute(d, at(d, 'devices/sound'))).toEqual({ kind: 'implicit', type: 'spice' });
  });
});

// libvirt 7.2+ (QEMU driver) adds <audio id='1'> when the XML has none; its
// type comes from the <graphics> devices in document order, the last one that
// decides winning (qemu_domain.c, ../shared/knowledge/domain-rules.md §1.2).
describe('implicitAudioType', () => {
  it("is 'none' without graphics (qemu.conf nographics_allow_host_audio is off by default)", () => {
    expect(implicitAudioType(withDevices("<sound model='ich9'/>"))).toBe('none');
  });

  it("is 'spice' with SPICE graphics", () => {
    expect(implicitAudioType(withDevices(SPICE))).toBe('spice');
  });

  it("is 'none' with VNC graphics (vnc_allow_host_audio is off by default)", () => {
    expect(implicitAudioType(withDevices(VNC))).toBe('none');
  });

  it('follows the last deciding <graphics>: SPICE then VNC is none, VNC then SPICE is spice', () => {
    expect(implicitAudioType(withDevices(SPICE + VNC))).toBe('none');
    expect(implicitAudioType(withDevices(VNC + SPICE))).toBe('spice');
  });

  it("is 'unknown' with SDL graphics (the backend comes from the environment)", () => {
    expect(implicitAudioType(withDevices(SDL))).toBe('unknown');
  });

  it('ignores graphics that have no audio (egl-headless)', () => {
    expect(implicitAudioType(withDevices(SPICE + "<graphics type='egl-headless'/>"))).toBe('spice');
  });
});

describe('soundsUsing', () => {
  const d = withDevices(`<sound model='ich9'><audio id='2'/></sound>
    <sound model='ac97'/>
    <sound model='ich6'><audio id='7'/></sound>
    <audio id='1' type='pipewire'/><audio id='2' type='spice'/>`);
  const [first, second] = d.select('devices/audio');

  it('gives each backend the sounds that name it, and the sounds without a reference to the first backend', () => {
    expect(soundsUsing(d, first).map((s) => s.attr('model'))).toEqual(['ac97']);
    expect(soundsUsing(d, second).map((s) => s.attr('model'))).toEqual(['ich9']);
  });

  it('leaves out a sound whose reference dangles', () => {
    const all = [...soundsUsing(d, first), ...soundsUsing(d, second)];
    expect(all.map((s) => s.attr('model'))).not.toContain('ich6');
  });
});

describe('nextAudioId', () => {
  it('is 1 when there is no backend (ids start at 1: libvirt refuses id 0)', () => {
    expect(nextAudioId(withDevices(''))).toBe(1);
  });

  it('is one more than the largest id, whatever the order', () => {
    expect(nextAudioId(withDevices("<audio id='3' type='none'/><audio id='1' type='spice'/>"))).toBe(4);
  });

  it('skips ids that are not numbers', () => {
    expect(nextAudioId(withDevices("<audio id='x' type='none'/><audio id='2' type='spice'/>"))).toBe(3);
  });
});
