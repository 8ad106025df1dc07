/**
 * Which audio backend a `<sound>` device plays through, as libvirt decides it
 * (libvirt 11.3 src/conf/domain_conf.c virDomainDefFindAudioByID,
 * src/qemu/qemu_domain.c qemuDomainDefaultAudioBackend).
 */
import type { XmlElement } from '#engine/tree.js';
import { parseUnsigned } from './platform.js';

export type AudioRoute =
  /** An `<audio>` element in the XML. */
  | { kind: 'explicit'; audio: XmlElement; type: string }
  /** No `<audio>` at all: libvirt (7.2+, QEMU driver) adds one; `type` is what it would pick. */
  | { kind: 'implicit'; type: 'spice' | 'none' | 'unknown' }
  /** `<sound><audio id='N'/>` names no `<audio>` (libvirt: "no audio device with ID N"). */
  | { kind: 'dangling'; id: string };

export function audioBackends(domain: XmlElement): XmlElement[] {
  return domain.select('devices/audio');
}

/**
 * An `<audio id>` (backend or reference) as libvirt reads it: a base-10
 * unsigned number (virXMLPropUInt; `virsh define` takes id='01' as 1 and
 * refuses id='0x1'). Undefined when there is no id or libvirt refuses it.
 */
export function audioId(el: XmlElement): number | undefined {
  return parseUnsigned(el.attr('id'), 10);
}

export function audioRoute(domain: XmlElement, sound: XmlElement): AudioRoute {
  const backends = audioBackends(domain);
  const ref = sound.child('audio');
  const wanted = ref?.attr('id');
  if (ref && wanted !== undefined) {
    const id = audioId(ref);
    const audio = id === undefined ? undefined : backends.find((a) => audioId(a) === id);
    return audio ? { kind: 'explicit', audio, type: audio.attr('type') ?? '' } : { kind: 'dangling', id: wanted };
  }
  if (backends.length) return { kind: 'explicit', audio: backends[0], type: backends[0].attr('type') ?? '' };
  return { kind: 'implicit', type: implicitAudioType(domain) };
}

/**
 * What libvirt adds when there is no `<audio>`: the last `<graphics>` that
 * decides wins; SPICE gives `spice`, VNC gives `none` (unless qemu.conf's
 * vnc_allow_host_audio, which we cannot see), SDL follows the environment.
 */
export function implicitAudioType(domain: XmlElement): 'spice' | 'none' | 'unknown' {
  let type: 'spice' | 'none' | 'unknown' = 'none';
  for (const g of domain.select('devices/graphics')) {
    const t = g.attr('type');
    if (t === 'spice') type = 'spice';
    else if (t === 'vnc') type = 'none';
    else if (t === 'sdl') type = 'unknown';
  }
  return type;
}

/** Sound devices whose route ends at `audio` (explicitly or as the document's first `<audio>`). */
export function soundsUsing(domain: XmlElement, audio: XmlElement): XmlElement[] {
  return domain.select('devices/sound').filter((s) => {
    const r = audioRoute(domain, s);
    return r.kind === 'explicit' && r.audio === audio;
  });
}

/** An audio id not used yet: one more than the largest numeric id. */
export function nextAudioId(domain: XmlElement): number {
  let max = 0;
  for (const a of audioBackends(domain)) {
    const n = audioId(a);
    if (n !== undefined && n > max) max = n;
  }
  return max + 1;
}
